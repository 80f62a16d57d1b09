with

source as (

    select * from {{ source('raw', 'sp_success_bands') }}

),

renamed as (

    select {{ staged_columns('sp_success_bands') }}
    from source

)

select * from renamed
