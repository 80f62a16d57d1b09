-- Warehouse bug if it fails: the baseline on the indicator row (raw.sp_indicators) and the
-- baseline value row (raw.sp_indicator_values) must carry the same cell text and value.
{{ config(meta={'dagster': {'ref': {'name': 'fct_indicator_value'}}}) }}

with

indicators as (

    select * from {{ ref('int_indicators') }}

),

indicator_values as (

    select * from {{ ref('int_indicator_values') }}

),

baselines as (

    select * from indicator_values
    where value_type = 'baseline'

)

select
    indicators.document_id,
    indicators.indicator_id,
    indicators.baseline_raw as card_baseline_raw,
    baselines.value_raw as value_row_raw,
    indicators.baseline_value as card_baseline_value,
    baselines.value as value_row_value,
    indicators.source_line
from indicators
inner join baselines
    on indicators.indicator_id = baselines.indicator_id
where
    indicators.baseline_raw is distinct from baselines.value_raw
    or indicators.baseline_value is distinct from baselines.value
