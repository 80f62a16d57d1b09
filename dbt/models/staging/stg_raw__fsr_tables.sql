with

source as (

    select * from {{ source('raw', 'fsr_tables') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(table_no as integer) as table_no,
        cast(kind as varchar) as table_kind,
        cast(side as varchar) as side,
        cast(title as varchar) as table_title,
        cast(column_labels as varchar) as column_labels,
        cast(value_columns as integer) as value_columns,
        cast(row_count as integer) as row_count,
        cast(footnotes as varchar) as footnotes,
        cast(total_excludes_marked as boolean) as total_excludes_marked,
        cast(page as integer) as page,
        cast(last_page as integer) as last_page,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
