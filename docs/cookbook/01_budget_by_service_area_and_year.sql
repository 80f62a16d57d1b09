-- question: Hizmet alanlarına göre yıllık bütçe ne kadar? (budget by service area and year, TL)
select
    d.administration as idare,
    coalesce(g.service_area, b.grain) as hizmet_alani,
    sum(b.amount_try) filter (where b.year = 2020) as y2020,
    sum(b.amount_try) filter (where b.year = 2021) as y2021,
    sum(b.amount_try) filter (where b.year = 2022) as y2022,
    sum(b.amount_try) filter (where b.year = 2023) as y2023,
    sum(b.amount_try) filter (where b.year = 2024) as y2024,
    sum(b.amount_try) as toplam
from marts.fct_budget as b
inner join marts.dim_document as d on b.document_id = d.document_id
left join marts.dim_goal as g on b.goal_id = g.goal_id
group by all
order by idare, toplam desc
