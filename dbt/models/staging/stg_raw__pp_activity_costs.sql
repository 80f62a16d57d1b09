with

source as (

    select * from {{ source('raw', 'pp_activity_costs') }}

),

renamed as (

    select {{ staged_columns('pp_activity_costs') }}
    from source

)

select * from renamed
