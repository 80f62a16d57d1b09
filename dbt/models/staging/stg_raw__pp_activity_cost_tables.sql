with

source as (

    select * from {{ source('raw', 'pp_activity_cost_tables') }}

),

renamed as (

    select {{ staged_columns('pp_activity_cost_tables') }}
    from source

)

select * from renamed
