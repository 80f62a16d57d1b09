"""Which selections a run may launch: each one ends in a published warehouse, or writes nothing.

The Dagster UI lets a user materialize any asset, group or hand-picked selection. The steps that
write the build file (the `raw/*` tables, the dbt models) are worth nothing to analysts unless the
same run checks that build and publishes it, and a publish is safe only of a build the same run
made and checked. So every such step first looks at the whole run's selection:

- a step that writes the build refuses, before writing anything, when the run misses an asset
  between it and `published_warehouse` (the dbt models built from its tables, the publish itself);
  a user who selects one mart gets the reason and the way to launch it (select it with its
  downstream assets, or launch a job);
- `published_warehouse` refuses when the run built none of the marts it publishes;
- the first step of the run that writes the build starts it afresh from the published file, so a
  run that begins at dbt never builds on the leftovers of a failed run.

Reading the documents (`plan_documents`, `extracted_tables`) and the exports (read from the
published file) write no build, so they may run alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dagster import AssetExecutionContext, AssetKey, AssetSelection, Failure, MetadataValue

from dagster_project.publishing import WarehouseFiles, start_build

if TYPE_CHECKING:
    from dagster._core.definitions.assets.graph.asset_graph import AssetGraph

PUBLISHED = AssetKey("published_warehouse")
# `raw/<table>`: the tables a refresh loads into the build (documents, monitoring) before dbt runs.
RAW_SCHEMA_PREFIX = "raw"
HOW_TO_LAUNCH = (
    "Launch the job `refresh_warehouse` (every document) or `rebuild_marts` (dbt models only, from "
    "the published raw tables), or select the asset with everything downstream of it "
    "(asset graph: right-click → Select downstream) and materialize that."
)


def run_selection(context: AssetExecutionContext) -> frozenset[AssetKey]:
    """Every asset this run materializes (the whole job when the UI launched it whole)."""
    return frozenset(context.job_def.asset_layer.selected_asset_keys)


def asset_graph() -> AssetGraph:
    """The code location's whole asset graph (a subset run's own graph holds only its neighbourhood)."""
    from dagster_project.definitions import defs

    return defs.resolve_asset_graph()


def between(keys: Iterable[AssetKey]) -> set[AssetKey]:
    """The assets on a path from `keys` to the published warehouse, both ends included."""
    graph = asset_graph()
    selection = AssetSelection.assets(*keys).downstream() & AssetSelection.assets(PUBLISHED).upstream()
    return set(selection.resolve(graph))


def refuse(reason: str, missing: Iterable[AssetKey] = ()) -> None:
    """Stop the step before it writes anything, with the reason shown on the run's page."""
    names = sorted(key.to_user_string() for key in missing)
    metadata: dict[str, Any] = {"how_to_launch": HOW_TO_LAUNCH}
    if names:
        metadata["missing_from_this_run"] = MetadataValue.md("\n".join(f"- {name}" for name in names))
    raise Failure(description=f"{reason} {HOW_TO_LAUNCH}", metadata=metadata, allow_retries=False)


def require_publish_after(context: AssetExecutionContext) -> None:
    """A step writing the build runs only when the run also builds what follows it and publishes."""
    selected = run_selection(context)
    mine = set(context.selected_asset_keys)
    missing = between(mine) - selected
    if missing:
        first = min(key.to_user_string() for key in mine)
        refuse(
            f"Not run: {first} is written to the build file, which only `published_warehouse` "
            f"hands to analysts after every check; this run misses {len(missing)} asset(s) between "
            "them, so it would leave nothing new for analysts.",
            missing,
        )


def require_built_here(context: AssetExecutionContext) -> None:
    """Publishing is safe only of a build this run made and checked."""
    marts = asset_graph().get(PUBLISHED).parent_keys
    if not marts & run_selection(context):
        refuse(
            "Not run: `published_warehouse` publishes the build file made and checked by the same "
            "run, and this run builds none of the marts (a build left by another run may have failed "
            "its checks)."
        )


def starts_build(context: AssetExecutionContext) -> bool:
    """Whether this step is the first of its run to write the build (no selected `raw/*` table before it)."""
    graph = asset_graph()
    upstream = AssetSelection.assets(*context.selected_asset_keys).upstream(include_self=False).resolve(graph)
    return not any(key.path[0] == RAW_SCHEMA_PREFIX for key in upstream & run_selection(context))


def run_started_ns(context: AssetExecutionContext) -> int:
    """When this run started (files modified later may not be what it read)."""
    started = context.instance.get_run_stats(context.run.run_id).start_time
    return int((started or 0) * 1e9)


def begin_build(context: AssetExecutionContext, files: WarehouseFiles) -> None:
    """Start the build from the published file when this step is the run's first to write it."""
    if not starts_build(context):
        return
    if not files.published.exists():
        refuse(
            f"Not run: this run starts at {min(k.to_user_string() for k in context.selected_asset_keys)}, "
            f"which builds on the published raw tables, and {files.published} does not exist yet."
        )
    start_build(files)
