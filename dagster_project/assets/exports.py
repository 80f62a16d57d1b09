"""After publishing: the state of every document as metadata, then the exports people open.

All read the published file read-only, so analysts keep reading while they run. The exports are
incremental: a document's Parquet files, workbook and report are rewritten only when a hash of its
mart rows changed (`exports/fingerprint.py`), each file renamed into place (`exports/folder.py`).
Workbooks and reports are read from the document's Parquet files, so `document_reports` follows
`warehouse_exports`.
"""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from dagster_project.assets.export_metadata import LISTED_DOCUMENTS, update_metadata
from dagster_project.exports.document_files import export_documents
from dagster_project.exports.excel import write_document_workbook
from dagster_project.exports.fingerprint import marts_and_fingerprints
from dagster_project.exports.parquet import export_parquet
from dagster_project.exports.report import write_document_report
from dagster_project.exports.status import (
    SetAsideStatus,
    document_statuses,
    mart_row_counts,
    totals,
    worst_first,
)
from dagster_project.markdown import markdown_table
from dagster_project.resources import Warehouse
from dagster_project.run_scope import PUBLISHED
from dagster_project.warehouse import connect

OWNERS = ["team:strategy-data"]


@asset(group_name="publish", deps=[PUBLISHED], kinds={"duckdb"}, owners=OWNERS)
def document_status(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Each document's state without SQL: totals over every document (reconciliation ok / rounding /
    mismatch, extraction issues by severity, tables and cells captured, documents set aside), the
    documents with problems worst first (those set aside first, with the checks their rows failed,
    the lines and the version published), and the row count of every mart of the published warehouse."""
    with connect(warehouse.files.published, read_only=True) as con:
        statuses = document_statuses(con)
        counts = mart_row_counts(con)
    problems = worst_first(statuses)
    summary = totals(statuses)
    context.log.info(f"{summary['documents']} documents, {len(problems)} with problems: {summary}")
    return MaterializeResult(
        metadata={
            **summary,
            "documents_with_problems_worst_first": MetadataValue.md(
                markdown_table(
                    [
                        "document_id",
                        "ok",
                        "rounding",
                        "mismatch",
                        "issues (error/warning/info)",
                        "tables",
                        "cells",
                        "set aside",
                        "failed checks (rows)",
                        "lines",
                    ],
                    [
                        (
                            s.document_id,
                            s.reconciliation["ok"],
                            s.reconciliation["rounding"],
                            s.reconciliation["mismatch"],
                            f"{s.issue_count} ({s.issues['error']}/{s.issues['warning']}/{s.issues['info']})",
                            s.tables,
                            s.cells,
                            *set_aside_cells(s.set_aside),
                        )
                        for s in problems[:LISTED_DOCUMENTS]
                    ],
                )
                + (
                    f"\n\n… and {len(problems) - LISTED_DOCUMENTS} more"
                    if len(problems) > LISTED_DOCUMENTS
                    else ""
                )
            ),
            "mart_rows": MetadataValue.md(markdown_table(["mart", "rows"], sorted(counts.items()))),
        }
    )


def set_aside_cells(status: SetAsideStatus | None) -> tuple[str, str, str]:
    """(published version, failed checks, lines) of a document set aside; empty cells otherwise."""
    if status is None:
        return ("", "", "")
    return (status.published_version, status.checks, status.lines or "unknown")


@asset(group_name="exports", deps=[PUBLISHED], kinds={"parquet", "excel"}, owners=OWNERS)
def warehouse_exports(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Parquet of every mart (`exports/parquet/<mart>/document_id=<id>/`) and one Excel workbook per
    document with Turkish sheets and headers (`exports/xlsx/<document_id>.xlsx`), rewritten only for
    documents whose rows changed."""
    parquet = warehouse.exports / "parquet"
    with connect(warehouse.files.published, read_only=True) as con:
        marts, prints = marts_and_fingerprints(con)
        files = export_parquet(con, marts, prints, parquet)
    workbooks = export_documents(
        write_document_workbook,
        ".xlsx",
        marts,
        prints,
        parquet,
        warehouse.exports / "xlsx",
        log=context.log.info,
    )
    context.log.info(
        f"Parquet: {len(files.written)} files written, {files.unchanged} unchanged, {len(files.removed)} removed; "
        f"workbooks: {len(workbooks.written)} written, {workbooks.unchanged} unchanged, {len(workbooks.removed)} removed"
    )
    return MaterializeResult(
        metadata={
            "exports": str(warehouse.exports),
            "marts": len(marts),
            "parquet_rows": MetadataValue.md(markdown_table(["mart", "rows"], sorted(prints.rows.items()))),
            **update_metadata("parquet_files", files),
            **update_metadata("workbooks", workbooks),
        }
    )


@asset(group_name="exports", deps=[warehouse_exports], kinds={"html"}, owners=OWNERS)
def document_reports(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """A static HTML report per document with charts (`exports/report/<document_id>.html`), offline,
    rewritten only for documents whose rows changed."""
    with connect(warehouse.files.published, read_only=True) as con:
        marts, prints = marts_and_fingerprints(con)
    reports = export_documents(
        write_document_report,
        ".html",
        marts,
        prints,
        warehouse.exports / "parquet",
        warehouse.exports / "report",
        log=context.log.info,
    )
    context.log.info(
        f"reports: {len(reports.written)} written, {reports.unchanged} unchanged, {len(reports.removed)} removed"
    )
    return MaterializeResult(metadata=update_metadata("reports", reports))
