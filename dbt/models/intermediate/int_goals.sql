-- Goals (stratejik amaçlar) of every document type with their stable ids.
-- Extension point: the performance programme's goals are unioned in `unioned`.
with

sp_goals as (

    select * from {{ ref('stg_raw__sp_goals') }}

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

unioned as (

    select * from strategic_plan_goals

)

select * from unioned
