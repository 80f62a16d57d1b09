-- question: Maliyeti olmayan hedefler hangileri? (targets with no cost estimate and no budget rows)
select
    t.target_code as hedef_kodu,
    left(t.target_text, 70) as stratejik_hedef,
    t.cost_estimate_try as maliyet_tahmini_tl,
    coalesce(sum(b.amount_try), 0) as butce_satirlari_tl
from marts.dim_target as t
left join marts.fct_budget as b on t.target_id = b.target_id
group by all
having coalesce(t.cost_estimate_try, 0) = 0 and coalesce(sum(b.amount_try), 0) = 0
order by hedef_kodu
