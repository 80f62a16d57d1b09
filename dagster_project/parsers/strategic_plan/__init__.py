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

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dagster_project.parsers.base import (
    DocumentKind,
    DocumentParser,
    IndicatorTable,
    Ledger,
    Models,
    Row,
    guard,
)
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.result import ParsedDocument
from dagster_project.parsers.strategic_plan.cards import CardParser
from dagster_project.parsers.strategic_plan.cost_distribution import parse_cost_distribution
from dagster_project.parsers.strategic_plan.finance import parse_budget_realisations, parse_revenue_forecast
from dagster_project.parsers.strategic_plan.overview import areas_by_goal, parse_overview
from dagster_project.parsers.strategic_plan.success_bands import parse_success_bands
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS

__all__ = [
    "KIND",
    "NOT_MODELLED_TABLE",
    "StrategicPlanParse",
    "StrategicPlanParser",
    "parse_strategic_plan",
    "parse_strategic_plan_detailed",
]

# Block tables first: the card parser skips lines they already own.
_BLOCK_PARSERS: tuple[tuple[str, Callable[[list[Line], Ledger], list[Row]]], ...] = (
    ("sp_declared_counts", parse_overview),
    ("sp_success_bands", parse_success_bands),
    ("sp_budget_realisations", parse_budget_realisations),
    ("sp_revenue_forecast", parse_revenue_forecast),
    ("sp_cost_distribution", parse_cost_distribution),
)


class StrategicPlanParser(DocumentParser):
    """The block tables (sections 2-5 and 7), then the target cards of section 6."""

    not_modelled_message = "table row outside the strategic-plan tables (not modelled)"

    def models(self) -> Models:
        return STRATEGIC_PLAN_SCHEMAS

    def read(self, ledger: Ledger) -> Mapping[str, list[Row]]:
        lines = ledger.lines
        rows: dict[str, list[Row]] = {}
        for table_name, parser in _BLOCK_PARSERS:
            rows[table_name] = guard(
                ledger.issues, table_name, lambda parser=parser: parser(lines, ledger), []
            )
        rows.update(guard(ledger.issues, "sp_targets", lambda: CardParser(ledger).run(lines), {}))
        if not rows.get("sp_targets"):
            ledger.document_issue("sp_targets", "error", "no target cards (Stratejik Hedef rows) found")
        _attach_areas(rows.get("sp_goals", []), rows["sp_declared_counts"], lines, ledger)
        return rows


NOT_MODELLED_TABLE = StrategicPlanParser.not_modelled_table
_PARSER = StrategicPlanParser()
KIND = DocumentKind(
    "strategic_plan",
    title=r"STRATEJİK\s+PLANI?",
    example="2020-2024 STRATEJİK PLANI",
    title_words=frozenset({"STRATEJİK", "PLAN", "PLANI"}),
    slug="sp",
    yearly=False,
    parser=_PARSER,
    report="plan",
    indicators=IndicatorTable("sp_indicators"),
)


@dataclass(frozen=True)
class StrategicPlanParse:
    """The parsed document plus the header lines that were read but produced no row."""

    document: ParsedDocument
    consumed_lines: dict[int, str]


def parse_strategic_plan(text: str, document_id: str) -> ParsedDocument:
    """Parse a strategic plan's text; never raises: problems become extraction issues."""
    return _PARSER.parse(text, document_id)


def parse_strategic_plan_detailed(text: str, document_id: str) -> StrategicPlanParse:
    document, ledger = _PARSER.parse_detailed(text, document_id)
    return StrategicPlanParse(document=document, consumed_lines=dict(sorted(ledger.consumed.items())))


def _attach_areas(goals: list[Row], declared: list[Row], lines: list[Line], ledger: Ledger) -> None:
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
