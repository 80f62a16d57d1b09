"""Section 2.4 "İdare Performans Tablosu": every performance target and activity with the global
activity number, Bütçe İçi / Bütçe Dışı / Toplam amounts and their shares, and the footer rows.

A performance-target row has its number in the first column, an activity row its global number
(1..N over the whole programme) in the second. Amounts obey Bütçe İçi + Bütçe Dışı = Toplam, each
share is amount ÷ Genel Toplam × 100 (printed to two decimals), and a target's row equals the sum of
its activities' rows; these identities place values when a cell is shifted or lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.performance_programme.layout import (
    NumberCell,
    integer_cell,
    key,
    trailing_numbers,
    values,
)
from dagster_project.parsers.performance_programme.model import ADMIN_SLOTS, AdminRow
from dagster_project.parsers.performance_programme.placement import (
    SumIdentity,
    describe,
    place_row,
    solve_table,
)
from dagster_project.parsers.performance_programme.state import ParseState

TABLE = "pp_administration_performance"
ADMIN_IDENTITY = (SumIdentity((0, 2), 4),)
SHARE_TOLERANCE = 0.01  # one unit in the last printed place of a two-decimal percentage
FOOTERS = {
    "performans hedefleri maliyetleri toplami": "total_performance_targets",
    "genel yonetim giderleri": "general_administration",
    "diger idarelere transfer edilecek kaynaklar": "transfers",
    "genel toplam": "grand_total",
}


def _footer_kind(text: str) -> str | None:
    text_key = key(text)
    for prefix, kind in FOOTERS.items():
        if text_key.startswith(prefix):
            return kind
    return None


def share_check(grand_total: float | None):
    """Validator: each known share equals its amount ÷ grand total × 100 within the print rounding.

    It only decides where a shifted cell goes; a complete row whose shares disagree is dbt's finding
    (`section_2_4_share_vs_amount_over_grand_total`)."""

    def check(row: tuple[float | None, ...]) -> bool:
        if not grand_total:
            return True
        for amount_slot in (0, 2, 4):
            amount, share = row[amount_slot], row[amount_slot + 1]
            if (
                amount is not None
                and share is not None
                and abs(amount / grand_total * 100 - share) > SHARE_TOLERANCE
            ):
                return False
        return True

    return check


RawRow = tuple[AdminRow, Line, list[NumberCell]]


def parse_administration_table(state: ParseState, lines: list[Line]) -> list[AdminRow]:
    """Read the rows; place amounts per target group (target row = sum of its activity rows)."""
    raw_rows = _read_rows(state, lines)
    _place_groups(state, raw_rows)
    _report_placements(state, raw_rows)
    return [row for row, _, _ in raw_rows]


@dataclass
class _Numbering:
    """Where the numbering of 2.4 stands: the last target and activity numbers seen, the current
    target and the order of the current activity inside it."""

    last_pt: int = 0
    last_activity: int = 0
    order: int = 0
    current_pt: int | None = None


def _read_rows(state: ParseState, lines: list[Line]) -> list[RawRow]:
    """Every target, activity and footer row with its number cells, numbered as the table numbers
    them (a number in the wrong column is read by the numbering sequence)."""
    pt_column, activity_column = 0, 1
    raw_rows: list[RawRow] = []
    numbering = _Numbering()
    for line in lines:
        if not line.is_table_row:
            continue
        cells = line.cells
        texts = values(line)
        keys = [name_key(c) for c in texts]
        if "performans hedefi" in keys and "faaliyet" in keys:
            state.consume(line)  # header, repeated after every page break
            pt_column = next(i for i, c in enumerate(cells) if name_key(c) == "performans hedefi")
            activity_column = next(i for i, c in enumerate(cells) if name_key(c) == "faaliyet")
            continue
        if texts and set(keys) <= {"tl", "pay"}:
            state.consume(line)  # second header row: TL | Pay
            continue
        first = next((i for i, c in enumerate(cells) if c), None)
        if first is None:
            continue
        footer = _footer_kind(cells[first])
        number = integer_cell(cells[first])
        if footer is not None:
            _, numbers = trailing_numbers(line, start=first + 1)
            raw_rows.append((AdminRow(footer, cells[first], line.number), line, numbers))
            state.consume(line)
        elif number is None:
            state.issue(
                line,
                TABLE,
                "warning",
                "row not recognised in İdare Performans Tablosu (no target or activity number)",
            )
        else:
            is_pt = _is_target_row(
                state, line, number, abs(first - pt_column) < abs(first - activity_column), numbering
            )
            texts_after, numbers = trailing_numbers(line, start=first + 1)
            state.consume(line)
            raw_rows.append(
                (
                    _numbered_row(state, line, number, is_pt, " ".join(texts_after) or None, numbering),
                    line,
                    numbers,
                )
            )
    return raw_rows


def _is_target_row(
    state: ParseState, line: Line, number: int, in_target_column: bool, numbering: _Numbering
) -> bool:
    """A number in the target column is a target, unless it continues the activity numbering and
    not the target numbering (a shifted cell): the numbering sequence is trusted over the position."""
    if in_target_column and number != numbering.last_pt + 1 and number == numbering.last_activity + 1:
        state.issue(
            line,
            TABLE,
            "warning",
            f"number {number} sits in the target column but continues the activity numbering; read as activity",
        )
        return False
    if not in_target_column and number != numbering.last_activity + 1 and number == numbering.last_pt + 1:
        state.issue(
            line,
            TABLE,
            "warning",
            f"number {number} sits in the activity column but continues the target numbering; read as target",
        )
        return True
    return in_target_column


def _numbered_row(
    state: ParseState, line: Line, number: int, is_pt: bool, label: str | None, numbering: _Numbering
) -> AdminRow:
    """A performance-target row, or an activity row under the current target."""
    if is_pt:
        numbering.last_pt = number
        numbering.current_pt = number
        numbering.order = 0
        return AdminRow("performance_target", label, line.number, performance_target_no=number)
    if number != numbering.last_activity + 1:
        state.issue(
            line, TABLE, "warning", f"activity number {number} does not follow {numbering.last_activity}"
        )
    numbering.last_activity = number
    numbering.order += 1
    if numbering.current_pt is None:
        state.issue(line, TABLE, "warning", f"activity {number} before any performance target row")
    return AdminRow(
        "activity",
        label,
        line.number,
        performance_target_no=numbering.current_pt,
        activity_no=numbering.order,
        activity_global_no=number,
    )


def _place_groups(state: ParseState, raw_rows: list[RawRow]) -> None:
    """Place the amounts of each target row and its activity rows together (shares are relative to
    the `Genel Toplam`)."""
    grand_total = _grand_total(raw_rows)
    validators = (share_check(grand_total),)
    options = {
        id(row): place_row(numbers, 6, ADMIN_IDENTITY, validators=validators) for row, _, numbers in raw_rows
    }
    # Group activity rows under their target row and solve each group.
    groups: list[tuple[AdminRow | None, list[AdminRow]]] = []
    for row, _, _ in raw_rows:
        if row.row_kind == "performance_target":
            groups.append((row, []))
        elif row.row_kind == "activity":
            if not groups:
                groups.append((None, []))
            groups[-1][1].append(row)
    for head, members in groups:
        solution = solve_table(
            [options[id(m)] for m in members], options[id(head)] if head else None, sum_slots=(0, 2, 4)
        )
        for member, placed in zip(members, solution.rows, strict=True):
            member.amounts = placed
        if head is not None:
            head.amounts = solution.total
            if solution.status in {"ambiguous", "inconsistent"}:
                state.issue(
                    state.line(head.source_line),
                    TABLE,
                    "warning",
                    f"performance target {head.performance_target_no}: {'; '.join(solution.notes)}",
                )
    for row, _, _ in raw_rows:
        if row.row_kind not in {"performance_target", "activity"}:
            candidates = options[id(row)]
            row.amounts = candidates[0] if len(candidates) == 1 else None


def _report_placements(state: ParseState, raw_rows: list[RawRow]) -> None:
    """A row whose cells could not all be placed. A complete row whose amounts or shares do not add
    up is landed as written and left to dbt (`row_components_vs_row_total`,
    `section_2_4_share_vs_amount_over_grand_total` in rpt_reconciliation)."""
    for row, line, numbers in raw_rows:
        placed = row.amounts
        if placed is None or placed.missing:
            row.placement_note = describe(placed, ADMIN_SLOTS)
            severity = "error" if placed is None or None in placed.values else "info"
            state.issue(line, TABLE, severity, f"{len(numbers)} numbers for 6 columns: {row.placement_note}")


def _grand_total(raw_rows: list[RawRow]) -> float | None:
    """The `Genel Toplam` Toplam amount (shares are relative to it)."""
    for row, _, numbers in raw_rows:
        if row.row_kind == "grand_total":
            candidates = place_row(numbers, 6, ADMIN_IDENTITY)
            totals = {c.values[4] for c in candidates if c.values[4] is not None}
            if len(totals) == 1:
                return totals.pop()
    return None
