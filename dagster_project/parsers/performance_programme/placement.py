"""Place the numeric cells of a row on the amount columns using the amount identities.

PDF extraction drops or shifts amount cells: a cost row may carry four numbers for five columns,
and the empty cells do not tell which column is lost. The amounts obey identities
(Bütçe Ödeneği + Döner Sermaye + Diğer Yurt İçi + Yurt Dışı = Toplam; rows add up to the table's
total row; a table's total equals the amount another table states for the same activity), so:

1. `place_row` lists every order-preserving way to put a row's numbers on the slots, derives a
   lost cell from an identity when exactly one member is unknown, and keeps the placements that
   satisfy the identities (a full row is returned as read, flagged when an identity fails).
2. `solve_table` picks one placement per row so that the rows sum to the total row and the total
   row agrees with the external amounts; it accepts a value only when every surviving combination
   agrees on it, and otherwise leaves it null and says so (never a guess).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dagster_project.parsers.performance_programme.layout import NumberCell

TOLERANCE = 0.01  # TL: amounts are written to the kuruş
MAX_COMBINATIONS = 50_000  # a table with more row placements than this is reported, not searched


@dataclass(frozen=True, slots=True)
class SumIdentity:
    """`sum(values[c] for c in components) == values[total]`."""

    components: tuple[int, ...]
    total: int
    # Components then total, built once: every candidate placement of every row asks for them.
    members: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", (*self.components, self.total))

    def holds(self, values: Sequence[float | None], tolerance: float = TOLERANCE) -> bool | None:
        """True/False when every member is known, None when the identity cannot be checked."""
        members = [values[m] for m in self.members]
        if None in members:
            return None
        component_sum = sum(members[:-1])  # type: ignore[arg-type]
        return abs(component_sum - members[-1]) <= tolerance  # type: ignore[operator]


@dataclass(frozen=True, slots=True)
class Placement:
    """Values per slot (None = unknown), the cell text per slot (None = no cell), derived slots."""

    values: tuple[float | None, ...]
    raws: tuple[str | None, ...]
    derived: frozenset[int] = frozenset()
    missing: frozenset[int] = frozenset()
    consistent: bool = True
    positions: tuple[int | None, ...] = ()
    lost_somewhere: frozenset[int] = frozenset()  # slots one of which lost its cell (placement ambiguous)

    def key(self) -> tuple[float | None, ...]:
        """The values rounded to the kuruş: placements with equal keys are the same amounts."""
        return tuple([None if v is None else round(v, 2) for v in self.values])


@dataclass
class TableSolution:
    """The chosen placement per row (None where no value could be placed) and the outcome."""

    rows: list[Placement | None]
    total: Placement | None
    # unique | ambiguous | external_mismatch | unbalanced | inconsistent | empty. `external_mismatch`
    # and `unbalanced` (the rows do not add up to the total row) are the document's numbers
    # disagreeing, which dbt's reconciliation reports; the parser reports only `ambiguous` and
    # `inconsistent` (values it could not place).
    status: str
    notes: list[str] = field(default_factory=list)


def _derive(values: list[float | None], free: frozenset[int], identities: Sequence[SumIdentity]) -> set[int]:
    """Fill slots in `free` that an identity determines; returns the slots it filled."""
    derived: set[int] = set()
    if not free:  # a complete row (most rows): nothing to fill
        return derived
    changed = True
    while changed:
        changed = False
        for identity in identities:
            unknown = [m for m in identity.members if values[m] is None]
            if len(unknown) != 1 or unknown[0] not in free:
                continue
            slot = unknown[0]
            if slot == identity.total:
                values[slot] = sum(values[c] for c in identity.components)  # type: ignore[misc]
            else:
                others = sum(values[c] for c in identity.components if c != slot)  # type: ignore[misc]
                values[slot] = values[identity.total] - others  # type: ignore[operator]
            derived.add(slot)
            changed = True
    return derived


def _build(
    numbers: Sequence[NumberCell],
    slots: Sequence[int],
    n_slots: int,
    identities: Sequence[SumIdentity],
    validators: Sequence[Callable[[tuple[float | None, ...]], bool]],
    tolerance: float,
) -> Placement:
    values: list[float | None] = [None] * n_slots
    raws: list[str | None] = [None] * n_slots
    positions: list[int | None] = [None] * n_slots
    for number, slot in zip(numbers, slots, strict=True):
        parsed = number.parsed
        values[slot] = parsed.value
        raws[slot] = parsed.raw
        positions[slot] = number.position
    missing = frozenset(range(n_slots)).difference(slots)
    derived = _derive(values, missing, identities)
    frozen = tuple(values)
    return Placement(
        values=frozen,
        raws=tuple(raws),
        derived=frozenset(derived),
        missing=missing,
        consistent=_consistent(frozen, derived, identities, validators, tolerance),
        positions=tuple(positions),
    )


def _consistent(
    values: tuple[float | None, ...],
    derived: set[int],
    identities: Sequence[SumIdentity],
    validators: Sequence[Callable[[tuple[float | None, ...]], bool]],
    tolerance: float,
) -> bool:
    """No identity fails, no derived amount is negative, every validator accepts the values."""
    for identity in identities:
        if identity.holds(values, tolerance) is False:
            return False
    for slot in derived:
        value = values[slot]
        if value is not None and value < -tolerance:
            return False
    return all(check(values) for check in validators)


def place_row(
    numbers: Sequence[NumberCell],
    n_slots: int,
    identities: Sequence[SumIdentity] = (),
    *,
    template: Sequence[int] | None = None,
    validators: Sequence[Callable[[tuple[float | None, ...]], bool]] = (),
    tolerance: float = TOLERANCE,
) -> list[Placement]:
    """Candidate placements of a row's numbers on `n_slots` ordered slots.

    A row with exactly `n_slots` numbers is read in order and returned even when an identity fails
    (`consistent=False`): the document said so, dbt reconciliation reports it. With fewer numbers, a
    `template` (cell position of every slot, learnt from the complete rows of the same table) is
    tried first, then every order-preserving choice of slots; only placements satisfying the
    identities survive, de-duplicated on their values.
    """
    count = len(numbers)
    if count == 0 or count > n_slots:
        return []
    if count == n_slots:
        return [_build(numbers, range(n_slots), n_slots, identities, validators, tolerance)]
    if template is not None and len(template) == n_slots:
        by_position = {position: slot for slot, position in enumerate(template)}
        slots = [by_position.get(number.position) for number in numbers]
        if all(slot is not None for slot in slots) and slots == sorted(slots):  # type: ignore[type-var]
            placed = _build(numbers, slots, n_slots, identities, validators, tolerance)  # type: ignore[arg-type]
            if placed.consistent:
                return [placed]
    groups: dict[tuple[float | None, ...], list[Placement]] = {}
    for slots in itertools.combinations(range(n_slots), count):
        placed = _build(numbers, slots, n_slots, identities, validators, tolerance)
        if placed.consistent:
            groups.setdefault(placed.key(), []).append(placed)
    return [_merge_same_values(group) for group in groups.values()]


def _merge_same_values(group: list[Placement]) -> Placement:
    """Placements with equal values differ only in which cell was lost: keep what they agree on.

    E.g. `5.500.000,00 ¦ 0,00 ¦ 0,00 ¦ 5.500.000,00` under five columns: the lost cell is one of
    the three non-budget columns, all zero either way, so the values are certain but the cell text
    of those three columns is not attributed to one of them.
    """
    first = group[0]
    if len(group) == 1:
        return first
    raws = [
        first.raws[slot] if all(p.raws[slot] == first.raws[slot] for p in group) else None
        for slot in range(len(first.raws))
    ]
    lost = frozenset().union(*(p.missing for p in group))
    return Placement(
        values=first.values,
        raws=tuple(raws),
        derived=frozenset().union(*(p.derived for p in group)),
        missing=lost,
        consistent=True,
        positions=first.positions,
        lost_somewhere=lost,
    )


def _sums_match(rows: Sequence[Placement], total: Placement, slots: Sequence[int], tolerance: float) -> bool:
    for slot in slots:
        stated = total.values[slot]
        if stated is None:
            continue
        parts = [row.values[slot] for row in rows]
        if None in parts:
            continue
        if abs(sum(parts) - stated) > tolerance:  # type: ignore[arg-type]
            return False
    return True


def _agreed(options: Sequence[Placement]) -> Placement | None:
    """Keep the slots on which every option agrees; None when no option is left."""
    if not options:
        return None
    first = options[0]
    if len(options) == 1:  # most rows: nothing to compare
        return first
    keys = [option.key() for option in options]
    if all(key == keys[0] for key in keys):
        return first
    values = list(first.values)
    raws = list(first.raws)
    for slot in range(len(values)):
        if any(key[slot] != keys[0][slot] for key in keys):
            values[slot] = None
            raws[slot] = None
        elif any(option.raws[slot] != first.raws[slot] for option in options):
            raws[slot] = None
    return Placement(
        values=tuple(values),
        raws=tuple(raws),
        derived=first.derived,
        missing=first.missing,
        consistent=False,
        positions=first.positions,
    )


Options = list[Placement]
Combination = tuple[tuple[Placement, ...], Placement | None]  # one placement per row, the total's


def solve_table(
    rows: Sequence[Sequence[Placement]],
    total: Sequence[Placement] | None,
    sum_slots: Sequence[int],
    external: Callable[[tuple[float | None, ...]], bool] | None = None,
    tolerance: float = TOLERANCE,
) -> TableSolution:
    """Choose one placement per row (and for the total row) that satisfies the table identities.

    Constraints: for every slot in `sum_slots`, the rows add up to the total row; the total row
    (or the rows' sum when the table has no total row) passes `external` (the amounts another
    table states). If no combination passes `external`, it is dropped and the status says so.
    """
    if not rows and not total:
        return TableSolution([], None, "empty")
    row_options = [list(options) for options in rows]
    total_options = list(total) if total else []
    if any(not options for options in row_options) or (total is not None and not total_options):
        return _unambiguous_rows(row_options, total_options, "a row has no placement satisfying its identity")
    space = 1
    for options in [*row_options, total_options or [None]]:
        space *= max(1, len(options))
    if space > MAX_COMBINATIONS:
        # Too many to search: only the rows read in one way are kept, nothing is agreed across.
        chosen = [options[0] if len(options) == 1 else None for options in row_options]
        total_choice = total_options[0] if len(total_options) == 1 else None
        return TableSolution(chosen, total_choice, "inconsistent", [f"{space} combinations: not searched"])
    status = "unique"
    notes: list[str] = []
    combos = _valid_combinations(row_options, total_options, sum_slots, tolerance, external)
    if not combos and external is not None:
        combos = _valid_combinations(row_options, total_options, sum_slots, tolerance, None)
        status = "external_mismatch"
        notes.append("no placement agrees with the amounts stated in the linked table")
    if not combos:
        return _unambiguous_rows(
            row_options, total_options, "rows do not add up to the total row", status="unbalanced"
        )
    return _agreed_solution(combos, len(row_options), bool(total_options), status, notes)


def _unambiguous_rows(
    row_options: list[Options], total_options: Options, note: str, status: str = "inconsistent"
) -> TableSolution:
    """No combination holds: each row keeps what its own placements agree on, never a value the
    table's identities would have had to choose (a row left unknown is reported on its own)."""
    chosen = [options[0] if len(options) == 1 else _agreed(options) for options in row_options]
    total_choice = total_options[0] if len(total_options) == 1 else _agreed(total_options)
    return TableSolution(chosen, total_choice, status, [note])


def _valid_combinations(
    row_options: list[Options],
    total_options: Options,
    sum_slots: Sequence[int],
    tolerance: float,
    external: Callable[[tuple[float | None, ...]], bool] | None,
) -> list[Combination]:
    """Every choice of one placement per row and one for the total row under which the rows add
    up to the total and the total (or the rows' sum) passes `external`, when given."""
    found: list[Combination] = []
    for combo in itertools.product(*row_options):
        for total_choice in total_options or [None]:
            if total_choice is not None and not _sums_match(combo, total_choice, sum_slots, tolerance):
                continue
            if external is not None and not external(_stated(combo, total_choice)):
                continue
            found.append((combo, total_choice))
    return found


def _stated(combo: tuple[Placement, ...], total_choice: Placement | None) -> tuple[float | None, ...]:
    """What the table states in total: its total row, or the rows' sum per slot when it has none
    (None in a slot where a row is unknown)."""
    if total_choice is not None:
        return total_choice.values
    n_slots = len(combo[0].values) if combo else 0
    return tuple(
        None if any(row.values[s] is None for row in combo) else sum(row.values[s] for row in combo)  # type: ignore[misc]
        for s in range(n_slots)
    )


def _agreed_solution(
    combos: list[Combination], n_rows: int, has_total: bool, status: str, notes: list[str]
) -> TableSolution:
    """Each row and the total keep the values every valid combination agrees on; more than one
    distinct combination makes the table `ambiguous` (and says how many)."""
    chosen_rows = [_agreed([combo[0][i] for combo in combos]) for i in range(n_rows)]
    chosen_total = _agreed([combo[1] for combo in combos if combo[1] is not None]) if has_total else None
    if len(combos) > 1:  # one combination (most tables) cannot be ambiguous
        signatures = {
            tuple(p.key() for p in combo[0]) + ((combo[1].key(),) if combo[1] else ()) for combo in combos
        }
        if len(signatures) > 1:
            status = "ambiguous" if status == "unique" else status
            notes.append(
                f"{len(signatures)} placements satisfy the identities; only values they agree on are kept"
            )
    return TableSolution(chosen_rows, chosen_total, status, notes)


def describe(placement: Placement | None, slot_names: Sequence[str]) -> str | None:
    """A note for a placed row: which cells were missing and what the identities derived."""
    if placement is None:
        return "no placement satisfies the amount identities; values left null"
    if placement.lost_somewhere:
        names = " / ".join(slot_names[s] for s in sorted(placement.lost_somewhere))
        values = ", ".join(
            f"{slot_names[s]} = {placement.values[s]:,.2f}"
            for s in sorted(placement.lost_somewhere)
            if placement.values[s] is not None
        )
        return (
            f"one cell of {names} is missing; every placement satisfying the identities gives the same values "
            f"({values}), so the cell text of those columns is not attributed"
        )
    parts = []
    for slot in sorted(placement.missing):
        value = placement.values[slot]
        if slot in placement.derived and value is not None:
            parts.append(f"{slot_names[slot]} cell missing, derived from the identities = {value:,.2f}")
        elif value is None:
            parts.append(f"{slot_names[slot]} cell missing, not derivable")
        else:
            parts.append(f"{slot_names[slot]} cell missing, fixed by the table identities = {value:,.2f}")
    return "; ".join(parts) if parts else None
