-- Targets (stratejik hedefler) of every document type with their stable ids.
-- Extension point: the performance programme's targets (performans hedefleri) go in `unioned`.
with

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

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
        cost_estimate_try,
        cost_estimate_raw,
        source_line
    from sp_targets

),

unioned as (

    select * from strategic_plan_targets

)

select * from unioned
