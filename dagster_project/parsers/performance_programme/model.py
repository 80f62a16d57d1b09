"""In-memory records of one performance programme, linked across its tables before they become frames.

Activities are identified by position: (performance target number, order inside that target).
Names are only compared afterwards, because the same activity is spelt differently in different
tables and two different activities may share a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dagster_project.parsers.performance_programme.placement import Placement
from dagster_project.parsers.performance_programme.state import Finding
from dagster_project.parsers.performance_programme.strategic_goals import StrategicGoal, StrategicTarget

PH_SLOTS = ("budget", "non_budget", "total")
COST_SLOTS = ("budget_allocation", "revolving_fund", "other_domestic", "foreign", "total")
ADMIN_SLOTS = ("budget", "budget_share_pct", "non_budget", "non_budget_share_pct", "total", "total_share_pct")


@dataclass
class IndicatorValue:
    year: int | None
    value_type: str | None
    column_header: str
    value: float | None
    raw: str | None
    note: str | None


@dataclass
class Indicator:
    indicator_no: int
    name: str
    source_line: int
    explanation: str | None = None
    values: list[IndicatorValue] = field(default_factory=list)


@dataclass
class Activity:
    """An activity of a PERFORMANS HEDEFİ TABLOSU (its order inside the target is `activity_no`)."""

    performance_target_no: int
    activity_no: int
    written_no: int | None
    name: str
    source_line: int
    fiscal_year: int | None
    amounts: Placement | None = None
    placement_note: str | None = None
    global_no: int | None = None
    responsible_unit: str | None = None


@dataclass
class PerformanceTarget:
    no: int
    text: str
    source_line: int
    table_line: int
    section_code: str | None
    service_area: str | None
    goal_no: int | None = None
    goal_text: str | None = None
    goal_line: int | None = None
    target_code: str | None = None
    target_text: str | None = None
    target_line: int | None = None
    target_code_matching_text: str | None = None
    explanation: str | None = None
    fiscal_year: int | None = None
    total: Placement | None = None
    total_line: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


@dataclass
class CostRow:
    economic_code: str
    economic_code_name: str | None
    source_line: int
    amounts: Placement | None = None
    placement_note: str | None = None


@dataclass
class CostTable:
    """One FAALİYET MALİYET TABLOSU; `activity_no` is its order among the tables of its target."""

    performance_target_no: int | None
    activity_no: int | None
    performance_target_text: str | None
    activity_name: str | None
    responsible_unit: str | None
    responsible_unit_line: int | None
    explanation: str | None
    fiscal_year: int | None
    source_line: int
    rows: list[CostRow] = field(default_factory=list)
    total: Placement | None = None
    total_line: int | None = None
    total_note: str | None = None
    activity_name_line: int | None = None
    performance_target_line: int | None = None


@dataclass
class AdminRow:
    """A row of section 2.4 (İdare Performans Tablosu)."""

    row_kind: str
    label: str | None
    source_line: int
    performance_target_no: int | None = None
    activity_no: int | None = None
    activity_global_no: int | None = None
    amounts: Placement | None = None
    placement_note: str | None = None


@dataclass
class ResourceRow:
    """A row of section 2.5 (Toplam Kaynak İhtiyacı Tablosu)."""

    funding_group: str
    row_kind: str
    economic_code: str | None
    label: str | None
    source_line: int
    amounts: Placement | None = None
    placement_note: str | None = None
    funding_source: str | None = None  # budget, revolving_fund, ...; null for the other totals


@dataclass
class Responsibility:
    """One activity named in section 2.6 with the unit responsible for it."""

    performance_target_no: int | None
    performance_target_text: str | None
    activity_name: str
    responsible_unit: str | None
    unit_carried_down: bool
    packed_cell: bool
    cell_part: int
    source_line: int
    activity_no: int | None = None
    match_score: float | None = None


@dataclass
class Programme:
    """Every record of one programme, linked across its tables: what the `pp_*` tables are built from."""

    goals: list[StrategicGoal]
    strategic_targets: list[StrategicTarget]
    targets: list[PerformanceTarget]
    cost_tables: list[CostTable]
    admin_rows: list[AdminRow]
    resource_rows: list[ResourceRow]
    responsibilities: list[Responsibility]
    findings: list[Finding]
    declared_counts: list[dict[str, Any]]

    @cached_property
    def _activities(self) -> dict[tuple[int, int], Activity]:
        return {(a.performance_target_no, a.activity_no): a for t in self.targets for a in t.activities}

    def activity_global_no(self, performance_target_no: int | None, activity_no: int | None) -> int | None:
        """The global number (`F<n>`, from 2.4) of the activity at that position, if it is known."""
        activity = self._activities.get((performance_target_no, activity_no))  # type: ignore[arg-type]
        return activity.global_no if activity else None
