"""dbt models as Dagster assets (dagster-dbt): staging → intermediate → marts, tests as checks."""

from collections.abc import Iterator, Mapping, Sequence
from itertools import takewhile
from pathlib import Path
from typing import Any

from dagster import (
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    Output,
    TableColumn,
    TableSchema,
)
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from dagster_project.dbt_state import (
    forget_project_hash,
    keep_parse,
    parse_cache,
    plan_dbt_build,
    restore_parse,
)
from dagster_project.resources import Warehouse, dbt_project
from dagster_project.run_scope import begin_build, require_publish_after
from dagster_project.warehouse import connect, quote_identifier

OWNERS = ["team:strategy-data"]


def test_description(test: Mapping[str, Any]) -> str:
    """What a dbt test asserts, for the UI: the generic test and its arguments, or the leading
    comment of a singular test's SQL (`dbt/tests/`), and whether a failure blocks publishing."""
    metadata = test.get("test_metadata")
    if metadata:
        arguments = {key: value for key, value in metadata["kwargs"].items() if key != "model"}
        column = arguments.pop("column_name", None)
        text = f"dbt test `{metadata['name']}`" + (f" on `{column}`" if column else "")
        if arguments:
            text += " (" + ", ".join(f"{key}: {value}" for key, value in arguments.items()) + ")"
    else:
        comment = [
            line.removeprefix("--").strip()
            for line in takewhile(lambda line: line.startswith("--"), test.get("raw_code", "").splitlines())
        ]
        text = f"`{test['original_file_path']}`: " + (" ".join(comment) or test["name"])
    text = text.rstrip(".")
    if str(test["config"].get("severity", "error")).lower() == "error":
        return f"{text}. Severity error: a failure stops the refresh before publishing."
    return f"{text}. Severity warn: a failure is a finding, published with the warehouse."


class PlanDbtTranslator(DagsterDbtTranslator):
    """Group dbt models by layer (the folder under `models/`), seeds in their own group; one owner;
    every test described in the UI."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "seed":
            return "seeds"
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> Sequence[str]:
        return OWNERS

    def get_asset_check_spec(
        self, asset_spec: AssetSpec, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return spec._replace(description=test_description(manifest["nodes"][unique_id]))


def with_table_metadata(
    events: list[Any], build_db: Path, relations: Mapping[str, tuple[str, ...]]
) -> Iterator[Any]:
    """dbt's events, each model's output with its row count and column types (Dagster's table
    metadata). Read once dbt has finished: DuckDB lets no other process open the file while dbt
    writes it, so dagster-dbt's own `fetch_row_counts()` / `fetch_column_metadata()` cannot.
    `relations`: output name → (schema, table)."""
    with connect(build_db, read_only=True) as con:
        rows = con.execute(
            "select schema_name, table_name, column_name, data_type from duckdb_columns() order by column_index"
        ).fetchall()
        columns: dict[tuple[str, str], list[TableColumn]] = {}
        for schema, table, column, data_type in rows:
            columns.setdefault((schema, table), []).append(TableColumn(column, data_type))
        tables = {
            (schema, table)
            for schema, table in con.execute("select schema_name, table_name from duckdb_tables()").fetchall()
        }
        for event in events:
            relation = relations.get(event.output_name) if isinstance(event, Output) else None
            if relation not in columns:
                yield event
                continue
            count = None
            if relation in tables:
                count = con.execute(
                    f"select count(*) from {'.'.join(map(quote_identifier, relation))}"
                ).fetchone()
            table: dict[str, Any] = {"dagster/column_schema": TableSchema(columns=columns[relation])}
            if count:
                table["dagster/row_count"] = count[0]
            yield event.with_metadata({**event.metadata, **table})


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=PlanDbtTranslator(),
    pool="duckdb_writer",
)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse) -> Iterator[Any]:
    """`dbt build`: seeds, models and their tests, one thread, on the build file.

    Incremental (the per-document marts rebuild only the documents the load changed) unless the
    build file has no marts yet or marts of another dbt project (`dbt_state`): then in full. An
    incremental build keeps the published views and seeds: Dagster shows them materialized by the
    last full build. A run that starts here (the job `rebuild_marts`) builds on a fresh copy of the
    published file; a run that would not publish what it builds is refused (`run_scope`).
    """
    require_publish_after(context)
    begin_build(context, warehouse.files)
    build = plan_dbt_build(warehouse.build_db)
    context.log.info(build.reason)
    # A subset run's `context.assets_def` holds only the selected keys: compare with every dbt asset.
    whole_project = set(context.selected_asset_keys) == set(dbt_models.keys)
    target = dbt_project.project_dir / dbt_project.target_path / f"dbt_models-{context.run_id}"
    cache = parse_cache(warehouse.build_db)
    restore_parse(cache, target)
    # The events are held until dbt ends (the table metadata is read then); a failed build still
    # reports the tests it ran, then fails the step.
    events: list[Any] = []
    failure: Exception | None = None
    try:
        for event in dbt.cli(build.args(whole_project), context=context, target_path=target).stream():
            events.append(event)
    except Exception as error:  # dbt's failure, raised again below after its events
        failure = error
    # output name → (schema, table); the subset's own definition holds only the selected outputs.
    tables = {
        key: spec.metadata["dagster/table_name"] for key, spec in context.assets_def.specs_by_key.items()
    }
    relations = {
        output: tuple(tables[key].split(".")[1:])
        for output, key in context.assets_def.keys_by_output_name.items()
        if key in tables
    }
    yield from with_table_metadata(events, warehouse.build_db, relations)
    if failure is not None:
        raise failure
    keep_parse(target, cache)
    if not whole_project:
        forget_project_hash(warehouse.build_db)
        context.log.warning("only some dbt models were built: the next refresh builds every mart in full")
