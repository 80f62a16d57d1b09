-- question: Amaçlara göre başarı düzeyi nedir? (success level by goal and year)
-- requires: agg_success_by_goal
-- note: Only years with a target and a delivered actual are judged; with no monitoring file in raw/actuals/ every goal shows 0 judged indicators.
select
    g.goal_code as amac_kodu,
    left(g.goal_text, 60) as stratejik_amac,
    s.year as yil,
    s.indicators_judged as degerlendirilen_gosterge,
    s.indicators_total as toplam_gosterge,
    s.success_level_pct as basari_duzeyi_yuzde
from marts.agg_success_by_goal as s
inner join marts.dim_goal as g on s.goal_id = g.goal_id
order by yil, amac_kodu
