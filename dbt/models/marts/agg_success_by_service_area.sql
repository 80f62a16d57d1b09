-- Success per service area (hizmet alanı başarı düzeyi), per document and year: counts, average
-- score and band distribution over the area's indicators; success_level_pct = the mean of its
-- judged goals' success levels, each goal counting once (warehouse convention, as for goals).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

indicator_success as (

    select * from {{ ref('int_indicator_success') }}
    {{ changed_documents_only() }}

),

goal_success as (

    select * from {{ ref('agg_success_by_goal') }}
    {{ changed_documents_only() }}

),

goal_areas as (

    select distinct
        goal_id,
        service_area
    from indicator_success

),

summary as (

    {{ success_band_summary('indicator_success', ['service_area']) }}

),

levels as (

    select
        goal_areas.service_area,
        goal_success.document_id,
        goal_success.year,
        count(*) as goals_total,
        count(goal_success.success_level_pct) as goals_judged,
        avg(goal_success.success_level_pct) as success_level_pct
    from goal_success
    inner join goal_areas
        on goal_success.goal_id is not distinct from goal_areas.goal_id
    group by goal_areas.service_area, goal_success.document_id, goal_success.year

),

final as (

    select
        summary.document_id,
        summary.year,
        summary.service_area,
        summary.indicators_total,
        summary.indicators_judged,
        levels.goals_total,
        levels.goals_judged,
        summary.average_score,
        summary.band_distribution,
        levels.success_level_pct
    from summary
    left join levels
        on
            summary.document_id = levels.document_id
            and summary.year = levels.year
            and summary.service_area is not distinct from levels.service_area

)

select * from final
{{ changed_documents_only() }}
