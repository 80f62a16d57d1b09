"""Turkish number cells: `1.234.567,89`, `9,3`, `%106,72`, `1.281.312.454 ₺`, `-`.

Every parsed number keeps the cell's raw text next to it, and a dash is a missing value, never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

NumberKind = Literal["number", "missing", "invalid"]

_MISSING = {"", "-", "–", "—", "--", "---"}
# A character that no number, unit, dash or space has: the cell is text (most cells are).
_NOT_NUMERIC = re.compile(r"[^\d.,+\-–—₺%tlTL\s]")
_UNIT_NOISE = re.compile(r"(₺|\bTL\b|%|\s)", re.IGNORECASE)
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_THOUSANDS_DOT_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$")
_PLAIN_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_PLAIN_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL_DOT = re.compile(r"^[+-]?\d+\.\d+$")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from a cell: `value` is None when the cell is missing or unreadable."""

    raw: str
    value: float | None
    kind: NumberKind
    note: str | None = None

    @property
    def is_number(self) -> bool:
        return self.kind == "number"


@lru_cache(maxsize=1 << 16)
def parse_number(cell: str) -> ParsedNumber:
    """Read a Turkish-formatted number; units (`₺`, `TL`, `%`) inside the cell are ignored.

    A dot followed by groups of exactly three digits is a thousands separator (`1.500` = 1500);
    a comma is the decimal separator (`9,3` = 9.3). A dot followed by anything else (`11.3`) cannot
    be a thousands separator, so it is read as a decimal point and says so in `note`.

    Cached (the result is immutable): parsers test every cell of every row, and amounts, years and
    dashes repeat; a text cell is recognised by one character before any unit is stripped.
    """
    raw = cell
    if _NOT_NUMERIC.search(cell):
        return ParsedNumber(raw, None, "invalid", note=f"not a number: {raw!r}")
    text = _UNIT_NOISE.sub("", cell.strip())
    if text.lower() in _MISSING:
        return ParsedNumber(raw, None, "missing")
    if _PLAIN_INTEGER.match(text):
        return ParsedNumber(raw, float(text), "number")
    if _THOUSANDS_DOT.match(text):
        return ParsedNumber(raw, float(text.replace(".", "")), "number")
    if _THOUSANDS_DOT_DECIMAL_COMMA.match(text) or _PLAIN_DECIMAL_COMMA.match(text):
        return ParsedNumber(raw, float(text.replace(".", "").replace(",", ".")), "number")
    if _DECIMAL_DOT.match(text):
        return ParsedNumber(
            raw,
            float(text),
            "number",
            note="dot read as a decimal point: the digits after it are not a thousands group",
        )
    return ParsedNumber(raw, None, "invalid", note=f"not a number: {raw!r}")
