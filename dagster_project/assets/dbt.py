"""dbt models as Dagster assets (dagster-dbt): staging → intermediate → marts, tests as checks."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.dbt_state import (
    forget_project_hash,
    keep_parse,
    parse_cache,
    plan_dbt_build,
    restore_parse,
)
from dagster_project.resources import Warehouse, dbt_project
from dagster_project.run_scope import begin_build, require_publish_after


class PlanDbtTranslator(DagsterDbtTranslator):
    """Group dbt models by layer (the folder under `models/`), seeds in their own group."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "seed":
            return "seeds"
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"


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
    yield from dbt.cli(build.args(whole_project), context=context, target_path=target).stream()
    keep_parse(target, cache)
    if not whole_project:
        forget_project_hash(warehouse.build_db)
        context.log.warning("only some dbt models were built: the next refresh builds every mart in full")
