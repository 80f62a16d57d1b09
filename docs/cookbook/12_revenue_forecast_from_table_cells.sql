-- question: Gelir tahmini tablosunu nasıl okurum? (read any table of a document: the Kocaeli revenue forecast, amounts as numbers)
-- note: Any table of any document works the same way: find it in 13, then filter on document_id and table_no; `1.234.567` becomes a number by dropping the dots and reading the comma as the decimal point.
with forecast as (
    select table_no
    from marts.document_table_cell
    where document_id = 'kocaeli-bb-sp-2020-2024' and table_title = '2020-2024 Yılları Gelir Tahmini'
    group by table_no
)

select
    source.value as kaynak,
    cell.header as sutun,
    cast(replace(replace(cell.value, '.', ''), ',', '.') as double) as tutar_tl,
    cell.source_line as kaynak_satir
from marts.document_table_cell as cell
inner join forecast on cell.table_no = forecast.table_no
inner join marts.document_table_cell as source
    on
        cell.document_id = source.document_id
        and cell.table_no = source.table_no
        and cell.row_no = source.row_no
        and source.column_no = 1
where cell.document_id = 'kocaeli-bb-sp-2020-2024' and cell.row_no > 0 and cell.column_no > 1
    and cell.header = 'Toplam Kaynak'
order by tutar_tl desc
