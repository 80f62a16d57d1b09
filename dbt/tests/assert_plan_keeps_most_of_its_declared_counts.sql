-- A document error, not a finding: a strategic plan whose cards hold less than half of the goals,
-- targets, activities or indicators its own Bir Bakışta table declares lost most of its content
-- (a truncated download or extraction). The refresh sets the document aside
-- (dagster_project/quarantine.py); smaller differences are reconciliation mismatches.

with

declared_counts as (

    select * from {{ ref('int_sp_reconciliation__declared_counts') }}

)

select
    document_id,
    check_name,
    expected,
    actual
from declared_counts
where
    subject = 'plan'
    and check_name in (
        'declared_vs_found_goals',
        'declared_vs_found_targets',
        'declared_vs_found_activities',
        'declared_vs_found_indicators'
    )
    and actual < expected / 2
