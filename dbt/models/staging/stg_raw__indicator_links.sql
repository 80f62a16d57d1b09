with

source as (

    select * from {{ source('raw', 'indicator_links') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(indicator_code as varchar) as indicator_code,
        cast(source_document_id as varchar) as source_document_id,
        cast(source_indicator_code as varchar) as source_indicator_code,
        cast(match_method as varchar) as match_method,
        cast(match_score as double) as match_score
    from source

)

select * from renamed
