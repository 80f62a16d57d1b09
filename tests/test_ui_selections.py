"""Selections launched as the Dagster UI launches them: each publishes what it builds, or is refused.

The UI runs a selection as a subset of the implicit asset job with the checks of the selected
assets (`LaunchAssetExecutionButton`: `assetSelection` + `assetCheckSelection`); these tests do the
same over a copy of the shared published warehouse (dagster_project/run_scope.py has the rule).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import PublishedRun
from dagster import (
    AssetKey,
    AssetSelection,
    DagsterInstance,
    ExecuteInProcessResult,
    SkipReason,
    build_sensor_context,
)

from dagster_project.automation import raw_documents_sensor
from dagster_project.definitions import defs
from dagster_project.paths import BUILD_DB_ENV, DB_ENV, EXPORTS_DIR_ENV, RAW_DIR_ENV
from dagster_project.resources import Warehouse, build_resources
from dagster_project.run_scope import PUBLISHED

FCT_BUDGET = AssetKey(["marts", "fct_budget"])


@pytest.fixture
def site(published_run: PublishedRun, tmp_path: Path) -> Iterator[Path]:
    """A copy of the published warehouse, with the environment a UI process would have."""
    db = tmp_path / "warehouse" / "plans.duckdb"
    db.parent.mkdir(parents=True)
    shutil.copyfile(published_run.db, db)
    with pytest.MonkeyPatch.context() as env:
        env.setenv(DB_ENV, str(db))
        env.setenv(BUILD_DB_ENV, str(db.parent / "build" / db.name))
        env.setenv(RAW_DIR_ENV, str(published_run.raw))
        env.delenv(EXPORTS_DIR_ENV, raising=False)
        yield db


def launch(keys: Iterable[AssetKey]) -> ExecuteInProcessResult:
    """Run the selection and its checks as a subset of the implicit asset job, like the UI: with the
    other assets of a multi-asset that cannot be split (the UI asks to confirm them)."""
    graph = defs.resolve_asset_graph()
    assets = AssetSelection.assets(*keys).required_multi_asset_neighbors().resolve(graph)
    checks = {key for key in graph.asset_check_keys if key.asset_key in assets}
    job = defs.resolve_implicit_global_asset_job_def().get_subset(
        asset_selection=assets, asset_check_selection=checks
    )
    return job.execute_in_process(
        instance=DagsterInstance.ephemeral(), resources=build_resources(), raise_on_error=False
    )


def failure_messages(result: ExecuteInProcessResult) -> list[str]:
    return [
        event.step_failure_data.error.message
        for event in result.all_events
        if event.is_step_failure and event.step_failure_data.error
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "selection",
    [
        pytest.param([FCT_BUDGET], id="one mart"),
        # From the documents to the raw tables (alone, a raw table would load its inputs from the
        # run that last materialized `extracted_tables`, none in a new instance).
        pytest.param(
            [AssetKey("plan_documents"), AssetKey("extracted_tables"), AssetKey(["raw", "documents"])],
            id="raw tables",
        ),
        pytest.param([PUBLISHED], id="publish alone"),
    ],
)
def test_a_selection_that_would_not_publish_is_refused_with_the_reason(
    site: Path, selection: list[AssetKey]
) -> None:
    before = sha256(site)
    result = launch(selection)
    assert not result.success
    (message,) = failure_messages(result)
    assert "Not run:" in message and "refresh_warehouse" in message and "Select downstream" in message
    assert sha256(site) == before
    # Only the documents are read (they write nothing to the warehouse): no table, model or publish.
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert materialized <= {AssetKey("plan_documents"), AssetKey("extracted_tables")}


def test_one_mart_with_its_downstream_is_built_checked_and_published(site: Path) -> None:
    before = sha256(site)
    graph = defs.resolve_asset_graph()
    result = launch(AssetSelection.assets(FCT_BUDGET).downstream().resolve(graph))
    assert result.success, failure_messages(result)
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert {FCT_BUDGET, AssetKey(["marts", "agg_budget_by_economic_code"]), PUBLISHED} <= materialized
    # The mart's dbt tests and its pandera check ran before publishing.
    checked = {e.check_name for e in result.get_asset_check_evaluations() if e.asset_key == FCT_BUDGET}
    assert {"pandera_schema", "not_null_fct_budget_amount_try"} <= checked
    # The UI shows the mart's row count and column types (read after dbt, from the build file).
    (budget,) = [
        e.materialization for e in result.get_asset_materialization_events() if e.asset_key == FCT_BUDGET
    ]
    assert budget.metadata["dagster/row_count"].value == 1343
    columns = {c.name: c.type for c in budget.metadata["dagster/column_schema"].schema.columns}
    assert (columns["document_id"], columns["year"]) == ("VARCHAR", "INTEGER")
    assert sha256(site) != before
    assert (site.parent / "previous" / site.name).exists()
    with duckdb.connect(str(site), read_only=True) as con:
        # The budget lines of the Kocaeli plan and the Kayseri programme, as published before.
        assert con.execute("select count(*) from marts.fct_budget").fetchone() == (1343,)
    assert not (site.parent / "build" / site.name).exists()


def test_the_rebuild_marts_job_builds_every_model_from_the_published_raw_tables(site: Path) -> None:
    before = sha256(site)
    result = defs.resolve_job_def("rebuild_marts").execute_in_process(
        instance=DagsterInstance.ephemeral(), resources=build_resources(), raise_on_error=False
    )
    assert result.success, failure_messages(result)
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert PUBLISHED in materialized and AssetKey(["marts", "fct_indicator_value"]) in materialized
    assert not any(key.path[0] == "raw" for key in materialized)
    assert sha256(site) != before


def test_a_new_ui_over_the_refreshed_warehouse_starts_no_refresh(published_run: PublishedRun) -> None:
    """The refresh records the files it read; the sensor's first tick finds nothing to do."""
    warehouse = Warehouse(db_path=str(published_run.db), raw_dir=str(published_run.raw))
    with DagsterInstance.ephemeral() as instance:
        context = build_sensor_context(resources={"warehouse": warehouse}, instance=instance)
        assert isinstance(raw_documents_sensor(context), SkipReason)
    with duckdb.connect(str(published_run.db), read_only=True) as con:
        recorded = con.execute("select kind, name from meta.published_inputs order by name").fetchall()
    assert recorded == [
        ("documents", "kayseri_bb_performans_programi_2024.txt"),
        ("documents", "kocaeli_bb_stratejik_plan_2020_2024.txt"),
    ]


def test_every_asset_and_check_says_what_it_holds_and_who_owns_it() -> None:
    """The UI's asset pages: each raw table names the document table it holds, each check what it
    asserts; every warehouse asset has an owner."""
    graph = defs.resolve_asset_graph()
    raw = [key for key in graph.get_all_asset_keys() if key.path[0] == "raw"]
    undescribed = [key.to_user_string() for key in raw if not (graph.get(key).description or "").strip()]
    assert len(raw) >= 23 and undescribed == []
    assert "stratejik amaç" in graph.get(AssetKey(["raw", "sp_goals"])).description
    unowned = [key.to_user_string() for key in graph.get_all_asset_keys() if not graph.get(key).owners]
    assert unowned == []
    checks = [graph.get_check_spec(key) for key in graph.asset_check_keys]
    assert [spec.key.to_user_string() for spec in checks if not spec.description] == []
