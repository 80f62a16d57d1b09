-- question: Programda planlanana göre ilk altı ayda hangi ekonomik kodlar az harcandı? (which economic codes of a programme were under-spent in the first half)
-- note: Needs a performance programme and the financial status report of the same administration and year in raw/; `sides` says which of the two exist. Below 50 % of the planned total by the end of June is under-spent.
select
    administration as idare,
    year as yil,
    economic_code as kod,
    economic_code_name as kalem,
    planned_try as planlanan,
    initial_appropriation_try as baslangic_odenegi,
    actual_h1_try as ocak_haziran,
    round(h1_share_of_planned_pct, 2) as planlananin_yuzdesi
from marts.rpt_planned_vs_spent
where sides = 'both' and h1_share_of_planned_pct < 50
order by idare, yil, h1_share_of_planned_pct
