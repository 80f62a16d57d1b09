"""The `raw.*` assets: extracted tables written to DuckDB, then read back and checked.

One multi-asset writes every raw table in one transaction (a document's rows are replaced as a
whole), so the asset keys match dbt's sources (`raw/<table>`) and the lineage runs straight from
the documents to the marts.
"""

from collections.abc import Iterator

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)
from duckdb import DuckDBPyConnection

from dagster_project.assets.checks import check_result
from dagster_project.assets.descriptions import pandera_check_spec, raw_table_description
from dagster_project.assets.keys import RAW_KEYS
from dagster_project.document_scan import Scan
from dagster_project.extraction import RAW_TABLE_MODELS, documents_frame, raw_table_schemas, rejected_frame
from dagster_project.incremental import (
    BATCH_DOCUMENTS,
    Extraction,
    document_changes,
    registry_before_load,
    staged_files,
)
from dagster_project.input_files import record_inputs
from dagster_project.markdown import PREVIEW_ROWS, frame_preview
from dagster_project.publishing import start_build
from dagster_project.quarantine import SetAside, quarantine_frame, registry_with_set_aside
from dagster_project.resources import Warehouse
from dagster_project.run_scope import require_publish_after, run_started_ns
from dagster_project.validation import ValidationResult, validate, validate_batches
from dagster_project.warehouse import (
    RAW_SCHEMA,
    connect,
    quote_identifier,
    read_document_batches,
    read_table,
    replace_documents,
)


@multi_asset(
    name="raw_tables",
    group_name="warehouse_raw",
    specs=[
        AssetSpec(
            key,
            deps=["plan_documents", "extracted_tables"],
            kinds={"duckdb"},
            skippable=False,
            owners=["team:strategy-data"],
            description=raw_table_description(table, RAW_TABLE_MODELS[table]),
        )
        for table, key in RAW_KEYS.items()
    ],
    check_specs=[
        pandera_check_spec("pandera_schema", key, RAW_TABLE_MODELS[table]) for table, key in RAW_KEYS.items()
    ],
    pool="duckdb_writer",
)
def raw_tables(
    context: AssetExecutionContext,
    warehouse: Warehouse,
    plan_documents: Scan,
    extracted_tables: Extraction,
) -> Iterator[MaterializeResult | AssetCheckResult]:
    """Load the parsed documents' tables into DuckDB schema `raw` (one transaction), then validate them.

    The build starts as a copy of the published file, so unchanged documents keep their rows; the
    registry (`documents`, `rejected_files`), what changed (`document_changes`) and the documents
    set aside (`quarantined_documents`) are written whole. A document set aside keeps its published
    registry row and rows (or has none), so the marts keep its published version.
    """
    require_publish_after(context)
    set_aside = [SetAside.from_schema(failure) for failure in extracted_tables.set_aside]
    parsed = extracted_tables.parsed_ids
    _start_build(
        context, warehouse, len(parsed) + len({item.document_id for item in set_aside}), plan_documents
    )
    with connect(warehouse.build_db) as con:
        registry = _registry_tables(con, plan_documents, extracted_tables, set_aside)
        current = registry["documents"][0]["document_id"].to_list()
        counts = replace_documents(
            con,
            registry,
            raw_table_schemas(),
            parsed,
            current,
            parquet=staged_files(extracted_tables.directory),
            full_tables=registry.keys(),
        )
        record_inputs(con, warehouse.raw, "documents", run_started_ns(context))
        previews = {table: read_preview(con, table) for table in RAW_TABLE_MODELS}
        checks = {
            table: validate_loaded(con, table, None if table in registry else parsed) for table in RAW_KEYS
        }
    context.log.info(
        f"loaded {len(parsed)} documents ({len(current) - len(parsed)} kept from the published file) "
        f"into {warehouse.build_db}; {sum(counts.values())} rows"
    )
    for table, key in RAW_KEYS.items():
        yield MaterializeResult(
            asset_key=key,
            metadata={
                "rows": counts[table],
                "dagster/row_count": counts[table],
                "documents_loaded": len(parsed),
                "build_db": str(warehouse.build_db),
                "preview": MetadataValue.md(frame_preview(previews[table])),
            },
        )
    for table, key in RAW_KEYS.items():
        yield check_result(checks[table], "pandera_schema", key)


def _start_build(context: AssetExecutionContext, warehouse: Warehouse, accounted: int, scan: Scan) -> None:
    """Copy the published file to the build file. If the published file changed since
    `extracted_tables` ran and some documents were not parsed again (`accounted` of the scan's
    documents were parsed or set aside), the rows it trusted are gone: the refresh must start over."""
    altered = start_build(warehouse.files)
    if altered and accounted < len(scan.documents):
        raise RuntimeError(f"{altered}, but it changed during this refresh: run the refresh again")
    if altered:
        context.log.warning(altered)


def _registry_tables(
    con: DuckDBPyConnection, scan: Scan, extracted_tables: Extraction, set_aside: list[SetAside]
) -> dict[str, list[pl.DataFrame]]:
    """The registry tables, written whole: the documents (a document set aside keeps its published
    row), the refused files, what changed since the published file, and the documents set aside."""
    before = registry_before_load(con)
    set_aside_ids = {item.document_id for item in set_aside}
    documents = registry_with_set_aside(
        documents_frame(scan, extracted_tables.parser_version), before, set_aside_ids
    )
    published_ids = set(before["document_id"].to_list()) if "document_id" in before.columns else set()
    sources = {document.document_id: document.source_file for document in scan.documents}
    return {
        "documents": [documents],
        "rejected_files": [rejected_frame(scan)],
        "document_changes": [document_changes(before, documents, extracted_tables.parsed_ids)],
        "quarantined_documents": [quarantine_frame(set_aside, sources, published_ids)],
        "quarantined_extraction_issues": [],  # staged by extracted_tables
    }


def read_preview(con: DuckDBPyConnection, table: str) -> pl.DataFrame:
    return con.sql(f"select * from {RAW_SCHEMA}.{quote_identifier(table)} limit {PREVIEW_ROWS}").pl()


def validate_loaded(con: DuckDBPyConnection, table: str, document_ids: list[str] | None) -> ValidationResult:
    """pandera over what this run loaded (rows kept from the published file were checked when loaded),
    a batch of documents at a time so thousands of documents never sit in memory at once."""
    model = RAW_TABLE_MODELS[table]
    if document_ids is None:
        return validate(model, read_table(con, RAW_SCHEMA, table), table)
    batches = read_document_batches(con, RAW_SCHEMA, table, document_ids, BATCH_DOCUMENTS)
    return validate_batches(model, batches, table)
