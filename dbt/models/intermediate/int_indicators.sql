-- Performance indicators (performans göstergeleri) of every document type with their stable ids.
-- Extension point: the performance programme's indicators go in `unioned`.
with

sp_indicators as (

    select * from {{ ref('stg_raw__sp_indicators') }}

),

strategic_plan_indicators as (

    select
        {{ make_id('document_id', 'indicator_code') }} as indicator_id,
        document_id,
        indicator_code,
        indicator_name,
        unit,
        {{ make_id('document_id', 'target_code') }} as target_id,
        target_code,
        weight_pct,
        monitoring_frequency,
        reporting_frequency,
        baseline_value,
        baseline_raw,
        source_line
    from sp_indicators

),

unioned as (

    select * from strategic_plan_indicators

)

select * from unioned
