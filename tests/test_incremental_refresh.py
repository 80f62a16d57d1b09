"""Incremental refresh: a refresh parses only new or changed documents and keeps the others' rows,
in the raw tables and in the marts (dbt rebuilds only the changed documents' rows)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import KOCAELI_PLAN, DbtNodes, PublishedRun, dbt_nodes_run, mart_contents, materialize_refresh
from dagster import AssetKey, ExecuteInProcessResult

from dagster_project import dbt_state
from dagster_project.dbt_state import dbt_project_hash, parse_cache, plan_dbt_build
from dagster_project.document_scan import scan_raw_dir
from dagster_project.incremental import (
    document_changes,
    monitoring_changes,
    parser_version,
    plan_extraction,
    published_state,
)
from dagster_project.paths import BUILD_DB_ENV, DBT_DIR, PROJECT_ROOT
from dagster_project.publishing import WarehouseFiles
from dagster_project.resources import DBT_FLAGS, dbt_executable
from tools.corpus.generate import generate_document, identity

SP, PP = "kocaeli-bb-sp-2020-2024", "kayseri-bb-pp-2024"
MARTS = (
    "dim_goal",
    "dim_indicator",
    "dim_activity",
    "fct_budget",
    "fct_indicator_value",
    "rpt_reconciliation",
)


def mart_rows(db: Path, document_id: str) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            mart: sorted(
                con.execute(f"select * from marts.{mart} where document_id = ?", [document_id]).fetchall(),
                key=repr,
            )
            for mart in MARTS
        }


def reconciliation_profile(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[tuple[str, str], int]:
    rows = con.execute(
        "select check_name, status, count(*) from marts.rpt_reconciliation where document_id = ? group by all",
        [document_id],
    ).fetchall()
    return {(check, status): count for check, status, count in rows}


def test_unchanged_documents_are_skipped_by_content_hash(published_run: PublishedRun) -> None:
    published = published_state(published_run.db)
    scan = scan_raw_dir(published_run.raw)
    assert plan_extraction(scan, published, parser_version()).to_parse == []
    # A new parser (another version) reads every document again.
    assert len(plan_extraction(scan, published, "0" * 16).to_parse) == 2


@pytest.fixture(scope="module")
def added(published_run: PublishedRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The published warehouse of the shipped documents, refreshed after a third document arrived."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(published_run.raw, root / "raw")
    shutil.copytree(published_run.db.parent, root / "warehouse")
    text, name = generate_document(1)
    (root / "raw" / name).write_text(text, encoding="utf-8")
    db = root / "warehouse" / "plans.duckdb"
    return db, materialize_refresh(root / "raw", db)


def test_only_the_new_document_is_parsed(added: tuple[Path, object]) -> None:
    _, result = added
    assert result.success  # type: ignore[attr-defined]
    extracted = next(
        event.event_specific_data.materialization.metadata
        for event in result.get_asset_materialization_events()  # type: ignore[attr-defined]
        if event.event_specific_data.materialization.asset_key.to_user_string() == "extracted_tables"
    )
    assert extracted["documents_parsed"].value == 1
    assert extracted["documents_unchanged"].value == 2


def test_the_other_documents_marts_are_unchanged(
    published_run: PublishedRun, added: tuple[Path, object]
) -> None:
    db, _ = added
    for document_id in (SP, PP):
        assert mart_rows(db, document_id) == mart_rows(published_run.db, document_id)


def test_the_generated_programme_reconciles_like_the_original(added: tuple[Path, object]) -> None:
    db, _ = added
    with duckdb.connect(str(db), read_only=True) as con:
        generated = reconciliation_profile(con, identity(1).document_id)
        assert generated == reconciliation_profile(con, PP)
        # 231 activity × economic-code rows, as in the original, with other amounts.
        counts = con.execute(
            "select document_id, count(*), sum(amount_try) from marts.fct_budget "
            "where grain = 'activity' group by all order by 1"
        ).fetchall()
    by_document = {document_id: (rows, total) for document_id, rows, total in counts}
    assert by_document[identity(1).document_id][0] == by_document[PP][0]
    assert by_document[identity(1).document_id][1] != by_document[PP][1]


# -- dbt builds the marts incrementally by document ------------------------------------------------


def build_mode(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            mode for (mode,) in con.execute("select distinct dbt_build_mode from marts.meta_build").fetchall()
        }


def recorded_changes(db: Path, table: str = "document_changes") -> set[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return set(con.execute(f"select document_id, change from raw.{table}").fetchall())


def run_dbt(db: Path, target: Path, *args: str) -> subprocess.CompletedProcess:
    """dbt on `db` as the build file (its own target folder, so the project's manifest is untouched)."""
    environment = {**os.environ, BUILD_DB_ENV: str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [dbt_executable(), *DBT_FLAGS, *args, "--project-dir", str(DBT_DIR)]
    command += ["--profiles-dir", str(DBT_DIR), "--target-path", str(target), "--quiet"]
    return subprocess.run(command, env=environment, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def evolved(
    added: tuple[Path, object], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, ExecuteInProcessResult]:
    """The warehouse of `added` (plan, programme, generated programme 1) refreshed again after the
    generated programme changed, the plan left raw/, generated programme 2 arrived and a monitoring
    file brought an actual for the (unchanged) programme."""
    db, _ = added
    root = tmp_path_factory.mktemp("evolved")
    shutil.copytree(db.parent.parent / "raw", root / "raw")
    shutil.copytree(db.parent, root / "warehouse")
    for index, revision in ((1, 1), (2, 0)):
        text, name = generate_document(index, revision=revision)
        (root / "raw" / name).write_text(text, encoding="utf-8")
    (root / "raw" / KOCAELI_PLAN).unlink()
    (root / "raw" / "actuals" / "izleme.csv").write_text(
        f"document_id;indicator_code;year;actual_value\n{PP};PH1.1;2024;95.000\n", encoding="utf-8"
    )
    evolved_db = root / "warehouse" / "plans.duckdb"
    return evolved_db, materialize_refresh(root / "raw", evolved_db)


def test_the_load_records_what_changed(published_run: PublishedRun, added, evolved) -> None:
    assert recorded_changes(published_run.db) == {(SP, "added"), (PP, "added")}
    assert recorded_changes(added[0]) == {(identity(1).document_id, "added")}
    assert recorded_changes(evolved[0]) == {
        (identity(1).document_id, "changed"),
        (SP, "removed"),
        (identity(2).document_id, "added"),
    }
    # The monitoring file changes the programme's achievements, not its own rows.
    assert recorded_changes(evolved[0], "monitoring_changes") == {(PP, "actuals")}
    assert recorded_changes(added[0], "monitoring_changes") == set()


def test_a_linked_programmes_reload_rebuilds_the_documents_it_feeds() -> None:
    """A programme's `Gerçekleşen` values are actuals of the earlier documents linked to it, so
    loading it again rebuilds their achievements; actuals and links compare as rows."""
    links = pl.DataFrame(
        {"document_id": ["pp-2022", "sp-2020"], "indicator_code": ["PH1.1", "Ke/Pg.1"]}
        | {"source_document_id": ["pp-2024", "pp-2023"], "source_indicator_code": ["PH1.1", "PH2.1"]}
    )
    actuals = pl.DataFrame(
        {"document_id": ["sp-2020", "pp-2022"], "year": [2021, 2022], "actual_value": [1.0, 2.0]}
    )
    before = {"actuals": actuals, "indicator_links": links}
    current = {"pp-2022", "pp-2023", "pp-2024", "sp-2020"}
    assert monitoring_changes(before, before, {"pp-2024"}, current).rows() == [("pp-2022", "linked_source")]
    assert monitoring_changes(before, before, {"sp-2020"}, current).is_empty()
    after = {
        "actuals": actuals.with_columns(actual_value=pl.Series([1.0, 2.5])),
        "indicator_links": links.head(1),
    }
    assert monitoring_changes(before, after, set(), current).rows() == [
        ("pp-2022", "actuals"),
        ("sp-2020", "indicator_links"),
    ]
    # A removed document is listed in raw.document_changes, not here.
    assert monitoring_changes(before, after, set(), current - {"sp-2020"}).rows() == [("pp-2022", "actuals")]


def test_a_registry_change_without_new_content_rebuilds_the_document() -> None:
    """A documents.csv override (or a renamed file) changes the marts although nothing is parsed."""
    columns = {"document_id": pl.String, "period_start_year": pl.Int64, "source_file": pl.String}
    previous = pl.DataFrame(
        [("a", 2020, "a.txt"), ("b", 2020, "b.txt"), ("c", 2020, "c.txt")], schema=columns, orient="row"
    )
    current = pl.DataFrame(
        [("a", 2020, "a.txt"), ("b", 2021, "b.txt"), ("d", 2024, "d.txt")], schema=columns, orient="row"
    )
    changes = document_changes(previous, current, loaded_ids=["d"])
    assert sorted(changes.rows()) == [("b", "changed"), ("c", "removed"), ("d", "added")]
    # A touched file (a new modification time, the same content) changes nothing.
    touched = [
        frame.with_columns(source_mtime_ns=pl.lit(mtime)) for frame, mtime in ((previous, 1), (previous, 2))
    ]
    assert document_changes(*touched, loaded_ids=[]).is_empty()
    assert document_changes(pl.DataFrame(), current, loaded_ids=["a", "b", "d"]).rows() == [
        ("a", "added"),
        ("b", "added"),
        ("d", "added"),
    ]


def test_a_refresh_builds_the_marts_in_full_only_without_marts_of_the_same_dbt_project(
    published_run: PublishedRun, added, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build_mode(published_run.db) == {"full"}
    assert build_mode(added[0]) == {"incremental"}
    assert plan_dbt_build(tmp_path / "missing.duckdb").full_refresh
    assert not plan_dbt_build(added[0]).full_refresh
    # A seed (like a model, a macro, a var or a dbt version) is part of the dbt project's hash.
    project = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "seeds", project / "seeds")
    monkeypatch.setattr(dbt_state, "PROJECT_ROOT", project)
    monkeypatch.setattr(dbt_state, "PROJECT_INPUTS", (project / "seeds",))
    before = dbt_project_hash()
    with (project / "seeds" / "success_bands.csv").open("a", encoding="utf-8") as seed:
        seed.write("\n")
    assert dbt_project_hash() != before
    changed = plan_dbt_build(added[0])
    assert changed.full_refresh and "--full-refresh" in changed.args()
    assert "the dbt project changed" in changed.reason


def test_an_incremental_build_gives_the_marts_of_a_full_build(evolved, tmp_path: Path) -> None:
    """Change one document, remove one and add one: the incremental marts equal, row for row, the
    marts dbt builds in full from the same raw tables."""
    db, result = evolved
    assert result.success  # type: ignore[attr-defined]
    assert build_mode(db) == {"incremental"}
    full = tmp_path / "full.duckdb"
    shutil.copyfile(db, full)
    completed = run_dbt(full, tmp_path / "target", "run", "--full-refresh", "--select", "path:models/marts")
    assert completed.returncode == 0, completed.stdout[-3000:]
    incremental, rebuilt = mart_contents(db), mart_contents(full)
    assert set(incremental) == set(rebuilt) and len(incremental) == 24  # every mart but meta_build
    assert [mart for mart in incremental if incremental[mart] != rebuilt[mart]] == []
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute(
            "select document_id from marts.document_table_cell group by 1 order by 1"
        ).fetchall()
    assert documents == sorted([(PP,), (identity(1).document_id,), (identity(2).document_id,)])


def test_the_kept_documents_rows_are_the_published_ones(added, evolved) -> None:
    assert mart_rows(evolved[0], PP) == mart_rows(added[0], PP)
    assert mart_rows(evolved[0], identity(1).document_id) != mart_rows(added[0], identity(1).document_id)


def test_an_incremental_build_keeps_the_views_and_seeds_but_runs_every_data_test(
    published_run: PublishedRun, added
) -> None:
    """The project that built the published file runs again: its views and seeds are kept; every
    data test still reads the build, the views' tests too (their raw rows are new). Neither build
    runs a unit test (fixed inputs: `make test` runs them, tests/test_dbt_unit_tests.py)."""
    project = DbtNodes.of_project()
    kept, data_tests = project.kept, project.data_tests
    full, incremental = dbt_nodes_run(published_run.db), dbt_nodes_run(added[0])
    assert kept <= full and data_tests <= full
    assert len(project.unit_tests) >= 15 and (full | incremental) & project.unit_tests == set()
    # Each run's dbt target folder (130 MB for the shipped documents) is gone with its step.
    runs = [published_run.result.run_id, added[1].run_id]  # type: ignore[attr-defined]
    assert [run for run in runs if (DBT_DIR / "target" / f"dbt_models-{run}").exists()] == []
    assert incremental & kept == set() and data_tests <= incremental
    # Publishing waits for the marts, not for the kept views: the build is still published.
    materialized = {event.asset_key for event in added[1].get_asset_materialization_events()}  # type: ignore[attr-defined]
    assert (
        AssetKey("published_warehouse") in materialized
        and AssetKey(["staging", "stg_raw__documents"]) not in materialized
    )


def test_dbt_parses_the_project_once_per_warehouse(added) -> None:
    """The refresh keeps dbt's parse beside the build file for the next refresh of that warehouse."""
    db, _ = added
    cache = parse_cache(WarehouseFiles(db).build)
    assert cache.stat().st_size > 0 and cache.parent == WarehouseFiles(db).build.parent


def test_dbt_tests_check_the_rows_an_incremental_build_wrote(added, tmp_path: Path) -> None:
    """A duplicate indicator in a rebuilt document fails the model's unique rule, on both of its rows
    (and would block publishing); one in a kept document is not read again: its rows passed when
    they were published."""
    db = tmp_path / "broken.duckdb"
    shutil.copyfile(added[0], db)
    with duckdb.connect(str(db)) as con:
        for document_id in (identity(1).document_id, PP):
            con.execute(
                "insert into marts.dim_indicator select * from marts.dim_indicator where document_id = ? limit 1",
                [document_id],
            )
    completed = run_dbt(db, tmp_path / "target", "test", "--select", "dim_indicator")
    assert completed.returncode == 1
    results = json.loads((tmp_path / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    failed = {r["unique_id"].split(".")[2]: r["failures"] for r in results if r["status"] == "fail"}
    assert failed == {"rules_dim_indicator": 2}


def checked_rows(result: ExecuteInProcessResult) -> dict[str, int]:
    """Rows each mart check read, from the check's metadata."""
    return {
        evaluation.asset_key.path[1]: evaluation.metadata["rows"].value
        for evaluation in result.get_asset_check_evaluations()
        if evaluation.check_name == "pandera_schema" and evaluation.asset_key.path[0] == "marts"
    }


def rows_per_document(db: Path, mart: str) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute(f"select document_id, count(*) from marts.{mart} group by 1").fetchall())


def test_the_mart_check_reads_the_rebuilt_documents(added, evolved) -> None:
    # One programme added: only its rows are read; the plan's and the programme's passed when published.
    db, result = added
    checked = checked_rows(result)  # type: ignore[arg-type]
    for mart in ("dim_indicator", "fct_budget", "fct_indicator_achievement"):
        rows = rows_per_document(db, mart)
        assert checked[mart] == rows[identity(1).document_id] < sum(rows.values())
    # Marts built in full (the registry, the success bands) are read whole.
    assert checked["dim_document"] == 3 and checked["dim_success_band"] == 6
    # Its monitoring file makes the unchanged programme's rows part of the next check.
    db, result = evolved
    rows = rows_per_document(db, "fct_indicator_achievement")
    assert set(rows) == {PP, identity(1).document_id, identity(2).document_id}
    assert checked_rows(result)["fct_indicator_achievement"] == sum(rows.values())  # type: ignore[arg-type]
