"""The bookkeeping every strategic-plan table block shares, on the skeleton's `Ledger`.

A strategic plan is mostly tables, and the only promise worth making to an analyst is that no table
row disappears between the document and the warehouse. Each section parser therefore records, per
line, what happened to it (see `parsers.base.Ledger`); tab lines nobody claimed are reported as
"not modelled" at the end, so the accounting is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dagster_project.parsers.base import Ledger
from dagster_project.parsers.cells import Line
from dagster_project.parsers.strategic_plan.layout import REPEATED_HEADER, align_row, block_rows


def aligned_rows(
    ledger: Ledger,
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
