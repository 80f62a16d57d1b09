with

source as (

    select * from {{ source('raw', 'sp_revenue_forecast') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_name as varchar) as revenue_source,
        cast(is_total as boolean) as is_total,
        cast(year as integer) as year,
        cast(amount_try as double) as amount_try,
        cast(amount_raw as varchar) as amount_raw,
        cast(row_total_try as double) as row_total_try,
        cast(row_total_raw as varchar) as row_total_raw,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
