with

source as (

    select * from {{ source('raw', 'fsr_values') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(table_no as integer) as table_no,
        cast(side as varchar) as side,
        cast(row_no as integer) as row_no,
        cast(economic_code as varchar) as economic_code,
        cast(row_label as varchar) as row_label,
        cast(is_total as boolean) as is_total,
        cast(is_marked as boolean) as is_marked,
        cast(column_no as integer) as column_no,
        cast(column_label as varchar) as column_label,
        cast(measure as varchar) as measure,
        cast(period as varchar) as period,
        cast(year as integer) as year,
        cast(unit as varchar) as unit,
        cast(value as double) as value,
        cast(raw_value as varchar) as raw_value,
        cast(page as integer) as page,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
