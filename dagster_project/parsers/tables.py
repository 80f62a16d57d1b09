"""Find a table's header and map its columns by header text, not by position.

PDF extraction shifts cells, and other administrations order their columns differently, so a
parser declares the columns it knows (with the header spellings seen in the wild) and this module
tells where each one is, which year columns exist, and which header cells it did not recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dagster_project.parsers.normalise import name_key

_YEAR = re.compile(r"\b(19|20)(\d{2})\b")


@dataclass(frozen=True, slots=True)
class Column:
    """A column a parser knows, with the normalised header spellings that name it."""

    name: str
    aliases: tuple[str, ...]
    # The aliases' keys, built once: `map_header` asks every column about every header cell.
    alias_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "alias_keys", frozenset(map(name_key, self.aliases)))

    def matches(self, header_key: str) -> bool:
        return header_key in self.alias_keys


@dataclass
class HeaderMap:
    """Where each known column, each year column and each unknown header cell sits."""

    positions: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)
    year_labels: dict[int, str] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def cell(self, cells: list[str], name: str) -> str | None:
        """The cell under a known column, or None when the column is absent or the row is short."""
        position = self.positions.get(name)
        if position is None or position >= len(cells):
            return None
        return cells[position]


def header_year(header: str) -> int | None:
    """The year a header cell names (`2024 Yılı Hedefi`, `2021 Yılı (TL)`, `2025`), if any."""
    match = _YEAR.search(header)
    return int(match.group(0)) if match else None


def map_header(cells: list[str], columns: list[Column], year_columns: bool = True) -> HeaderMap:
    """Map header cells to known columns; cells naming a year become year columns.

    A known column wins over the year rule, so `Toplam Tutar (TL)` or a column alias that contains a
    year stays a named column. Empty cells are ignored; anything else is reported as unknown.
    """
    header = HeaderMap()
    for position, text in enumerate(cells):
        if not text:
            continue
        key = name_key(text)
        known = next((column for column in columns if column.matches(key)), None)
        if known is not None and known.name not in header.positions:
            header.positions[known.name] = position
            continue
        year = header_year(text) if year_columns else None
        if year is not None and year not in header.years:
            header.years[year] = position
            header.year_labels[year] = text
            continue
        header.unknown.append((position, text))
    return header
