"""The fill-in template (gerçekleşme veri giriş şablonu) a strategy unit fills and drops into
`raw/actuals/` unchanged: one row per indicator and plan year, Turkish headers, an empty
`Gerçekleşen` column. Its headers are aliases the actuals reader knows (see `actuals.COLUMNS`), so
the informational columns (name, unit, baseline, target) are simply ignored when it is read back.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

# Frame column → header. `document_id`, `Yıl`, `Gösterge Kodu`, `Gerçekleşen`, `Dönem` and `Not` are
# read back; the rest tells the person filling it in what the document promised.
TEMPLATE_COLUMNS = {
    "document_id": "document_id",
    "year": "Yıl",
    "indicator_code": "Gösterge Kodu",
    "indicator_name": "Gösterge Adı",
    "unit": "Ölçü Birimi",
    "baseline_value": "Başlangıç Değeri",
    "target_value": "Hedef",
    "actual_value": "Gerçekleşen",
    "period": "Dönem",
    "note": "Not",
}
_WIDTHS = {"document_id": 26, "indicator_name": 60, "note": 30}
_FILL = PatternFill("solid", fgColor="FFF2CC")
_INSTRUCTIONS = (
    "Gerçekleşen sütununa yılın gerçekleşme değerini yazın (Türkçe sayı biçimi olur: 1.234,5).",
    "Boş bırakılan satırlar henüz veri yok demektir ve okunmaz.",
    "Dönem boşsa değer yıllıktır; ara dönemler için 2024-H1, 2024-Q3, 2024-M04 yazın.",
    "Dosyayı değiştirmeden raw/actuals/ klasörüne koyun; hatalı satırlar marts.rpt_actuals_issues "
    "tablosunda dosya ve satır numarasıyla listelenir.",
)


def write_template(rows: pl.DataFrame, path: Path) -> int:
    """Write one document's template; `rows` has the template columns except the fill-in ones."""
    frame = rows.with_columns(
        pl.lit(None, pl.Float64).alias("actual_value"),
        pl.lit(None, pl.String).alias("period"),
        pl.lit(None, pl.String).alias("note"),
    ).select(list(TEMPLATE_COLUMNS))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Gerçekleşen"
    sheet.append(list(TEMPLATE_COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.iter_rows():
        sheet.append(list(row))
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(column, 14)
        if column in ("actual_value", "period", "note"):
            for (cell,) in sheet.iter_rows(min_row=1, min_col=index, max_col=index):
                cell.fill = _FILL
    sheet.freeze_panes = "D2"
    help_sheet = workbook.create_sheet("Açıklama")
    for line in _INSTRUCTIONS:
        help_sheet.append([line])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return frame.height
