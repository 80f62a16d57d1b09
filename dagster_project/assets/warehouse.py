"""The `raw.*` assets: extracted tables written to DuckDB, then read back and checked.

One multi-asset writes every raw table in one transaction (a document's rows are replaced as a
whole), so the asset keys match dbt's sources (`raw/<table>`) and the lineage runs straight from
the documents to the marts.
"""

from collections.abc import Iterator

from dagster import (
    AssetCheckResult,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from dagster_project.assets.extraction import check_result, table_of
from dagster_project.assets.markdown import frame_preview
from dagster_project.documents import Scan
from dagster_project.extraction import RAW_TABLE_MODELS, documents_frame, raw_table_schemas, rejected_frame
from dagster_project.parsers.result import ParsedDocument
from dagster_project.publishing import start_build
from dagster_project.resources import Warehouse
from dagster_project.validation import validate
from dagster_project.warehouse import RAW_SCHEMA, connect, read_table, replace_documents

RAW_KEYS = {table: AssetKey([RAW_SCHEMA, table]) for table in RAW_TABLE_MODELS}


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
            description=RAW_TABLE_MODELS[table].__doc__,
        )
        for table, key in RAW_KEYS.items()
    ],
    check_specs=[AssetCheckSpec("pandera_schema", asset=key, blocking=True) for key in RAW_KEYS.values()],
    pool="duckdb_writer",
)
def raw_tables(
    context: AssetExecutionContext,
    warehouse: Warehouse,
    plan_documents: Scan,
    extracted_tables: dict[str, ParsedDocument],
) -> Iterator[MaterializeResult | AssetCheckResult]:
    """Load every document's tables into DuckDB schema `raw` (one transaction), then validate them."""
    frames: dict[str, list] = {
        "documents": [documents_frame(plan_documents)],
        "rejected_files": [rejected_frame(plan_documents)],
    }
    for result in extracted_tables.values():
        for table in RAW_TABLE_MODELS:
            frame = table_of(result, table)
            if frame is not None:
                frames.setdefault(table, []).append(frame)
    document_ids = [document.document_id for document in plan_documents.documents]
    start_build(warehouse.files)
    with connect(warehouse.build_db) as con:
        counts = replace_documents(con, frames, raw_table_schemas(), document_ids, document_ids)
        loaded = {table: read_table(con, RAW_SCHEMA, table) for table in RAW_TABLE_MODELS}
    context.log.info(f"loaded {sum(counts.values())} rows into {warehouse.build_db}")
    for table, key in RAW_KEYS.items():
        yield MaterializeResult(
            asset_key=key,
            metadata={
                "rows": counts[table],
                "build_db": str(warehouse.build_db),
                "preview": MetadataValue.md(frame_preview(loaded[table])),
            },
        )
    for table, key in RAW_KEYS.items():
        yield check_result(validate(RAW_TABLE_MODELS[table], loaded[table], table), "pandera_schema", key)
