with

source as (

    select * from {{ source('raw', 'quarantined_extraction_issues') }}

),

renamed as (

    select {{ staged_columns('quarantined_extraction_issues') }}
    from source

)

select * from renamed
