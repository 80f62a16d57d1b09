"""How each `pp_*` table is read off the linked records: a declaration, one entry per table.

The columns and their types are the table's pandera model (schemas/performance_programme.py); a
column takes the record's attribute of the same name, unless the entry renames it, computes it,
or the record's parents give it (an indicator's performance target number). Amounts are one
placement spread over value columns and their cell-text columns (`budget_try`, `budget_raw`).
Every other attribute of the record is named in the entry's `not_columns`: a row key the model
does not declare is an error (`rows.frame`), so a misspelt attribute cannot load as nulls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dagster_project.parsers.base import Row
from dagster_project.parsers.performance_programme.model import Programme
from dagster_project.parsers.performance_programme.performance_targets import indicator_unit
from dagster_project.parsers.performance_programme.placement import Placement

PH_AMOUNTS = ("budget_try", "non_budget_try", "total_try")
COST_AMOUNTS = (
    "budget_allocation_try",
    "revolving_fund_try",
    "other_domestic_try",
    "foreign_try",
    "total_try",
)
ADMIN_AMOUNTS = (
    "budget_try",
    "budget_share_pct",
    "non_budget_try",
    "non_budget_share_pct",
    "total_try",
    "total_share_pct",
)
RESOURCE_AMOUNTS = ("activity_try", "general_administration_try", "transfers_try", "total_try")

# Each row: a record and the columns its parents give it.
Records = Callable[[Programme], Iterable[tuple[Any, Row]]]


@dataclass(frozen=True)
class Table:
    """One table: its records, the columns named after another attribute (which is then no column
    of its own), the computed columns, the placement attribute with the amount columns it fills,
    and the record's attributes that are no column (its child records, lines only findings quote)."""

    records: Records
    renamed: Mapping[str, str] = field(default_factory=dict)
    computed: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    amounts: tuple[str, tuple[str, ...]] | None = None
    not_columns: tuple[str, ...] = ()

    def rows(self, programme: Programme) -> Iterable[Row]:
        dropped = {*self.renamed.values(), *self.not_columns, *(self.amounts[:1] if self.amounts else ())}
        for record, given in self.records(programme):
            attributes = record if isinstance(record, dict) else vars(record)
            row = {name: value for name, value in attributes.items() if name not in dropped}
            row.update({column: getattr(record, attribute) for column, attribute in self.renamed.items()})
            row.update({column: compute(record) for column, compute in self.computed.items()})
            if self.amounts is not None:
                attribute, columns = self.amounts
                row.update(amount_columns(columns, getattr(record, attribute)))
            row.update(given)
            yield row


def _each(records: Callable[[Programme], Iterable[Any]]) -> Records:
    return lambda programme: ((record, {}) for record in records(programme))


def _cost_tables(p: Programme) -> Iterable[tuple[Any, Row]]:
    for c in p.cost_tables:
        yield c, {"activity_global_no": p.activity_global_no(c.performance_target_no, c.activity_no)}


def _cost_rows(p: Programme) -> Iterable[tuple[Any, Row]]:
    for c in p.cost_tables:
        given = {
            "performance_target_no": c.performance_target_no,
            "activity_no": c.activity_no,
            "activity_global_no": p.activity_global_no(c.performance_target_no, c.activity_no),
            "fiscal_year": c.fiscal_year,
        }
        for r in c.rows:
            yield r, given


def _indicators(p: Programme) -> Iterable[tuple[Any, Row]]:
    return ((i, {"performance_target_no": t.no}) for t in p.targets for i in t.indicators)


def _indicator_values(p: Programme) -> Iterable[tuple[Any, Row]]:
    for t in p.targets:
        for i in t.indicators:
            given = {
                "performance_target_no": t.no,
                "indicator_no": i.indicator_no,
                "source_line": i.source_line,
            }
            for v in i.values:
                yield v, given


def _responsibilities(p: Programme) -> Iterable[tuple[Any, Row]]:
    for r in p.responsibilities:
        yield r, {"activity_global_no": p.activity_global_no(r.performance_target_no, r.activity_no)}


TABLES: dict[str, Table] = {
    "pp_strategic_goals": Table(_each(lambda p: p.goals), renamed={"goal_text": "text"}),
    "pp_strategic_targets": Table(
        _each(lambda p: p.strategic_targets), renamed={"target_code": "code", "target_text": "text"}
    ),
    "pp_performance_targets": Table(
        _each(lambda p: p.targets),
        renamed={
            "performance_target_no": "no",
            "performance_target_text": "text",
            "total_source_line": "total_line",
            "table_source_line": "table_line",
        },
        computed={
            "activity_count": lambda t: len(t.activities),
            "indicator_count": lambda t: len(t.indicators),
        },
        amounts=("total", PH_AMOUNTS),
        not_columns=("indicators", "activities", "goal_line", "target_line"),
    ),
    "pp_indicators": Table(
        _indicators,
        renamed={"indicator_name": "name"},
        computed={"unit": lambda i: indicator_unit(i.name)},
        not_columns=("values",),
    ),
    "pp_indicator_values": Table(_indicator_values, renamed={"value_raw": "raw", "value_note": "note"}),
    "pp_activities": Table(
        _each(lambda p: (a for t in p.targets for a in t.activities)),
        renamed={"activity_global_no": "global_no", "activity_name": "name"},
        amounts=("amounts", PH_AMOUNTS),
    ),
    "pp_activity_cost_tables": Table(
        _cost_tables,
        renamed={"placement_note": "total_note", "total_source_line": "total_line"},
        amounts=("total", COST_AMOUNTS),
        not_columns=("rows", "activity_name_line", "responsible_unit_line", "performance_target_line"),
    ),
    "pp_activity_costs": Table(_cost_rows, amounts=("amounts", COST_AMOUNTS)),
    "pp_administration_performance": Table(_each(lambda p: p.admin_rows), amounts=("amounts", ADMIN_AMOUNTS)),
    "pp_resource_needs": Table(_each(lambda p: p.resource_rows), amounts=("amounts", RESOURCE_AMOUNTS)),
    "pp_responsibilities": Table(_responsibilities, renamed={"name_match_score": "match_score"}),
    "pp_declared_counts": Table(_each(lambda p: p.declared_counts)),
    "pp_findings": Table(_each(lambda p: p.findings)),
}


def table_rows(programme: Programme) -> dict[str, Iterable[Row]]:
    """The rows of every `pp_*` table (the skeleton builds the frames from them)."""
    return {name: table.rows(programme) for name, table in TABLES.items()}


@cache
def _amount_names(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(value column, cell-text column) per amount: `budget_try` → `budget_raw` (once per table,
    not once per row)."""
    return tuple((name, name.removesuffix("_try").removesuffix("_pct") + "_raw") for name in names)


def amount_columns(names: tuple[str, ...], placement: Placement | None) -> Row:
    """`{name_try: value, name_raw: raw}` for each slot of a placement (nulls when unplaced)."""
    out: Row = {}
    for slot, (name, raw_name) in enumerate(_amount_names(names)):
        out[name] = None if placement is None else placement.values[slot]
        out[raw_name] = None if placement is None else placement.raws[slot]
    return out
