"""The `extracted_tables` asset: changed documents parsed (on every core), every table checked with pandera."""

from collections.abc import Iterator

import polars as pl
from dagster import AssetCheckResult, AssetExecutionContext, MetadataValue, Output, asset

from dagster_project.assets.checks import SUMMARY_ROWS, check_result
from dagster_project.assets.descriptions import pandera_check_spec
from dagster_project.document_scan import Scan
from dagster_project.extraction import EXTRACTED_TABLES, RAW_TABLE_MODELS, raw_table_schemas
from dagster_project.incremental import (
    Extraction,
    batch_tables,
    batches,
    parse_documents,
    parser_version,
    plan_extraction,
    published_state,
    reset_directory,
    write_batch,
)
from dagster_project.markdown import markdown_table
from dagster_project.progress import Progress
from dagster_project.publishing import trusted_published
from dagster_project.quarantine import QUARANTINED_ISSUES, lines_text
from dagster_project.resources import Warehouse
from dagster_project.validation import (
    DocumentFailure,
    ValidationResult,
    combine,
    polars_schema,
    validate,
    validate_by_document,
)


def set_aside_failing_documents(
    tables: dict[str, pl.DataFrame],
) -> tuple[dict[str, pl.DataFrame], dict[str, ValidationResult], list[DocumentFailure]]:
    """Check a batch's tables; the documents whose own rows fail a schema lose all their rows.

    Returns the tables without those documents (their extraction issues become
    `quarantined_extraction_issues`: the analyst sees what the parser found in them), each table's
    result for the rows kept, and the failures that set the documents aside.
    """
    checked = {
        table: validate_by_document(RAW_TABLE_MODELS[table], frame, table)
        for table, frame in tables.items()
        if table != QUARANTINED_ISSUES
    }
    failures = [failure for result in checked.values() for failure in result.documents]
    failing = sorted({failure.document_id for failure in failures})
    if failing:
        issues = tables.get("extraction_issues")
        tables = {
            table: frame.filter(~pl.col("document_id").is_in(failing)) for table, frame in tables.items()
        }
        if issues is not None:
            tables[QUARANTINED_ISSUES] = issues.filter(pl.col("document_id").is_in(failing))
    return tables, {table: result.rest for table, result in checked.items()}, failures


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
    A document whose own rows break a table's schema is set aside (`raw.quarantined_documents`):
    none of its rows are staged, and the others load.
    """
    version = parser_version()
    plan = plan_extraction(plan_documents, published_state(trusted_published(warehouse.files)), version)
    context.log.info(
        f"parsing {len(plan.to_parse)} documents; {len(plan.unchanged)} unchanged since published"
    )
    directory = reset_directory(warehouse.files.build.parent / "extracted")
    schemas = raw_table_schemas()
    results: dict[str, ValidationResult] = {}
    set_aside: list[DocumentFailure] = []
    summary = []
    parsed = Progress("parsing", len(plan.to_parse), context.log.info).track(parse_documents(plan.to_parse))
    for number, batch in enumerate(batches(parsed)):
        for result in batch:
            by_severity = dict(result.issues.group_by("severity").len().iter_rows())
            rows = sum(frame.height for frame in result.tables.values())
            summary.append(
                (result.document_id, rows, *(by_severity.get(s, 0) for s in ("error", "warning", "info")))
            )
        tables, checked, failures = set_aside_failing_documents(batch_tables(batch, schemas))
        write_batch(directory, number, tables)
        set_aside += failures
        for table, result in checked.items():
            results[table] = combine(results[table], result) if table in results else result
    failing = {failure.document_id for failure in set_aside}
    for failure in set_aside:
        context.log.warning(
            f"{failure.document_id} set aside: {failure.table} fails {', '.join(failure.checks)} "
            f"({failure.rows} rows, lines {lines_text(failure.source_lines) or 'unknown'})"
        )
    parsed = [d.document_id for d in plan.to_parse if d.document_id not in failing]
    yield Output(
        Extraction(directory, parsed, plan.unchanged, version, set_aside),
        metadata={
            "documents_parsed": len(plan.to_parse),
            "documents_set_aside": len(failing),
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
        yield check_result(result, f"{table}_schema", set_aside=[f for f in set_aside if f.table == table])
