"""The assets themselves, materialized one by one in this process (no refresh, no dbt), as Dagster's
`project_dbt` tests its definitions: what a user who selects them in the UI gets.

Reading the documents (`plan_documents`, `extracted_tables`) writes no build file, so it may run
alone; a step that writes the build refuses a run that would not publish it (`run_scope`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from conftest import KOCAELI_PLAN, RAW_DIR
from dagster import AssetKey, DagsterInstance, ExecuteInProcessResult, materialize

from dagster_project.assets.extraction import Extraction, extracted_tables
from dagster_project.assets.plan_documents import plan_documents
from dagster_project.assets.warehouse import raw_tables
from dagster_project.extraction import EXTRACTED_TABLES
from dagster_project.incremental import staged_files
from dagster_project.resources import Warehouse

NOT_A_DOCUMENT = "toplanti_notlari.txt"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """Kocaeli's plan and a text file that is no plan or programme."""
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy2(RAW_DIR / KOCAELI_PLAN, folder / KOCAELI_PLAN)
    (folder / NOT_A_DOCUMENT).write_text("Toplantı notları\n\nGündem: bütçe\n", encoding="utf-8")
    return folder


def run(assets: list, raw: Path, tmp_path: Path) -> ExecuteInProcessResult:
    warehouse = Warehouse(db_path=str(tmp_path / "warehouse" / "plans.duckdb"), raw_dir=str(raw))
    return materialize(
        assets,
        resources={"warehouse": warehouse},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def test_reading_the_documents_alone_stages_every_table_and_checks_it(raw: Path, tmp_path: Path) -> None:
    result = run([plan_documents, extracted_tables], raw, tmp_path)
    assert result.success
    scan = result.output_for_node("plan_documents")
    assert [document.document_id for document in scan.documents] == ["kocaeli-bb-sp-2020-2024"]
    assert [file.source_file for file in scan.rejected] == [NOT_A_DOCUMENT]
    extraction: Extraction = result.output_for_node("extracted_tables")
    assert extraction.parsed_ids == ["kocaeli-bb-sp-2020-2024"] and extraction.set_aside == []
    staged = {table: pl.read_parquet(files) for table, files in staged_files(extraction.directory).items()}
    assert {table: staged[table].height for table in ("sp_goals", "sp_targets", "sp_indicators")} == {
        "sp_goals": 17,
        "sp_targets": 82,
        "sp_indicators": 379,
    }
    metadata = result.asset_materializations_for_node("extracted_tables")[0].metadata
    assert (metadata["documents_parsed"].value, metadata["documents_set_aside"].value) == (1, 0)
    checks = result.get_asset_check_evaluations()
    assert len(checks) == len(EXTRACTED_TABLES) and all(check.passed for check in checks)
    assert not (tmp_path / "warehouse" / "plans.duckdb").exists()  # nothing built, nothing published
    assert not (tmp_path / "warehouse" / "build" / "plans.duckdb").exists()


def test_loading_the_raw_tables_without_publishing_them_is_refused_before_writing(
    raw: Path, tmp_path: Path
) -> None:
    (raw / KOCAELI_PLAN).unlink()  # the refusal comes before any document is read
    result = run([plan_documents, extracted_tables, raw_tables], raw, tmp_path)
    assert not result.success
    [failure] = [event for event in result.all_events if event.is_step_failure]
    assert failure.step_key == "raw_tables"
    reason = failure.step_failure_data.user_failure_data.description
    assert reason.startswith("Not run: raw/")
    assert "which only `published_warehouse` hands to analysts" in reason
    missing = failure.step_failure_data.user_failure_data.metadata["missing_from_this_run"].value
    assert "- published_warehouse" in missing.splitlines()
    assert "- marts/dim_goal" in missing.splitlines()
    assert result.asset_materializations_for_node("extracted_tables")
    assert AssetKey(["raw", "sp_goals"]) not in {
        event.asset_key for event in result.get_asset_materialization_events()
    }
    assert not (tmp_path / "warehouse" / "build" / "plans.duckdb").exists()
