"""Monitoring assets: actuals files and cross-document links into `raw`, fill-in templates out.

`monitoring_tables` reads `raw/actuals/` against the indicators the raw schema holds and writes
`raw.actuals`, `raw.actuals_issues` and `raw.indicator_links` (one transaction, fully replaced every
run: the files are the truth), in the build file like every raw table, and `raw.monitoring_changes`:
the documents whose achievements the incremental marts must rebuild although their own rows did not
change (`incremental.monitoring_changes`). `indicator_templates`
writes `exports/templates/<document_id>.xlsx` from the Parquet export of the published marts, like
the document workbooks.
"""

from collections.abc import Iterator

import polars as pl
from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)
from duckdb import DuckDBPyConnection

from dagster_project.assets.checks import check_result
from dagster_project.assets.descriptions import pandera_check_spec, raw_table_description
from dagster_project.assets.export_metadata import update_metadata
from dagster_project.assets.keys import RAW_KEYS
from dagster_project.exports import templates
from dagster_project.exports.document_files import export_documents
from dagster_project.exports.fingerprint import marts_and_fingerprints
from dagster_project.incremental import monitoring_changes
from dagster_project.input_files import ACTUALS_DIR, record_inputs
from dagster_project.markdown import markdown_table
from dagster_project.monitoring.actuals import read_actuals_dir
from dagster_project.monitoring.linking import PublishedLinks, link_indicators
from dagster_project.parsers import kinds
from dagster_project.resources import Warehouse
from dagster_project.run_scope import begin_build, require_publish_after, run_started_ns
from dagster_project.schemas.monitoring import MONITORING_SCHEMAS
from dagster_project.validation import polars_schema, validate
from dagster_project.warehouse import RAW_SCHEMA, connect, read_table, replace_documents

MONITORING_KEYS = {table: AssetKey([RAW_SCHEMA, table]) for table in MONITORING_SCHEMAS}


def known_indicators_sql() -> str:
    """Every indicator the raw schema holds, with its document's administration and period: the
    indicator tables the document kinds declare (`parsers.base.IndicatorTable`), one code each."""
    tables = [kind.indicators for kind in kinds.DOCUMENT_KINDS if kind.indicators is not None]
    indicators = "\nunion all\n".join(
        f"select document_id, {table.code_sql} as indicator_code, {str(table.code_is_written).lower()}"
        f" as code_is_written, indicator_name, unit, source_line from {RAW_SCHEMA}.{table.table}"
        for table in tables
    )
    return f"""
select
    d.document_id, d.administration, d.document_type, d.period_start_year, d.period_end_year,
    d.source_file, i.indicator_code, i.code_is_written, i.indicator_name, i.unit, i.source_line
from ({indicators}) as i
inner join {RAW_SCHEMA}.documents as d on i.document_id = d.document_id
order by document_id, source_line
"""


@multi_asset(
    name="monitoring_tables",
    group_name="monitoring",
    specs=[
        AssetSpec(
            key,
            deps=[
                RAW_KEYS["documents"],
                RAW_KEYS["document_changes"],
                RAW_KEYS["sp_indicators"],
                RAW_KEYS["pp_indicators"],
            ],
            kinds={"duckdb"},
            skippable=False,
            owners=["team:strategy-data"],
            description=raw_table_description(table, MONITORING_SCHEMAS[table]),
        )
        for table, key in MONITORING_KEYS.items()
    ],
    check_specs=[
        pandera_check_spec("pandera_schema", key, MONITORING_SCHEMAS[table])
        for table, key in MONITORING_KEYS.items()
    ],
    pool="duckdb_writer",
)
def monitoring_tables(
    context: AssetExecutionContext, warehouse: Warehouse
) -> Iterator[MaterializeResult | AssetCheckResult]:
    """Read `raw/actuals/` (CSV, XLSX) and link indicators across documents of one administration."""
    require_publish_after(context)
    begin_build(context, warehouse.files)
    with connect(warehouse.build_db) as con:
        indicators = con.sql(known_indicators_sql()).pl()
        read = read_actuals_dir(warehouse.raw / ACTUALS_DIR, indicators)
        before = published_rows(con, ("actuals", "indicator_links", "actuals_issues"))
        changed = set(con.sql("select document_id from raw.document_changes").pl()["document_id"].to_list())
        published = None
        if before["indicator_links"].width and before["actuals_issues"].width:
            published = PublishedLinks(
                before["indicator_links"], before["actuals_issues"], frozenset(changed)
            )
        linked = link_indicators(indicators, published)
        schemas = {table: polars_schema(model) for table, model in MONITORING_SCHEMAS.items()}
        # Every current document is "loaded": its actuals are replaced by what the files say now.
        document_ids = indicators["document_id"].unique().to_list()
        changes = monitoring_changes(
            before,
            {"actuals": read.actuals, "indicator_links": linked.links},
            changed,
            set(document_ids),
        )
        frames = {
            "actuals": [read.actuals],
            "actuals_issues": [read.issues, linked.issues],
            "indicator_links": [linked.links],
            "monitoring_changes": [changes],
        }
        counts = replace_documents(con, frames, schemas, document_ids, document_ids)
        record_inputs(con, warehouse.raw, "actuals", run_started_ns(context))
        loaded = {table: read_table(con, RAW_SCHEMA, table) for table in MONITORING_SCHEMAS}
    by_type = read.issues.group_by("source_file", "issue_type").len().sort("source_file", "issue_type")
    context.log.info(
        f"raw/actuals: {read.files} files, {read.rows_read} rows, {counts['actuals']} loaded, "
        f"{read.rows_without_value} without a value, {read.issues.height} issues; "
        f"{counts['indicator_links']} indicator links; {counts['monitoring_changes']} achievements to rebuild"
    )
    metadata = {
        "actuals": {
            "files": read.files,
            "rows_read": read.rows_read,
            "rows_without_value": read.rows_without_value,
            "issues_by_file": MetadataValue.md(markdown_table(by_type.columns, by_type.rows())),
        },
        "actuals_issues": {"link_issues": linked.issues.height},
        "indicator_links": {},
        "monitoring_changes": {},
    }
    for table, key in MONITORING_KEYS.items():
        yield MaterializeResult(asset_key=key, metadata={"rows": counts[table], **metadata[table]})
    for table, key in MONITORING_KEYS.items():
        yield check_result(validate(MONITORING_SCHEMAS[table], loaded[table], table), "pandera_schema", key)


def published_rows(con: DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """The rows the build holds before this run replaces them (the published ones); empty without a table."""
    present = {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw'"
        ).fetchall()
    }
    return {
        table: read_table(con, RAW_SCHEMA, table) if table in present else pl.DataFrame() for table in tables
    }


@asset(
    group_name="exports",
    kinds={"python", "excel"},
    owners=["team:strategy-data"],
    deps=["warehouse_exports"],
)
def indicator_templates(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Fill-in templates (`exports/templates/<document_id>.xlsx`): one row per indicator and plan
    year with baseline and target, an empty `Gerçekleşen` column to fill and drop into raw/actuals.
    Like the workbooks, written from the Parquet export on every core, and only for documents whose
    mart rows (or the template) changed."""
    folder = warehouse.exports / "templates"
    with connect(warehouse.files.published, read_only=True) as con:
        marts, prints = marts_and_fingerprints(con)
    read = [mart for mart in marts if mart.name in templates.TEMPLATE_MARTS]
    update = export_documents(
        templates.write_template,
        ".xlsx",
        read,
        prints,
        warehouse.exports / "parquet",
        folder,
        log=context.log.info,
    )
    context.log.info(
        f"templates: {len(update.written)} written, {update.unchanged} unchanged, {len(update.removed)} removed"
    )
    return MaterializeResult(metadata={"folder": str(folder), **update_metadata("templates", update)})
