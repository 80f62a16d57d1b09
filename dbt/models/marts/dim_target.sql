{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

targets as (

    select * from {{ ref('int_targets') }}

),

final as (

    select
        target_id,
        document_id,
        goal_id,
        target_code,
        target_text,
        responsible_units,
        cost_estimate_try
    from targets

)

select * from final
{{ changed_documents_only() }}
