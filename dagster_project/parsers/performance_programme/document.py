"""Orchestration: sections → sub-parsers → cross-table links and findings → frames + line accounting."""

from __future__ import annotations

import traceback

from dagster_project.parsers.cells import Line, document_lines
from dagster_project.parsers.performance_programme.activity_costs import parse_activity_cost_table
from dagster_project.parsers.performance_programme.administration_table import parse_administration_table
from dagster_project.parsers.performance_programme.build import build_tables
from dagster_project.parsers.performance_programme.layout import title_key
from dagster_project.parsers.performance_programme.linking import link_and_check
from dagster_project.parsers.performance_programme.model import CostTable, PerformanceTarget
from dagster_project.parsers.performance_programme.performance_targets import parse_performance_target_table
from dagster_project.parsers.performance_programme.resource_needs import parse_resource_needs
from dagster_project.parsers.performance_programme.responsibilities import parse_responsibilities
from dagster_project.parsers.performance_programme.sections import Section, find_sections, numbered_heading
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.performance_programme.strategic_goals import parse_strategic_goals
from dagster_project.parsers.result import ParsedDocument

PH_TITLE = "performans hedefi tablosu"
COST_TITLE = "faaliyet maliyet tablosu"
BLOCK_KINDS = {PH_TITLE: "ph", COST_TITLE: "cost"}
NOT_MODELLED = "table row outside the performance-programme tables (not modelled)"


def _guard(state: ParseState, what: str, func, *args, default=None):
    """Run a sub-parser; an unexpected exception becomes an `error` issue instead of a crash."""
    try:
        return func(*args)
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        state.issue(
            None,
            what,
            "error",
            f"{what} parser failed: {type(exc).__name__}: {exc} ({last.name}:{last.lineno})",
        )
        return default


def _section_lines(state: ParseState, section: Section | None) -> list[Line]:
    if section is None:
        return []
    return state.lines[section.start : section.stop]


def _performance_blocks(
    state: ParseState, lines: list[Line]
) -> tuple[list[PerformanceTarget], list[CostTable]]:
    """Split section 2.3 into table blocks (title line .. next title or heading) and parse them.

    Performance-target tables are parsed first so that each cost table can be checked against the
    amounts its activity has in the performance-target table.
    """
    blocks: list[tuple[str, list[Line], str | None, str | None]] = []
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
    targets: list[PerformanceTarget] = []
    seen: dict[int, int] = {}
    for kind, block, code, area in blocks:
        if kind != "ph":
            continue
        target = _guard(
            state, "pp_performance_targets", parse_performance_target_table, state, block, code, area
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
    activities = {(a.performance_target_no, a.activity_no): a for t in targets for a in t.activities}
    cost_tables: list[CostTable] = []
    order: dict[int, int] = {}
    context: int | None = None
    for kind, block, _code, _area in blocks:
        if kind == "ph":
            title = block[0].number
            context = next((t.no for t in targets if t.table_line == title), context)
            continue
        table = _guard(
            state, "pp_activity_costs", parse_activity_cost_table, state, block, context, order, activities
        )
        if table is not None:
            cost_tables.append(table)
    return targets, cost_tables


def parse_performance_programme(text: str, document_id: str) -> ParsedDocument:
    """Parse a performance programme; see the package docstring."""
    return _parse(text, document_id)[0]


def line_accounting(text: str, document_id: str) -> tuple[ParsedDocument, dict[int, str]]:
    """Parse and say where every tab-separated line went: `table`, `issue` or `header`.

    `header` lines (table titles, column headers, page-break repeats, form labels kept as columns)
    were consumed by a sub-parser without becoming a row of their own. Used by the tests to prove
    that no table row is silently dropped.
    """
    result, state = _parse(text, document_id)
    in_tables: set[int] = set()
    for table in result.tables.values():
        for column in ("source_line", "total_source_line", "table_source_line"):
            if column in table.columns:
                in_tables.update(v for v in table[column].to_list() if v is not None)
    issue_lines = {v for v in result.issues["source_line"].to_list() if v is not None}
    destinations: dict[int, str] = {}
    for line in state.lines:
        if not line.is_table_row:
            continue
        if line.number in in_tables:
            destinations[line.number] = "table"
        elif line.number in issue_lines:
            destinations[line.number] = "issue"
        elif line.number in state.consumed:
            destinations[line.number] = "header"
    return result, destinations


def _parse(text: str, document_id: str) -> tuple[ParsedDocument, ParseState]:
    if not isinstance(text, str):
        text = ""
    lines = document_lines(text)
    state = ParseState(document_id, lines)
    sections = find_sections(lines)
    for name in ("performance", "administration", "resources"):
        if name not in sections:
            state.issue(
                None,
                "document",
                "error",
                f"section heading not found: {name} (expected a heading like those of the official template)",
            )

    goals, targets_222 = _guard(
        state,
        "pp_strategic_goals",
        parse_strategic_goals,
        state,
        _section_lines(state, sections.get("strategic_goals")),
        default=([], []),
    )
    performance_lines = _section_lines(state, sections.get("performance"))
    if not performance_lines and not sections:
        performance_lines = lines  # no headings at all: still look for the table titles
    targets, cost_tables = _guard(
        state, "pp_performance_targets", _performance_blocks, state, performance_lines, default=([], [])
    )
    admin_rows = _guard(
        state,
        "pp_administration_performance",
        parse_administration_table,
        state,
        _section_lines(state, sections.get("administration")),
        default=[],
    )
    resource_rows = _guard(
        state,
        "pp_resource_needs",
        parse_resource_needs,
        state,
        _section_lines(state, sections.get("resources")),
        default=[],
    )
    responsibilities = _guard(
        state,
        "pp_responsibilities",
        parse_responsibilities,
        state,
        _section_lines(state, sections.get("responsibilities")),
        targets,
        default=[],
    )
    _guard(
        state,
        "pp_findings",
        link_and_check,
        state,
        goals,
        targets_222,
        targets,
        cost_tables,
        admin_rows,
        resource_rows,
        responsibilities,
    )
    tables = build_tables(
        state, goals, targets_222, targets, cost_tables, admin_rows, resource_rows, responsibilities
    )
    _account_for_lines(state, sections)
    return ParsedDocument(document_id=document_id, tables=tables, issues=state.issues.frame()), state


def _account_for_lines(state: ParseState, sections: dict[str, Section]) -> None:
    """Every tab line is in a table or in the issues frame: report the ones nobody consumed."""
    modelled = [s for s in sections.values() if s.name != "strategic_goals"]
    for line in state.lines:
        if not line.is_table_row or line.number in state.consumed or line.number in state.issue_lines:
            continue
        if not line.stripped:
            state.consume(line)  # a row of empty cells carries nothing
            continue
        inside = any(s.start <= line.number - 1 < s.stop for s in modelled)
        if inside:
            state.issue(
                line, "document", "warning", "table row not recognised inside a performance-programme section"
            )
        else:
            state.issue(line, "document", "info", NOT_MODELLED)
