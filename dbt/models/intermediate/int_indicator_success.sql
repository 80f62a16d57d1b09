-- Judged indicators placed in the plan's hierarchy (target -> goal -> service area) with their
-- weight inside their target. Weight: the card's "Hedefe Etkisi (%)" (weight_pct) when every judged
-- indicator of the target has one, else equal weights (warehouse convention; Kocaeli's cards give
-- no weights, so every Kocaeli target uses equal weights).
with

achievement as (

    select * from {{ ref('fct_indicator_achievement') }}

),

indicators as (

    select * from {{ ref('int_indicators') }}

),

targets as (

    select * from {{ ref('int_targets') }}

),

goals as (

    select * from {{ ref('int_goals') }}

),

scheme_maxima as (

    select
        band_scheme,
        max(score) as max_score
    from {{ ref('dim_success_band') }}
    group by band_scheme

),

placed as (

    select
        achievement.*,
        indicators.target_id,
        targets.goal_id,
        goals.service_area,
        indicators.weight_pct,
        scheme_maxima.max_score
    from achievement
    inner join indicators
        on achievement.indicator_id = indicators.indicator_id
    left join targets
        on indicators.target_id = targets.target_id
    left join goals
        on targets.goal_id = goals.goal_id
    left join scheme_maxima
        on achievement.band_scheme = scheme_maxima.band_scheme

),

target_totals as (

    select
        *,
        count(score) over target_year as judged_in_target,
        count(case when score is not null then weight_pct end) over target_year as weighted_in_target,
        sum(case when score is not null then weight_pct end) over target_year as weight_sum_in_target
    from placed
    window target_year as (partition by document_id, year, target_id)

),

final as (

    select
        indicator_id,
        document_id,
        indicator_code,
        year,
        achievement_pct,
        success_band,
        band_order,
        score,
        target_id,
        goal_id,
        service_area,
        weight_pct,
        max_score,
        judged_in_target,
        weighted_in_target,
        weight_sum_in_target,
        case
            when score is null then null
            when weighted_in_target = judged_in_target and weight_sum_in_target > 0
                then weight_pct / weight_sum_in_target
            else 1.0 / judged_in_target
        end as weight_in_target,
        case
            when score is null then null
            when weighted_in_target = judged_in_target and weight_sum_in_target > 0 then 'hedefe_etkisi'
            else 'equal'
        end as weighting
    from target_totals

)

select * from final
