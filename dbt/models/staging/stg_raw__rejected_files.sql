with

source as (

    select * from {{ source('raw', 'rejected_files') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(reason as varchar) as reason
    from source

)

select * from renamed
