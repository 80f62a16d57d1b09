with

source as (

    select * from {{ source('raw', 'pp_activities') }}

),

renamed as (

    select {{ staged_columns('pp_activities') }}
    from source

)

select * from renamed
