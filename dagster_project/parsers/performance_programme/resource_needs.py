"""Section 2.5 "Toplam Kaynak İhtiyacı Tablosu": per economic code the activity total, general
administration total, transfers and grand total; the non-budget funding rows and the totals.

Columns are taken from the header (`Faaliyet Toplamı`, `Genel Yönetim Giderleri Toplamı`,
`Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı`, `Genel Toplam`) in the order it gives them.
Some rows leave a cell blank (Kayseri 2024, lines 4254-4255: `08 Borç verme` has no Faaliyet
Toplamı): the complete rows of the table give each column's cell position, and the identity
(components = Genel Toplam) gives the blank cell's value, recorded in `placement_note`.

Each row records its funding source's code (`budget` for the budget's code rows and total; the
outside sources' rows by their names, read from the seed that is their one home: see
`funding_sources`), so dbt compares 2.5 per source without matching names again.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from dagster_project.parsers.cells import Line
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.performance_programme.funding_sources import BUDGET, non_budget_sources
from dagster_project.parsers.performance_programme.layout import (
    ECONOMIC_CODE,
    NumberCell,
    is_numeric_cell,
    key,
    strip_html,
    values,
)
from dagster_project.parsers.performance_programme.model import ResourceRow
from dagster_project.parsers.performance_programme.placement import (
    Placement,
    SumIdentity,
    describe,
    place_row,
    solve_table,
)
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.tables import Column, map_header

TABLE = "pp_resource_needs"
RESOURCE_COLUMNS = [
    Column("activity", ("Faaliyet Toplamı", "Faaliyetler Toplamı")),
    Column("general_administration", ("Genel Yönetim Giderleri Toplamı", "Genel Yönetim Giderleri")),
    Column(
        "transfers",
        (
            "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı",
            "Diğer İdarelere Transfer Edilecek Kaynaklar",
        ),
    ),
    Column("total", ("Genel Toplam", "Toplam")),
]
SLOT_NAMES = ("activity", "general_administration", "transfers", "total")
RESOURCE_IDENTITY = (SumIdentity((0, 1, 2), 3),)
# The table's total rows, by their label's key: (funding group, row kind, funding source).
_TOTALS = {
    "toplam butce kaynak ihtiyaci": ("budget", "budget_total", BUDGET),
    "toplam butce disi kaynak ihtiyaci": ("non_budget", "non_budget_total", None),
    "toplam kaynak ihtiyaci": ("all", "grand_total", None),
}
# Cells that open a group of rows: the budget's economic codes, then the sources outside it.
_GROUPS = {
    "butce kaynak ihtiyaci": "budget",
    "butce disi kaynak": "non_budget",
    "butce disi kaynak ihtiyaci": "non_budget",
}


@cache
def _source_rows() -> dict[str, tuple[str, str, str]]:
    """A non-budget source's row (`Döner Sermaye`, ...) by its label's key, named as in the seed."""
    return {key(name): ("non_budget", "funding_source", code) for name, code in non_budget_sources().items()}


RawRow = tuple[ResourceRow, Line, list[NumberCell]]


def parse_resource_needs(state: ParseState, lines: list[Line]) -> list[ResourceRow]:
    """Read the rows in header order, then place their amounts (components = Genel Toplam; code
    rows add up to their group's total row)."""
    rows, order = _read_rows(state, lines)
    _place_groups(state, rows, order)
    _report_placements(state, rows)
    return [row for row, _, _ in rows]


def _read_rows(state: ParseState, lines: list[Line]) -> tuple[list[RawRow], list[int]]:
    """Every economic-code, funding-source and total row with its number cells, and the order of
    the four amount columns in the header."""
    rows: list[RawRow] = []
    group = "budget"
    header_seen = False
    order = list(range(4))
    for line in lines:
        if not line.is_table_row:
            continue
        cells = [strip_html(c) for c in line.cells]
        texts = values(line)
        header = map_header(cells, RESOURCE_COLUMNS, year_columns=False)
        if {"activity", "total"} <= header.positions.keys():
            state.consume(line)
            header_seen = True
            present = sorted(header.positions, key=header.positions.get)  # type: ignore[arg-type]
            order = [SLOT_NAMES.index(name) for name in present if name in SLOT_NAMES]
            if len(order) != 4:
                state.issue(
                    line,
                    TABLE,
                    "warning",
                    f"header names {present}; expected the four columns {list(SLOT_NAMES)}",
                )
            continue
        if not header_seen:
            # Title rows above the header (the administration's name) carry no data.
            state.consume(line)
            continue
        read, group = _row(state, line, cells, texts, group)
        if read is None:
            continue
        state.consume(line)
        # Slots in header order → canonical order (activity, general administration, transfers, total).
        rows.append((read[0], line, read[1]))
    return rows, order


def _row(
    state: ParseState, line: Line, cells: list[str], texts: list[str], group: str
) -> tuple[tuple[ResourceRow, list[NumberCell]] | None, str]:
    """One row of 2.5 with its number cells (None when empty or not recognised), and the funding
    group from this row on (a `Bütçe Dışı Kaynak` cell opens the non-budget rows)."""
    label_parts: list[str] = []
    numbers: list[NumberCell] = []
    kind: tuple[str, str, str | None] | None = None
    code: str | None = None
    code_name: str | None = None
    filled = [(position, cell) for position, cell in enumerate(cells) if cell]
    for index, (position, cell) in enumerate(filled):
        cell_key = key(cell)
        if cell_key in _GROUPS:
            group = _GROUPS[cell_key]
            continue
        match = ECONOMIC_CODE.match(cell)
        following = filled[index + 1][1] if index + 1 < len(filled) else ""
        if code is None and not numbers and match and (match.group(2) or not is_numeric_cell(following)):
            code, code_name = match.group(1), match.group(2)
            continue
        if is_numeric_cell(cell):
            numbers.append(NumberCell(position, parse_number(cell)))
            continue
        kind = _TOTALS.get(cell_key) or _source_rows().get(cell_key) or kind
        label_parts.append(cell)
    if code is not None:
        name = code_name or (" ".join(label_parts) or None)
        source = BUDGET if group == "budget" else None
        row = ResourceRow(group, "economic_code", code, name, line.number, funding_source=source)
    elif kind is not None:
        funding_group, row_kind, source = kind
        funding_group = group if row_kind == "funding_source" else funding_group
        row = ResourceRow(
            funding_group, row_kind, None, " ".join(label_parts), line.number, funding_source=source
        )
    elif not texts:
        return None, group
    else:
        state.issue(line, TABLE, "warning", "row not recognised in Toplam Kaynak İhtiyacı Tablosu")
        return None, group
    return (row, numbers), group


def _place_groups(state: ParseState, rows: list[RawRow], order: list[int]) -> None:
    template = _template(rows)
    options = {id(row): _place(numbers, template, order) for row, _, numbers in rows}
    budget_rows = [r for r, _, _ in rows if r.row_kind == "economic_code" and r.funding_group == "budget"]
    budget_total = [r for r, _, _ in rows if r.row_kind == "budget_total"]
    source_rows = [r for r, _, _ in rows if r.row_kind == "funding_source"]
    source_total = [r for r, _, _ in rows if r.row_kind == "non_budget_total"]
    for members, totals in ((budget_rows, budget_total), (source_rows, source_total)):
        if not members and not totals:
            continue
        solution = solve_table(
            [options[id(m)] for m in members], options[id(totals[0])] if totals else None, sum_slots=range(4)
        )
        for member, placed in zip(members, solution.rows, strict=True):
            member.amounts = placed
        if totals:
            totals[0].amounts = solution.total
        if solution.status in {"ambiguous", "inconsistent"}:
            anchor = totals[0] if totals else members[0]
            state.issue(state.line(anchor.source_line), TABLE, "warning", f"{'; '.join(solution.notes)}")
    for row, _, _ in rows:
        if row.amounts is None and options[id(row)]:
            candidates = options[id(row)]
            row.amounts = candidates[0] if len(candidates) == 1 else None


def _report_placements(state: ParseState, rows: list[RawRow]) -> None:
    """A row whose cells could not all be placed. A complete row whose amounts do not add up is
    landed as written and left to dbt (`row_components_vs_row_total` in rpt_reconciliation)."""
    for row, line, numbers in rows:
        placed = row.amounts
        if placed is None or placed.missing:
            row.placement_note = describe(placed, SLOT_NAMES)
            state.issue(
                line,
                TABLE,
                "error" if placed is None or None in placed.values else "info",
                f"{len(numbers)} numbers for 4 columns: {row.placement_note}",
            )


def _template(rows: list[RawRow]) -> list[int] | None:
    """Cell positions of the four amount columns, from the table's complete rows (most common layout)."""
    layouts = Counter(tuple(n.position for n in numbers) for _, _, numbers in rows if len(numbers) == 4)
    if not layouts:
        return None
    return list(layouts.most_common(1)[0][0])


def _place(numbers: list[NumberCell], template: list[int] | None, order: list[int]):
    """Place on header-ordered slots, then reorder to the canonical slot order."""
    placements = place_row(numbers, 4, _identity_in(order), template=template)
    return [_reorder(p, order) for p in placements]


def _identity_in(order: list[int]) -> tuple[SumIdentity, ...]:
    if sorted(order) != [0, 1, 2, 3]:
        return RESOURCE_IDENTITY
    total_slot = order.index(3)
    return (SumIdentity(tuple(i for i in range(4) if i != total_slot), total_slot),)


def _reorder(placement, order: list[int]):
    if order == [0, 1, 2, 3] or sorted(order) != [0, 1, 2, 3]:
        return placement
    values = [None] * 4
    raws = [None] * 4
    for header_slot, canonical in enumerate(order):
        values[canonical] = placement.values[header_slot]
        raws[canonical] = placement.raws[header_slot]
    return Placement(
        values=tuple(values),
        raws=tuple(raws),
        derived=frozenset(order[s] for s in placement.derived),
        missing=frozenset(order[s] for s in placement.missing),
        consistent=placement.consistent,
    )
