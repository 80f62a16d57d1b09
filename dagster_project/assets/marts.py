"""pandera checks on the marts, read through a read-only connection after dbt has built them.

A batch of documents at a time, so thousands of documents never sit in memory at once. After an
incremental dbt build, the marts dbt builds incrementally by document are checked only for the
documents the build rewrote (dbt's view `intermediate.int_rebuilt_documents`): the rows it kept
from the published file passed these checks when they were published, with the same code. Every
other mart is checked whole.

A failure that one document's rows carry does not get this far: `dbt_models` runs the same
schemas over the documents the refresh loaded (`mart_validation.document_failures`) and sets such
a document aside (`dagster_project/quarantine.py`) before building again; here its set-aside shows
as a warning, and any failure left is not one document's (it blocks publishing).
"""

import json
from collections.abc import Iterator

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetKey, multi_asset_check
from duckdb import DuckDBPyConnection

from dagster_project.assets.checks import check_result
from dagster_project.assets.descriptions import pandera_check_spec
from dagster_project.incremental import BATCH_DOCUMENTS
from dagster_project.mart_validation import MART_SCHEMA, has_documents
from dagster_project.resources import Warehouse, dbt_project
from dagster_project.schemas.marts import MART_MODELS
from dagster_project.validation import DocumentFailure, validate, validate_batches
from dagster_project.warehouse import connect, quote_identifier, read_document_batches, read_table


def marts_built_by_document() -> set[str]:
    """The marts dbt builds incrementally by document (`incremental_strategy='by_document'`)."""
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    return {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("incremental_strategy") == "by_document"
    }


def rebuilt_documents(con: DuckDBPyConnection) -> list[str] | None:
    """The documents the last dbt build rewrote in the incremental marts; None after a full build."""
    modes = {
        mode for (mode,) in con.execute("select distinct dbt_build_mode from marts.meta_build").fetchall()
    }
    if modes != {"incremental"}:
        return None
    # dbt's own list (the macro `rebuilt_documents` of dbt/macros/incremental_by_document.sql, as a view).
    sql = "select distinct document_id from intermediate.int_rebuilt_documents"
    return sorted(document_id for (document_id,) in con.execute(sql).fetchall())


def documents_of(con: DuckDBPyConnection, mart: str) -> list[str]:
    """Every document with rows in the mart, in order."""
    sql = f"select distinct document_id from {MART_SCHEMA}.{quote_identifier(mart)} where document_id is not null"
    return sorted(document_id for (document_id,) in con.execute(sql).fetchall())


def set_aside_by_marts(con: DuckDBPyConnection, mart: str) -> list[DocumentFailure]:
    """The documents `dbt_models` set aside for failing `mart`'s schema (`raw.quarantined_documents`)."""
    rows = con.execute(
        "select document_id, failing_rows, source_lines, detail from raw.quarantined_documents "
        "where stage = 'marts' and table_name = ?",
        [mart],
    ).fetchall()
    return [
        DocumentFailure(
            document_id,
            mart,
            (detail or "",),
            failing_rows,
            tuple(int(line) for line in (lines or "").split(", ") if line.isdigit()),
        )
        for document_id, failing_rows, lines, detail in rows
    ]


@multi_asset_check(
    specs=[
        pandera_check_spec("pandera_schema", AssetKey([MART_SCHEMA, mart]), model)
        for mart, model in MART_MODELS.items()
    ],
    can_subset=True,
)
def mart_schemas(context: AssetCheckExecutionContext, warehouse: Warehouse) -> Iterator[AssetCheckResult]:
    """Validate the analysts' main tables with pandera, read-only as an analyst would, before publishing.

    Only the marts of the run's selection (a UI run of one mart checks that mart).
    """
    selected = {key.asset_key.path[-1] for key in context.selected_asset_check_keys}
    by_document = marts_built_by_document()
    with connect(warehouse.build_db, read_only=True) as con:
        rebuilt = rebuilt_documents(con)
        for mart, model in MART_MODELS.items():
            if mart not in selected:
                continue
            if not has_documents(con, mart):
                result = validate(model, read_table(con, MART_SCHEMA, mart), mart)
            else:
                incremental = rebuilt is not None and mart in by_document
                documents = rebuilt if incremental else documents_of(con, mart)
                batches = read_document_batches(con, MART_SCHEMA, mart, documents, BATCH_DOCUMENTS)
                result = validate_batches(model, batches, mart)
            context.log.info(f"marts.{mart}: {result.rows} rows checked, {result.failures} failures")
            yield check_result(
                result, "pandera_schema", AssetKey([MART_SCHEMA, mart]), set_aside_by_marts(con, mart)
            )
