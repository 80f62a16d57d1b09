with

source as (

    select * from {{ source('raw', 'pp_indicators') }}

),

renamed as (

    select {{ staged_columns('pp_indicators') }}
    from source

)

select * from renamed
