with

source as (

    select * from {{ source('raw', 'sp_targets') }}

),

renamed as (

    select {{ staged_columns('sp_targets') }}
    from source

)

select * from renamed
