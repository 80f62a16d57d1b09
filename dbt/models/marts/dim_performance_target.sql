{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

performance_targets as (

    {{ with_page_number(ref('int_performance_targets')) }}

),

final as (

    select
        performance_target_id,
        document_id,
        performance_target_no,
        performance_target_text,
        goal_id,
        target_id,
        cited_target_text,
        cited_target_text_matches_target_id,
        service_area,
        source_line,
        page_number
    from performance_targets

)

select * from final
{{ changed_documents_only() }}
