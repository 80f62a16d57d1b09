"""The state of each document at a glance, for the data team (Dagster metadata) without SQL.

Reads the published file: rows per mart, reconciliation results per document (ok / rounding /
mismatch), extraction issues per document by severity, and how many tables and cells the generic
capture found, and the documents the refresh set aside (`marts.rpt_quarantine`: a check their own
rows failed; listed even when no version of them is published). Marts that do not exist (yet)
count as empty. With 2,000 documents the metadata stays readable: totals, and a table of the
documents with problems (set aside, extraction errors or reconciliation mismatches), worst first
and capped; every document's row is in the marts.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dagster_project.exports.catalog import MARTS_SCHEMA, discover_marts, document_ids, quoted


@dataclass(frozen=True)
class SetAsideStatus:
    """Why a document was set aside: its failed checks, their rows and lines, what is published."""

    checks: str  # `check (rows, what it found), …`
    lines: str | None
    published_version: str  # `previous version kept` or `left out`


@dataclass(frozen=True)
class DocumentStatus:
    document_id: str
    reconciliation: dict[str, int]  # status → checks
    issues: dict[str, int]  # severity → issues
    tables: int
    cells: int
    set_aside: SetAsideStatus | None = None

    @property
    def issue_count(self) -> int:
        return sum(self.issues.values())

    @property
    def has_problems(self) -> bool:
        return bool(self.set_aside or self.issues["error"] or self.reconciliation["mismatch"])


def totals(statuses: list[DocumentStatus]) -> dict[str, int]:
    """Sums over every document, for metadata the Dagster UI can plot night after night."""
    return {
        "documents": len(statuses),
        "documents_with_problems": sum(s.has_problems for s in statuses),
        "documents_set_aside": sum(s.set_aside is not None for s in statuses),
        "reconciliation_ok": sum(s.reconciliation["ok"] for s in statuses),
        "reconciliation_rounding": sum(s.reconciliation["rounding"] for s in statuses),
        "mismatches": sum(s.reconciliation["mismatch"] for s in statuses),
        "extraction_errors": sum(s.issues["error"] for s in statuses),
        "extraction_warnings": sum(s.issues["warning"] for s in statuses),
        "extraction_info": sum(s.issues["info"] for s in statuses),
        "tables_captured": sum(s.tables for s in statuses),
        "cells_captured": sum(s.cells for s in statuses),
    }


def worst_first(statuses: list[DocumentStatus]) -> list[DocumentStatus]:
    """Documents with problems: those set aside first, then most extraction errors, then most mismatches."""
    problems = [s for s in statuses if s.has_problems]
    return sorted(
        problems,
        key=lambda s: (s.set_aside is None, -s.issues["error"], -s.reconciliation["mismatch"], s.document_id),
    )


def mart_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        mart.name: con.execute(f"select count(*) from {MARTS_SCHEMA}.{quoted(mart.name)}").fetchall()[0][0]
        for mart in discover_marts(con)
    }


def _grouped(
    con: duckdb.DuckDBPyConnection, sql: str, marts: set[str], mart: str
) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    if mart in marts:
        for document_id, key, count in con.execute(sql).fetchall():
            result.setdefault(document_id, {})[key] = count
    return result


def set_aside_documents(con: duckdb.DuckDBPyConnection) -> dict[str, SetAsideStatus]:
    """Every document the refresh set aside (`marts.rpt_quarantine`), by document_id; none when the
    warehouse has no such mart (yet)."""
    if "rpt_quarantine" not in {mart.name for mart in discover_marts(con)}:
        return {}
    # What a check found follows the first `: ` of its detail (`dbt test <id>: not_null goal_code`,
    # `pandera: <checks>`, a singular test's values: `quarantine.findings_text`).
    rows = con.execute(
        "select document_id, string_agg(check_name || ' (' || failing_rows || ' rows'"
        " || coalesce(', ' || nullif(regexp_extract(detail, ': (.*)$', 1), ''), '') || ')', ', '"
        " order by check_name), "
        "string_agg(source_lines, '; ' order by check_name), any_value(published_version) "
        "from marts.rpt_quarantine group by document_id order by document_id"
    ).fetchall()
    return {
        document_id: SetAsideStatus(checks, lines, version) for document_id, checks, lines, version in rows
    }


def document_statuses(con: duckdb.DuckDBPyConnection) -> list[DocumentStatus]:
    """One status per published document and per document set aside (those left out too)."""
    marts = {mart.name for mart in discover_marts(con)}
    reconciliation = _grouped(
        con,
        "select document_id, status, count(*) from marts.rpt_reconciliation group by all",
        marts,
        "rpt_reconciliation",
    )
    issues = _grouped(
        con,
        "select document_id, severity, count(*) from marts.rpt_extraction_issues group by all",
        marts,
        "rpt_extraction_issues",
    )
    set_aside = set_aside_documents(con)
    captured: dict[str, tuple[int, int]] = {}
    if "document_table_cell" in marts:
        rows = con.execute(
            "select document_id, count(distinct table_no), count(*) from marts.document_table_cell group by all"
        ).fetchall()
        captured = {document_id: (tables, cells) for document_id, tables, cells in rows}
    return [
        DocumentStatus(
            document_id,
            {
                status: reconciliation.get(document_id, {}).get(status, 0)
                for status in ("ok", "rounding", "mismatch")
            },
            {
                severity: issues.get(document_id, {}).get(severity, 0)
                for severity in ("error", "warning", "info")
            },
            *captured.get(document_id, (0, 0)),
            set_aside.get(document_id),
        )
        for document_id in sorted({*document_ids(con), *set_aside})
    ]
