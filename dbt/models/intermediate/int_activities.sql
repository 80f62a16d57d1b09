-- Activities and projects (faaliyet ve projeler) of every document type with their stable ids.
-- Extension point: the performance programme's activities go in `unioned`.
with

sp_activities as (

    select * from {{ ref('stg_raw__sp_activities') }}

),

strategic_plan_activities as (

    select
        {{ make_id('document_id', 'activity_code') }} as activity_id,
        document_id,
        activity_code,
        activity_name,
        {{ make_id('document_id', 'target_code') }} as target_id,
        target_code,
        source_line
    from sp_activities

),

unioned as (

    select * from strategic_plan_activities

)

select * from unioned
