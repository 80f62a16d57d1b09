"""Kurumsal Mali Durum ve Beklentiler Raporu → `fsr_tables`, `fsr_values` and extraction issues.

Every economic-code table of the report is read from its own header (see `header`, `columns`):
which tables a report has and what their columns are called differ from one year to the next.
Each value cell becomes one `fsr_values` row (table, economic code, measure, period, year, value
and the cell's raw text, page and line); charts are recorded as charts and their loose labels as
`info` issues; every other tab-separated line is an issue too. Nothing is reconciled here: totals,
rates and figures printed twice are checked in dbt (int_fsr_reconciliation__*).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dagster_project.pages import Page, split_pages
from dagster_project.parsers.base import DocumentParser, Ledger, Models, Row, guard
from dagster_project.parsers.cells import Line
from dagster_project.parsers.financial_status_report.columns import ColumnMeaning, classify, takes_subcolumns
from dagster_project.parsers.financial_status_report.header import column_labels
from dagster_project.parsers.financial_status_report.layout import (
    CodeRow,
    code_row,
    footnote_excludes_marked,
    is_chart_label_line,
    is_empty_total,
    is_footnote,
    label_header_position,
    unlabelled_code,
)
from dagster_project.parsers.normalise import ascii_key, turkish_upper
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.result import ParsedDocument
from dagster_project.schemas.financial_status_report import FINANCIAL_STATUS_REPORT_SCHEMAS

TABLES = "fsr_tables"
VALUES = "fsr_values"
_REPORT_YEAR = re.compile(r"\b(20\d{2})\s+YILI\s+KURUMSAL\s+MALİ\s+DURUM")
_ID_YEAR = re.compile(r"-(20\d{2})$")
# Header lines above a table's first row, at most; a title or prose line ends the header sooner.
_MAX_HEADER_LINES = 6
_TITLE_WORDS = 4
# The name of a header cell the report leaves empty.
UNNAMED = "(başlıksız sütun)"


@dataclass
class _Report:
    """What has been read so far: the frames' rows and the column labels of each table, on the
    skeleton's ledger (the lines used, the issues)."""

    ledger: Ledger
    year: int
    tables: list[Row] = field(default_factory=list)
    values: list[Row] = field(default_factory=list)
    labels: dict[int, list[str]] = field(default_factory=dict)  # table_no → column labels
    # (table_no, economic code) → the line of its row: a code is one row of a table
    code_lines: dict[tuple[int, str | None], int] = field(default_factory=dict)

    @property
    def lines(self) -> list[Line]:
        return self.ledger.lines

    @property
    def document_id(self) -> str:
        return self.ledger.document_id

    def page(self, index: int) -> int:
        """The page of `lines[index]`; 1 when the text came without pages."""
        return self.ledger.page(index + 1) or 1

    def is_used(self, index: int) -> bool:
        return self.ledger.is_claimed(self.lines[index])

    def use(self, indexes: Iterable[int], reason: str) -> None:
        for index in indexes:
            self.ledger.consume(self.lines[index], reason)


def _report_year(lines: list[Line], document_id: str) -> int | None:
    for line in lines[:200]:
        match = _REPORT_YEAR.search(" ".join(turkish_upper(line.text).split()))
        if match:
            return int(match.group(1))
    match = _ID_YEAR.search(document_id)
    return int(match.group(1)) if match else None


def _side(header_cells: list[str], title: str | None, section: str | None) -> str | None:
    """`revenue` (gelir) or `expenditure` (gider) from the label header, the title or the section."""
    for text in (*header_cells, title or "", section or ""):
        key = ascii_key(text)
        if "gelir" in key:
            return "revenue"
        if "gider" in key or "tertib" in key or "odenek" in key:
            return "expenditure"
    return None


def _is_title(line: Line) -> bool:
    values = line.values
    return len(values) == 1 and len(values[0].split()) >= _TITLE_WORDS


def _header_above(report: _Report, start: int) -> tuple[list[int], int | None]:
    """Indexes of the header lines above the row at `start` (top to bottom) and the title's index."""
    header: list[int] = []
    index = start - 1
    while index >= 0 and len(header) < _MAX_HEADER_LINES:
        line = report.lines[index]
        if line.is_blank or report.is_used(index):
            index -= 1
            if line.is_blank:
                continue
            break
        if is_empty_total(line):
            # Not a header: its figures are the codes' sum, which dbt checks anyway.
            report.ledger.issue(line, VALUES, "info", "total heading without figures")
            index -= 1
            continue
        if _is_title(line) or code_row(line) or is_footnote(line) or is_chart_label_line(line):
            break
        header.insert(0, index)
        index -= 1
    title = index if index >= 0 and _is_title(report.lines[index]) and not report.is_used(index) else None
    return header, title


def _body(report: _Report, start: int) -> tuple[list[tuple[int, CodeRow]], list[tuple[int, str]], list[int]]:
    """The code rows from `start` on (blank lines between them allowed), the rows among them whose
    label cell is empty (index, economic code) and the footnotes after."""
    rows: list[tuple[int, CodeRow]] = []
    unlabelled: list[tuple[int, str]] = []
    index = start
    while index < len(report.lines):
        line = report.lines[index]
        row = code_row(line)
        code = unlabelled_code(line) if row is None else None
        if row is not None:
            rows.append((index, row))
        elif code is not None:
            unlabelled.append((index, code))
        elif not line.is_blank:
            break
        index += 1
    footnotes = []
    while index < len(report.lines) and (report.lines[index].is_blank or is_footnote(report.lines[index])):
        if not report.lines[index].is_blank:
            footnotes.append(index)
        index += 1
    return rows, unlabelled, footnotes


def _meanings(labels: list[str], year: int) -> list[ColumnMeaning | None]:
    """Classify each column. A rate that names no period of its own (`Artış Oranı`, `Oran 2021`)
    is computed from the amount columns before it, so it takes the last one's period (the
    half-year tables compare January–June)."""
    meanings = [classify(label, year) for label in labels]
    last_period = "year"
    for position, meaning in enumerate(meanings):
        if meaning is None:
            continue
        if meaning.unit == "try":
            last_period = meaning.period
        elif meaning.measure in ("change_rate", "execution_rate") and meaning.period == "year":
            meanings[position] = ColumnMeaning(meaning.label, meaning.measure, last_period, meaning.year)
    return meanings


def _continued_table(report: _Report, start: int, value_count: int) -> Row | None:
    """The table that a header-less block at the top of a page continues (the annexes run over
    pages): the last table, if it has the same number of columns and ended on the page before."""
    previous = next((t for t in reversed(report.tables) if t["kind"] == "table"), None)
    if previous is None or previous["table_no"] not in report.labels:
        return None
    if previous["value_columns"] != value_count or report.page(start) != previous["last_page"] + 1:
        return None
    return previous


def _with_unnamed_columns(
    report: _Report, header: list[int], header_cells: list[list[str]], value_count: int
) -> list[str] | None:
    """The header again with the empty cells inside its top line kept as columns without a name.

    Gebze 2022's Ek-2 leaves the top cell above `TEMMUZ AĞUSTOS 2022` empty; without it the lower
    line has a cell no top cell can hold. Only tried when the header does not fit otherwise, so a
    table that reads without it reads the same. A column left without any name is `UNNAMED`.
    """
    top = list(report.lines[header[0]].cells)
    while top and not top[0]:
        top.pop(0)
    while top and not top[-1]:
        top.pop()
    position = label_header_position(top)
    top = [cell or UNNAMED for n, cell in enumerate(top) if n != position]
    labels = column_labels([top, *header_cells[1:]], value_count, takes_subcolumns)
    return [label.replace(f"{UNNAMED} ", "") for label in labels] if labels else None


@dataclass(frozen=True)
class _Block:
    """The lines of one table on the page: its code rows, the code rows without a label, the
    footnotes after them, the header lines and title above, and how many value columns it has."""

    start: int  # the index of the first code row
    rows: list[tuple[int, CodeRow]]
    unlabelled: list[tuple[int, str]]
    footnotes: list[int]
    header: list[int]
    title: int | None
    # The header lines' cells, the label column's header cell (`Bütçe Tertibi`) taken out.
    header_cells: list[list[str]]
    # Which header line held the label column's header; None: a header-less block.
    label_line: int | None
    value_count: int
    end: int  # the index after the block


def _find_block(report: _Report, start: int) -> _Block:
    """The table whose first code row is at `start`, as lines (nothing claimed yet)."""
    rows, unlabelled, footnotes = _body(report, start)
    header, title = _header_above(report, start)
    header_cells = [report.lines[i].values for i in header]
    label_line = next(
        (n for n, cells in enumerate(header_cells) if label_header_position(cells) is not None), None
    )
    if label_line is not None:
        position = label_header_position(header_cells[label_line])
        header_cells[label_line] = [c for n, c in enumerate(header_cells[label_line]) if n != position]
    return _Block(
        start=start,
        rows=rows,
        unlabelled=unlabelled,
        footnotes=footnotes,
        header=header,
        title=title,
        header_cells=header_cells,
        label_line=label_line,
        value_count=Counter(len(row.values) for _, row in rows).most_common(1)[0][0],
        end=max([i for i, _ in rows] + [i for i, _ in unlabelled] + footnotes) + 1,
    )


def _claim(report: _Report, block: _Block) -> None:
    """Mark the block's lines as read: header, footnotes and title used, code rows extracted."""
    report.use(block.header, "table header")
    report.use(block.footnotes, "table footnote")
    report.use([block.title] if block.title is not None else [], "table title")
    for _, row in block.rows:
        report.ledger.extract(row.line)


def _extend_table(report: _Report, table: Row, block: _Block, footnote_text: str | None) -> None:
    """Add a header-less block's rows (and footnotes) to the table it continues."""
    table["row_count"] += len(block.rows)
    table["last_page"] = report.page(block.end - 1)
    if footnote_text:
        table["footnotes"] = " ".join(filter(None, [table["footnotes"], footnote_text]))
        table["total_excludes_marked"] = footnote_excludes_marked(table["footnotes"])


def _header_labels(report: _Report, block: _Block) -> list[str] | None:
    """The column labels from the block's header (the label column's header cell taken out), or
    None when it has no label column header or its lines give no `value_count` columns."""
    if block.label_line is None:
        return None
    return column_labels(block.header_cells, block.value_count, takes_subcolumns) or _with_unnamed_columns(
        report, block.header, block.header_cells, block.value_count
    )


def _new_table(
    report: _Report, block: _Block, section: str | None, labels: list[str] | None, footnote_text: str | None
) -> Row:
    """The `fsr_tables` row of a block with a header of its own, appended to the report."""
    title_text = report.lines[block.title].stripped if block.title is not None else None
    table = {
        "document_id": report.document_id,
        "table_no": len(report.tables) + 1,
        "kind": "table",
        "side": _side([c for cells in block.header_cells for c in cells], title_text, section),
        "title": title_text,
        "column_labels": " | ".join(labels) if labels else None,
        "value_columns": block.value_count,
        "row_count": len(block.rows),
        "footnotes": footnote_text,
        "total_excludes_marked": bool(footnote_text and footnote_excludes_marked(footnote_text)),
        "page": report.page(block.start),
        "last_page": report.page(block.end - 1),
        "source_line": report.lines[block.header[0] if block.header else block.start].number,
    }
    report.tables.append(table)
    return table


def _report_unread(report: _Report, table_no: int, block: _Block) -> None:
    """A table whose columns cannot be named: its header lines and rows become errors."""
    reason = (
        "no label column header (Bütçe Tertibi / Ekonomik Kod) above it"
        if block.label_line is None
        else f"its header lines give no {block.value_count} columns"
    )
    for index in block.header:
        message = f"header line of economic-code table {table_no}: {reason}; not read"
        report.ledger.issue(report.lines[index], TABLES, "error", message)
    for _, row in block.rows:
        report.ledger.issue(
            row.line, TABLES, "error", f"economic-code table {table_no}: {reason}; row not extracted"
        )


def _read_table(report: _Report, start: int, section: str | None) -> int:
    """Read the table whose first code row is at `start`; returns the index after it. A block
    without a label column header continues the table before it when it can (`_continued_table`)."""
    block = _find_block(report, start)
    _claim(report, block)
    footnote_text = " ".join(report.lines[i].stripped for i in block.footnotes) or None
    continued = _continued_table(report, block.start, block.value_count) if block.label_line is None else None
    if continued is not None:
        table, labels, first_row = continued, report.labels[continued["table_no"]], continued["row_count"] + 1
        _extend_table(report, table, block, footnote_text)
    else:
        labels = _header_labels(report, block)
        table, first_row = _new_table(report, block, section, labels, footnote_text), 1
    table_no = table["table_no"]
    for index, code in block.unlabelled:
        message = f"economic-code table {table_no}: code {code} has no label (its label cell is empty); row not extracted"
        report.ledger.issue(report.lines[index], VALUES, "error", message)
    if labels is None:
        _report_unread(report, table_no, block)
        return block.end
    report.labels[table_no] = labels
    header_index = block.header[-1] if continued is None else None
    _read_values(report, table, labels, block.rows, block.value_count, first_row, header_index)
    return block.end


def _read_values(
    report: _Report,
    table: Row,
    labels: list[str],
    rows: list[tuple[int, CodeRow]],
    value_count: int,
    first_row: int,
    header_index: int | None,
) -> None:
    """One `fsr_values` row per value cell of the code rows, numbered from `first_row`; a column
    whose label names no known measure is a warning on its header line (`header_index`, None for
    the rows of a continued table, whose header was read with its first part)."""
    table_no = table["table_no"]
    meanings = _meanings(labels, report.year)
    if header_index is not None:
        for position, meaning in enumerate(meanings):
            if meaning is None:
                report.ledger.issue(
                    report.lines[header_index],
                    VALUES,
                    "warning",
                    f"table {table_no}: column {position + 1} {labels[position]!r} names no known measure; "
                    "its values are kept with measure null",
                )
    for row_no, (index, row) in enumerate(rows, start=first_row):
        cells = row.values_for(value_count)
        if cells is None:
            report.ledger.issue(
                row.line,
                VALUES,
                "error",
                f"table {table_no}: {len(row.values)} values under {value_count} columns; row not extracted",
            )
            continue
        first_line = report.code_lines.setdefault((table_no, row.economic_code), row.line.number)
        if row.economic_code is not None and first_line != row.line.number:
            # Gebze 2022's Ek-1 prints 07 twice: `07 SERMAYE TRANSFERLERİ` and, below it, the
            # sub-code row `7 | (empty) | SERMAYE TRANSFERLERİ` (page 10, line 292).
            message = (
                f"table {table_no}: economic code {row.economic_code} again (first at line {first_line}; "
                "an empty sub-code cell?); row not extracted"
            )
            report.ledger.issue(row.line, VALUES, "error", message)
            continue
        for column_no, (cell, meaning) in enumerate(zip(cells, meanings, strict=True), start=1):
            _add_value(report, table, row_no, index, row, column_no, labels[column_no - 1], cell, meaning)


def _add_value(
    report: _Report,
    table: Row,
    row_no: int,
    index: int,
    row: CodeRow,
    column_no: int,
    label: str,
    cell: str,
    meaning: ColumnMeaning | None,
) -> None:
    number = parse_number(cell)
    if number.kind == "invalid":
        message = f"table {table['table_no']}, column {column_no}: {number.note}; kept as text"
        report.ledger.issue(row.line, VALUES, "info", message)
    report.values.append(
        {
            "document_id": report.document_id,
            "table_no": table["table_no"],
            "side": table["side"],
            "row_no": row_no,
            "economic_code": row.economic_code,
            "row_label": row.label,
            "is_total": row.is_total,
            "is_marked": row.marked,
            "column_no": column_no,
            "column_label": label,
            "measure": meaning.measure if meaning else None,
            "period": meaning.period if meaning else None,
            "year": meaning.year if meaning else None,
            "unit": meaning.unit if meaning else None,
            "value": number.value,
            "raw_value": cell,
            "page": report.page(index),
            "source_line": row.line.number,
        }
    )


def _read_chart(report: _Report, start: int) -> int:
    """A block of loose chart labels from `start`: recorded as a chart, its lines as info issues."""
    index, members = start, []
    while index < len(report.lines):
        line = report.lines[index]
        if is_chart_label_line(line) and code_row(line) is None:
            members.append(index)
        elif not line.is_blank:
            break
        index += 1
    title = next(
        (
            i
            for i in range(start - 1, max(start - 3, -1), -1)
            if not report.is_used(i) and _is_title(report.lines[i])
        ),
        None,
    )
    # The legend right below the axis: a few text cells (`2020 Gider Gerçekleşmeleri | 2021 Başlangıç Ödeneği`).
    legend = (
        index
        if index < len(report.lines)
        and 2 <= len(report.lines[index].values) <= 4
        and code_row(report.lines[index]) is None
        and not any(parse_number(c).is_number for c in report.lines[index].values)
        else None
    )
    chart_lines = ([title] if title is not None else []) + members + ([legend] if legend is not None else [])
    report.use(chart_lines, "chart")
    table_no = len(report.tables) + 1
    title_text = report.lines[title].stripped if title is not None else None
    report.tables.append(
        {
            "document_id": report.document_id,
            "table_no": table_no,
            "kind": "chart",
            "side": _side([], title_text, None),
            "title": title_text,
            "column_labels": None,
            "value_columns": None,
            "row_count": len(members),
            "footnotes": None,
            "total_excludes_marked": False,
            "page": report.page(start),
            "last_page": report.page(max(chart_lines)),
            "source_line": report.lines[chart_lines[0]].number,
        }
    )
    for i in sorted(chart_lines):
        if report.lines[i].is_table_row or i in members:
            report.ledger.issue(
                report.lines[i], TABLES, "info", f"chart {table_no}: loose chart label, not a table row"
            )
    return max(chart_lines) + 1


class FinancialStatusReportParser(DocumentParser):
    """Every economic-code table from its own header, charts as charts, every other row an issue.
    Each table and chart is read under `guard`: a bug costs that table (an error issue naming its
    first line; its rows stay issues), not the report."""

    not_modelled_table = TABLES
    not_modelled_message = "table row outside the economic-code tables"

    def models(self) -> Models:
        return FINANCIAL_STATUS_REPORT_SCHEMAS

    def read(self, ledger: Ledger) -> Mapping[str, list[Row]]:
        lines = ledger.lines
        year = _report_year(lines, ledger.document_id)
        if year is None:
            ledger.document_issue(
                TABLES, "error", "no report year: expected '<year> YILI KURUMSAL MALİ DURUM …' on the cover"
            )
            return {}
        report = _Report(ledger, year)
        section: str | None = None
        index = 0
        while index < len(lines):
            line = lines[index]
            key = ascii_key(line.stripped)
            if key.startswith(("a butce giderleri", "b butce gelirleri")):
                section = line.stripped
            if report.is_used(index):
                index += 1
            elif code_row(line) is not None:
                index = guard(
                    ledger.issues,
                    TABLES,
                    lambda start=index, section=section: _read_table(report, start, section),
                    _after_table_rows(lines, index),
                    f"economic-code table at line {line.number}: ",
                )
            elif is_chart_label_line(line) and not _is_title(line):
                index = guard(
                    ledger.issues,
                    TABLES,
                    lambda start=index: _read_chart(report, start),
                    index + 1,
                    f"chart at line {line.number}: ",
                )
            else:
                index += 1
        return {TABLES: report.tables, VALUES: report.values}


def _after_table_rows(lines: Sequence[Line], start: int) -> int:
    """The index after the run of table rows from `start`: where reading goes on when the table
    there could not be read (its rows are left to the ledger, which reports each one)."""
    end = start + 1
    while end < len(lines) and lines[end].is_table_row:
        end += 1
    return end


_PARSER = FinancialStatusReportParser()


def parse_financial_status_report(text: str, document_id: str, pages: Sequence[Page] = ()) -> ParsedDocument:
    """Parse one report's text (tabs between cells); never raises on malformed input: what cannot
    be read is an issue with its line. The `page` columns come from `pages` (the extraction's page
    map) or, for a text with its form feeds, from those."""
    if not pages:
        paged = split_pages(text if isinstance(text, str) else "")
        text, pages = paged.text, paged.pages
    return _PARSER.parse(text, document_id, pages)
