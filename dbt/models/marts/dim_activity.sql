{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

activities as (

    {{ with_page_number(ref('int_activities')) }}

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
        source_line,
        page_number
    from activities

)

select * from final
{{ changed_documents_only() }}
