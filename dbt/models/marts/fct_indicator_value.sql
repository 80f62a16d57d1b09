{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

indicator_values as (

    {{ with_page_number(ref('int_indicator_values')) }}

),

final as (

    select
        indicator_id,
        document_id,
        year,
        value_type,
        value,
        value_raw,
        value_note,
        source_line,
        page_number
    from indicator_values

)

select * from final
{{ changed_documents_only() }}
