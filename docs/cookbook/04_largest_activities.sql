-- question: En büyük bütçeli faaliyetler hangileri? (the largest activities by budget)
-- note: Activity costs (faaliyet maliyeti) are given by performance programmes; the strategic plan costs targets (see 03).
select
    b.document_id as belge,
    a.activity_code as faaliyet_kodu,
    left(a.activity_name, 70) as faaliyet,
    b.year as yil,
    sum(b.amount_try) as tutar_tl
from marts.fct_budget as b
inner join marts.dim_activity as a on b.activity_id = a.activity_id
group by all
order by tutar_tl desc
limit 10
