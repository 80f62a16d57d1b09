-- Success per strategic goal (amaç başarı düzeyi), per document and year. Counts, average score and
-- band distribution over the goal's indicators; success_level_pct = the mean of its judged targets'
-- success levels, each target counting once (warehouse convention: the document does not say how
-- target levels roll up to a goal).
{{ config(materialized='incremental', incremental_strategy='by_document', on_schema_change='fail') }}

{{ success_rollup('agg_success_by_target', 'target_id', 'goal_id', 'targets') }}
