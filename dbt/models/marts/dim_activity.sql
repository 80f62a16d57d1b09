with

activities as (

    select * from {{ ref('int_activities') }}

),

final as (

    select
        activity_id,
        document_id,
        activity_code,
        activity_name,
        target_id,
        performance_target_id,
        activity_no,
        responsible_unit,
        source_line
    from activities

)

select * from final
