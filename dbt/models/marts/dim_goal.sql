{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

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
{{ changed_documents_only() }}
