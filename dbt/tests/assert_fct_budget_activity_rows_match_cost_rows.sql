-- Warehouse bug if it fails: per activity, the `activity` rows of fct_budget (one per economic code
-- and funding source) add up to the Toplam of its FAALİYET MALİYET TABLOSU economic-code rows
-- (raw.pp_activity_costs), so the unpivot to funding sources neither loses nor duplicates money.
{{ config(meta={'dagster': {'ref': {'name': 'fct_budget'}}}) }}

with

budget as (

    select * from {{ ref('fct_budget') }}
    where grain = 'activity'

),

activity_costs as (

    select * from {{ ref('stg_raw__pp_activity_costs') }}

),

cost_totals as (

    select
        {{ make_id('document_id', "'F' || activity_global_no") }} as activity_id,
        document_id,
        sum(total_try) as cost_rows_try,
        min(source_line) as source_line
    from activity_costs
    group by document_id, activity_global_no

),

fact_totals as (

    select
        activity_id,
        any_value(document_id) as document_id,
        sum(amount_try) as fact_try
    from budget
    group by activity_id

)

select
    coalesce(cost_totals.document_id, fact_totals.document_id) as document_id,
    coalesce(cost_totals.activity_id, fact_totals.activity_id) as activity_id,
    cost_totals.cost_rows_try,
    fact_totals.fact_try,
    cost_totals.source_line
from cost_totals
full outer join fact_totals
    on cost_totals.activity_id = fact_totals.activity_id
where
    abs(coalesce(cost_totals.cost_rows_try, 0) - coalesce(fact_totals.fact_try, 0))
    >= {{ var('float_noise_try') }}
