with

source as (

    select * from {{ source('raw', 'pp_strategic_targets') }}

),

renamed as (

    select {{ staged_columns('pp_strategic_targets') }}
    from source

)

select * from renamed
