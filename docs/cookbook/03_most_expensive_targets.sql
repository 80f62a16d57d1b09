-- question: En yüksek maliyetli 10 hedef hangileri? (the ten most expensive targets over the plan period)
select
    t.target_code as hedef_kodu,
    left(t.target_text, 70) as stratejik_hedef,
    g.service_area as hizmet_alani,
    t.cost_estimate_try as maliyet_tahmini_tl
from marts.dim_target as t
inner join marts.dim_goal as g on t.goal_id = g.goal_id
order by t.cost_estimate_try desc nulls last
limit 10
