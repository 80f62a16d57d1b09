-- Targets (stratejik hedefler) of every document type with their stable ids.
-- Performance programme: the strategic targets of section 2.2.2, target_code as written (`1.2`);
-- its performance targets (performans hedefleri) are a separate entity, int_performance_targets.
with

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

),

pp_targets as (

    select * from {{ ref('stg_raw__pp_strategic_targets') }}

),

strategic_plan_targets as (

    select
        {{ make_id('document_id', 'target_code') }} as target_id,
        document_id,
        {{ make_id('document_id', 'goal_code') }} as goal_id,
        target_code,
        goal_code,
        target_text,
        responsible_units,
        responsible_units_raw,
        {{ money('cost_estimate_try') }} as cost_estimate_try,
        cost_estimate_raw,
        source_line
    from sp_targets

),

performance_programme_targets as (

    select
        {{ make_id('document_id', 'target_code') }} as target_id,
        document_id,
        {{ make_id('document_id', 'cast(goal_no as varchar)') }} as goal_id,
        target_code,
        cast(goal_no as varchar) as goal_code,
        target_text,
        cast(null as varchar[]) as responsible_units,
        cast(null as varchar) as responsible_units_raw,
        {{ money('null') }} as cost_estimate_try,
        cast(null as varchar) as cost_estimate_raw,
        source_line
    from pp_targets

),

unioned as (

    select * from strategic_plan_targets
    union all
    select * from performance_programme_targets

)

select * from unioned
