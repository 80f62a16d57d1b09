with

source as (

    select * from {{ source('raw', 'pp_indicators') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(performance_target_no as integer) as performance_target_no,
        cast(indicator_no as integer) as indicator_no,
        cast(indicator_name as varchar) as indicator_name,
        cast(unit as varchar) as unit,
        cast(explanation as varchar) as explanation,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
