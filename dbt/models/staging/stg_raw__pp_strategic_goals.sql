with

source as (

    select * from {{ source('raw', 'pp_strategic_goals') }}

),

renamed as (

    select {{ staged_columns('pp_strategic_goals') }}
    from source

)

select * from renamed
