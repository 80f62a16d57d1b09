{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

with

table_cells as (

    {{ with_page_number(ref('stg_raw__document_table_cells')) }}

),

final as (

    select
        document_id,
        table_no,
        table_title,
        row_no,
        column_no,
        header,
        value,
        source_line,
        page_number
    from table_cells

)

select * from final
{{ changed_documents_only() }}
order by document_id, table_no, row_no, column_no
