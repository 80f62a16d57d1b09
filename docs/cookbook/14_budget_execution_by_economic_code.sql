-- question: Mali durum raporunda ekonomik kodlara göre ödenek, ilk altı ay harcaması ve yıl sonu tahmini ne? (budget execution by economic code: appropriation, January–June actual, July–December forecast, TL)
-- note: From the Kurumsal Mali Durum ve Beklentiler Raporu (financial_status_report); a figure printed differently in two tables is null here and listed by question 16.
select
    administration as idare,
    report_year as yil,
    economic_code as kod,
    arg_min(row_label, page) as kalem,
    max(value) filter (where measure = 'initial_appropriation' and period = 'year') as baslangic_odenegi,
    max(value) filter (where measure = 'actual' and period = 'h1') as ocak_haziran,
    max(value) filter (where measure = 'forecast' and period = 'h2') as temmuz_aralik_tahmini,
    max(value) filter (where measure = 'expected_execution_rate') as tahmini_gerceklesme_orani,
    min(page) as sayfa
from marts.fct_budget_execution
where side = 'expenditure' and code_level <= 1 and year = report_year
group by all
order by idare, yil, kod
