-- Performance indicators (performans göstergeleri) of every document type with their stable ids.
-- Performance programme: indicator_code `PH<performance target>.<indicator>` (e.g. `PH6.2`),
-- target_id = the strategic target the performance target cites; performance_target_id and
-- indicator_no are null for strategic plans.
with

sp_indicators as (

    select * from {{ ref('stg_raw__sp_indicators') }}

),

pp_indicators as (

    select * from {{ ref('stg_raw__pp_indicators') }}

),

performance_targets as (

    select * from {{ ref('int_performance_targets') }}

),

-- the one home of the numbering in dbt (dagster_project/parsers/performance_programme's KIND
-- numbers the indicators the same way for the monitoring files, which are read before dbt runs)
numbered_pp_indicators as (

    select
        *,
        'PH' || performance_target_no || '.' || indicator_no as indicator_code
    from pp_indicators

),

strategic_plan_indicators as (

    select
        {{ make_id('document_id', 'indicator_code') }} as indicator_id,
        document_id,
        indicator_code,
        indicator_name,
        unit,
        {{ make_id('document_id', 'target_code') }} as target_id,
        target_code,
        cast(null as varchar) as performance_target_id,
        cast(null as integer) as indicator_no,
        weight_pct,
        monitoring_frequency,
        reporting_frequency,
        baseline_value,
        baseline_raw,
        source_line
    from sp_indicators

),

performance_programme_indicators as (

    select
        {{ make_id('numbered.document_id', 'numbered.indicator_code') }} as indicator_id,
        numbered.document_id,
        numbered.indicator_code,
        numbered.indicator_name,
        numbered.unit,
        performance_targets.target_id,
        performance_targets.target_code,
        performance_targets.performance_target_id,
        numbered.indicator_no,
        cast(null as double) as weight_pct,
        cast(null as varchar) as monitoring_frequency,
        cast(null as varchar) as reporting_frequency,
        cast(null as double) as baseline_value,
        cast(null as varchar) as baseline_raw,
        numbered.source_line
    from numbered_pp_indicators as numbered
    left join performance_targets
        on
            numbered.document_id = performance_targets.document_id
            and numbered.performance_target_no = performance_targets.performance_target_no

),

unioned as (

    select * from strategic_plan_indicators
    union all
    select * from performance_programme_indicators

)

select * from unioned
