"""Capture every tab-separated table of any document as cells, so no table needs new code to be reached.

The document-type parsers model the planning tables; the documents hold many more (staff by
education, buildings, vehicles, IT inventory, stakeholders, PESTLE, revenue forecasts…). This module
knows nothing about any of them: it finds table boundaries and titles from the text alone and emits
one row per non-empty cell (`raw.document_table_cells`), with the header text above it and its line.

Rules, from how the PDF extracts look:
- a table is a run of tab lines; a non-blank line without a tab ends it;
- runs separated only by blank lines are separate tables (target cards follow each other that way),
  except when the new run starts with the previous table's header row again: that is a page break
  (`Kayıt Türü ⇥ Taşınmaz Sayısı ⇥ Toplam Alan (m ²)` repeats on the Kocaeli plan's next page), so
  the rows continue the table and the repeated header is not emitted a second time; so is a
  header row a PDF's page break printed again (`page_breaks`: a row at the top of a page that
  repeats the table's first row), wherever it is in the run;
- a first tab line with a single non-empty cell (`STRATEJİ GELİŞTİRME KURULU⇥⇥⇥`) is the title;
  otherwise the title is a short text line just above the table (`2020-2024 Yılları Gelir Tahmini`),
  at most two blank lines away; a paragraph is not a title, and a table directly after another
  table has none (null);
- the first row is the header row (`row_no` 0) when the table has more rows and its cells hold no
  digits other than years; data rows are numbered from 1 and carry the header cell of their column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from dagster_project.pages import Page
from dagster_project.parsers.cells import Line, document_lines, looks_like_header
from dagster_project.parsers.page_breaks import repeated_headers
from dagster_project.schemas.table_capture import DocumentTableCellsSchema
from dagster_project.validation import polars_schema

TABLE_CELL_SCHEMA = polars_schema(DocumentTableCellsSchema)
TITLE_MAX_CHARS = 120
TITLE_MAX_GAP = 2  # blank lines allowed between a title line and its table


@dataclass
class CapturedTable:
    """One table: its title, its header row (if any) and its data rows, each a document line."""

    title: str | None
    title_line: Line | None = None
    header: Line | None = None
    rows: list[Line] = field(default_factory=list)
    repeated_headers: list[Line] = field(default_factory=list)

    def header_cells(self) -> list[str]:
        return self.header.cells if self.header else []


def _title_above(lines: list[Line], start: int) -> str | None:
    """A short text line at most TITLE_MAX_GAP blank lines above index `start`, else None."""
    index, blanks = start - 1, 0
    while index >= 0 and lines[index].is_blank:
        blanks += 1
        index -= 1
    if index < 0 or blanks > TITLE_MAX_GAP or lines[index].is_table_row:
        return None
    text = lines[index].stripped
    return text if len(text) <= TITLE_MAX_CHARS else None


def _runs(lines: list[Line]) -> list[tuple[int, list[Line], bool]]:
    """Runs of tab lines: (index of the first line, lines, whether only blank lines precede the run
    since the previous run)."""
    runs: list[tuple[int, list[Line], bool]] = []
    current: list[Line] = []
    text_since_last_run = True
    for index, line in enumerate(lines):
        if line.is_table_row:
            if not current:
                runs.append((index, current, not text_since_last_run))
            current.append(line)
            continue
        if current:
            current = []
            text_since_last_run = False
        if not line.is_blank:
            text_since_last_run = True
    return runs


def find_tables(lines: list[Line], pages: Sequence[Page] = ()) -> list[CapturedTable]:
    """Split a document's tab lines into tables with titles and header rows (rules in the module doc).

    `pages`: where the document's pages start; a header row repeated at the top of a page
    (`page_breaks.repeated_headers`) goes to its table's `repeated_headers`, not to its rows.
    """
    repeats = repeated_headers(lines, pages)
    tables: list[CapturedTable] = []
    for start, run, follows_table in _runs(lines):
        previous = tables[-1] if tables and follows_table else None
        if previous and (
            run[0].number in repeats or (previous.header and run[0].values == previous.header.values)
        ):
            previous.repeated_headers.append(run[0])
            _add_rows(previous, run[1:], repeats)
            _take_header(previous)
            continue
        table = CapturedTable(_title_above(lines, start))
        body = run
        if len(run[0].values) == 1 and len(run) > 1:
            table.title, table.title_line, body = run[0].values[0], run[0], run[1:]
        _add_rows(table, body, repeats)
        _take_header(table)
        tables.append(table)
    return tables


def _take_header(table: CapturedTable) -> None:
    """Make the table's first row its header row when it looks like one and more rows follow.

    Asked again when a page break continues the table: a page that ends after the table's first
    body row leaves one row to judge, and the rows on the next page are the table's too."""
    if table.header is None and len(table.rows) > 1 and looks_like_header(table.rows[0]):
        table.header = table.rows.pop(0)


def _add_rows(table: CapturedTable, lines: list[Line], repeats: Mapping[int, Line]) -> None:
    """Append `lines` to the table's rows, a repeated header among them to its repeated headers."""
    for line in lines:
        (table.repeated_headers if line.number in repeats else table.rows).append(line)


def capture_tables(text: str, document_id: str, pages: Sequence[Page] = ()) -> pl.DataFrame:
    """Every non-empty cell of every tab-separated table of a document (`raw.document_table_cells`);
    `pages`: where its pages start, if known (for the headers repeated after a page break).

    Built as columns, the row-level ones (table, title, row, line) once per row and then repeated
    for the row's cells: a frame from one tuple per cell costs more than finding the tables.
    """
    rows: dict[str, list[object]] = {"table_no": [], "table_title": [], "row_no": [], "source_line": []}
    cells: dict[str, list[object]] = {"row": [], "column_no": [], "header": [], "value": []}
    for table_no, table in enumerate(find_tables(document_lines(text), pages), start=1):
        headers = table.header_cells()
        numbered = [(0, table.header)] if table.header else []
        numbered += list(enumerate(table.rows, start=1))
        for row_no, line in numbered:
            row = len(rows["row_no"])
            rows["table_no"].append(table_no)
            rows["table_title"].append(table.title)
            rows["row_no"].append(row_no)
            rows["source_line"].append(line.number)
            for column_no, value in enumerate(line.cells, start=1):
                if not value:
                    continue
                header = headers[column_no - 1] if row_no and column_no <= len(headers) else None
                cells["row"].append(row)
                cells["column_no"].append(column_no)
                cells["header"].append(header or None)
                cells["value"].append(value)
    row_schema = {name: TABLE_CELL_SCHEMA[name] for name in rows}
    repeated = pl.DataFrame(rows, schema=row_schema)[cells.pop("row")]
    frame = pl.DataFrame(cells).with_columns(*repeated.get_columns(), document_id=pl.lit(document_id))
    return frame.select(pl.col(name).cast(dtype) for name, dtype in TABLE_CELL_SCHEMA.items())
