with

source as (

    select * from {{ source('raw', 'pp_indicator_values') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(indicator_no as integer) as indicator_no,
        cast(year as integer) as year,
        cast(value_type as varchar) as value_type,
        cast(column_header as varchar) as column_header,
        cast(value as double) as value,
        cast(value_raw as varchar) as value_raw,
        cast(value_note as varchar) as value_note,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
