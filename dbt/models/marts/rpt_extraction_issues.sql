-- Everything the warehouse could not take from raw/: rows and cells the parsers could not extract,
-- and whole files that were not loaded (rejected_files: empty, binary, not a plan, duplicate).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

extraction_issues as (

    {{ with_page_number(ref('stg_raw__extraction_issues')) }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

rejected_files as (

    select * from {{ ref('stg_raw__rejected_files') }}

),

document_issues as (

    select
        extraction_issues.document_id,
        documents.source_file,
        extraction_issues.source_line,
        extraction_issues.page_number,
        extraction_issues.table_name,
        extraction_issues.severity,
        extraction_issues.message,
        extraction_issues.raw_text
    from extraction_issues
    left join documents
        on extraction_issues.document_id = documents.document_id

),

file_issues as (

    select
        cast(null as varchar) as document_id,
        source_file,
        cast(null as bigint) as source_line,
        cast(null as integer) as page_number,
        'rejected_files' as table_name,
        'error' as severity,
        'file not loaded: ' || reason as message,
        cast(null as varchar) as raw_text
    from rejected_files

),

final as (

    select * from document_issues
    union all
    select * from file_issues

)

select * from final
{{ changed_documents_only() }}
order by source_file, document_id, source_line, table_name, message
