with

source as (

    select * from {{ source('raw', 'sp_success_bands') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(section as varchar) as document_section,
        cast(band_order as integer) as band_order,
        cast(range_text as varchar) as range_text,
        cast(lower_pct as double) as lower_bound_pct,
        cast(upper_pct as double) as upper_bound_pct,
        cast(band_name as varchar) as band_name,
        cast(colour_text as varchar) as colour_text,
        cast(score as integer) as score,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
