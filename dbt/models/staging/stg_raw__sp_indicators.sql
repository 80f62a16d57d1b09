with

source as (

    select * from {{ source('raw', 'sp_indicators') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(indicator_code as varchar) as indicator_code,
        cast(indicator_name as varchar) as indicator_name,
        cast(unit as varchar) as unit,
        cast(target_code as varchar) as target_code,
        cast(weight_pct as double) as weight_pct,
        cast(weight_raw as varchar) as weight_raw,
        cast(monitoring_frequency as varchar) as monitoring_frequency,
        cast(reporting_frequency as varchar) as reporting_frequency,
        cast(baseline_value as double) as baseline_value,
        cast(baseline_raw as varchar) as baseline_raw,
        cast(source_line as bigint) as source_line
    from source

)

select * from renamed
