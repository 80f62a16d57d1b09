-- Budget amounts at the finest grain each document gives, so that summing amount_try over a
-- document and year never double counts. Strategic plan: the section-7 target rows only
-- (grain `target`); goal, area and total rows are checked in rpt_reconciliation instead.
-- Extension point: the performance programme's rows (grain `activity`, with economic code and
-- funding source) go in `unioned`.
with

cost_distribution as (

    select * from {{ ref('stg_raw__sp_cost_distribution') }}

),

sp_targets as (

    select * from {{ ref('stg_raw__sp_targets') }}

),

strategic_plan_target_rows as (

    select
        cost_distribution.document_id,
        cost_distribution.year,
        'target' as grain,
        {{ make_id(
            'cost_distribution.document_id',
            'coalesce(sp_targets.goal_code, ' ~ parent_code('cost_distribution.plan_code') ~ ')'
        ) }} as goal_id,
        {{ make_id('cost_distribution.document_id', 'cost_distribution.plan_code') }} as target_id,
        cast(null as varchar) as activity_id,
        cast(null as varchar) as economic_code,
        cast(null as varchar) as funding_source,
        cost_distribution.amount_try,
        cost_distribution.amount_raw,
        cost_distribution.source_line
    from cost_distribution
    left join sp_targets
        on
            cost_distribution.document_id = sp_targets.document_id
            and cost_distribution.plan_code = sp_targets.target_code
    where cost_distribution.row_kind = 'target'

),

unioned as (

    select * from strategic_plan_target_rows

)

select * from unioned
