-- Every reconciliation check of every document, before the status is assigned.
-- comparison: `number` (expected vs actual within tolerance), `text` (expected_text vs
-- actual_text, equal or not) or `finding` (a contradiction the parser found: always a mismatch).
-- The strategic plan's and the financial status report's checks are all numbers; the text
-- columns are null for them.
with

sp_declared_counts as (

    select * from {{ ref('int_sp_reconciliation__declared_counts') }}

),

sp_cost_distribution as (

    select * from {{ ref('int_sp_reconciliation__cost_distribution') }}

),

sp_finances as (

    select * from {{ ref('int_sp_reconciliation__finances') }}

),

sp_success_bands as (

    select * from {{ ref('int_sp_reconciliation__success_bands') }}

),

pp_activities as (

    select * from {{ ref('int_pp_reconciliation__activities') }}

),

pp_performance_targets as (

    select * from {{ ref('int_pp_reconciliation__performance_targets') }}

),

pp_totals as (

    select * from {{ ref('int_pp_reconciliation__totals') }}

),

pp_findings as (

    select * from {{ ref('int_pp_reconciliation__findings') }}

),

fsr_totals as (

    select * from {{ ref('int_fsr_reconciliation__totals') }}

),

fsr_rates as (

    select * from {{ ref('int_fsr_reconciliation__rates') }}

),

fsr_repeated_figures as (

    select * from {{ ref('int_fsr_reconciliation__repeated_figures') }}

),

financial_status_report_checks as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        source_line
    from fsr_totals
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        source_line
    from fsr_rates
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        source_line
    from fsr_repeated_figures

),

strategic_plan_checks as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance
    from sp_declared_counts
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance
    from sp_cost_distribution
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance
    from sp_finances
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance
    from sp_success_bands

),

unioned as (

    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        'number' as comparison,
        cast(null as varchar) as expected_text,
        cast(null as varchar) as actual_text,
        cast(null as varchar) as detail,
        cast(null as bigint) as source_line
    from strategic_plan_checks
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        'number' as comparison,
        cast(null as varchar) as expected_text,
        cast(null as varchar) as actual_text,
        cast(null as varchar) as detail,
        source_line
    from financial_status_report_checks
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        comparison,
        expected_text,
        actual_text,
        detail,
        source_line
    from pp_activities
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        comparison,
        expected_text,
        actual_text,
        detail,
        source_line
    from pp_performance_targets
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        comparison,
        expected_text,
        actual_text,
        detail,
        source_line
    from pp_totals
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        tolerance,
        comparison,
        expected_text,
        actual_text,
        detail,
        source_line
    from pp_findings

)

select * from unioned
