with

source as (

    select * from {{ source('raw', 'quarantined_extraction_issues') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_line as bigint) as source_line,
        cast(table_name as varchar) as table_name,
        cast(severity as varchar) as severity,
        cast(message as varchar) as message,
        cast(raw_text as varchar) as raw_text
    from source

)

select * from renamed
