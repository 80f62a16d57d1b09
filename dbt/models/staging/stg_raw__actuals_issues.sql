with

source as (

    select * from {{ source('raw', 'actuals_issues') }}

),

renamed as (

    select
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(document_id as varchar) as document_id,
        cast(indicator_code as varchar) as indicator_code,
        cast(severity as varchar) as severity,
        cast(issue_type as varchar) as issue_type,
        cast(message as varchar) as message,
        cast(raw_text as varchar) as raw_text
    from source

)

select * from renamed
