with

source as (

    select * from {{ source('raw', 'pp_declared_counts') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(item as varchar) as item,
        cast(declared_count as integer) as declared_count,
        cast(raw_text as varchar) as raw_text,
        cast(line_position as integer) as line_position,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
