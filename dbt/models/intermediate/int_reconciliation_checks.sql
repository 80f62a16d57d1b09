-- Every reconciliation check of every document, before the status is assigned.
-- comparison: `number` (expected vs actual within tolerance), `text` (expected_text vs
-- actual_text, equal or not) or `finding` (a contradiction the parser found: always a mismatch).
-- The strategic plan's and the financial status report's checks are all numbers; the text
-- columns are null for them, and the plan's have no line. Every model gives the six
-- `check_columns`; a new reconciliation model is one more name in its document type's list below.
{% set check_columns = ['document_id', 'check_name', 'subject', 'expected', 'actual', 'tolerance'] %}
{% set strategic_plan_checks = [
    'int_sp_reconciliation__declared_counts',
    'int_sp_reconciliation__cost_distribution',
    'int_sp_reconciliation__finances',
    'int_sp_reconciliation__success_bands',
] %}
{% set financial_status_report_checks = [
    'int_fsr_reconciliation__totals',
    'int_fsr_reconciliation__rates',
    'int_fsr_reconciliation__repeated_figures',
] %}
{% set performance_programme_checks = [
    'int_pp_reconciliation__activities',
    'int_pp_reconciliation__performance_targets',
    'int_pp_reconciliation__totals',
    'int_pp_reconciliation__row_identities',
    'int_pp_reconciliation__findings',
] %}

with

unioned as (

    {% for model in strategic_plan_checks + financial_status_report_checks + performance_programme_checks %}
        select
            {{ check_columns | join(',\n') }},
            {% if model in performance_programme_checks %}
                comparison,
                expected_text,
                actual_text,
                detail,
            {% else %}
                'number' as comparison,
                cast(null as varchar) as expected_text,
                cast(null as varchar) as actual_text,
                cast(null as varchar) as detail,
            {% endif %}
            {% if model in strategic_plan_checks %}
                cast(null as bigint) as source_line
            {% else %}
                source_line
            {% endif %}
        from {{ ref(model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unioned
