with

source as (

    select * from {{ source('raw', 'sp_indicators') }}

),

renamed as (

    select {{ staged_columns('sp_indicators') }}
    from source

)

select * from renamed
