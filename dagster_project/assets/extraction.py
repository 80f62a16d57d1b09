"""The `extracted_tables` asset: every document parsed, every table checked with pandera."""

from collections.abc import Iterator

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    MetadataValue,
    Output,
    asset,
)

from dagster_project.assets.markdown import markdown_table
from dagster_project.documents import Scan
from dagster_project.extraction import EXTRACTED_TABLES, RAW_TABLE_MODELS, extract
from dagster_project.parsers.result import ParsedDocument
from dagster_project.validation import ValidationResult, polars_schema, validate


def check_result(
    result: ValidationResult, check_name: str, asset_key: AssetKey | None = None
) -> AssetCheckResult:
    """A pandera result as a Dagster check result with the failure count and a sample."""
    return AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=result.passed,
        severity=AssetCheckSeverity.ERROR,
        metadata={
            "rows": result.rows,
            "failures": result.failures,
            "failure_sample": MetadataValue.md(result.sample_markdown()),
        },
    )


@asset(
    group_name="extraction",
    kinds={"python", "polars"},
    owners=["team:strategy-data"],
    check_specs=[
        AssetCheckSpec(f"{table}_schema", asset="extracted_tables", blocking=True)
        for table in EXTRACTED_TABLES
    ],
)
def extracted_tables(
    context: AssetExecutionContext, plan_documents: Scan
) -> Iterator[Output[dict[str, ParsedDocument]] | AssetCheckResult]:
    """Parse each document with the parser of its type (strategic plan, performance programme).

    Every table row of a document lands in an extracted table or in `extraction_issues`.
    """
    parsed = {document.document_id: extract(document) for document in plan_documents.documents}
    summary = []
    for document_id, result in parsed.items():
        issues = result.issues.group_by("severity").len().to_dicts()
        by_severity = {row["severity"]: row["len"] for row in issues}
        rows = sum(frame.height for frame in result.tables.values())
        summary.append(
            (
                document_id,
                rows,
                by_severity.get("error", 0),
                by_severity.get("warning", 0),
                by_severity.get("info", 0),
            )
        )
        context.log.info(f"{document_id}: {rows} rows, issues {by_severity}")
    yield Output(
        parsed,
        metadata={
            "documents": len(parsed),
            "rows": sum(row[1] for row in summary),
            "per_document": MetadataValue.md(
                markdown_table(["document_id", "rows", "errors", "warnings", "info"], summary)
            ),
        },
    )
    for table in EXTRACTED_TABLES:
        model = RAW_TABLE_MODELS[table]
        frames = [frame for result in parsed.values() if (frame := table_of(result, table)) is not None]
        frame = (
            pl.concat(frames, how="vertical_relaxed") if frames else pl.DataFrame(schema=polars_schema(model))
        )
        yield check_result(validate(model, frame, table), f"{table}_schema")


def table_of(result: ParsedDocument, table: str) -> pl.DataFrame | None:
    """A named table of a parsed document; `extraction_issues` is the document's issues frame."""
    return result.issues if table == "extraction_issues" else result.tables.get(table)
