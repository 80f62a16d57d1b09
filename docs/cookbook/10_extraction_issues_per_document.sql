-- question: Hangi belgede ne kadar çıkarım sorunu var? (extraction issues per document, table and severity)
select
    document_id as belge,
    table_name as tablo,
    severity as onem,
    count(*) as sorun
from marts.rpt_extraction_issues
group by all
order by belge, onem, sorun desc, tablo
