"""One Excel workbook per document, in the strategy unit's terms.

Each mart with rows for the document becomes a sheet with a Turkish name (`amaçlar`, `hedefler`,
`göstergeler`, `bütçe (ekonomik koda göre)`, `mutabakat`, `sorunlar`…) and Turkish column headers.
Numbers stay numbers (amounts in TL with a TL format, which Excel shows with the reader's own
separators, `1.234.567,00 TL` on a Turkish system; percentages as `%45,7`); the header row is frozen
and filters are on. Code values are in Turkish too (`uyumsuz`, `Performans Programı`), and an id
(`amaç id`, `faaliyet id`…) in a fact's sheet has its code and text beside it (`NAMED_IDS`).
The `document_id` column is left out of the sheets: the workbook is that document. Rows are in
document order (`source_line`) where the mart has one, then by every column, so a workbook depends
only on the rows and an incremental export equals a full one. The PDF page (`sayfa`) stands next to
the line where the document's text marks its pages; a sheet none of whose rows has a page (a `.txt`
without page marks) leaves the empty column out.

Workbooks are written for the documents whose fingerprint changed (`fingerprint.py`), each from its
own Parquet files, on every core (`document_files.py`), with the streaming writer of `spreadsheet.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.exports.catalog import (
    MARTS_SCHEMA,
    VALUE_LABELS,
    Mart,
    column_label,
    discover_marts,
    quoted,
    sql_literal,
)
from dagster_project.exports.spreadsheet import (
    AMOUNT,
    BOOLEAN,
    DATETIME,
    DECIMAL,
    DECIMAL_FORMAT,
    INTEGER,
    NUMBER,
    PERCENT,
    PERCENT_FORMAT,
    PLAIN,
    TEXT,
    TIMESTAMP,
    Column,
    Sheet,
    write_workbook,
)

TL_FORMAT = '#,##0.00 "TL"'
INTEGER_FORMAT = "0"
TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"
# A workbook is for reading: a sheet holds at most 100,000 rows (Excel's own limit is 1,048,576,
# and writing a million rows takes minutes). A longer mart (the cells of a 50 MB document's annex,
# say) is cut there and listed on a `kesilen tablolar` sheet; the Parquet export has every row.
MAX_SHEET_ROWS = 100_000
TRUNCATED_SHEET = "kesilen tablolar"
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER")
_NUMBER_TYPES = (*_INTEGER_TYPES, "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
_DATETIME_TYPES = ("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS")
_STYLES = {
    TL_FORMAT: AMOUNT,
    INTEGER_FORMAT: INTEGER,
    TIMESTAMP_FORMAT: TIMESTAMP,
    PERCENT_FORMAT: PERCENT,
    DECIMAL_FORMAT: DECIMAL,
}
PAGE_COLUMN = "page_number"
# Beside an id, what a reader knows the thing by: its code and its text, from its dimension, in the
# sheets of the facts, aggregates and reports (a dimension's own sheet has them already). An
# activity also names its performance target (performans hedefi), which gets its own number and text.
NAMED_IDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "goal_id": ("dim_goal", ("goal_code", "goal_text")),
    "target_id": ("dim_target", ("target_code", "target_text")),
    "activity_id": ("dim_activity", ("activity_code", "activity_name", "performance_target_id")),
    "performance_target_id": ("dim_performance_target", ("performance_target_no", "performance_target_text")),
    "indicator_id": ("dim_indicator", ("indicator_code", "indicator_name")),
}


def number_format(column: str, dtype: str) -> str | None:
    """The Excel format of a column: TL for amounts (`*_try`), `%45,7` for percentages (`*_pct`),
    two decimals for other exact numbers, plain integers for counts, years and lines."""
    if column.endswith("_try"):
        return TL_FORMAT
    if column.endswith("_pct"):
        return PERCENT_FORMAT
    if dtype.startswith("DECIMAL"):
        return DECIMAL_FORMAT
    if dtype in _INTEGER_TYPES:
        return INTEGER_FORMAT
    if dtype in _DATETIME_TYPES:
        return TIMESTAMP_FORMAT
    return None


def sheet_columns(mart: Mart) -> list[tuple[str, str]]:
    return [(name, dtype) for name, dtype in mart.columns if name != "document_id"]


@dataclass(frozen=True)
class SheetQuery:
    """A sheet's columns (name, type) with the SQL of each, and the joins that name its ids."""

    columns: list[tuple[str, str]]
    expressions: list[str]
    joins: list[str]


def named_columns(mart: Mart, marts: dict[str, Mart]) -> SheetQuery:
    """The sheet's columns, each id of `NAMED_IDS` followed by its dimension's code and text (those
    the mart does not hold already), joined from the dimension of the same document."""
    own = sheet_columns(mart)
    shown = {name for name, _ in own}
    columns: list[tuple[str, str]] = []
    expressions: list[str] = []
    joins: list[str] = []
    pending = [(name, dtype, f"m.{quoted(name)}") for name, dtype in own]
    while pending:
        name, dtype, expression = pending.pop(0)
        columns.append((name, dtype))
        expressions.append(expression)
        dimension, names = NAMED_IDS.get(name, ("", ()))
        dim = marts.get(dimension)
        added = [column for column in names if column not in shown]
        if dim is None or mart.name.startswith("dim_") or not added:
            continue
        alias = f"j{len(joins)}"
        joins.append(
            f"left join {MARTS_SCHEMA}.{quoted(dim.name)} as {alias} on {alias}.{quoted(name)} = {expression}"
        )
        types = dict(dim.columns)
        shown.update(added)
        pending[:0] = [(column, types[column], f"{alias}.{quoted(column)}") for column in added]
    return SheetQuery(columns, expressions, joins)


def _kind(dtype: str) -> str:
    if dtype == "BOOLEAN":
        return BOOLEAN
    if dtype in _DATETIME_TYPES:
        return DATETIME
    return NUMBER if dtype.split("(")[0] in _NUMBER_TYPES else TEXT


def _select(name: str, dtype: str, expression: str) -> str:
    """A column (`expression`) as the sheet shows it: lists (responsible units) as `; `-separated
    text, other types a cell cannot hold (dates, intervals, structs…) as their text."""
    if dtype.endswith("[]"):
        return f"array_to_string({expression}, '; ')"
    if name in VALUE_LABELS:
        return label_case(expression, name)
    return expression if _kind(dtype) != TEXT or dtype == "VARCHAR" else f"cast({expression} as varchar)"


def label_case(expression: str, column: str) -> str:
    """SQL giving the Turkish label of a code value of `column` (seeds/export_labels.csv); a value
    without a label stays as written."""
    cases = " ".join(
        f"when {sql_literal(code)} then {sql_literal(label)}" for code, label in VALUE_LABELS[column].items()
    )
    return f"case {expression} {cases} else {expression} end"


def _column(name: str, dtype: str) -> Column:
    fmt = number_format(name, dtype)
    return Column(column_label(name), _kind(dtype), _STYLES[fmt] if fmt else PLAIN)


def without_unknown_pages(
    columns: list[tuple[str, str]], rows: list[tuple]
) -> tuple[list[tuple[str, str]], list[tuple]]:
    """The sheet's columns and rows without the page column when no row has a page."""
    names = [name for name, _ in columns]
    if PAGE_COLUMN not in names:
        return columns, rows
    index = names.index(PAGE_COLUMN)
    if any(row[index] is not None for row in rows):
        return columns, rows
    return columns[:index] + columns[index + 1 :], [row[:index] + row[index + 1 :] for row in rows]


def document_sheets(con: duckdb.DuckDBPyConnection, document_id: str, marts: list[Mart]) -> list[Sheet]:
    """A sheet for every per-document mart that has rows for `document_id`, and what was cut."""
    sheets: list[Sheet] = []
    truncated: list[tuple[object, ...]] = []
    by_name = {mart.name: mart for mart in marts}
    for mart in marts:
        if not mart.per_document:
            continue
        query = named_columns(mart, by_name)
        order = ["m.source_line"] if "source_line" in mart.column_names else []
        # then by every column of the mart as shown (positions: the joined names depend on the ids)
        order += [str(query.columns.index(column) + 1) for column in sheet_columns(mart)]
        table = f"{MARTS_SCHEMA}.{quoted(mart.name)}"
        selected = ", ".join(
            _select(name, dtype, expression)
            for (name, dtype), expression in zip(query.columns, query.expressions, strict=True)
        )
        rows = con.execute(
            f"select {selected} from {table} as m {' '.join(query.joins)} "
            f"where m.document_id = ? order by {', '.join(order)} limit ?",
            [document_id, MAX_SHEET_ROWS],
        ).fetchall()
        shown, rows = without_unknown_pages(query.columns, rows)
        if rows:
            sheets.append(Sheet(mart.label, [_column(*column) for column in shown], rows))
        if len(rows) == MAX_SHEET_ROWS:
            total = con.execute(
                f"select count(*) from {table} where document_id = ?", [document_id]
            ).fetchone()[0]
            if total > MAX_SHEET_ROWS:
                truncated.append((mart.label, total, MAX_SHEET_ROWS, f"exports/parquet/{mart.name}/"))
    if truncated:
        header = [
            ("tablo", TEXT, PLAIN),
            ("toplam satır", NUMBER, INTEGER),
            ("sayfadaki satır", NUMBER, INTEGER),
        ]
        columns = [Column(*column) for column in [*header, ("tamamı", TEXT, PLAIN)]]
        sheets.append(Sheet(TRUNCATED_SHEET, columns, truncated))
    return sheets


def write_document_workbook(con: duckdb.DuckDBPyConnection, document_id: str, path: Path) -> list[str]:
    """Write one document's workbook to `path`; returns its sheet names."""
    sheets = document_sheets(con, document_id, discover_marts(con))
    return write_workbook(path, sheets, TL_FORMAT, TIMESTAMP_FORMAT)
