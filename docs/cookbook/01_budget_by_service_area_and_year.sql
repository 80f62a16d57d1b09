-- question: Hizmet alanlarına göre yıllık bütçe ne kadar? (budget by service area and year, TL)
-- note: Genel Yönetim Giderleri and the transfers to other administrations are costed outside every service area; they are listed last, marked `(hizmet alanı değil)` (is_service_area false), so the totals still add up to the document's budget.
select
    d.administration as idare,
    case
        when a.is_service_area then a.service_area
        else a.service_area || ' (hizmet alanı değil)'
    end as hizmet_alani,
    sum(a.total_try) filter (where a.year = 2020) as y2020,
    sum(a.total_try) filter (where a.year = 2021) as y2021,
    sum(a.total_try) filter (where a.year = 2022) as y2022,
    sum(a.total_try) filter (where a.year = 2023) as y2023,
    sum(a.total_try) filter (where a.year = 2024) as y2024,
    sum(a.total_try) as toplam
from marts.agg_budget_by_service_area as a
inner join marts.dim_document as d on a.document_id = d.document_id
group by idare, a.service_area, a.is_service_area
order by idare, a.is_service_area desc, toplam desc
