-- question: Her hizmet alanında bütçe hangi ekonomik kodlara gidiyor? (budget by economic code per service area)
-- note: Economic codes (ekonomik sınıflandırma) come from performance programmes; a strategic plan costs targets only, so only the programme has rows here.
-- note: A programme's activity belongs to the service area of its performance target; Genel Yönetim Giderleri and the transfers are no service area and are named so (their labels from seeds/export_labels.csv).
select
    b.document_id as belge,
    coalesce(p.service_area, l.label_tr) as hizmet_alani,
    b.economic_code as ekonomik_kod,
    e.name_tr as ekonomik_kod_adi,
    sum(b.amount_try) as tutar_tl
from marts.fct_budget as b
left join marts.dim_activity as a on b.activity_id = a.activity_id
left join marts.dim_performance_target as p on a.performance_target_id = p.performance_target_id
left join seeds.export_labels as l
    on l.kind = 'value' and l.column_name = 'grain' and b.grain = l.name and b.grain not in ('target', 'activity')
left join marts.dim_economic_code as e on b.economic_code = e.economic_code
where b.economic_code is not null
group by all
order by belge, hizmet_alani, ekonomik_kod
