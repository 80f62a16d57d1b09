"""The success band table "Performans Göstergeleri Başarı Düzeyi Değerlendirme Sistemi", as written.

Kocaeli prints it twice: in section 4.2 for the previous plan (lines 290-297) and in section 8 for
this one (lines 2684-2691). Both copies are kept, told apart by `section`. Ranges are written as
`% 85-114` or `% 115 ve üstü`; the colour column is empty in the text (the colours were cell fills
in the PDF). The marts later treat the bands as half-open intervals; here they stay as written.
"""

from __future__ import annotations

import re

from dagster_project.parsers.base import Ledger, Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.strategic_plan.layout import (
    alias_keys,
    find_blocks,
    names_a_column,
    section_number_before,
    trim_trailing,
)
from dagster_project.parsers.strategic_plan.ledger import aligned_rows
from dagster_project.parsers.tables import Column, HeaderMap, map_header

TABLE = "sp_success_bands"
COLUMNS = [
    Column("range", ("Gerçekleşme Aralığı", "Gerçekleşme Oranı", "Başarı Aralığı")),
    Column("colour", ("Kategorik Renk Kodu", "Renk Kodu", "Renk")),
    Column("name", ("Başarı Düzeyi", "Değerlendirme")),
    Column("score", ("Puan Durumu", "Puan")),
]
_TITLE = name_key("Performans Göstergeleri Başarı Düzeyi Değerlendirme Sistemi")
_NUMBER = r"\d+(?:[.,]\d+)?"
_BETWEEN = re.compile(rf"^%?\s*(?P<lower>{_NUMBER})\s*%?\s*[-–]\s*%?\s*(?P<upper>{_NUMBER})\s*%?$")
_AT_LEAST = re.compile(rf"^%?\s*(?P<lower>{_NUMBER})\s*%?\s*(ve|veya)\s+(üstü|üzeri|fazlası)$", re.IGNORECASE)
_AT_MOST = re.compile(
    rf"^%?\s*(?P<upper>{_NUMBER})\s*%?\s*(ve|veya)\s+(altı|aşağısı|daha az)$", re.IGNORECASE
)


def _header(line: Line) -> HeaderMap:
    return map_header(trim_trailing(line.cells), COLUMNS, year_columns=False)


_KEYS = alias_keys(COLUMNS)


def is_header(line: Line) -> bool:
    return names_a_column(line, _KEYS) and {"range", "name"} <= _header(line).positions.keys()


def parse_range(text: str) -> tuple[float | None, float | None] | None:
    """`% 85-114` → (85, 114); `% 115 ve üstü` → (115, None); `% 44 ve altı` → (None, 44)."""
    cleaned = " ".join(text.split())
    for pattern in (_BETWEEN, _AT_LEAST, _AT_MOST):
        match = pattern.match(cleaned)
        if match:
            bounds = match.groupdict()
            lower = parse_number(bounds["lower"]).value if bounds.get("lower") else None
            upper = parse_number(bounds["upper"]).value if bounds.get("upper") else None
            return lower, upper
    return None


def parse_success_bands(lines: list[Line], ledger: Ledger) -> list[Row]:
    rows: list[Row] = []
    blocks = find_blocks(lines, is_header)
    if not blocks:
        ledger.document_issue(TABLE, "warning", "no success band table (Başarı Düzeyi) found")
    for start, end in blocks:
        header = _header(lines[start])
        header_cells = trim_trailing(lines[start].cells)
        ledger.consume(lines[start], "success band header")
        above = next((line for line in reversed(lines[:start]) if not line.is_blank), None)
        if above is not None and above.is_table_row and name_key(" ".join(above.values)) == _TITLE:
            ledger.consume(above, "success band table title")  # line 290: the title is a one-cell row
        section = section_number_before(lines, start)

        def fits(cells: list[str], header: HeaderMap = header) -> bool:
            score = header.cell(cells, "score")
            return (
                parse_range(header.cell(cells, "range") or "") is not None
                and bool(header.cell(cells, "name"))
                and (score is None or parse_number(score).is_number)
            )

        block: list[Row] = []
        for line, cells in aligned_rows(
            ledger,
            lines,
            start,
            end,
            is_header,
            header_cells,
            fits,
            TABLE,
            "range such as `% 85-114`, colour, level, score",
        ):
            range_text = header.cell(cells, "range") or ""
            bounds = parse_range(range_text)
            assert bounds is not None  # guaranteed by fits()
            score = parse_number(header.cell(cells, "score") or "")
            block.append(
                {
                    "section": section,
                    "range_text": range_text,
                    "lower_pct": bounds[0],
                    "upper_pct": bounds[1],
                    "band_name": header.cell(cells, "name"),
                    "colour_text": header.cell(cells, "colour"),
                    "score": int(score.value) if score.value is not None else None,
                    "source_line": ledger.extract(line),
                }
            )
        # Band 1 is the highest: order by lower bound, highest first (`ve altı` bands last).
        ranked = sorted(block, key=lambda row: -(row["lower_pct"] if row["lower_pct"] is not None else -1.0))
        for order, row in enumerate(ranked, start=1):
            row["band_order"] = order
        rows.extend(block)
    return rows
