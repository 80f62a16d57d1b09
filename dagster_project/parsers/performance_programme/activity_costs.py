"""Every FAALİYET MALİYET TABLOSU: one activity, its responsible spending unit, and one row per
economic code with Bütçe Ödeneği, Döner Sermaye, Diğer Yurt İçi, Yurt Dışı and Toplam.

Rows often lose one amount cell (four numbers under five headers). The lost cell is placed with the
identities (row components add up to Toplam; rows add up to `Toplam Kaynak İhtiyacı`; that total
equals the activity's Bütçe / Bütçe Dışı / Toplam in its PERFORMANS HEDEFİ TABLOSU).
"""

from __future__ import annotations

import re
from functools import cache

from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.performance_programme.funding_sources import non_budget_sources
from dagster_project.parsers.performance_programme.layout import (
    ECONOMIC_CODE,
    Labelled,
    has_digit,
    labelled,
    trailing_numbers,
    values,
)
from dagster_project.parsers.performance_programme.model import COST_SLOTS, Activity, CostRow, CostTable
from dagster_project.parsers.performance_programme.placement import (
    TOLERANCE,
    Placement,
    SumIdentity,
    describe,
    place_row,
    solve_table,
)
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.tables import header_year

TABLE = "pp_activity_costs"
COST_IDENTITY = (SumIdentity((0, 1, 2, 3), 4),)
_PT = re.compile(r"^performans hedefi (\d+)$")


def _close(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= TOLERANCE


def _matches_activity(activity: Activity | None):
    """External check: the cost table total agrees with the performance-target table's amounts.

    Used only to choose where a lost cell goes; whether the two tables agree is reported by dbt
    (`activity_cost_table_vs_performance_target_table*` in rpt_reconciliation)."""
    if activity is None or activity.amounts is None:
        return None
    budget, non_budget, total = activity.amounts.values

    def check(stated: tuple[float | None, ...]) -> bool:
        outside = None if any(v is None for v in stated[1:4]) else sum(stated[1:4])  # type: ignore[arg-type]
        return _close(stated[0], budget) and _close(outside, non_budget) and _close(stated[4], total)

    return check


def parse_activity_cost_table(
    state: ParseState,
    block: list[Line],
    context_target: int | None,
    order_by_target: dict[int, int],
    activities: dict[tuple[int, int], Activity],
) -> CostTable:
    """Parse one FAALİYET MALİYET TABLOSU block; `order_by_target` counts the tables per target."""
    title = block[0]
    if title.is_table_row:
        state.consume(title)
    table, row_numbers, total = _read_block(state, block)
    activity = _link_to_target(state, table, title, context_target, order_by_target, activities)
    _place_amounts(state, table, title, row_numbers, total, activity)
    return table


def _read_block(
    state: ParseState, block: list[Line]
) -> tuple[CostTable, list[tuple[CostRow, list]], tuple[Line, list] | None]:
    """The table's form rows (target, activity, unit, explanation), its economic-code rows with
    their number cells, and its `Toplam Kaynak İhtiyacı` line with its number cells."""
    table = CostTable(
        performance_target_no=None,
        activity_no=None,
        performance_target_text=None,
        activity_name=None,
        responsible_unit=None,
        responsible_unit_line=None,
        explanation=None,
        fiscal_year=None,
        source_line=block[0].number,
    )
    row_numbers: list[tuple[CostRow, list]] = []
    total: tuple[Line, list] | None = None
    for line in block[1:]:
        if not line.is_table_row:
            continue
        cells = values(line)
        form = labelled(cells)
        if form is None:
            continue
        if _read_form_row(state, table, line, form) or _read_header_row(
            state, table, line, cells, form.label
        ):
            continue
        if form.label.startswith("toplam kaynak ihtiyaci"):
            state.consume(line)
            total = (line, trailing_numbers(line, start=1)[1])
        elif code := ECONOMIC_CODE.match(cells[0]):
            state.consume(line)
            row = _economic_code_row(state, line, code, row_numbers)
            if row is not None:
                row_numbers.append(row)
        else:
            state.issue(line, TABLE, "warning", "row not recognised in FAALİYET MALİYET TABLOSU")
    return table, row_numbers, total


def _read_form_row(state: ParseState, table: CostTable, line: Line, form: Labelled) -> bool:
    """A row of the form above the amounts (title, Performans Hedefi, Faaliyet Adı, Sorumlu
    Harcama Birimi, Açıklamalar) fills its field of the table; False when the row is not one."""
    label = form.label
    if label.startswith("faaliyet maliyet tablosu") or label.startswith("idare adi"):
        pass  # the title and the administration's name: nothing the table keeps
    elif match := _PT.match(label):
        table.performance_target_no = int(match.group(1))
        table.performance_target_text = form.text
        table.performance_target_line = line.number
    elif label == "faaliyet adi":
        table.activity_name = form.text
        table.activity_name_line = line.number
    elif label == "sorumlu harcama birimi":
        table.responsible_unit = form.text or None
        table.responsible_unit_line = line.number
    elif label == "aciklamalar":
        if form.text:
            table.explanation = f"{table.explanation} {form.text}" if table.explanation else form.text
    else:
        return False
    state.consume(line)
    return True


@cache
def _non_budget_names() -> frozenset[str]:
    """The outside sources' names (`döner sermaye`, ...) as `name_key` writes them, from their seed."""
    return frozenset(name_key(name) for name in non_budget_sources())


def _read_header_row(state: ParseState, table: CostTable, line: Line, cells: list[str], label: str) -> bool:
    """The amounts' header: `Ekonomik Kod ... Bütçe Ödeneği ...` gives the fiscal year, and the
    second row names the Bütçe Dışı sources (Döner Sermaye | Diğer Yurt İçi | Yurt Dışı); False when
    the row is neither."""
    if label.startswith("ekonomik kod"):
        state.consume(line)
        table.fiscal_year = header_year(" ".join(cells))
        if "bütçe ödeneği" not in {name_key(c) for c in cells}:
            state.issue(line, TABLE, "warning", "cost header does not name `Bütçe Ödeneği`")
        return True
    if not has_digit(cells) and {name_key(c) for c in cells} & _non_budget_names():
        state.consume(line)
        return True
    return False


def _economic_code_row(
    state: ParseState, line: Line, code: re.Match[str], row_numbers: list[tuple[CostRow, list]]
) -> tuple[CostRow, list] | None:
    """An economic-code row and its number cells; None (an error issue) when the code repeats.

    The code and its name are one cell (`03 Mal ve Hizmet Alım Giderleri`, line 1089) or two
    (`03 ¦ Mal ve Hizmet Alım Giderleri`, line 1148).
    """
    first = next(position for position, cell in enumerate(line.cells) if cell.strip())
    texts, numbers = trailing_numbers(line, start=first + 1)
    name = code.group(2) or (" ".join(texts) or None)
    if code.group(2) and texts:
        name = " ".join([code.group(2), *texts])
    if any(r.economic_code == code.group(1) for r, _ in row_numbers):
        state.issue(
            line,
            TABLE,
            "error",
            f"economic code {code.group(1)} repeated in one cost table; row not extracted",
        )
        return None
    return CostRow(code.group(1), name, line.number), numbers


def _link_to_target(
    state: ParseState,
    table: CostTable,
    title: Line,
    context_target: int | None,
    order_by_target: dict[int, int],
    activities: dict[tuple[int, int], Activity],
) -> Activity | None:
    """Link by position: the n-th cost table of a target is its n-th activity (returned, if any)."""
    written = table.performance_target_no
    if written is None:
        table.performance_target_no = context_target
        state.issue(
            title,
            TABLE,
            "warning",
            f"cost table names no performance target; taken from context ({context_target})",
        )
    elif context_target is not None and written != context_target:
        state.issue(
            title,
            TABLE,
            "warning",
            f"cost table cites performance target {written} inside the tables of target {context_target}",
        )
    if table.performance_target_no is not None:
        order = order_by_target.get(table.performance_target_no, 0) + 1
        order_by_target[table.performance_target_no] = order
        table.activity_no = order
    if table.activity_name is None:
        state.issue(title, TABLE, "error", "cost table without `Faaliyet Adı:`")
    activity = activities.get((table.performance_target_no, table.activity_no)) if table.activity_no else None  # type: ignore[arg-type]
    if activity is None and table.activity_no is not None:
        state.issue(
            title,
            TABLE,
            "warning",
            f"no activity {table.activity_no} in performance target {table.performance_target_no}'s table",
        )
    return activity


def _place_amounts(
    state: ParseState,
    table: CostTable,
    title: Line,
    row_numbers: list[tuple[CostRow, list]],
    total: tuple[Line, list] | None,
    activity: Activity | None,
) -> None:
    """Place the number cells on the five amount columns with the identities (rows add up to the
    total, which agrees with the activity's amounts in its performance-target table)."""
    options = [place_row(numbers, 5, COST_IDENTITY) for _, numbers in row_numbers]
    total_options = place_row(total[1], 5, COST_IDENTITY) if total else None
    solution = solve_table(options, total_options, sum_slots=range(5), external=_matches_activity(activity))
    for (row, numbers), placed in zip(row_numbers, solution.rows, strict=True):
        row.amounts = placed
        row.placement_note = describe(placed, COST_SLOTS) if placed is None or placed.missing else None
        _report(state, row.source_line, placed, len(numbers), f"economic code {row.economic_code}")
        table.rows.append(row)
    if total is not None:
        table.total = solution.total
        table.total_line = total[0].number
        table.total_note = (
            describe(solution.total, COST_SLOTS) if solution.total is None or solution.total.missing else None
        )
        _report(state, table.total_line, solution.total, len(total[1]), "`Toplam Kaynak İhtiyacı`")
    else:
        state.issue(title, TABLE, "warning", "cost table ends without `Toplam Kaynak İhtiyacı` (truncated?)")
    if solution.status in {"ambiguous", "inconsistent"}:
        state.issue(
            state.line(table.total_line or title.number),
            TABLE,
            "error",
            f"cost table of activity {table.performance_target_no}.{table.activity_no}: {'; '.join(solution.notes)}",
        )


def _report(state: ParseState, line_no: int, placed: Placement | None, count: int, what: str) -> None:
    """A row whose cells could not all be placed. A complete row whose amounts do not add up is
    landed as written and left to dbt (`row_components_vs_row_total` in rpt_reconciliation)."""
    line = state.line(line_no)
    if placed is None or (placed.missing and None in placed.values):
        state.issue(
            line,
            TABLE,
            "error",
            f"{what}: {count} numbers cannot be placed unambiguously on the five amount columns; {describe(placed, COST_SLOTS)}",
        )
    elif placed.missing:
        state.issue(line, TABLE, "info", f"{what}: {describe(placed, COST_SLOTS)}")
