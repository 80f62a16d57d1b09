"""Line ledger: every tab-separated line must end up somewhere, and we want to prove it.

A strategic plan is mostly tables, and the only promise worth making to an analyst is that no table
row disappears between the document and the warehouse. Each section parser therefore records, per
line, what happened to it: it became a row (`extracted`), it is a header whose text only told us
where the columns are (`consumed`, with the reason), or it went to the issues frame (`issue`).
Tab lines nobody claimed are reported as "not modelled" at the end, so the accounting is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dagster_project.parsers.cells import Line
from dagster_project.parsers.issues import IssueLog, Severity
from dagster_project.parsers.strategic_plan.layout import REPEATED_HEADER, align_row, block_rows

NOT_MODELLED_TABLE = "not_modelled"


@dataclass
class LineLedger:
    """Issues plus what became of each line, shared by the section parsers of one document."""

    issues: IssueLog
    extracted: set[int] = field(default_factory=set)
    consumed: dict[int, str] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)

    def extract(self, line: Line) -> int:
        """Record that `line` produced a row; returns the line number for the row's source_line."""
        self.extracted.add(line.number)
        return line.number

    def consume(self, line: Line, reason: str) -> None:
        """A header, caption or repeated header: it shaped the parse but is not a row of its own."""
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


def aligned_rows(
    ledger: LineLedger,
    lines: list[Line],
    start: int,
    end: int,
    is_header: Callable[[Line], bool],
    header_cells: list[str],
    fits: Callable[[list[str]], bool],
    table: str,
    expected: str,
) -> Iterator[tuple[Line, list[str]]]:
    """The rows of a table block in header positions, with the bookkeeping every table shares:
    repeated headers are consumed, a row that does not fit the header is an `error` issue (saying
    what was `expected`), a row that had to be realigned is a `warning`."""
    for line in block_rows(lines, start, end, is_header, lambda line: ledger.consume(line, REPEATED_HEADER)):
        aligned = align_row(line.cells, header_cells, fits)
        if aligned is None:
            ledger.issue(line, table, "error", f"row does not fit the header (expected: {expected})")
            continue
        cells, shifted = aligned
        if shifted:
            ledger.issue(line, table, "warning", "cells shifted; realigned by order")
        yield line, cells
