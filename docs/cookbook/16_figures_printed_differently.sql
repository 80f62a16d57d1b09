-- question: Raporda aynı rakam iki tabloda farklı mı yazılmış? (figures a financial status report prints differently in two tables)
-- note: The warehouse never picks one: fct_budget_execution leaves the value null, and rpt_reconciliation lists each pair (fsr_same_figure_in_two_tables).
select
    document_id as belge,
    side as taraf,
    economic_code as kod,
    measure as olcu,
    period as donem,
    year as yil,
    printed_values as basilan_degerler
from marts.fct_budget_execution
where value_status = 'conflicting'
order by belge, taraf, kod, olcu, donem, yil
