with

source as (

    select * from {{ source('raw', 'sp_card_extras') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(target_code as varchar) as target_code,
        cast(field as varchar) as field_label,
        cast(value as varchar) as field_value,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
