with

goals as (

    select * from {{ ref('int_goals') }}

),

final as (

    select
        goal_id,
        document_id,
        goal_code,
        goal_text,
        service_area,
        transformation_area
    from goals

)

select * from final
