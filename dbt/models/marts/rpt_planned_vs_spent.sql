-- Planned vs spent (planlanan / harcanan) per administration, year and expenditure economic code
-- (level 1): the performance programme's planned total (agg_budget_by_economic_code, Toplam
-- Kaynak İhtiyacı) beside the financial status report's initial appropriation, January–June
-- actual, July–December forecast and the rates computed from them. `sides` says which documents
-- exist: `both`, `programme_only`, `report_only`. One row per programme × report of the same
-- administration and year: two programmes of one year (a revised one, or a copy loaded under
-- another id through raw/documents.csv) each get their rows, never a sum of both. A report's
-- figure printed differently in two tables is null here (fct_budget_execution.value_status =
-- `conflicting`).
with

budget_by_code as (

    select * from {{ ref('agg_budget_by_economic_code') }}

),

execution as (

    select * from {{ ref('fct_budget_execution') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

economic_codes as (

    select * from {{ ref('dim_economic_code') }}

),

planned as (

    select
        documents.administration,
        budget_by_code.year,
        budget_by_code.economic_code,
        budget_by_code.document_id as programme_document_id,
        budget_by_code.total_try as planned_try
    from budget_by_code
    inner join documents
        on budget_by_code.document_id = documents.document_id
    where
        documents.document_type = 'performance_programme'
        and budget_by_code.year = documents.fiscal_year

),

reported as (

    select
        administration,
        report_year as year,
        economic_code,
        document_id as report_document_id,
        max(value) filter (where measure = 'initial_appropriation' and period = 'year')
            as initial_appropriation_try,
        max(value) filter (where measure = 'final_appropriation' and period = 'year')
            as final_appropriation_try,
        max(value) filter (where measure = 'actual' and period = 'h1') as actual_h1_try,
        max(value) filter (where measure = 'forecast' and period = 'h2') as forecast_h2_try
    from execution
    where side = 'expenditure' and code_level = 1 and year = report_year
    group by administration, report_year, economic_code, document_id

),

joined as (

    select
        coalesce(planned.administration, reported.administration) as administration,
        coalesce(planned.year, reported.year) as year,
        coalesce(planned.economic_code, reported.economic_code) as economic_code,
        planned.programme_document_id,
        reported.report_document_id,
        planned.planned_try,
        reported.initial_appropriation_try,
        reported.final_appropriation_try,
        reported.actual_h1_try,
        reported.forecast_h2_try,
        case
            when planned.programme_document_id is not null and reported.report_document_id is not null
                then 'both'
            when planned.programme_document_id is not null then 'programme_only'
            else 'report_only'
        end as sides
    from planned
    full outer join reported
        on
            planned.administration = reported.administration
            and planned.year = reported.year
            and planned.economic_code = reported.economic_code

),

final as (

    select
        joined.administration,
        joined.year,
        joined.economic_code,
        economic_codes.name_tr as economic_code_name,
        joined.sides,
        joined.programme_document_id,
        joined.report_document_id,
        joined.planned_try,
        joined.initial_appropriation_try,
        joined.final_appropriation_try,
        joined.actual_h1_try,
        joined.forecast_h2_try,
        {{ money('joined.actual_h1_try + joined.forecast_h2_try') }} as expected_year_end_try,
        {{ money('joined.initial_appropriation_try - joined.planned_try') }}
            as appropriation_minus_planned_try,
        100 * joined.actual_h1_try / nullif(joined.initial_appropriation_try, 0) as execution_rate_h1_pct,
        100 * (joined.actual_h1_try + joined.forecast_h2_try) / nullif(joined.initial_appropriation_try, 0)
            as expected_execution_rate_pct,
        100 * joined.actual_h1_try / nullif(joined.planned_try, 0) as h1_share_of_planned_pct
    from joined
    left join economic_codes
        on joined.economic_code = economic_codes.economic_code

)

select * from final
order by administration, year, economic_code
