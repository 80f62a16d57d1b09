"""Split PDF-to-text lines into table cells.

The source documents are text extracted from PDF: a table row is one line whose cells are separated
by tabs. Cells are often shifted (empty cells before or after a value), so callers usually want the
non-empty cells in order, while header mapping wants the positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dagster_project.parsers.normalise import name_key

# A header row's only digits are years (`looks_like_header`).
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(19|20)\d{2}")

# PDF extraction leaves non-breaking and zero-width spaces inside cells.
_INVISIBLE = {"\u00a0": " ", "\u200b": "", "\ufeff": "", "\u202f": " "}


@lru_cache(maxsize=1 << 16)
def clean_cell(text: str) -> str:
    """Return the cell text with invisible characters removed and white space collapsed.

    Cached and built from `str.replace`: every parser cleans every cell of every line several
    times, and cells repeat (units, years, `-`), so this is the hottest function of a large file.
    """
    if not text.isascii():
        for invisible, replacement in _INVISIBLE.items():
            text = text.replace(invisible, replacement)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document, 1-based `number` as an editor shows it.

    The cleaned cells are computed once per line (section parsers ask every line for them);
    `cells` and `values` hand out fresh lists, so a caller may edit its copy.
    """

    number: int
    text: str
    # Filled on first use (slots keep a million-line document small in memory).
    _cleaned: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _value_keys: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def is_table_row(self) -> bool:
        """A line with a tab is a table row in these PDF extracts."""
        return "\t" in self.text

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    def _cleaned_cells(self) -> tuple[str, ...]:
        if self._cleaned is None:
            object.__setattr__(self, "_cleaned", tuple(map(clean_cell, self.text.split("\t"))))
        return self._cleaned  # type: ignore[return-value]

    @property
    def cells(self) -> list[str]:
        """All cells, cleaned, keeping empty ones so positions stay meaningful."""
        return list(self._cleaned_cells())

    @property
    def values(self) -> list[str]:
        """Non-empty cells in order: robust to cells shifted left or right."""
        return [cell for cell in self._cleaned_cells() if cell]

    @property
    def value_keys(self) -> tuple[str, ...]:
        """`name_key` of every non-empty cell: header detection asks every line of a document."""
        if self._value_keys is None:
            keys = tuple(map(name_key, filter(None, self._cleaned_cells())))
            object.__setattr__(self, "_value_keys", keys)
        return self._value_keys  # type: ignore[return-value]

    @property
    def stripped(self) -> str:
        return clean_cell(self.text)


def looks_like_header(line: Line) -> bool:
    """No digits but years (`2020 Yılı (TL)`): headers name columns, while data rows hold counts,
    amounts and codes (a target card's first row `Stratejik Amaç ⇥ KE.1 …` is data, not a header).
    The table capture takes a table's header row by it; the PDF extraction tells by it a new table
    from one that goes on after a page break."""
    return all(_YEAR.fullmatch(digits) for cell in line.values for digits in _DIGITS.findall(cell))


def document_lines(text: str) -> list[Line]:
    """Number the lines of a document (1-based, like an editor), keeping tabs intact.

    The document-type parser and the table capture read the same text (`extraction.extract`), so
    the last document's lines are kept: its cells are split and cleaned once, not twice.
    """
    return list(_numbered_lines(text))


@lru_cache(maxsize=1)
def _numbered_lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(number, raw.rstrip("\r")) for number, raw in enumerate(text.split("\n"), start=1))
