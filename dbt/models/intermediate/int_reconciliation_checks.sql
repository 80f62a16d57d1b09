-- Every reconciliation check of every document, before the status is assigned.
-- Extension point: the performance programme's check models are unioned here.
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

unioned as (

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

)

select * from unioned
