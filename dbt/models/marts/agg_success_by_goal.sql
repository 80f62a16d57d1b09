-- Success per strategic goal (amaç başarı düzeyi), per document and year. Counts, average score and
-- band distribution over the goal's indicators; success_level_pct = the mean of its judged targets'
-- success levels, each target counting once (warehouse convention: the document does not say how
-- target levels roll up to a goal).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

indicator_success as (

    select * from {{ ref('int_indicator_success') }}
    {{ changed_documents_only() }}

),

target_success as (

    select * from {{ ref('agg_success_by_target') }}
    {{ changed_documents_only() }}

),

target_goals as (

    select distinct
        target_id,
        goal_id
    from indicator_success

),

summary as (

    {{ success_band_summary('indicator_success', ['goal_id']) }}

),

levels as (

    select
        target_goals.goal_id,
        target_success.document_id,
        target_success.year,
        count(*) as targets_total,
        count(target_success.success_level_pct) as targets_judged,
        avg(target_success.success_level_pct) as success_level_pct
    from target_success
    inner join target_goals
        on target_success.target_id is not distinct from target_goals.target_id
    group by target_goals.goal_id, target_success.document_id, target_success.year

),

final as (

    select
        summary.document_id,
        summary.year,
        summary.goal_id,
        summary.indicators_total,
        summary.indicators_judged,
        levels.targets_total,
        levels.targets_judged,
        summary.average_score,
        summary.band_distribution,
        levels.success_level_pct
    from summary
    left join levels
        on
            summary.document_id = levels.document_id
            and summary.year = levels.year
            and summary.goal_id is not distinct from levels.goal_id

)

select * from final
{{ changed_documents_only() }}
