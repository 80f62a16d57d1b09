with

source as (

    select * from {{ source('raw', 'sp_revenue_forecast') }}

),

renamed as (

    select {{ staged_columns('sp_revenue_forecast') }}
    from source

)

select * from renamed
