"""dbt models as Dagster assets (dagster-dbt): staging → intermediate → marts, tests as checks."""

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from graphlib import TopologicalSorter
from itertools import takewhile
from pathlib import Path
from typing import Any

import jinja2
import yaml
from dagster import (
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    Output,
    TableColumn,
    TableSchema,
)
from dagster_dbt import DagsterDbtTranslator, DbtCliInvocation, DbtCliResource, DbtProject, dbt_assets
from dagster_shared.record import replace
from duckdb import DuckDBPyConnection

from dagster_project.dbt_state import (
    built_views,
    forget_project_hash,
    keep_parse,
    parse_cache,
    plan_dbt_build,
    restore_parse,
)
from dagster_project.extraction import EXTRACTED_TABLES
from dagster_project.incremental import published_state
from dagster_project.mart_validation import document_failures
from dagster_project.paths import dbt_run_target
from dagster_project.quarantine import (
    SetAside,
    add_quarantined,
    attribute_failures,
    failed_tests,
    keep_issues,
    lines_text,
    quarantine_frame,
    restore_published,
)
from dagster_project.resources import Warehouse, dbt_project
from dagster_project.run_scope import begin_build, require_publish_after
from dagster_project.warehouse import connect, quote_identifier


def row_rules_text(rules: Mapping[str, Any]) -> str:
    """A `row_rules` test's rules in words, for the UI: no null in `a`, `b`; unique `id`, (`x`, `y`);
    `kind` one of a, b; then each expression."""

    def names(columns: Any) -> str:
        if isinstance(columns, str):
            return f"`{columns}`"
        return "(" + ", ".join(f"`{column}`" for column in columns) + ")"

    parts = []
    if rules.get("not_null"):
        parts.append("no null in " + ", ".join(names(column) for column in rules["not_null"]))
    if rules.get("unique"):
        parts.append("unique " + ", ".join(names(key) for key in rules["unique"]))
    for column, values in (rules.get("accepted_values") or {}).items():
        parts.append(f"{names(column)} one of " + ", ".join(str(value) for value in values))
    parts += [f"`{as_run(expression)}`" for expression in rules.get("expressions") or []]
    return "; ".join(parts)


@cache
def project_vars() -> dict[str, Any]:
    """The dbt project's `vars` (dbt_project.yml): the manifest keeps a test's arguments unrendered."""
    return yaml.safe_load((dbt_project.project_dir / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def as_run(expression: str) -> str:
    """A test argument as dbt runs it: `{{ var('float_noise_try') }}` → `0.005`."""
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(expression)
    return template.render(var=project_vars().__getitem__)


def test_description(test: Mapping[str, Any]) -> str:
    """What a dbt test asserts, for the UI: the generic test and its arguments, or the leading
    comment of a singular test's SQL (`dbt/tests/`), and whether a failure blocks publishing."""
    metadata = test.get("test_metadata")
    if metadata and metadata["name"] == "row_rules":
        text = f"dbt test `row_rules`: {row_rules_text(metadata['kwargs'])} (a failing row's `broken_rules` names them)"
    elif metadata:
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


# `dbt build` runs at most this often: each time after the documents whose rows failed tests (or, once
# the tests pass, a mart schema) were set aside (a test that failed can hide others: dbt skips what
# depends on it).
MAX_BUILDS = 4


class PlanDbtTranslator(DagsterDbtTranslator):
    """Every test described in the UI (dbt has no description for a generic test). Groups and
    owners come from dbt's `meta.dagster` (dbt_project.yml), read by dagster-dbt's default."""

    def get_asset_check_spec(
        self, asset_spec: AssetSpec, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        return replace(spec, description=test_description(manifest["nodes"][unique_id]))


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
    published file; a run that would not publish what it builds is refused (`run_scope`). A failed
    test whose rows belong to documents this refresh loaded sets them aside and builds again
    (`quarantine`), and so do their mart rows that fail a mart's pandera schema once the tests pass;
    any other failure fails the step.
    """
    with run_target(context) as target:
        yield from build_models(context, dbt, warehouse, target)


@contextmanager
def run_target(context: AssetExecutionContext) -> Iterator[Path]:
    """dbt's target folder of this run (artifacts, logs, the parse; 130 MB for the shipped documents),
    removed when the step ends, failed or not (a killed run's, by the next refresh: `crashed_runs`):
    what outlives the run is kept beside the build file (`dbt_state.keep_parse`)."""
    target = dbt_run_target(context.run.run_id)
    try:
        yield target
    finally:
        shutil.rmtree(target, ignore_errors=True)


def build_models(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse, target: Path
) -> Iterator[Any]:
    """The body of `dbt_models`, writing dbt's artifacts to `target`."""
    warehouse.require_dbt_writes_the_build()
    require_publish_after(context)
    begin_build(context, warehouse.files)
    build = plan_dbt_build(warehouse.build_db)
    context.log.info(build.reason)
    # A subset run's `context.assets_def` holds only the selected keys: compare with every dbt asset.
    whole_project = set(context.selected_asset_keys) == set(dbt_models.keys)
    cache = parse_cache(warehouse.build_db)
    restore_parse(cache, target)
    # The events of the views and seeds a build again leaves out, from the build that made them.
    kept_events: list[Any] = []
    for attempt in range(1, MAX_BUILDS + 1):
        invocation = dbt.cli(
            build.args(whole_project, views_built=bool(kept_events)),
            context=context,
            target_path=target,
            raise_on_error=False,
        )
        events = list(invocation.stream())
        if attempt == MAX_BUILDS:
            break
        if invocation.is_successful():
            set_aside = set_aside_by_mart_schemas(warehouse) if whole_project else []
        else:
            set_aside = set_aside_by_dbt_tests(context, invocation, warehouse)
        if not set_aside:
            break
        if not kept_events and build.full_refresh and whole_project:
            views = built_views(invocation.get_artifact("run_results.json"), invocation.manifest)
            kept_events = [event for event in events if unique_id(event) in views]
        for item in set_aside:
            context.log.warning(
                f"{item.document_id} set aside: {item.check_name} fails on {item.failing_rows} of its "
                f"rows (lines {lines_text(item.source_lines) or 'unknown'}; {item.detail}); building again "
                "without it"
            )
    keep_parse(target, cache)
    # output name → (schema, table); the subset's own definition holds only the selected outputs.
    tables = {
        key: spec.metadata["dagster/table_name"] for key, spec in context.assets_def.specs_by_key.items()
    }
    relations = {
        output: tuple(tables[key].split(".")[1:])
        for output, key in context.assets_def.keys_by_output_name.items()
        if key in tables
    }
    # The events of the last build (and of the views and seeds it left out), with table metadata
    # read once dbt has ended; a failed build still reports the tests it ran, then fails the step.
    if kept_events:
        events = in_dependency_order(kept_events + events, invocation.manifest)
    yield from with_table_metadata(events, warehouse.build_db, relations)
    if error := invocation.get_error():
        raise error
    if not whole_project:
        forget_project_hash(warehouse.build_db)
        context.log.warning("only some dbt models were built: the next refresh builds every mart in full")


def unique_id(event: Any) -> str | None:
    """The dbt node a dagster-dbt event reports (its `unique_id` metadata), if any."""
    value = getattr(event, "metadata", {}).get("unique_id")
    return getattr(value, "text", value)


def in_dependency_order(events: list[Any], manifest: Mapping[str, Any]) -> list[Any]:
    """`events` with each node's after those of the nodes it depends on (Dagster takes a multi-asset's
    outputs in that order only), as the events of one dbt build are."""
    order = {node: rank for rank, node in enumerate(TopologicalSorter(manifest["parent_map"]).static_order())}
    return sorted(events, key=lambda event: order.get(unique_id(event) or "", len(order)))


def set_aside_by_dbt_tests(
    context: AssetExecutionContext, invocation: DbtCliInvocation, warehouse: Warehouse
) -> list[SetAside]:
    """Set aside the documents whose rows a failed test names (none when a failure is not one
    document's: then the build fails as it is). Each failed test's compiled SQL selects its failing
    rows from the build file it failed on, which lead to the documents (`quarantine.attribute_failures`)."""
    tests = failed_tests(invocation.get_artifact("run_results.json"), invocation.manifest)
    if not tests:
        return []
    with connect(warehouse.build_db) as con:
        loaded = loaded_documents(con)
        set_aside: list[SetAside] = []
        for test in tests:
            items, whole = attribute_failures(con, test, loaded)
            if not whole:
                context.log.warning(f"dbt test {test.name} fails on rows that are not one loaded document's")
            set_aside += items
        set_aside_documents(con, set_aside, warehouse)
    return set_aside


def set_aside_by_mart_schemas(warehouse: Warehouse) -> list[SetAside]:
    """After a build whose tests passed: the documents this refresh loaded whose mart rows fail a
    mart's pandera schema (`mart_schemas` runs the same schemas afterwards, on what is left)."""
    with connect(warehouse.build_db) as con:
        failures = document_failures(con, sorted(loaded_documents(con)))
        set_aside = [SetAside.from_schema(failure, "marts") for failure in failures]
        set_aside_documents(con, set_aside, warehouse)
    return set_aside


def loaded_documents(con: DuckDBPyConnection) -> set[str]:
    """The documents this refresh loaded and has not set aside: only their rows can be set aside
    (every other document's rows passed the same checks when they were published)."""
    return {
        document_id
        for (document_id,) in con.execute(
            "select document_id from raw.document_changes where change <> 'removed' "
            "except select document_id from raw.quarantined_documents"
        ).fetchall()
    }


def set_aside_documents(con: DuckDBPyConnection, set_aside: list[SetAside], warehouse: Warehouse) -> None:
    """The raw rows of the documents `set_aside` become their published rows (none when they had
    none), their failures rows of `raw.quarantined_documents`."""
    if not set_aside:
        return
    ids = sorted({item.document_id for item in set_aside})
    published = set(published_state(warehouse.files.published))
    sources = dict(
        con.execute(
            "select document_id, source_file from raw.documents where document_id in (select unnest(?::varchar[]))",
            [ids],
        ).fetchall()
    )
    keep_issues(con, ids)
    restore_published(con, warehouse.files.published, ids, ["documents", *EXTRACTED_TABLES])
    add_quarantined(con, quarantine_frame(set_aside, sources, published))
