with

source as (

    select * from {{ source('raw', 'pp_resource_needs') }}

),

renamed as (

    select {{ staged_columns('pp_resource_needs') }}
    from source

)

select * from renamed
