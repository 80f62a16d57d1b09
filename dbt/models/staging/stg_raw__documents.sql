with

source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(administration as varchar) as administration,
        cast(document_type as varchar) as document_type,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year,
        cast(fiscal_year as integer) as fiscal_year,
        cast(source_file as varchar) as source_file,
        cast(source_sha256 as varchar) as source_sha256,
        cast(size_bytes as bigint) as size_bytes,
        cast(line_count as bigint) as line_count,
        cast(encoding as varchar) as source_encoding,
        cast(detected_from as varchar) as detected_from
    from source

)

select * from renamed
