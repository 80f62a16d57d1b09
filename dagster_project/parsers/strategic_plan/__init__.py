"""Strategic plan (stratejik plan) parser: document text in, `sp_*` Polars tables and issues out.

    parse_strategic_plan(text, document_id) -> ParsedDocument

Tables and columns are the contract in docs/raw_tables.md. Each section has its own module:
`overview` (Bir Bakışta), `finance` (budget realisations, revenue forecast), `success_bands`,
`cost_distribution` (section 7) and `cards` (section 6 target cards).

Every tab-separated line of the document ends up in exactly one of three places: a row of an
extracted table (its `source_line`), a consumed header (`StrategicPlanParse.consumed_lines`, with the
reason), or the issues frame. Tab lines of tables this parser does not model (staff, stakeholders,
PESTLE, ...) are `info` issues. `parse_strategic_plan_detailed` exposes the consumed lines so tests
can prove the accounting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from dagster_project.parsers.cells import Line, document_lines
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.result import ParsedDocument
from dagster_project.parsers.strategic_plan.cards import CardParser
from dagster_project.parsers.strategic_plan.columns import TABLE_COLUMNS, TABLE_NAMES, Row, build_frame
from dagster_project.parsers.strategic_plan.cost_distribution import parse_cost_distribution
from dagster_project.parsers.strategic_plan.finance import parse_budget_realisations, parse_revenue_forecast
from dagster_project.parsers.strategic_plan.ledger import NOT_MODELLED_TABLE, LineLedger
from dagster_project.parsers.strategic_plan.overview import areas_by_goal, parse_overview
from dagster_project.parsers.strategic_plan.success_bands import parse_success_bands

__all__ = [
    "NOT_MODELLED_TABLE",
    "TABLE_COLUMNS",
    "TABLE_NAMES",
    "StrategicPlanParse",
    "parse_strategic_plan",
    "parse_strategic_plan_detailed",
]

T = TypeVar("T")

NOT_MODELLED_MESSAGE = "table row outside the strategic-plan tables (not modelled)"

# Block tables first: the card parser skips lines they already own.
_BLOCK_PARSERS: tuple[tuple[str, Callable[[list[Line], LineLedger], list[Row]]], ...] = (
    ("sp_declared_counts", parse_overview),
    ("sp_success_bands", parse_success_bands),
    ("sp_budget_realisations", parse_budget_realisations),
    ("sp_revenue_forecast", parse_revenue_forecast),
    ("sp_cost_distribution", parse_cost_distribution),
)


@dataclass(frozen=True)
class StrategicPlanParse:
    """The parsed document plus the header lines that were read but produced no row."""

    document: ParsedDocument
    consumed_lines: dict[int, str]


def parse_strategic_plan(text: str, document_id: str) -> ParsedDocument:
    """Parse a strategic plan's text; never raises: problems become extraction issues."""
    return parse_strategic_plan_detailed(text, document_id).document


def parse_strategic_plan_detailed(text: str, document_id: str) -> StrategicPlanParse:
    ledger = LineLedger(IssueLog(document_id))
    lines = document_lines(text)
    rows: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    for table_name, parser in _BLOCK_PARSERS:
        rows[table_name] = _guarded(table_name, lambda parser=parser: parser(lines, ledger), ledger) or []
    card_rows = _guarded("sp_targets", lambda: CardParser(ledger).run(lines), ledger) or {}
    rows.update(card_rows)
    if not rows["sp_targets"]:
        ledger.document_issue("sp_targets", "error", "no target cards (Stratejik Hedef rows) found")
    _attach_areas(rows["sp_goals"], rows["sp_declared_counts"], lines, ledger)
    for line in lines:
        if line.is_table_row and not ledger.is_claimed(line):
            ledger.issue(line, NOT_MODELLED_TABLE, "info", NOT_MODELLED_MESSAGE)
    tables = {name: build_frame(name, rows[name], document_id) for name in TABLE_NAMES}
    document = ParsedDocument(document_id=document_id, tables=tables, issues=ledger.issues.frame())
    return StrategicPlanParse(document=document, consumed_lines=dict(sorted(ledger.consumed.items())))


def _guarded(table_name: str, run: Callable[[], T], ledger: LineLedger) -> T | None:
    """Run one section parser; a bug triggered by an odd document becomes an issue, not a crash,
    so the other sections (and the other documents of the run) still load."""
    try:
        return run()
    except Exception as error:  # deliberately broad: see docstring
        ledger.document_issue(table_name, "error", f"parser failed: {type(error).__name__}: {error}")
        return None


def _attach_areas(goals: list[Row], declared: list[Row], lines: list[Line], ledger: LineLedger) -> None:
    """Prefer Bir Bakışta's title-cased areas (`Ulaşım Hizmetleri`, the spelling section 7 uses too)
    over the cards' capitalised headings (`ULAŞIM HİZMETLERİ`), which stay in `*_heading`."""
    areas = areas_by_goal(declared)
    for goal in goals:
        if goal["goal_code"] not in areas:
            continue
        line = lines[goal["source_line"] - 1]
        for column, written in zip(
            ("transformation_area", "service_area"), areas[goal["goal_code"]], strict=True
        ):
            heading = goal[f"{column}_heading"]
            if written is None:
                continue
            if heading is not None and name_key(heading) != name_key(written):
                ledger.issue(
                    line,
                    "sp_goals",
                    "warning",
                    f"{goal['goal_code']}: {column} heading {heading!r} differs from Bir Bakışta {written!r}",
                )
            goal[column] = written
