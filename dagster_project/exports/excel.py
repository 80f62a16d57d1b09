"""One Excel workbook per document, in the strategy unit's terms.

Each mart with rows for the document becomes a sheet with a Turkish name (`amaçlar`, `hedefler`,
`göstergeler`, `bütçe (ekonomik koda göre)`, `mutabakat`, `sorunlar`…) and Turkish column headers.
Numbers stay numbers (amounts in TL with a TL format, which Excel shows with the reader's own
separators, `1.234.567,00 TL` on a Turkish system); the header row is frozen and filters are on.
The `document_id` column is left out of the sheets: the workbook is that document.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dagster_project.exports.catalog import (
    MARTS_SCHEMA,
    Mart,
    column_label,
    discover_marts,
    document_ids,
    quoted,
)

TL_FORMAT = '#,##0.00 "TL"'
INTEGER_FORMAT = "0"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
# A workbook is for reading: a sheet holds at most 100,000 rows (Excel's own limit is 1,048,576,
# and writing a million rows takes minutes). A longer mart (the cells of a 50 MB document's annex,
# say) is cut there and listed on a `kesilen tablolar` sheet; the Parquet export has every row.
MAX_SHEET_ROWS = 100_000
TRUNCATED_SHEET = "kesilen tablolar"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER")


def number_format(column: str, dtype: str) -> str | None:
    """The Excel format of a column: TL for amounts (`*_try`), plain integers for counts, years and lines."""
    if column.endswith("_try"):
        return TL_FORMAT
    if dtype in _INTEGER_TYPES:
        return INTEGER_FORMAT
    if dtype.startswith("TIMESTAMP"):
        return TIMESTAMP_FORMAT
    return None


def cell_value(value: object) -> object:
    """Lists (e.g. responsible units) as one `; `-separated text; everything else as it is."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def sheet_columns(mart: Mart) -> list[tuple[str, str]]:
    return [(name, dtype) for name, dtype in mart.columns if name != "document_id"]


def _write_sheet(sheet: Worksheet, columns: list[tuple[str, str]], rows: list[tuple[object, ...]]) -> None:
    sheet.append([column_label(name) for name, _ in columns])
    for cell in sheet[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    for index, (name, dtype) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        fmt = number_format(name, dtype)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
        sample = [column_label(name), *(str(cell_value(row[index - 1]) or "") for row in rows[:200])]
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(len(text) for text in sample) + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows), 1) + 1}"


def document_workbook(con: duckdb.DuckDBPyConnection, document_id: str, marts: list[Mart]) -> Workbook:
    """A workbook of every per-document mart that has rows for `document_id`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    truncated: list[tuple[object, ...]] = []
    for mart in marts:
        if not mart.per_document:
            continue
        columns = sheet_columns(mart)
        select = ", ".join(quoted(name) for name, _ in columns)
        table = f"{MARTS_SCHEMA}.{quoted(mart.name)}"
        rows = con.execute(
            f"select {select} from {table} where document_id = ? limit ?", [document_id, MAX_SHEET_ROWS]
        ).fetchall()
        if rows:
            _write_sheet(workbook.create_sheet(mart.label[:31]), columns, rows)
        if len(rows) == MAX_SHEET_ROWS:
            total = con.execute(
                f"select count(*) from {table} where document_id = ?", [document_id]
            ).fetchone()[0]
            if total > MAX_SHEET_ROWS:
                truncated.append((mart.label, total, MAX_SHEET_ROWS, f"exports/parquet/{mart.name}/"))
    if truncated:
        _write_sheet(
            workbook.create_sheet(TRUNCATED_SHEET),
            [
                ("tablo", "VARCHAR"),
                ("toplam satır", "BIGINT"),
                ("sayfadaki satır", "BIGINT"),
                ("tamamı", "VARCHAR"),
            ],
            truncated,
        )
    return workbook


def export_workbooks(con: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, list[str]]:
    """Write `<document_id>.xlsx` per document; returns the sheet names of each workbook."""
    marts = discover_marts(con)
    sheets: dict[str, list[str]] = {}
    for document_id in document_ids(con):
        workbook = document_workbook(con, document_id, marts)
        workbook.save(directory / f"{document_id}.xlsx")
        sheets[document_id] = workbook.sheetnames
    return sheets
