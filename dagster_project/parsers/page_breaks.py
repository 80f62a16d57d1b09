"""A table's header row printed again at the top of the next page: a repeated header, not data.

Published PDFs repeat a table's header row on every page the table crosses (Word's "repeat as
header row", HTML's `<thead>`), so the extracted text holds the header again right after the page
break. From the text alone that row looks like the first row of a new table that starts with the
same row (Kocaeli's next target card of the same goal starts with the same `Stratejik Amaç` row,
Kayseri's next cost table with the same `FAALİYET MALİYET TABLOSU` title row), so a row is a
repeated header only when all of this holds (the page map says where pages start):

- it is the first non-blank line of its page (the extraction drops running headers and footers),
  and the table runs across the break: the last non-blank line before it is a table row too;
- its cells equal those of an earlier row of the same run of table rows on an earlier page (the
  nearest one that is no repeat itself: the table's own header);
- the table does not start again: the row after it is a table row whose first cell differs from
  the first cell of the row after that header. A new table that starts with the same rows goes
  on with its second row (`Stratejik Hedef`, `İdare Adı:`); a table continued goes on with a row
  of its body.

Known limit: a table whose body rows start with the same cell as its first body row (a category
repeated down the first column) is taken to start again, so its repeated header stays a row, as
it would be in a text document without page breaks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dagster_project.pages import Page
from dagster_project.parsers.cells import Line

REPEATED_HEADER = "header repeated after a page break"


def _non_blank(lines: Sequence[Line], index: int, step: int) -> Line | None:
    """The nearest non-blank line from `index` on in direction `step` (±1), or None."""
    while 0 <= index < len(lines):
        if not lines[index].is_blank:
            return lines[index]
        index += step
    return None


def _header_of(
    lines: Sequence[Line], index: int, first_line: int, repeats: Mapping[int, Line]
) -> Line | None:
    """The nearest row above `lines[index]`, before line `first_line` and in the same run of table
    (and blank) lines, whose cells equal its cells and which is no repeat itself: the header as the
    table first printed it."""
    values = lines[index].values
    for earlier in range(index - 1, -1, -1):
        line = lines[earlier]
        if not (line.is_table_row or line.is_blank):
            return None
        if line.number < first_line and line.number not in repeats and line.values == values:
            return line
    return None


def repeated_headers(lines: Sequence[Line], pages: Sequence[Page]) -> dict[int, Line]:
    """Line number of each repeated header row → the header row it repeats (rules in the module
    doc). Empty when the pages are unknown (a text without page breaks)."""
    repeats: dict[int, Line] = {}
    for page in pages[1:]:
        start = page.first_line - 1
        top = _non_blank(lines, start, 1)
        if top is None or top.number > page.last_line or not top.is_table_row or not top.values:
            continue
        before = _non_blank(lines, start - 1, -1)
        if before is None or not before.is_table_row:
            continue
        header = _header_of(lines, top.number - 1, page.first_line, repeats)
        after = _non_blank(lines, top.number, 1)
        if header is None or after is None or not after.is_table_row:
            continue
        header_next = _non_blank(lines, header.number, 1)
        if header_next is not None and header_next.values[:1] == after.values[:1]:
            continue  # the table starts again with the same rows: a new table
        repeats[top.number] = header
    return repeats
