with

source as (

    select * from {{ source('raw', 'pp_declared_counts') }}

),

renamed as (

    select {{ staged_columns('pp_declared_counts') }}
    from source

)

select * from renamed
