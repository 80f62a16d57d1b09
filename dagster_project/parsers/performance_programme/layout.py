"""Row helpers for the official performance-programme templates.

The tables are label/value forms ("Performans Hedefi (3): text") and grids with amount columns.
PDF extraction shifts cells left or right, merges a label with its text ("Açıklamalar: text"),
and wraps labels in HTML (`<i>Açıklamalar:</i>`), so rows are read from their non-empty cells and
labels are compared through `name_key`, never by position or exact spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.parsers.cells import Line, clean_cell
from dagster_project.parsers.normalise import ascii_key, name_key
from dagster_project.parsers.numbers import ParsedNumber, parse_number

_HTML_TAG = re.compile(r"<[^>]+>")
_INTEGER = re.compile(r"^\d{1,4}$")
_LEADING_INTEGER = re.compile(r"^(\d{1,4})[.)]?\s+(\S.*)$")
ECONOMIC_CODE = re.compile(r"^(\d{2})(?:\s+(\S.*))?$")


def strip_html(text: str) -> str:
    """Drop HTML tags that some PDF converters leave in cells (`<i>`, `<ul style=...>`)."""
    if "<" not in text:  # most cells: no tag, no regex
        return clean_cell(text)
    return clean_cell(_HTML_TAG.sub(" ", text))


def cells_without_html(line: Line) -> list[str]:
    """All cells with HTML removed, empty ones kept (positions stay meaningful)."""
    if "<" not in line.text:  # no tag anywhere: the line's own (cached) cleaned cells
        return line.cells
    return [strip_html(cell) for cell in line.cells]


def values(line: Line) -> list[str]:
    """Non-empty cells with HTML removed, in order."""
    if "<" not in line.text:
        return line.values
    return [text for text in cells_without_html(line) if text]


def key(text: str) -> str:
    """Comparison key for labels: Turkish-aware, punctuation-free, ASCII-folded."""
    return ascii_key(text)


@dataclass(frozen=True, slots=True)
class Labelled:
    """A form row: its label (comparison key) and the text after the label."""

    label: str
    text: str


def labelled(cells: list[str]) -> Labelled | None:
    """Split a form row (its `values`) into label and text.

    `Açıklamalar: KUDEB ...` carries the text in the label cell; `Performans Hedefi (1): ¦ text`
    carries it in the next cell; either way the label is what precedes the first colon.
    Takes the row's values rather than the line: every caller has them already.
    """
    if not cells:
        return None
    first = cells[0]
    if ":" in first:
        label, _, inline = first.partition(":")
        inline = inline.strip().lstrip(":").strip()
        text = " ".join([part for part in [inline, *cells[1:]] if part])
        return Labelled(key(label), text)
    return Labelled(key(first), " ".join(cells[1:]))


def has_digit(cells: list[str]) -> bool:
    """True when a cell holds a digit (`str.isdigit`, so `²` counts): header rows hold none, and
    asking this first spares the data rows the header's keyword test."""
    return any(map(str.isdigit, "".join(cells)))


def is_numeric_cell(cell: str) -> bool:
    """A non-empty cell that is a number or an explicit missing marker (`-`)."""
    return bool(cell) and parse_number(cell).kind != "invalid"


@dataclass(frozen=True, slots=True)
class NumberCell:
    """A numeric cell with its position in the row (positions help place shifted cells)."""

    position: int
    parsed: ParsedNumber

    @property
    def raw(self) -> str:
        return self.parsed.raw

    @property
    def value(self) -> float | None:
        return self.parsed.value


def trailing_numbers(line: Line, start: int = 0) -> tuple[list[str], list[NumberCell]]:
    """Split a row into its leading text cells and its numeric cells from cell index `start` on.

    Text cells that appear after the first number are returned with the text (they are unusual and
    the caller reports them); numbers keep their cell positions.
    """
    texts: list[str] = []
    numbers: list[NumberCell] = []
    cells = cells_without_html(line)
    for position in range(start, len(cells)):
        text = cells[position]
        if not text:
            continue
        parsed = parse_number(text)
        if parsed.kind != "invalid":
            numbers.append(NumberCell(position, parsed))
        else:
            texts.append(text)
    return texts, numbers


def leading_integer(cells: list[str]) -> tuple[int, str | None, int] | None:
    """Read a row number at the start of a row: `["3", "name", ...]` or `["3 name", ...]`.

    Returns (number, text after it in the same cell or None, index of the cell holding it).
    """
    if not cells:
        return None
    first = cells[0]
    if _INTEGER.match(first):
        return int(first), None, 0
    match = _LEADING_INTEGER.match(first)
    if match and not is_numeric_cell(match.group(2).split()[0]):
        return int(match.group(1)), match.group(2), 0
    return None


def integer_cell(text: str) -> int | None:
    return int(text) if _INTEGER.match(text) else None


def same_name(a: str | None, b: str | None) -> bool:
    """Names are the same when their Turkish-aware keys are equal (case, punctuation ignored)."""
    return a is not None and b is not None and name_key(a) == name_key(b)


def title_key(line: Line) -> str | None:
    """The `key` of the line's first non-empty cell (the whole line without tabs), None when empty.

    A table title such as `PERFORMANS HEDEFİ TABLOSU` is recognised by it (with or without tabs
    after it); computed once per line and compared with every title.
    """
    if line.is_table_row:
        cells = values(line)
        return key(cells[0]) if cells else None
    stripped = line.stripped
    return key(stripped) if stripped else None
