-- Warehouse bug if it fails: a document-year mixing grains (e.g. target and activity rows) would
-- double count when amount_try is summed. The fact holds only each document's finest grain.
with

budget as (

    select * from {{ ref('fct_budget') }}

)

select
    document_id,
    year,
    count(distinct grain) as n_grains
from budget
group by document_id, year
having count(distinct grain) > 1
