-- The extraction issues of the documents this refresh set aside (karantinadaki belgelerin
-- ayrıştırma sorunları): what the parsers found in the version that failed its checks. Their rows in
-- rpt_extraction_issues are those of the version published (or none); these say why the new one
-- was set aside, beside its failed checks in rpt_quarantine.
with

issues as (

    select * from {{ ref('stg_raw__quarantined_extraction_issues') }}

),

quarantined as (

    select * from {{ ref('stg_raw__quarantined_documents') }}

),

documents as (

    select
        document_id,
        any_value(source_file) as source_file,
        any_value(published_version) as published_version
    from quarantined
    group by document_id

),

final as (

    select
        issues.document_id,
        documents.source_file,
        documents.published_version,
        issues.source_line,
        issues.table_name,
        issues.severity,
        issues.message,
        issues.raw_text
    from issues
    inner join documents
        on issues.document_id = documents.document_id

)

select * from final
order by document_id, source_line, table_name, message
