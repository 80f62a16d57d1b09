"""The "Bir Bakışta" table (section 3): the counts the plan declares about itself.

These numbers are what the document promises (KE.1: 11 targets, 49 activities, 52 indicators; plan:
82 / 319 / 379, lines 239-258); reconciliation later compares them with what the cards hold, so they
are extracted as written and never corrected here. The table also gives the title-cased service and
transformation area of each goal, with merged cells left empty (TO.3 on line 247 shares the service
area of TO.2), so both are carried down.
"""

from __future__ import annotations

import re

from dagster_project.parsers.base import Ledger, Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.strategic_plan.codes import split_code
from dagster_project.parsers.strategic_plan.layout import (
    REPEATED_HEADER,
    alias_keys,
    find_blocks,
    names_a_column,
)
from dagster_project.parsers.tables import Column, HeaderMap, map_header

TABLE = "sp_declared_counts"
COLUMNS = [
    Column("transformation_area", ("Dönüşüm Alanı",)),
    Column("service_area", ("Hizmet Alanı",)),
    Column("goal", ("Stratejik Amaç", "Amaç")),
    Column("targets", ("Hedef Sayısı", "Stratejik Hedef Sayısı")),
    Column("activities", ("Proje/Faaliyet Sayısı", "Faaliyet/Proje Sayısı", "Faaliyet Sayısı")),
    Column("indicators", ("Gösterge Sayısı", "Performans Göstergesi Sayısı")),
]
COUNT_ITEMS = ("targets", "activities", "indicators")
# The plan totals row writes count and item in one cell: `82 Stratejik Hedef` (line 258).
_PLAN_ITEMS = {
    name_key(label): item
    for item, labels in {
        "transformation_areas": ("Dönüşüm Alanı",),
        "service_areas": ("Hizmet Alanı",),
        "goals": ("Stratejik Amaç", "Amaç"),
        "targets": ("Stratejik Hedef", "Hedef"),
        "activities": ("Proje/Faaliyet", "Faaliyet/Proje", "Faaliyet", "Proje"),
        "indicators": ("Gösterge", "Performans Göstergesi"),
    }.items()
    for label in labels
}
_COUNT_AND_LABEL = re.compile(r"^(?P<count>\d[\d.]*)\s+(?P<label>\D.*)$")
_TOTAL_CAPTIONS = {name_key("Genel Toplam"), name_key("Toplam")}


def _header(line: Line) -> HeaderMap:
    return map_header(line.cells, COLUMNS, year_columns=False)


_KEYS = alias_keys(COLUMNS)


def is_header(line: Line) -> bool:
    if not names_a_column(line, _KEYS):
        return False
    header = _header(line)
    return "goal" in header.positions and any(item in header.positions for item in COUNT_ITEMS)


def parse_overview(lines: list[Line], ledger: Ledger) -> list[Row]:
    rows: list[Row] = []
    blocks = find_blocks(lines, is_header)
    if not blocks:
        ledger.document_issue(TABLE, "warning", "no Bir Bakışta table (declared counts) found")
    for start, end in blocks:
        header = _header(lines[start])
        ledger.consume(lines[start], "Bir Bakışta table header")
        areas: dict[str, str | None] = {"transformation_area": None, "service_area": None}
        for line in lines[start + 1 : end]:
            if not line.is_table_row:
                continue
            if is_header(line):
                ledger.consume(line, REPEATED_HEADER)
                continue
            if _goal_row(line, header, areas, ledger, rows) or _plan_row(line, ledger, rows):
                continue  # the row readers extracted it or reported why not
            if len(line.values) == 1 and name_key(line.values[0]) in _TOTAL_CAPTIONS:
                # `GENEL TOPLAM` (line 257) captions the plan totals row under it.
                ledger.consume(line, "caption of the Bir Bakışta plan totals row")
                continue
            ledger.issue(
                line,
                TABLE,
                "warning",
                "row in the Bir Bakışta table not recognised (expected a goal row `KE.1 ...` with counts, "
                "or plan totals such as `82 Stratejik Hedef`)",
            )
    return rows


def _goal_row(
    line: Line, header: HeaderMap, areas: dict[str, str | None], ledger: Ledger, rows: list[Row]
) -> bool:
    cells = line.cells
    goal_position = header.positions["goal"]
    coded = [position for position, cell in enumerate(cells) if split_code(cell)[0] is not None]
    if not coded:
        return False
    shift = 0
    if goal_position not in coded:
        shift = coded[0] - goal_position
        ledger.issue(
            line, TABLE, "warning", f"cells shifted by {shift} against the header; read with that shift"
        )

    def cell(name: str) -> str:
        position = header.positions.get(name)
        if position is None or not 0 <= position + shift < len(cells):
            return ""
        return cells[position + shift]

    goal_code = split_code(cell("goal"))[0]
    if cell("transformation_area"):
        areas["transformation_area"], areas["service_area"] = cell("transformation_area"), None
    if cell("service_area"):
        areas["service_area"] = cell("service_area")
    extracted = False
    for item in COUNT_ITEMS:
        if item not in header.positions:
            continue
        raw = cell(item)
        number = parse_number(raw)
        if number.value is None or not number.value.is_integer():
            ledger.issue(
                line, TABLE, "warning", f"{goal_code}: declared {item} {raw!r} is not a whole number"
            )
            continue
        rows.append(
            {
                "scope": "goal",
                "goal_code": goal_code,
                **areas,
                "item": item,
                "declared_count": int(number.value),
                "raw_text": raw,
                "source_line": line.number,
            }
        )
        extracted = True
    if extracted:
        ledger.extract(line)
    return True


def _plan_row(line: Line, ledger: Ledger, rows: list[Row]) -> bool:
    matches = [_COUNT_AND_LABEL.match(cell) for cell in line.values]
    if not matches or not all(matches):
        return False
    before = len(rows)
    for cell, match in zip(line.values, matches, strict=True):
        assert match is not None
        item = _PLAN_ITEMS.get(name_key(match.group("label")))
        number = parse_number(match.group("count"))
        if item is None or number.value is None:
            ledger.issue(line, TABLE, "warning", f"plan total {cell!r} does not name a known item")
            continue
        rows.append(
            {
                "scope": "plan",
                "goal_code": None,
                "transformation_area": None,
                "service_area": None,
                "item": item,
                "declared_count": int(number.value),
                "raw_text": cell,
                "source_line": line.number,
            }
        )
    if len(rows) > before:
        ledger.extract(line)
    return True


def areas_by_goal(rows: list[Row]) -> dict[str, tuple[str | None, str | None]]:
    """Goal code → (transformation area, service area) as the Bir Bakışta table writes them."""
    return {
        row["goal_code"]: (row["transformation_area"], row["service_area"])
        for row in rows
        if row["scope"] == "goal" and row["goal_code"]
    }
