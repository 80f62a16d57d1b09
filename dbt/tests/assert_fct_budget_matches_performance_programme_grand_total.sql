-- Warehouse bug if it fails: summing fct_budget over a performance programme and its fiscal year
-- must give the document's stated grand total (section 2.5 `Toplam Kaynak İhtiyacı`, Kayseri 2024:
-- 11.500.000.000,00 = activities 8.022.000.000,00 + general administration 3.478.000.000,00 +
-- transfers 0,00), to the kuruş: no cell lost, none counted twice. A document whose own parts do
-- not add up also fails here; rpt_reconciliation (stated_total_vs_facts) shows which part.
{{ config(meta={'dagster': {'ref': {'name': 'fct_budget'}}}) }}

with

budget as (

    select * from {{ ref('fct_budget') }}

),

resource_needs as (

    select * from {{ ref('stg_raw__pp_resource_needs') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

stated_grand_totals as (

    select
        document_id,
        total_try as stated_total_try,
        source_line
    from resource_needs
    where row_kind = 'grand_total'

),

fact_totals as (

    select
        budget.document_id,
        sum(budget.amount_try) as fact_total_try
    from budget
    inner join documents
        on
            budget.document_id = documents.document_id
            and budget.year = documents.fiscal_year
    group by budget.document_id

)

select
    stated_grand_totals.document_id,
    stated_grand_totals.stated_total_try,
    fact_totals.fact_total_try,
    stated_grand_totals.source_line
from stated_grand_totals
left join fact_totals
    on stated_grand_totals.document_id = fact_totals.document_id
where
    fact_totals.fact_total_try is null
    or stated_grand_totals.stated_total_try is null
    or abs(fact_totals.fact_total_try - stated_grand_totals.stated_total_try) >= {{ var('float_noise_try') }}
