-- Activities and projects (faaliyet ve projeler) of every document type with their stable ids.
-- Performance programme: activity_code `F<global number of section 2.4>` (e.g. `F14`), target_id =
-- the strategic target its performance target cites; performance_target_id, activity_no (order
-- inside the performance target) and responsible_unit (the cost table's Sorumlu Harcama Birimi,
-- verbatim) are null for strategic plans.
with

sp_activities as (

    select * from {{ ref('stg_raw__sp_activities') }}

),

pp_activities as (

    select * from {{ ref('stg_raw__pp_activities') }}

),

performance_targets as (

    select * from {{ ref('int_performance_targets') }}

),

strategic_plan_activities as (

    select
        {{ make_id('document_id', 'activity_code') }} as activity_id,
        document_id,
        activity_code,
        activity_name,
        {{ make_id('document_id', 'target_code') }} as target_id,
        target_code,
        cast(null as varchar) as performance_target_id,
        cast(null as integer) as activity_no,
        cast(null as integer) as activity_global_no,
        cast(null as varchar) as responsible_unit,
        source_line
    from sp_activities

),

performance_programme_activities as (

    select
        {{ make_id('pp_activities.document_id', "'F' || pp_activities.activity_global_no") }}
            as activity_id,
        pp_activities.document_id,
        'F' || pp_activities.activity_global_no as activity_code,
        pp_activities.activity_name,
        performance_targets.target_id,
        performance_targets.target_code,
        performance_targets.performance_target_id,
        pp_activities.activity_no,
        pp_activities.activity_global_no,
        pp_activities.responsible_unit,
        pp_activities.source_line
    from pp_activities
    left join performance_targets
        on
            pp_activities.document_id = performance_targets.document_id
            and pp_activities.performance_target_no = performance_targets.performance_target_no

),

unioned as (

    select * from strategic_plan_activities
    union all
    select * from performance_programme_activities

)

select * from unioned
