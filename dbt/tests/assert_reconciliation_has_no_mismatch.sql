-- Document finding, not a warehouse bug: lists the documents' real inconsistencies (status
-- `mismatch`, e.g. KE.1 declares 49 activities while its cards hold 48). Warns, never fails.
{{ config(severity='warn') }}

with

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}

)

select
    document_id,
    check_name,
    subject,
    expected,
    actual,
    difference,
    status
from reconciliation
where status = 'mismatch'
