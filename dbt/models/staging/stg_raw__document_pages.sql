with

source as (

    select * from {{ source('raw', 'document_pages') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(page_number as integer) as page_number,
        cast(first_line as bigint) as first_line,
        cast(last_line as bigint) as last_line
    from source

)

select * from renamed
