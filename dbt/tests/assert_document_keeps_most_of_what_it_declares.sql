-- A document error, not a finding: a document whose tables hold less than half of what the
-- document itself declares lost most of its content (a truncated download or extraction). The
-- refresh sets the document aside (dagster_project/quarantine.py); smaller differences are
-- reconciliation mismatches. What each document type declares:
--   strategic plan         its Bir Bakışta table's goals, targets, activities and indicators
--   performance programme  the narrative's "51 adet Performans Hedefi" / "154 adet Faaliyet" and
--                          the rows section 2.4 lists, vs the tables found; the stated totals of
--                          2.4 and 2.5 vs the budget facts summed
--   financial status report  each TOPLAM row vs the sum of its table's level-1 codes
with

checks as (

    select * from {{ ref('int_reconciliation_checks') }}

),

declared_counts as (

    select * from {{ ref('stg_raw__sp_declared_counts') }}

),

-- A plan's checks have no line (int_reconciliation_checks): its counts are declared on the
-- Bir Bakışta table's plan row, the line a set-aside names.
plan_declarations as (

    select
        document_id,
        min(source_line) as source_line
    from declared_counts
    where count_scope = 'plan'
    group by document_id

),

declared as (

    select * from checks
    where
        (
            subject = 'plan'
            and check_name in (
                'declared_vs_found_goals',
                'declared_vs_found_targets',
                'declared_vs_found_activities',
                'declared_vs_found_indicators'
            )
        )
        or check_name in (
            'declared_count_vs_tables',
            'section_2_4_count_vs_tables',
            'stated_total_vs_facts',
            'fsr_total_equals_sum_of_codes'
        )

)

select
    declared.document_id,
    declared.check_name,
    declared.subject,
    declared.expected,
    declared.actual,
    coalesce(declared.source_line, plan_declarations.source_line) as source_line
from declared
left join plan_declarations
    on
        declared.document_id = plan_declarations.document_id
        and declared.subject = 'plan'
where declared.expected > 0 and coalesce(declared.actual, 0) < declared.expected / 2
