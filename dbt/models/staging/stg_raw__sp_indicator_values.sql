with

source as (

    select * from {{ source('raw', 'sp_indicator_values') }}

),

renamed as (

    select {{ staged_columns('sp_indicator_values') }}
    from source

)

select * from renamed
