-- Document finding: rows the parsers could not extract with severity `error`. Warns, never fails;
-- the rows are in marts.rpt_extraction_issues.
{{ config(severity='warn') }}

with

extraction_issues as (

    select * from {{ ref('rpt_extraction_issues') }}

)

select
    document_id,
    source_line,
    table_name,
    severity,
    message,
    raw_text
from extraction_issues
where severity = 'error'
