with

source as (

    select * from {{ source('raw', 'document_pages') }}

),

renamed as (

    select {{ staged_columns('document_pages') }}
    from source

)

select * from renamed
