-- question: Hedefi başlangıç değerinin altında olan göstergeler hangileri? (indicators whose target is below the baseline)
-- note: Most are decreasing indicators on purpose (fleet age 9 → 7 years); the rest are worth a question to the unit.
select
    i.indicator_code as gosterge_kodu,
    left(i.indicator_name, 60) as gosterge,
    i.unit as olcu_birimi,
    base.value as baslangic,
    target.value as hedef_2024,
    target.source_line as kaynak_satir
from marts.dim_indicator as i
inner join marts.fct_indicator_value as base
    on i.indicator_id = base.indicator_id and base.value_type = 'baseline'
inner join marts.fct_indicator_value as target
    on i.indicator_id = target.indicator_id and target.value_type = 'target'
where target.value < base.value
order by i.indicator_code
