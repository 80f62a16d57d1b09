-- question: Her hizmet alanında bütçe hangi ekonomik kodlara gidiyor? (budget by economic code per service area)
-- note: Economic codes (ekonomik sınıflandırma) come from performance programmes; a strategic plan costs targets only, so only the programme has rows here.
select
    b.document_id as belge,
    coalesce(g.service_area, b.grain) as hizmet_alani,
    b.economic_code as ekonomik_kod,
    e.name_tr as ekonomik_kod_adi,
    sum(b.amount_try) as tutar_tl
from marts.fct_budget as b
left join marts.dim_goal as g on b.goal_id = g.goal_id
left join marts.dim_economic_code as e on b.economic_code = e.economic_code
where b.economic_code is not null
group by all
order by belge, hizmet_alani, ekonomik_kod
