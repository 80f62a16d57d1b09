"""The fill-in template (gerçekleşme veri giriş şablonu) a strategy unit fills and drops into
`raw/actuals/` unchanged: one row per indicator and plan year, Turkish headers, an empty
`Gerçekleşen` column. Its headers are aliases the actuals reader knows (`monitoring/actuals.py`,
`COLUMNS`), so the informational columns (name, unit, baseline, target) are simply ignored when it is
read back.

Written like the document workbooks: from the document's Parquet files, on every core, with the
streaming writer (`exports/spreadsheet.py`; openpyxl took about 140 ms per template on one core).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.exports.excel import TIMESTAMP_FORMAT, TL_FORMAT
from dagster_project.exports.spreadsheet import NUMBER, TEXT, Column, Sheet, write_workbook

# One row per indicator and plan year of the document, with its baseline and that year's target.
# The writer's reader shows only the marts it joins: a view per mart and document costs ~1 ms.
TEMPLATE_MARTS = frozenset({"dim_document", "dim_indicator", "fct_indicator_value"})
TEMPLATE_ROWS_SQL = """
select
    d.document_id, y.year, i.indicator_code, i.indicator_name, i.unit,
    b.value as baseline_value, t.value as target_value, null, null, null
from marts.dim_indicator as i
inner join marts.dim_document as d on i.document_id = d.document_id
cross join generate_series(d.period_start_year, d.period_end_year) as y (year)
left join marts.fct_indicator_value as b
    on i.indicator_id = b.indicator_id and b.value_type = 'baseline'
left join marts.fct_indicator_value as t
    on i.indicator_id = t.indicator_id and t.value_type = 'target' and y.year = t.year
where d.document_id = ?
order by y.year, i.source_line
"""
# `document_id`, `Yıl`, `Gösterge Kodu`, `Gerçekleşen`, `Dönem` and `Not` are read back; the rest
# tells the person filling it in what the document promised. The first three identify a row and
# stay in view (frozen) while the person scrolls right to the fill-in columns.
TEMPLATE_COLUMNS = (
    Column("document_id", TEXT, width=26),
    Column("Yıl", NUMBER, width=14),
    Column("Gösterge Kodu", TEXT, width=14),
    Column("Gösterge Adı", TEXT, width=60),
    Column("Ölçü Birimi", TEXT, width=14),
    Column("Başlangıç Değeri", NUMBER, width=14),
    Column("Hedef", NUMBER, width=14),
    Column("Gerçekleşen", NUMBER, width=14, fill_in=True),
    Column("Dönem", TEXT, width=14, fill_in=True),
    Column("Not", TEXT, width=30, fill_in=True),
)
KEY_COLUMNS = 3
_INSTRUCTIONS = (
    "Gerçekleşen sütununa yılın gerçekleşme değerini yazın (Türkçe sayı biçimi olur: 1.234,5).",
    "Boş bırakılan satırlar henüz veri yok demektir ve okunmaz.",
    "Dönem boşsa değer yıllıktır; ara dönemler için 2024-H1, 2024-Q3, 2024-M04 yazın.",
    "Dosyayı değiştirmeden raw/actuals/ klasörüne koyun; hatalı satırlar marts.rpt_actuals_issues "
    "tablosunda dosya ve satır numarasıyla listelenir.",
)
HELP_SHEET = Sheet(
    "Açıklama", [Column("Nasıl doldurulur", TEXT, width=110)], [(line,) for line in _INSTRUCTIONS]
)


def write_template(con: duckdb.DuckDBPyConnection, document_id: str, path: Path) -> int:
    """Write one document's template to `path` (`con` shows the document's marts); returns its rows."""
    rows = con.execute(TEMPLATE_ROWS_SQL, [document_id]).fetchall()
    sheet = Sheet("Gerçekleşen", TEMPLATE_COLUMNS, rows, frozen_columns=KEY_COLUMNS)
    write_workbook(path, [sheet, HELP_SHEET], TL_FORMAT, TIMESTAMP_FORMAT)
    return len(rows)
