with

source as (

    select * from {{ source('raw', 'sp_cost_distribution') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(row_no as integer) as row_no,
        cast(row_kind as varchar) as row_kind,
        cast(row_label as varchar) as row_label,
        cast(code as varchar) as plan_code,
        cast(transformation_area as varchar) as transformation_area,
        cast(service_area as varchar) as service_area,
        cast(year as integer) as year,
        cast(amount_try as double) as amount_try,
        cast(amount_raw as varchar) as amount_raw,
        cast(row_total_try as double) as row_total_try,
        cast(row_total_raw as varchar) as row_total_raw,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
