-- Warehouse bug if it fails: a document-year mixing nested grains (e.g. target and activity rows)
-- would double count when amount_try is summed. The fact holds only each document's finest grain:
-- either `target` alone (strategic plans) or the disjoint parts of a performance programme's total
-- (`activity`, `general_administration`, `transfers`), never both kinds.
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
having
    count(*) filter (where grain = 'target') > 0
    and count(distinct grain) > 1
