-- question: Belgelerde hangi tablolar var? (every table the documents hold, with its size)
select
    document_id as belge,
    count(distinct table_no) as tablo,
    count(*) as hucre,
    count(distinct table_no) filter (where table_title ilike '%personel%') as personel_tablolari,
    string_agg(distinct table_title, ' | ' order by table_title) filter (
        where table_title ilike '%araç%' or table_title ilike '%envanter%' or table_title ilike '%gelir%'
    ) as ornek_basliklar
from marts.document_table_cell
group by document_id
order by belge
