-- Success per service area (hizmet alanı başarı düzeyi), per document and year: counts, average
-- score and band distribution over the area's indicators; success_level_pct = the mean of its
-- judged goals' success levels, each goal counting once (warehouse convention, as for goals).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

{{ success_rollup('agg_success_by_goal', 'goal_id', 'service_area', 'goals') }}
