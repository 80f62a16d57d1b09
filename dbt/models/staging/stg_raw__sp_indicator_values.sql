with

source as (

    select * from {{ source('raw', 'sp_indicator_values') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(indicator_code as varchar) as indicator_code,
        cast(target_code as varchar) as target_code,
        cast(value_type as varchar) as value_type,
        cast(year as integer) as year,
        cast(value as double) as value,
        cast(value_raw as varchar) as value_raw,
        cast(column_header as varchar) as column_header,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
