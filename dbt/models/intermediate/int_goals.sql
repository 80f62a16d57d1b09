-- Goals (stratejik amaçlar) of every document type with their stable ids.
-- Performance programme: the goals of section 2.2.2 with goal_code = the goal's number as
-- written (`STRATEJİK AMAÇ 1` -> `1`) and the service area heading above each goal, verbatim.
with

sp_goals as (

    select * from {{ ref('stg_raw__sp_goals') }}

),

pp_goals as (

    select * from {{ ref('stg_raw__pp_strategic_goals') }}

),

strategic_plan_goals as (

    select
        {{ make_id('document_id', 'goal_code') }} as goal_id,
        document_id,
        goal_code,
        goal_text,
        service_area,
        transformation_area,
        source_line
    from sp_goals

),

performance_programme_goals as (

    select
        {{ make_id('document_id', 'cast(goal_no as varchar)') }} as goal_id,
        document_id,
        cast(goal_no as varchar) as goal_code,
        goal_text,
        service_area,
        cast(null as varchar) as transformation_area,
        source_line
    from pp_goals

),

unioned as (

    select * from strategic_plan_goals
    union all
    select * from performance_programme_goals

)

select * from unioned
