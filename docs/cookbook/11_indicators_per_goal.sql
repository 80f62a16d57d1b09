-- question: Her amacın kaç hedefi, göstergesi ve faaliyeti var? (targets, indicators and activities per goal)
select
    g.goal_code as amac_kodu,
    g.service_area as hizmet_alani,
    count(distinct t.target_id) as hedef,
    count(distinct i.indicator_id) as gosterge,
    count(distinct a.activity_id) as faaliyet
from marts.dim_goal as g
left join marts.dim_target as t on g.goal_id = t.goal_id
left join marts.dim_indicator as i on t.target_id = i.target_id
left join marts.dim_activity as a on t.target_id = a.target_id
group by all
order by amac_kodu
