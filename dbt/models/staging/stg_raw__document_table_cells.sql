with

source as (

    select * from {{ source('raw', 'document_table_cells') }}

),

renamed as (

    select {{ staged_columns('document_table_cells') }}
    from source

)

select * from renamed
