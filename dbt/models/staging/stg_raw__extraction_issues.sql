with

source as (

    select * from {{ source('raw', 'extraction_issues') }}

),

renamed as (

    select {{ staged_columns('extraction_issues') }}
    from source

)

select * from renamed
