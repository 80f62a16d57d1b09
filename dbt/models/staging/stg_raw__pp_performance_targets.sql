with

source as (

    select * from {{ source('raw', 'pp_performance_targets') }}

),

renamed as (

    select {{ staged_columns('pp_performance_targets') }}
    from source

)

select * from renamed
