"""The `extracted_tables` asset: changed documents parsed (on every core), every table checked with pandera."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    MetadataValue,
    Output,
    asset,
)

from dagster_project.assets.descriptions import pandera_check_spec
from dagster_project.assets.markdown import markdown_table
from dagster_project.documents import Scan
from dagster_project.extraction import EXTRACTED_TABLES, RAW_TABLE_MODELS, raw_table_schemas
from dagster_project.incremental import (
    batch_tables,
    batches,
    parse_documents,
    parser_version,
    plan_extraction,
    published_state,
    reset_directory,
    write_batch,
)
from dagster_project.progress import Progress
from dagster_project.publishing import trusted_published
from dagster_project.resources import Warehouse
from dagster_project.validation import ValidationResult, combine, polars_schema, validate

# Per-document rows shown in the Dagster UI (a full refresh of thousands would flood it).
SUMMARY_ROWS = 200


@dataclass(frozen=True)
class Extraction:
    """What `raw_tables` loads: the staged Parquet of the parsed documents and which ones they are."""

    directory: Path
    parsed_ids: list[str]
    unchanged_ids: list[str]
    parser_version: str


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
        pandera_check_spec(f"{table}_schema", "extracted_tables", RAW_TABLE_MODELS[table])
        for table in EXTRACTED_TABLES
    ],
)
def extracted_tables(
    context: AssetExecutionContext, warehouse: Warehouse, plan_documents: Scan
) -> Iterator[Output[Extraction] | AssetCheckResult]:
    """Parse each new or changed document with the parser of its type (strategic plan, performance
    programme); documents whose file and parser are those of the published warehouse keep its rows.

    Every table row of a parsed document lands in an extracted table or in `extraction_issues`.
    """
    version = parser_version()
    plan = plan_extraction(plan_documents, published_state(trusted_published(warehouse.files)), version)
    context.log.info(
        f"parsing {len(plan.to_parse)} documents; {len(plan.unchanged)} unchanged since published"
    )
    directory = reset_directory(warehouse.files.build.parent / "extracted")
    schemas = raw_table_schemas()
    results: dict[str, ValidationResult] = {}
    summary = []
    parsed = Progress("parsing", len(plan.to_parse), context.log.info).track(parse_documents(plan.to_parse))
    for number, batch in enumerate(batches(parsed)):
        for result in batch:
            by_severity = dict(result.issues.group_by("severity").len().iter_rows())
            rows = sum(frame.height for frame in result.tables.values())
            summary.append(
                (result.document_id, rows, *(by_severity.get(s, 0) for s in ("error", "warning", "info")))
            )
        tables = batch_tables(batch, schemas)
        write_batch(directory, number, tables)
        for table, frame in tables.items():
            checked = validate(RAW_TABLE_MODELS[table], frame, table)
            results[table] = combine(results[table], checked) if table in results else checked
    yield Output(
        Extraction(directory, [d.document_id for d in plan.to_parse], plan.unchanged, version),
        metadata={
            "documents_parsed": len(plan.to_parse),
            "documents_unchanged": len(plan.unchanged),
            "parser_version": version,
            "rows": sum(row[1] for row in summary),
            "per_document": MetadataValue.md(
                markdown_table(["document_id", "rows", "errors", "warnings", "info"], summary[:SUMMARY_ROWS])
            ),
        },
    )
    for table in EXTRACTED_TABLES:
        model = RAW_TABLE_MODELS[table]
        result = results.get(table) or validate(model, pl.DataFrame(schema=polars_schema(model)), table)
        yield check_result(result, f"{table}_schema")
