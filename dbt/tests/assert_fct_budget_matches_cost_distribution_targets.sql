-- Warehouse bug if it fails: per document and year, fct_budget's strategic-plan total must equal
-- the sum of the section-7 target rows (no row lost, none duplicated, no coarser row added).
{{ config(meta={'dagster': {'ref': {'name': 'fct_budget'}}}) }}

with

budget as (

    select * from {{ ref('fct_budget') }}

),

cost_distribution as (

    select * from {{ ref('stg_raw__sp_cost_distribution') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

budget_totals as (

    select
        budget.document_id,
        budget.year,
        sum(budget.amount_try) as amount_try,
        count(*) as n_rows
    from budget
    inner join documents
        on budget.document_id = documents.document_id
    where documents.document_type = 'strategic_plan'
    group by budget.document_id, budget.year

),

section_7_totals as (

    select
        document_id,
        year,
        sum(amount_try) as amount_try,
        count(*) as n_rows,
        min(source_line) as source_line
    from cost_distribution
    where row_kind = 'target'
    group by document_id, year

)

select
    coalesce(budget_totals.document_id, section_7_totals.document_id) as document_id,
    coalesce(budget_totals.year, section_7_totals.year) as year,
    budget_totals.amount_try as budget_amount_try,
    section_7_totals.amount_try as section_7_amount_try,
    budget_totals.n_rows as budget_rows,
    section_7_totals.n_rows as section_7_rows,
    section_7_totals.source_line
from budget_totals
full outer join section_7_totals
    on
        budget_totals.document_id = section_7_totals.document_id
        and budget_totals.year = section_7_totals.year
where
    budget_totals.n_rows is distinct from section_7_totals.n_rows
    or abs(coalesce(budget_totals.amount_try, 0) - coalesce(section_7_totals.amount_try, 0))
    >= {{ var('float_noise_try') }}
