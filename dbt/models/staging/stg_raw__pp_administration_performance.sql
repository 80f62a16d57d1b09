with

source as (

    select * from {{ source('raw', 'pp_administration_performance') }}

),

renamed as (

    select {{ staged_columns('pp_administration_performance') }}
    from source

)

select * from renamed
