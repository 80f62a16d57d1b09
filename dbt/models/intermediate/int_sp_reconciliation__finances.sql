-- Strategic plan: the financial tables of the situation analysis against themselves and section 7.
--   revenue_forecast_row_sum_vs_row_total        each Gelir Tahmini row's years vs its total
--   revenue_forecast_total_vs_sum_of_sources     TOPLAM row vs the sources, per year and total
--   revenue_forecast_vs_cost_grand_total         forecast TOPLAM vs section 7 Genel Toplam
--   budget_realisation_sum_vs_total              Gerçekleşmeler years vs the Toplam row
with

revenue_forecast as (

    select * from {{ ref('stg_raw__sp_revenue_forecast') }}

),

budget_realisations as (

    select * from {{ ref('stg_raw__sp_budget_realisations') }}

),

cost_distribution as (

    select * from {{ ref('stg_raw__sp_cost_distribution') }}

),

rounding_tolerance as (

    select cast({{ var('reconciliation_rounding_tolerance_try') }} as double) as tolerance

),

forecast_rows as (

    select
        document_id,
        revenue_source,
        any_value(is_total) as is_total,
        any_value(row_total_try) as row_total_try,
        sum(amount_try) as yearly_sum_try
    from revenue_forecast
    group by document_id, revenue_source

),

forecast_row_checks as (

    select
        document_id,
        'revenue_forecast_row_sum_vs_row_total' as check_name,
        revenue_source as subject,
        row_total_try as expected,
        yearly_sum_try as actual
    from forecast_rows

),

forecast_by_period as (

    select
        document_id,
        cast(year as varchar) as period,
        is_total,
        amount_try
    from revenue_forecast
    union all
    select
        document_id,
        'total' as period,
        is_total,
        row_total_try as amount_try
    from forecast_rows

),

forecast_totals as (

    select
        document_id,
        period,
        sum(case when is_total then amount_try end) as total_row_try,
        sum(case when not is_total then amount_try end) as sources_try,
        count(case when is_total then 1 end) as n_total_rows
    from forecast_by_period
    group by document_id, period

),

forecast_total_checks as (

    select
        document_id,
        'revenue_forecast_total_vs_sum_of_sources' as check_name,
        'revenue forecast total / ' || period as subject,
        total_row_try as expected,
        sources_try as actual
    from forecast_totals
    where n_total_rows > 0

),

grand_totals as (

    select
        document_id,
        cast(year as varchar) as period,
        amount_try
    from cost_distribution
    where row_kind = 'grand_total'
    union all
    select distinct
        document_id,
        'total' as period,
        row_total_try as amount_try
    from cost_distribution
    where row_kind = 'grand_total'

),

forecast_vs_cost_checks as (

    select
        coalesce(grand_totals.document_id, forecast_totals.document_id) as document_id,
        'revenue_forecast_vs_cost_grand_total' as check_name,
        'revenue forecast vs grand total / '
        || coalesce(grand_totals.period, forecast_totals.period) as subject,
        grand_totals.amount_try as expected,
        forecast_totals.total_row_try as actual
    from grand_totals
    full outer join forecast_totals
        on
            grand_totals.document_id = forecast_totals.document_id
            and grand_totals.period = forecast_totals.period
    where
        coalesce(grand_totals.document_id, forecast_totals.document_id) in (
            select forecast_rows.document_id from forecast_rows
            intersect
            select cost_distribution.document_id from cost_distribution
            where cost_distribution.row_kind = 'grand_total'
        )

),

realisation_totals as (

    select
        document_id,
        sum(case when is_total then revenue_try end) as total_revenue_try,
        sum(case when not is_total then revenue_try end) as yearly_revenue_try,
        sum(case when is_total then expenditure_try end) as total_expenditure_try,
        sum(case when not is_total then expenditure_try end) as yearly_expenditure_try
    from budget_realisations
    group by document_id
    having count(case when is_total then 1 end) > 0

),

realisation_checks as (

    select
        document_id,
        'budget_realisation_sum_vs_total' as check_name,
        'revenue (gelir)' as subject,
        total_revenue_try as expected,
        yearly_revenue_try as actual
    from realisation_totals
    union all
    select
        document_id,
        'budget_realisation_sum_vs_total' as check_name,
        'expenditure (gider)' as subject,
        total_expenditure_try as expected,
        yearly_expenditure_try as actual
    from realisation_totals

),

finance_checks as (

    select * from forecast_row_checks
    union all
    select * from forecast_total_checks
    union all
    select * from forecast_vs_cost_checks
    union all
    select * from realisation_checks

),

final as (

    select
        finance_checks.document_id,
        finance_checks.check_name,
        finance_checks.subject,
        finance_checks.expected,
        finance_checks.actual,
        rounding_tolerance.tolerance
    from finance_checks
    cross join rounding_tolerance

)

select * from final
