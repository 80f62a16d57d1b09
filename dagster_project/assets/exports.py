"""After publishing: the state of every document as metadata, then the exports people open.

All three read the published file read-only, so analysts keep reading while they run, and each
export folder is replaced as a whole (`exports/staging.py`).
"""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from dagster_project.assets.markdown import markdown_table
from dagster_project.assets.publish import published_warehouse
from dagster_project.exports.excel import export_workbooks
from dagster_project.exports.parquet import export_parquet
from dagster_project.exports.report import export_reports
from dagster_project.exports.staging import staged_directory
from dagster_project.exports.status import document_statuses, mart_row_counts
from dagster_project.resources import Warehouse
from dagster_project.warehouse import connect

OWNERS = ["team:strategy-data"]


@asset(group_name="publish", deps=[published_warehouse], kinds={"duckdb"}, owners=OWNERS)
def document_status(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Each document's state without SQL: reconciliation (ok / rounding / mismatch), extraction issues,
    tables and cells captured, and the row count of every mart of the published warehouse."""
    with connect(warehouse.files.published, read_only=True) as con:
        statuses = document_statuses(con)
        counts = mart_row_counts(con)
    per_document = markdown_table(
        ["document_id", "ok", "rounding", "mismatch", "issues (error/warning/info)", "tables", "cells"],
        [
            (
                s.document_id,
                s.reconciliation["ok"],
                s.reconciliation["rounding"],
                s.reconciliation["mismatch"],
                f"{s.issue_count} ({s.issues['error']}/{s.issues['warning']}/{s.issues['info']})",
                s.tables,
                s.cells,
            )
            for s in statuses
        ],
    )
    for s in statuses:
        context.log.info(
            f"{s.document_id}: reconciliation {s.reconciliation}, issues {s.issues}, {s.tables} tables"
        )
    return MaterializeResult(
        metadata={
            "documents": len(statuses),
            "mismatches": sum(s.reconciliation["mismatch"] for s in statuses),
            "extraction_errors": sum(s.issues["error"] for s in statuses),
            "per_document": MetadataValue.md(per_document),
            "mart_rows": MetadataValue.md(markdown_table(["mart", "rows"], sorted(counts.items()))),
            **{f"{s.document_id}/extraction_issues": s.issue_count for s in statuses},
            **{f"{s.document_id}/tables_captured": s.tables for s in statuses},
            **{f"{s.document_id}/cells_captured": s.cells for s in statuses},
        }
    )


@asset(group_name="exports", deps=[published_warehouse], kinds={"parquet", "excel"}, owners=OWNERS)
def warehouse_exports(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Parquet of every mart (`exports/parquet/`) and one Excel workbook per document with Turkish
    sheets and headers (`exports/xlsx/<document_id>.xlsx`)."""
    with connect(warehouse.files.published, read_only=True) as con:
        with staged_directory(warehouse.exports / "parquet") as directory:
            written = export_parquet(con, directory)
        with staged_directory(warehouse.exports / "xlsx") as directory:
            sheets = export_workbooks(con, directory)
    context.log.info(f"exported {len(written)} marts and {len(sheets)} workbooks to {warehouse.exports}")
    return MaterializeResult(
        metadata={
            "exports": str(warehouse.exports),
            "marts": len(written),
            "parquet_rows": MetadataValue.md(markdown_table(["mart", "rows"], written.items())),
            "workbooks": MetadataValue.md(
                markdown_table(["document_id", "sheets"], [(d, ", ".join(s)) for d, s in sheets.items()])
            ),
        }
    )


@asset(group_name="exports", deps=[published_warehouse], kinds={"html"}, owners=OWNERS)
def document_reports(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """A static HTML report per document with charts (`exports/report/<document_id>.html`), offline."""
    with (
        connect(warehouse.files.published, read_only=True) as con,
        staged_directory(warehouse.exports / "report") as directory,
    ):
        documents = export_reports(con, directory)
    paths = [str(warehouse.exports / "report" / f"{document_id}.html") for document_id in documents]
    context.log.info(f"wrote {len(paths)} reports")
    return MaterializeResult(metadata={"reports": MetadataValue.md("\n".join(f"- {p}" for p in paths))})
