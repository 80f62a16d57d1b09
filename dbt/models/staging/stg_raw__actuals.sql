with

source as (

    select * from {{ source('raw', 'actuals') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(indicator_code as varchar) as indicator_code,
        cast(year as integer) as year,
        cast(period as varchar) as period,
        cast(actual_value as double) as actual_value,
        cast(actual_raw as varchar) as actual_raw,
        cast(note as varchar) as note,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row
    from source

)

select * from renamed
