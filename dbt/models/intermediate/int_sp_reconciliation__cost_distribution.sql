-- Strategic plan: section 7 (tahmini kaynak dağılımı) against itself and against the cards.
--   target_card_cost_vs_section_7          card "Maliyet Tahmini" vs the target row's Toplam Tutar
--   cost_distribution_years_per_target      every target has one amount per plan year
--   row_yearly_sum_vs_row_total             each row's yearly amounts vs its Toplam Tutar
--   goal_vs_sum_of_targets                  per year and total
--   service_area_vs_sum_of_goals            per year and total
--   transformation_area_vs_sum_of_service_areas
--   plan_total_vs_sum_of_transformation_areas
--   plan_total_vs_sum_of_targets            what summing fct_budget gives vs the plan total
--   grand_total_vs_plan_total_and_other_expenses  (plan total + personnel + interest + other)
-- Subjects of per-period checks read `<code or label> / <year|total>`.
with

cost_distribution as (

    select * from {{ ref('int_sp_cost_distribution') }}

),

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

rounding_tolerance as (

    select cast({{ var('reconciliation_rounding_tolerance_try') }} as double) as tolerance

),

table_rows as (

    select
        document_id,
        row_no,
        any_value(row_kind) as row_kind,
        any_value(row_label) as row_label,
        any_value(plan_code) as plan_code,
        any_value(goal_code) as goal_code,
        any_value(service_area_row_no) as service_area_row_no,
        any_value(transformation_area_row_no) as transformation_area_row_no,
        any_value(row_total_try) as row_total_try,
        sum(amount_try) as yearly_sum_try,
        count(distinct year) as n_years
    from cost_distribution
    group by document_id, row_no

),

-- one amount per row and period: each year, and `total` = the row's stated Toplam Tutar
amounts as (

    select
        document_id,
        row_no,
        row_kind,
        coalesce(plan_code, row_label) as row_subject,
        goal_code,
        service_area_row_no,
        transformation_area_row_no,
        cast(year as varchar) as period,
        amount_try
    from cost_distribution
    union all
    select
        document_id,
        row_no,
        row_kind,
        coalesce(plan_code, row_label) as row_subject,
        goal_code,
        service_area_row_no,
        transformation_area_row_no,
        'total' as period,
        row_total_try as amount_try
    from table_rows

),

card_costs as (

    select
        sp_targets.document_id,
        sp_targets.target_code,
        sp_targets.cost_estimate_try
    from sp_targets
    where sp_targets.document_id in (select cost_distribution.document_id from cost_distribution)

),

section_7_targets as (

    select
        document_id,
        plan_code as target_code,
        row_total_try,
        n_years
    from table_rows
    where row_kind = 'target'

),

card_cost_checks as (

    select
        coalesce(section_7_targets.document_id, card_costs.document_id) as document_id,
        'target_card_cost_vs_section_7' as check_name,
        coalesce(section_7_targets.target_code, card_costs.target_code) as subject,
        section_7_targets.row_total_try as expected,
        card_costs.cost_estimate_try as actual
    from section_7_targets
    full outer join card_costs
        on
            section_7_targets.document_id = card_costs.document_id
            and section_7_targets.target_code = card_costs.target_code

),

years_per_target_checks as (

    select
        section_7_targets.document_id,
        'cost_distribution_years_per_target' as check_name,
        section_7_targets.target_code as subject,
        cast(documents.period_end_year - documents.period_start_year + 1 as double) as expected,
        cast(section_7_targets.n_years as double) as actual
    from section_7_targets
    left join documents
        on section_7_targets.document_id = documents.document_id

),

row_sum_checks as (

    select
        document_id,
        'row_yearly_sum_vs_row_total' as check_name,
        coalesce(plan_code, row_label) as subject,
        row_total_try as expected,
        yearly_sum_try as actual
    from table_rows

),

targets_by_goal as (

    select
        document_id,
        goal_code,
        period,
        sum(amount_try) as amount_try
    from amounts
    where row_kind = 'target'
    group by document_id, goal_code, period

),

goal_checks as (

    select
        goals.document_id,
        'goal_vs_sum_of_targets' as check_name,
        goals.row_subject || ' / ' || goals.period as subject,
        goals.amount_try as expected,
        targets_by_goal.amount_try as actual
    from amounts as goals
    left join targets_by_goal
        on
            goals.document_id = targets_by_goal.document_id
            and goals.goal_code = targets_by_goal.goal_code
            and goals.period = targets_by_goal.period
    where goals.row_kind = 'goal'

),

goals_by_service_area as (

    select
        document_id,
        service_area_row_no,
        period,
        sum(amount_try) as amount_try
    from amounts
    where row_kind = 'goal'
    group by document_id, service_area_row_no, period

),

service_area_checks as (

    select
        service_areas.document_id,
        'service_area_vs_sum_of_goals' as check_name,
        service_areas.row_subject || ' / ' || service_areas.period as subject,
        service_areas.amount_try as expected,
        goals_by_service_area.amount_try as actual
    from amounts as service_areas
    left join goals_by_service_area
        on
            service_areas.document_id = goals_by_service_area.document_id
            and service_areas.row_no = goals_by_service_area.service_area_row_no
            and service_areas.period = goals_by_service_area.period
    where service_areas.row_kind = 'service_area'

),

service_areas_by_transformation_area as (

    select
        document_id,
        transformation_area_row_no,
        period,
        sum(amount_try) as amount_try
    from amounts
    where row_kind = 'service_area'
    group by document_id, transformation_area_row_no, period

),

transformation_area_checks as (

    select
        transformation_areas.document_id,
        'transformation_area_vs_sum_of_service_areas' as check_name,
        transformation_areas.row_subject || ' / ' || transformation_areas.period as subject,
        transformation_areas.amount_try as expected,
        service_areas_by_transformation_area.amount_try as actual
    from amounts as transformation_areas
    left join service_areas_by_transformation_area
        on
            transformation_areas.document_id
            = service_areas_by_transformation_area.document_id
            and transformation_areas.row_no
            = service_areas_by_transformation_area.transformation_area_row_no
            and transformation_areas.period = service_areas_by_transformation_area.period
    where transformation_areas.row_kind = 'transformation_area'

),

totals_by_period as (

    select
        document_id,
        period,
        sum(case when row_kind = 'transformation_area' then amount_try end)
            as transformation_areas_try,
        sum(case when row_kind = 'plan_total' then amount_try end) as plan_total_try,
        sum(amount_try) filter (
            where row_kind in (
                'plan_total', 'personnel_expenses', 'interest_expenses', 'other_expenses'
            )
        ) as plan_total_and_other_expenses_try,
        sum(case when row_kind = 'grand_total' then amount_try end) as grand_total_try,
        count(case when row_kind = 'plan_total' then 1 end) as n_plan_total_rows,
        count(case when row_kind = 'grand_total' then 1 end) as n_grand_total_rows
    from amounts
    group by document_id, period

),

plan_total_checks as (

    select
        document_id,
        'plan_total_vs_sum_of_transformation_areas' as check_name,
        'plan total / ' || period as subject,
        plan_total_try as expected,
        transformation_areas_try as actual
    from totals_by_period
    where n_plan_total_rows > 0

),

-- What an analyst gets by summing fct_budget (the target rows' yearly amounts) vs the plan total,
-- per year and over the whole period. The document rounds every row to the lira, so n summed
-- rows may drift by up to n / 2 TL: tolerance (n + 1) x 0.5 TL.
target_sums as (

    select
        document_id,
        cast(year as varchar) as period,
        sum(amount_try) as targets_try,
        count(*) as n_target_rows
    from cost_distribution
    where row_kind = 'target'
    group by document_id, year
    union all
    select
        document_id,
        'total' as period,
        sum(amount_try) as targets_try,
        count(*) as n_target_rows
    from cost_distribution
    where row_kind = 'target'
    group by document_id

),

plan_total_vs_targets_checks as (

    select
        totals_by_period.document_id,
        'plan_total_vs_sum_of_targets' as check_name,
        'plan total / ' || totals_by_period.period as subject,
        totals_by_period.plan_total_try as expected,
        target_sums.targets_try as actual,
        (coalesce(target_sums.n_target_rows, 0) + 1) * 0.5 as tolerance
    from totals_by_period
    left join target_sums
        on
            totals_by_period.document_id = target_sums.document_id
            and totals_by_period.period = target_sums.period
    where totals_by_period.n_plan_total_rows > 0

),

grand_total_checks as (

    select
        document_id,
        'grand_total_vs_plan_total_and_other_expenses' as check_name,
        'grand total / ' || period as subject,
        grand_total_try as expected,
        plan_total_and_other_expenses_try as actual
    from totals_by_period
    where n_grand_total_rows > 0

),

amount_checks as (

    select * from card_cost_checks
    union all
    select * from row_sum_checks
    union all
    select * from goal_checks
    union all
    select * from service_area_checks
    union all
    select * from transformation_area_checks
    union all
    select * from plan_total_checks
    union all
    select * from grand_total_checks

),

final as (

    select
        amount_checks.document_id,
        amount_checks.check_name,
        amount_checks.subject,
        amount_checks.expected,
        amount_checks.actual,
        rounding_tolerance.tolerance
    from amount_checks
    cross join rounding_tolerance
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        cast(0 as double) as tolerance
    from years_per_target_checks
    union all
    select
        document_id,
        check_name,
        subject,
        expected,
        actual,
        cast(tolerance as double) as tolerance
    from plan_total_vs_targets_checks

)

select * from final
