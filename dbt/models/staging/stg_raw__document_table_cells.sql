with

source as (

    select * from {{ source('raw', 'document_table_cells') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(table_no as integer) as table_no,
        cast(table_title as varchar) as table_title,
        cast(row_no as integer) as row_no,
        cast(column_no as integer) as column_no,
        -- `header` is the name analysts were promised, though SQL knows it as a keyword
        cast(header as varchar) as header,  -- noqa: RF04
        cast(value as varchar) as value,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
