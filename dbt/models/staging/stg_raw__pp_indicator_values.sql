with

source as (

    select * from {{ source('raw', 'pp_indicator_values') }}

),

renamed as (

    select {{ staged_columns('pp_indicator_values') }}
    from source

)

select * from renamed
