with

source as (

    select * from {{ source('raw', 'pp_findings') }}

),

renamed as (

    select {{ staged_columns('pp_findings') }}
    from source

)

select * from renamed
