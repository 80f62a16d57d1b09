"""Orchestration: sections → sub-parsers → cross-table links and findings → frames + line accounting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dagster_project.parsers.base import (
    DocumentParser,
    Ledger,
    Models,
    Row,
    find_sections,
    guard,
    numbered_heading,
    section_lines,
)
from dagster_project.parsers.cells import Line
from dagster_project.parsers.performance_programme.activity_costs import parse_activity_cost_table
from dagster_project.parsers.performance_programme.administration_table import parse_administration_table
from dagster_project.parsers.performance_programme.build import Programme, table_rows
from dagster_project.parsers.performance_programme.layout import title_key
from dagster_project.parsers.performance_programme.linking import link_and_check
from dagster_project.parsers.performance_programme.model import CostTable, PerformanceTarget
from dagster_project.parsers.performance_programme.performance_targets import parse_performance_target_table
from dagster_project.parsers.performance_programme.resource_needs import parse_resource_needs
from dagster_project.parsers.performance_programme.responsibilities import parse_responsibilities
from dagster_project.parsers.performance_programme.sections import MODELLED_SECTIONS, SECTION_TITLES
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.performance_programme.strategic_goals import parse_strategic_goals
from dagster_project.parsers.result import ParsedDocument
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS

PH_TITLE = "performans hedefi tablosu"
COST_TITLE = "faaliyet maliyet tablosu"
BLOCK_KINDS = {PH_TITLE: "ph", COST_TITLE: "cost"}
NOT_MODELLED = "table row outside the performance-programme tables (not modelled)"


def _performance_blocks(
    state: ParseState, lines: list[Line]
) -> tuple[list[PerformanceTarget], list[CostTable]]:
    """Split section 2.3 into table blocks (title line .. next title or heading) and parse them.

    Performance-target tables are parsed first so that each cost table can be checked against the
    amounts its activity has in the performance-target table.
    """
    blocks = _table_blocks(lines)
    targets = _performance_targets(state, blocks)
    return targets, _cost_tables(state, blocks, targets)


Block = tuple[str, list[Line], str | None, str | None]  # kind, lines, section code, service area


def _table_blocks(lines: list[Line]) -> list[Block]:
    """Each table of section 2.3: its kind (`ph`, `cost`), its lines from its title to the next
    title or heading, and the numbered heading above it."""
    blocks: list[Block] = []
    current: list[Line] | None = None
    kind = ""
    section_code: str | None = None
    service_area: str | None = None
    for line in lines:
        heading = numbered_heading(line)
        if heading is not None:
            section_code, service_area = heading
            current = None
            continue
        title_kind = BLOCK_KINDS.get(title_key(line) or "")
        if title_kind is not None:
            kind = title_kind
            current = [line]
            blocks.append((kind, current, section_code, service_area))
            continue
        if current is not None:
            current.append(line)
    return blocks


def _performance_targets(state: ParseState, blocks: list[Block]) -> list[PerformanceTarget]:
    """The PERFORMANS HEDEFİ TABLOSU blocks; a target's second table is an error, not extracted."""
    targets: list[PerformanceTarget] = []
    seen: dict[int, int] = {}
    for kind, block, code, area in blocks:
        if kind != "ph":
            continue
        target = guard(
            state.issues,
            "pp_performance_targets",
            lambda block=block, code=code, area=area: parse_performance_target_table(
                state, block, code, area
            ),
            None,
        )
        if target is None:
            continue
        if target.no in seen:
            for line in block:
                if line.is_table_row:
                    state.issue(
                        line,
                        "pp_performance_targets",
                        "error",
                        f"performance target {target.no} repeated (first table at line {seen[target.no]}); table not extracted",
                    )
            continue
        seen[target.no] = target.table_line
        targets.append(target)
    return targets


def _cost_tables(state: ParseState, blocks: list[Block], targets: list[PerformanceTarget]) -> list[CostTable]:
    """The FAALİYET MALİYET TABLOSU blocks, each under the target whose table precedes it."""
    activities = {(a.performance_target_no, a.activity_no): a for t in targets for a in t.activities}
    cost_tables: list[CostTable] = []
    order: dict[int, int] = {}
    context: int | None = None
    for kind, block, _code, _area in blocks:
        if kind == "ph":
            title = block[0].number
            context = next((t.no for t in targets if t.table_line == title), context)
            continue
        table = guard(
            state.issues,
            "pp_activity_costs",
            lambda block=block, context=context: parse_activity_cost_table(
                state, block, context, order, activities
            ),
            None,
        )
        if table is not None:
            cost_tables.append(table)
    return cost_tables


class PerformanceProgrammeParser(DocumentParser):
    """Sections → sub-parsers → cross-table links and findings → the `pp_*` rows."""

    ledger_type = ParseState
    not_modelled_table = "document"
    not_modelled_message = NOT_MODELLED

    def models(self) -> Models:
        return PERFORMANCE_PROGRAMME_SCHEMAS

    def read(self, ledger: Ledger) -> Mapping[str, Iterable[Row]]:
        assert isinstance(ledger, ParseState)
        return table_rows(_read_programme(ledger))

    def unclaimed(self, ledger: Ledger, line: Line) -> None:
        """A row of empty cells carries nothing; a row inside a modelled section that no sub-parser
        recognised is a `warning`; any other is a table this parser does not model (`info`)."""
        assert isinstance(ledger, ParseState)
        if not line.stripped:
            ledger.consume(line, "empty row")
            return
        modelled = [ledger.sections[name] for name in MODELLED_SECTIONS if name in ledger.sections]
        if any(s.start <= line.number - 1 < s.stop for s in modelled):
            ledger.issue(
                line, "document", "warning", "table row not recognised inside a performance-programme section"
            )
        else:
            super().unclaimed(ledger, line)


_PARSER = PerformanceProgrammeParser()


def parse_performance_programme(text: str, document_id: str) -> ParsedDocument:
    """Parse a performance programme; see the package docstring."""
    return _PARSER.parse(text, document_id)


def _read_programme(state: ParseState) -> Programme:
    """Every section's records, linked and checked (the findings go to `state`)."""
    lines = state.lines
    sections = state.sections = find_sections(lines, SECTION_TITLES)
    for name in ("performance", "administration", "resources"):
        if name not in sections:
            state.issue(
                None,
                "document",
                "error",
                f"section heading not found: {name} (expected a heading like those of the official template)",
            )
    goals, strategic_targets = guard(
        state.issues,
        "pp_strategic_goals",
        lambda: parse_strategic_goals(state, section_lines(lines, sections.get("strategic_goals"))),
        ([], []),
    )
    performance_lines = section_lines(lines, sections.get("performance"))
    if not performance_lines and not sections:
        performance_lines = lines  # no headings at all: still look for the table titles
    targets, cost_tables = guard(
        state.issues,
        "pp_performance_targets",
        lambda: _performance_blocks(state, performance_lines),
        ([], []),
    )
    programme = Programme(
        goals=goals,
        strategic_targets=strategic_targets,
        targets=targets,
        cost_tables=cost_tables,
        admin_rows=guard(
            state.issues,
            "pp_administration_performance",
            lambda: parse_administration_table(state, section_lines(lines, sections.get("administration"))),
            [],
        ),
        resource_rows=guard(
            state.issues,
            "pp_resource_needs",
            lambda: parse_resource_needs(state, section_lines(lines, sections.get("resources"))),
            [],
        ),
        responsibilities=guard(
            state.issues,
            "pp_responsibilities",
            lambda: parse_responsibilities(
                state, section_lines(lines, sections.get("responsibilities")), targets
            ),
            [],
        ),
        findings=state.findings,
        declared_counts=state.declared_counts,
    )
    guard(state.issues, "pp_findings", lambda: link_and_check(state, programme), None)
    return programme
