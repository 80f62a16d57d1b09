"""Where every tab-separated line of a performance programme went, for the tests that prove no
table row is silently dropped (a test helper: the warehouse has the ledger and the issues)."""

from __future__ import annotations

from dagster_project.parsers.performance_programme.document import PerformanceProgrammeParser
from dagster_project.parsers.result import ParsedDocument


def line_accounting(text: str, document_id: str) -> tuple[ParsedDocument, dict[int, str]]:
    """Parse and say where every tab-separated line went: `table`, `issue` or `header`.

    `header` lines (table titles, column headers, page-break repeats, form labels kept as columns)
    were consumed by a sub-parser without becoming a row of their own.
    """
    result, state = PerformanceProgrammeParser().parse_detailed(text, document_id)
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
