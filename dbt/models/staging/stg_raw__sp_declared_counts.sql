with

source as (

    select * from {{ source('raw', 'sp_declared_counts') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(scope as varchar) as count_scope,
        cast(goal_code as varchar) as goal_code,
        cast(transformation_area as varchar) as transformation_area,
        cast(service_area as varchar) as service_area,
        cast(item as varchar) as counted_item,
        cast(declared_count as bigint) as declared_count,
        cast(raw_text as varchar) as raw_text,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
