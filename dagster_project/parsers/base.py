"""The skeleton every document parser is built on (camelot's `BaseParser` for its flavours).

A document type is one subclass of `DocumentParser` and its pandera models; the skeleton does what
every type shares, once:

- `find_sections`: sections by their headings, not by line numbers;
- `Ledger`: what became of every line (a row, a consumed header, an issue), so that no table row
  disappears between the document and the warehouse; a header row a page break printed again
  (`page_breaks`) is consumed before any parser reads the lines, so no parser mistakes it for data;
- `guard`: a bug triggered by an odd document becomes an `error` issue, not a crash, so the other
  sections (and the other documents of a run) still load;
- `rows.frame`: rows to a Polars frame whose columns and types are the table's pandera model, the
  single declaration of a raw table's columns (a row key it does not declare is an error).

`DocumentParser.parse` runs them in order: number the lines, `read` the document (the subclass),
report every table row nobody claimed (`unclaimed`), build one frame per model.
"""

from __future__ import annotations

import re
import traceback
from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

import pandera.polars as pa

from dagster_project.pages import Page
from dagster_project.parsers import page_breaks
from dagster_project.parsers.cells import Line, document_lines
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.normalise import ascii_key
from dagster_project.parsers.result import ParsedDocument
from dagster_project.parsers.rows import Row, UndeclaredColumn, frame
from dagster_project.schemas.common import Severity

T = TypeVar("T")
Models = Mapping[str, type[pa.DataFrameModel]]

HEADER = "header"
# `2.3.1 Title`, `2.3.1. Title`, `6.1- TITLE`, `8) TITLE`: a dot ends the number only before a space,
# so an amount alone on a line (`200.708.708,00`) is no heading.
_NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)(?:\s*[-)]\s*|\.?\s+)(?P<title>\S.*)$")
_MAX_HEADING = 150  # characters: a longer line is prose that mentions a title, not a heading


@dataclass
class Ledger:
    """The issues of one document and what became of each of its lines.

    A line is `extracted` (it became a row), `consumed` (a header, caption or repeated header: it
    shaped the parse but is no row of its own, kept with the reason) or `flagged` (it has an issue).
    `pages`: the PDF page of the lines, from the extraction layer (empty when unknown).

    `lines` are the lines the parsers read: the document's lines, except that a header row repeated
    at the top of a page (`page_breaks.repeated_headers`) is consumed at once and read as a blank
    line with its number, as a text document leaves a blank line where a page broke; its text
    stays in `repeated_headers` (line number → the line as written).
    """

    document_id: str
    lines: list[Line]
    pages: Sequence[Page] = ()
    issues: IssueLog = field(init=False)
    extracted: set[int] = field(default_factory=set)
    consumed: dict[int, str] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)
    repeated_headers: dict[int, Line] = field(init=False, default_factory=dict)
    _page_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.issues = IssueLog(self.document_id)
        self._page_starts = [page.first_line for page in self.pages]
        repeats = page_breaks.repeated_headers(self.lines, self.pages)
        if repeats:
            self.lines = list(self.lines)  # the caller's list stays as written
        for number, header in repeats.items():
            self.repeated_headers[number] = self.lines[number - 1]
            self.lines[number - 1] = Line(number, "")
            self.consumed[number] = f"{page_breaks.REPEATED_HEADER} (the header of line {header.number})"

    def line(self, number: int | None) -> Line | None:
        """The line with a 1-based number, or None when out of range."""
        if number is None or number < 1 or number > len(self.lines):
            return None
        return self.lines[number - 1]

    def page(self, number: int) -> int | None:
        """The page of the line with a 1-based number, or None when the pages are unknown."""
        position = bisect_right(self._page_starts, number) - 1
        return self.pages[position].page_number if position >= 0 else None

    def extract(self, line: Line) -> int:
        """Record that `line` produced a row; returns the line number for the row's source_line."""
        self.extracted.add(line.number)
        return line.number

    def consume(self, line: Line, reason: str = HEADER) -> None:
        """A line that shaped the parse without being reported (a header, a caption, a row read)."""
        self.consumed[line.number] = reason

    def issue(self, line: Line | None, table_name: str, severity: Severity, message: str) -> None:
        self.issues.add(line, table_name, severity, message)
        if line is not None:
            self.flagged.add(line.number)

    def document_issue(self, table_name: str, severity: Severity, message: str) -> None:
        """An issue about the document as a whole (a missing table), with no source line."""
        self.issues.add(None, table_name, severity, message)

    def is_claimed(self, line: Line) -> bool:
        return line.number in self.extracted or line.number in self.consumed or line.number in self.flagged

    def unclaimed_table_rows(self) -> Iterable[Line]:
        """Tab lines no section parser extracted, consumed or reported."""
        return (line for line in self.lines if line.is_table_row and not self.is_claimed(line))


def guard(log: IssueLog, what: str, run: Callable[[], T], default: T, context: str = "") -> T:
    """Run one parser step; an exception becomes an `error` issue of table `what` (with where it was
    raised) and `default` is returned, so a bug costs one section, not the document or the run.

    A row key no model declares (`UndeclaredColumn`) is raised: the code is wrong whatever the
    document, so it must fail the tests and the run, not one document's section."""
    try:
        return run()
    except UndeclaredColumn:
        raise
    except Exception as error:  # deliberately broad: see docstring
        last = traceback.extract_tb(error.__traceback__)[-1]
        log.add(
            None,
            what,
            "error",
            f"{context}{what} parser failed: {type(error).__name__}: {error} ({last.name}:{last.lineno})",
        )
        return default


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    heading_line: int  # 1-based
    start: int  # 0-based index of the first line after the heading
    stop: int  # 0-based index, exclusive


def numbered_heading(line: Line, min_depth: int = 2) -> tuple[str, str] | None:
    """(`2.3.1`, title) for a numbered heading line without tabs, else None.

    `min_depth`: the fewest parts of its number. A programme's sections are `2.3` and deeper (a
    paragraph `1. …` is no heading of it); a plan numbers its chapters too (`8- EKLER`).
    """
    if line.is_table_row or "....." in line.text:
        return None
    match = _NUMBERED.match(line.stripped)
    if match is None or len(match.group("title")) > _MAX_HEADING:
        return None
    if match.group("number").count(".") + 1 < min_depth:
        return None
    return match.group("number"), match.group("title")


def find_sections(lines: list[Line], titles: Mapping[str, str]) -> dict[str, Section]:
    """Locate each section named in `titles` (name → `ascii_key` of its title); a section runs
    until the next one found starts.

    A section starts at the first numbered heading naming it, else at the first plain line naming
    it; table rows and table-of-contents entries (a dot leader `.....`) are skipped. One pass over
    the lines looks for every title.
    """
    numbered: dict[str, int] = {}
    plain: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.is_table_row or "....." in line.text or len(line.stripped) > _MAX_HEADING:
            continue
        line_key = ascii_key(line.stripped)
        for name, title in titles.items():
            if name in numbered or title not in line_key:
                continue
            if numbered_heading(line) is not None:
                numbered[name] = index
            else:
                plain.setdefault(name, index)
    found = {**plain, **numbered}  # a numbered heading wins over a plain mention
    ordered = sorted(((name, found[name]) for name in titles if name in found), key=lambda item: item[1])
    sections: dict[str, Section] = {}
    for position, (name, index) in enumerate(ordered):
        stop = ordered[position + 1][1] if position + 1 < len(ordered) else len(lines)
        sections[name] = Section(name, index + 1, index + 1, stop)
    return sections


def section_lines(lines: list[Line], section: Section | None) -> list[Line]:
    """The lines of a section (empty when it was not found)."""
    return [] if section is None else lines[section.start : section.stop]


class DocumentParser(ABC):
    """One document type: how to read its lines into rows, and the pandera models of its tables.

    `parse` never raises on malformed input: what cannot be read is an issue with its line. A
    subclass implements `models` and `read`; it may override `unclaimed` (what a table row nobody
    claimed is) and `ledger_type` (a ledger that also collects the type's findings).
    """

    ledger_type: ClassVar[type[Ledger]] = Ledger
    not_modelled_table: ClassVar[str] = "not_modelled"
    not_modelled_message: ClassVar[str] = "table row outside the modelled tables (not modelled)"

    @abstractmethod
    def models(self) -> Models:
        """Table name → its pandera model: the tables this type yields, each one always present."""

    @abstractmethod
    def read(self, ledger: Ledger) -> Mapping[str, Iterable[Row]]:
        """The rows of each table, recording in `ledger` what became of the lines read."""

    def unclaimed(self, ledger: Ledger, line: Line) -> None:
        """Report a table row no section claimed (default: an `info` issue, a table not modelled)."""
        ledger.issue(line, self.not_modelled_table, "info", self.not_modelled_message)

    def parse(self, text: str, document_id: str, pages: Sequence[Page] = ()) -> ParsedDocument:
        """Parse a document's text (without page breaks; `pages`: the page of its lines, if known)."""
        return self.parse_detailed(text, document_id, pages)[0]

    def parse_detailed(
        self, text: str, document_id: str, pages: Sequence[Page] = ()
    ) -> tuple[ParsedDocument, Ledger]:
        """The parsed document and its ledger (the tests prove the line accounting with it)."""
        ledger = self.ledger_type(document_id, document_lines(text if isinstance(text, str) else ""), pages)
        rows = self.read(ledger)
        for line in list(ledger.unclaimed_table_rows()):
            self.unclaimed(ledger, line)
        tables = {
            name: frame(model, rows.get(name, ()), document_id, name) for name, model in self.models().items()
        }
        return ParsedDocument(document_id, tables, ledger.issues.frame()), ledger


@dataclass(frozen=True)
class IndicatorTable:
    """Where a document type's performance indicators are, for the monitoring files (actuals,
    fill-in templates): the raw table, and the code a monitoring file names an indicator by. The
    document writes it (`Ke/Pg.1.2.4`, column `indicator_code`) unless `numbering` gives the SQL
    expression, over the table's columns, the warehouse numbers them with (the marts write the same).
    """

    table: str
    numbering: str | None = None

    @property
    def code_is_written(self) -> bool:
        return self.numbering is None

    @property
    def code_sql(self) -> str:
        return self.numbering or "indicator_code"


@dataclass(frozen=True)
class DocumentKind:
    """A document type, declared once, as `KIND` of its parser package (`parsers.kinds` finds it):
    how a cover names it, how its document_id is written, what reads it and what is drawn of it.

    `title` is a regex of the title as covers write it (upper-cased Turkish), `example` a cover
    title with its year or period (the message of a file whose type is not recognised names it),
    `title_words` the title's words that are never part of an administration's name (`MALİ`, not
    `VE`). A `yearly` type covers one (fiscal) year, the others a period `2020-2024`. `report` names
    the report layout the exports draw (`exports.report.LAYOUTS`); `reports_actuals`: its
    indicators' actual values are actuals of the same indicators in the administration's other
    documents (`monitoring.linking`); `indicators`: where its performance indicators are, if it
    has any (`assets.monitoring.known_indicators_sql`).
    """

    document_type: str
    title: str
    example: str
    title_words: frozenset[str]
    slug: str
    yearly: bool
    parser: DocumentParser
    report: str
    reports_actuals: bool = False
    indicators: IndicatorTable | None = None
