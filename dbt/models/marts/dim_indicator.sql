{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

indicators as (

    {{ with_page_number(ref('int_indicators')) }}

),

final as (

    select
        indicator_id,
        document_id,
        indicator_code,
        indicator_name,
        unit,
        target_id,
        performance_target_id,
        indicator_no,
        weight_pct,
        monitoring_frequency,
        reporting_frequency,
        source_line,
        page_number
    from indicators

)

select * from final
{{ changed_documents_only() }}
