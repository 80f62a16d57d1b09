-- question: 797.950.000 TL hangi belgenin hangi satırından geliyor? (which document and line a number came from)
-- note: Searches the modelled budget and every table cell of every document; open the PDF at the page (sayfa; null for a text without page marks) or the file at the line to see it in context.
select
    'fct_budget' as nerede,
    d.source_file as kaynak_dosya,
    b.source_line as kaynak_satir,
    b.page_number as sayfa,
    b.target_id || ' / ' || b.year as ne
from marts.fct_budget as b
inner join marts.dim_document as d on b.document_id = d.document_id
where b.amount_try = 797950000
union all
select
    'document_table_cell' as nerede,
    d.source_file as kaynak_dosya,
    c.source_line as kaynak_satir,
    c.page_number as sayfa,
    'tablo ' || c.table_no || ', sütun: ' || coalesce(c.header, '?') as ne
from marts.document_table_cell as c
inner join marts.dim_document as d on c.document_id = d.document_id
where c.value = '797.950.000'
order by nerede, kaynak_satir
