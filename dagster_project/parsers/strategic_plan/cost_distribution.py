"""Section 7 "Stratejik Amaç ve Hedeflere Göre Tahmini Kaynak Dağılımı": amounts per row and year.

The table nests four levels in one column (transformation area, service area, goal, target) and
ends with the plan total, personnel/interest/other expenses and the grand total (lines 2670-2674).
Every row is kept with its kind so that nobody sums a goal together with its targets. The header
repeats after each page break (lines 2564, 2583, 2604, 2623, 2643, 2664); those repeats are
consumed and the row numbering continues across them.

Quirk: TO.3 (line 2616) has no service area row of its own; it belongs to `Gençlik, Spor ve Eğitim
Hizmetleri` above TO.2, as in Bir Bakışta (line 247). The carried-down `service_area` says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dagster_project.parsers.base import Ledger, Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.strategic_plan.codes import code_numbers, split_code
from dagster_project.parsers.strategic_plan.layout import (
    REPEATED_HEADER,
    alias_keys,
    find_blocks,
    names_a_column,
    trim_trailing,
)
from dagster_project.parsers.strategic_plan.ledger import aligned_rows
from dagster_project.parsers.strategic_plan.yearly_amounts import yearly_amounts
from dagster_project.parsers.tables import Column, HeaderMap, map_header

TABLE = "sp_cost_distribution"
COLUMNS = [
    Column(
        "label",
        ("Stratejik Amaç/Stratejik Hedef", "Stratejik Amaç / Hedef", "Amaç/Hedef", "Amaçlar ve Hedefler"),
    ),
    Column("total", ("Toplam Tutar (TL)", "Toplam Tutar", "Toplam (TL)", "Toplam")),
]
# Fixed rows below the targets, by their normalised label (lines 2670-2674).
_FIXED_KINDS = {
    name_key("Personel Giderleri"): "personnel_expenses",
    name_key("Faiz Giderleri"): "interest_expenses",
    name_key("Diğer Giderler"): "other_expenses",
    name_key("Genel Toplam"): "grand_total",
}


def _header(line: Line) -> HeaderMap:
    return map_header(trim_trailing(line.cells), COLUMNS)


_KEYS = alias_keys(COLUMNS)


def is_header(line: Line) -> bool:
    if not names_a_column(line, _KEYS):
        return False
    header = _header(line)
    return "label" in header.positions and bool(header.years)


def row_kind(label: str) -> tuple[str | None, str | None]:
    """(row kind, code) of a section-7 label, or (None, None) when the label is not recognised."""
    code, _ = split_code(label)
    if code is not None:
        depth = len(code_numbers(code))
        return {1: "goal", 2: "target"}.get(depth), code
    key = name_key(label)
    if key in _FIXED_KINDS:
        return _FIXED_KINDS[key], None
    if "toplam maliyet" in key:  # `2020-2024 Stratejik Planı Toplam Maliyeti` (line 2670)
        return "plan_total", None
    if key.endswith(("dönüşüm", "dönüşümü")):
        return "transformation_area", None
    if key.endswith(("hizmetleri", "hizmetler")):
        return "service_area", None
    return None, None


def parse_cost_distribution(lines: list[Line], ledger: Ledger) -> list[Row]:
    """One row per table row and year, from every block of the table (the table continues after
    each page break, its row numbers and the areas above a goal carried across)."""
    rows: list[Row] = []
    blocks = find_blocks(lines, is_header)
    if not blocks:
        ledger.document_issue(TABLE, "warning", "no section-7 cost distribution table found")
    place = _Place()
    for block_number, (start, end) in enumerate(blocks):
        header = _read_header(lines[start], ledger, block_number)
        for line, cells in aligned_rows(
            ledger,
            lines,
            start,
            end,
            is_header,
            trim_trailing(lines[start].cells),
            _fits(header),
            TABLE,
            "label, one amount per year, Toplam Tutar",
        ):
            label = header.cell(cells, "label") or ""
            kind, code = row_kind(label)
            if kind is None:
                ledger.issue(line, TABLE, "error", f"row kind of {label!r} not recognised; row not extracted")
                continue
            place.enter(kind, label)
            row = {"row_no": place.row_no, "row_kind": kind, "row_label": label, "code": code, **place.areas}
            rows += [{**row, **amounts} for amounts in yearly_amounts(header, cells, line)]
            ledger.extract(line)
    return rows


def _read_header(line: Line, ledger: Ledger, block_number: int) -> HeaderMap:
    """A block's header: the first is the table's, the others repeat it after a page break (each
    consumed as such); a column the table does not model is reported, not dropped silently."""
    header = _header(line)
    ledger.consume(line, "cost distribution header" if block_number == 0 else REPEATED_HEADER)
    if header.unknown:
        ledger.issue(line, TABLE, "warning", f"unrecognised columns not extracted: {header.unknown!r}")
    return header


def _fits(header: HeaderMap) -> Callable[[list[str]], bool]:
    """A row fits the header when it has a label and a number under every year and Toplam Tutar
    (how `aligned_rows` tells a shifted row it can realign from one it cannot)."""
    numbers = list(header.years.values()) + (
        [header.positions["total"]] if "total" in header.positions else []
    )

    def fits(cells: list[str]) -> bool:
        label = header.cell(cells, "label") or ""
        return bool(label) and all(parse_number(cells[position]).is_number for position in numbers)

    return fits


_AREAS = ("transformation_area", "service_area")


@dataclass
class _Place:
    """Where the table is: the last row's number and the transformation and service areas above the
    current row, so that a goal or target row knows its areas (TO.3 keeps the service area above TO.2)."""

    row_no: int = 0
    areas: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(_AREAS))

    def enter(self, kind: str, label: str) -> None:
        """A new row: an area row opens its area, a total row below the targets closes both."""
        if kind == "transformation_area":
            self.areas = {"transformation_area": label, "service_area": None}
        elif kind == "service_area":
            self.areas = {**self.areas, "service_area": label}
        elif kind not in ("goal", "target"):
            self.areas = dict.fromkeys(_AREAS)
        self.row_no += 1
