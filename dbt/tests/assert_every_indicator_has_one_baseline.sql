-- Warehouse bug if it fails: every strategic-plan indicator has exactly one baseline row in
-- fct_indicator_value (a `-` baseline is a row with value null, not a missing row). Performance
-- programmes give actual / estimate / target columns and no baseline.
{{ config(meta={'dagster': {'ref': {'name': 'fct_indicator_value'}}}) }}

with

indicators as (

    select * from {{ ref('dim_indicator') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_value') }}

),

baselines as (

    select
        indicator_id,
        count(*) as n_baselines
    from indicator_values
    where value_type = 'baseline'
    group by indicator_id

)

select
    indicators.document_id,
    indicators.indicator_id,
    coalesce(baselines.n_baselines, 0) as n_baselines,
    indicators.source_line
from indicators
inner join documents
    on indicators.document_id = documents.document_id
left join baselines
    on indicators.indicator_id = baselines.indicator_id
where
    documents.document_type = 'strategic_plan'
    and coalesce(baselines.n_baselines, 0) <> 1
