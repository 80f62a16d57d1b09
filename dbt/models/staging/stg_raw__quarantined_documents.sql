with

source as (

    select * from {{ source('raw', 'quarantined_documents') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(stage as varchar) as stage,  -- noqa: RF04
        cast(check_name as varchar) as check_name,
        cast(table_name as varchar) as table_name,
        cast(failing_rows as bigint) as failing_rows,
        cast(source_lines as varchar) as source_lines,
        cast(published_version as varchar) as published_version,
        cast(detail as varchar) as detail
    from source

)

select * from renamed
