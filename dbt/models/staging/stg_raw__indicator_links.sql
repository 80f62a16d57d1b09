with

source as (

    select * from {{ source('raw', 'indicator_links') }}

),

renamed as (

    select {{ staged_columns('indicator_links') }}
    from source

)

select * from renamed
