"""Where things are in the document: headings, table blocks and cells that shifted.

PDF extraction turns each table row into one tab-separated line and keeps headings as plain lines.
A table block is its header line plus the tab (and blank) lines that follow it; a plain text line
ends it. Page breaks repeat the header (section 7, lines 2564, 2583, 2604 ... of the Kocaeli plan),
so the block parsers treat a repeated header as consumed rather than as a row, wherever it is in the
block (a text without page breaks says nothing of where pages start; a header repeated at the top
of a known page is set aside before any parser reads the lines: `parsers.page_breaks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dagster_project.parsers.base import numbered_heading
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key, turkish_upper
from dagster_project.parsers.page_breaks import (
    REPEATED_HEADER as REPEATED_HEADER,
)  # the block parsers' reason
from dagster_project.parsers.tables import Column

_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Heading:
    """A plain (non-table) line written in capitals, with its section number when it has one."""

    number: str | None
    title: str


def heading(line: Line) -> Heading | None:
    """`6.1- KENTSEL DÖNÜŞÜM` → Heading("6.1", "KENTSEL DÖNÜŞÜM"); `ULAŞIM HİZMETLERİ` → (None, ...).

    Only capitalised lines count: body paragraphs such as `1. Durum Analizi: ...` (line 210) start
    with a number too but are not headings.
    """
    if line.is_table_row or line.is_blank:
        return None
    numbered = numbered_heading(line, min_depth=1)
    number, title = numbered if numbered is not None else (None, line.stripped)
    if not _HAS_LETTER.search(title) or turkish_upper(title) != title:
        return None
    return Heading(number, title)


def section_number_before(lines: list[Line], index: int) -> str | None:
    """The number of the closest numbered heading above `lines[index]` (`4.2`, `8`)."""
    for line in reversed(lines[:index]):
        found = heading(line)
        if found is not None and found.number is not None:
            return found.number
    return None


def find_blocks(lines: list[Line], is_header: Callable[[Line], bool]) -> list[tuple[int, int]]:
    """(header index, end index exclusive) of each table block whose header satisfies `is_header`.

    A block runs over tab and blank lines (Bir Bakışta has a blank line inside it, line 250) and
    stops at the first plain text line. Headers repeated inside a block stay inside it.
    """
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index].is_table_row and is_header(lines[index]):
            end = index + 1
            while end < len(lines) and (lines[end].is_table_row or lines[end].is_blank):
                end += 1
            blocks.append((index, end))
            index = end
        else:
            index += 1
    return blocks


def alias_keys(columns: list[Column]) -> frozenset[str]:
    """Normalised header spellings of some columns, computed once per table module."""
    return frozenset(name_key(alias) for column in columns for alias in column.aliases)


def names_a_column(line: Line, keys: frozenset[str]) -> bool:
    """Cheap pre-check before `map_header`: does any cell of the line spell one of `keys`?

    `find_blocks` asks every tab line of the document whether it is a header; mapping each one in full
    would dominate the parse time, and a header always names at least one known column.
    """
    return not keys.isdisjoint(line.value_keys)


def trim_trailing(cells: list[str]) -> list[str]:
    """Drop the empty cells at the end of a row (Kocaeli pads card rows to five cells)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def realign(cells: list[str], header_cells: list[str]) -> list[str] | None:
    """Put a row's non-empty cells under the header's non-empty columns, in order.

    Used when a row's cells shifted (an empty cell inserted or lost by the PDF extraction): if the row
    has exactly as many non-empty cells as the header has columns, the order tells where each goes.
    Returns the cells in header positions, or None when the counts differ.
    """
    values = [cell for cell in cells if cell]
    positions = [position for position, text in enumerate(header_cells) if text]
    if len(values) != len(positions):
        return None
    aligned = [""] * len(header_cells)
    for position, value in zip(positions, values, strict=True):
        aligned[position] = value
    return aligned


def align_row(
    cells: list[str], header_cells: list[str], fits: Callable[[list[str]], bool]
) -> tuple[list[str], bool] | None:
    """The row's cells in header positions and whether they had to be realigned, or None.

    `fits` says whether cells sit where the header says (numbers under number columns, ...). A row
    that fits as written is taken as written; otherwise its non-empty cells are realigned in order.
    """
    padded = trim_trailing(cells)
    if len(padded) <= len(header_cells):
        padded = padded + [""] * (len(header_cells) - len(padded))
        if fits(padded):
            return padded, False
    shifted = realign(cells, header_cells)
    if shifted is not None and fits(shifted):
        return shifted, True
    return None


def block_rows(
    lines: list[Line],
    start: int,
    end: int,
    is_header: Callable[[Line], bool],
    consume: Callable[[Line], None],
) -> Iterator[Line]:
    """The tab lines of a block after its header; repeated headers (page breaks) go to `consume`."""
    for line in lines[start + 1 : end]:
        if not line.is_table_row:
            continue
        if is_header(line):
            consume(line)
            continue
        yield line
