{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

budget_lines as (

    {{ with_page_number(ref('int_budget_lines')) }}

),

final as (

    select
        document_id,
        year,
        grain,
        goal_id,
        target_id,
        activity_id,
        economic_code,
        funding_source,
        amount_try,
        amount_note,
        source_line,
        page_number
    from budget_lines

)

select * from final
{{ changed_documents_only() }}
