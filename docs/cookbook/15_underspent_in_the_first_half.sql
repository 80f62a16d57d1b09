-- question: Programda planlanana göre ilk altı ayda hangi ekonomik kodlar az harcandı? (which economic codes of a programme were under-spent in the first half)
-- note: Needs a performance programme and the financial status report of the same administration and year in raw/; `sides` says which of the two exist (`both`, `programme_only`, `report_only`). Below 50 % of the planned total by the end of June is under-spent (`az_harcandi`); with one side only it cannot be said (null). The shipped documents have no such pair: Gebze's reports have no programme, Kayseri's 2024 programme no report.
select
    administration as idare,
    year as yil,
    economic_code as kod,
    economic_code_name as kalem,
    sides as taraflar,
    planned_try as planlanan,
    initial_appropriation_try as baslangic_odenegi,
    actual_h1_try as ocak_haziran,
    round(h1_share_of_planned_pct, 2) as planlananin_yuzdesi,
    h1_share_of_planned_pct < 50 as az_harcandi
from marts.rpt_planned_vs_spent
order by az_harcandi desc nulls last, planlananin_yuzdesi, taraflar, idare, yil, kod
