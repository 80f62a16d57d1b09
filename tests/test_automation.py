"""The nightly schedule and the raw/ sensor exist and behave (no run is launched here)."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path

import duckdb
from conftest import copy_shipped_raw
from dagster import (
    DagsterEvent,
    DagsterEventType,
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    RunRequest,
    SkipReason,
    build_sensor_context,
)

from dagster_project.automation import INPUTS_TAG, MAX_FAILED_RUNS, nightly_refresh, raw_documents_sensor
from dagster_project.crashed_runs import OWNER_TAG, Owner
from dagster_project.definitions import defs
from dagster_project.input_files import record_inputs
from dagster_project.resources import Warehouse

RAW = Path(__file__).resolve().parent.parent / "raw"
PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"
PROGRAMME = "kayseri_bb_performans_programi_2024.txt"


def test_the_refresh_job_runs_nightly_at_0230_istanbul_time() -> None:
    schedule = defs.resolve_schedule_def("nightly_refresh")
    assert schedule is not None
    assert (nightly_refresh.cron_schedule, nightly_refresh.execution_timezone) == (
        "30 2 * * *",
        "Europe/Istanbul",
    )
    assert nightly_refresh.job_name == "refresh_warehouse"
    assert defs.resolve_sensor_def("raw_documents_sensor").job_name == "refresh_warehouse"


def evaluate(
    raw: Path, cursor: str | None, instance: DagsterInstance | None = None
) -> tuple[RunRequest | SkipReason, str | None]:
    warehouse = Warehouse(db_path=str(raw.parent / "w.duckdb"), raw_dir=str(raw))
    context = build_sensor_context(
        cursor=cursor, resources={"warehouse": warehouse}, instance=instance or DagsterInstance.ephemeral()
    )
    result = raw_documents_sensor(context)
    return result, context.cursor


def publish_inputs(raw: Path) -> None:
    """Record `raw/` as the published warehouse's inputs, as a refresh's load steps do."""
    with duckdb.connect(str(raw.parent / "w.duckdb")) as con:
        for kind in ("documents", "actuals"):
            record_inputs(con, raw, kind, time.time_ns())


def test_sensor_fires_on_a_new_or_changed_file_and_not_on_an_unchanged_one(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / PLAN, raw)

    first, cursor = evaluate(raw, None)
    assert isinstance(first, RunRequest)
    assert first.tags["changed_files"] == PLAN
    publish_inputs(raw)

    unchanged, same_cursor = evaluate(raw, cursor)
    assert isinstance(unchanged, SkipReason)
    assert same_cursor == cursor

    shutil.copy(RAW / PROGRAMME, raw)
    added, cursor = evaluate(raw, cursor)
    assert isinstance(added, RunRequest)
    assert added.tags["changed_files"] == PROGRAMME
    publish_inputs(raw)

    # Touching a file without changing its content is not a change; its new state is remembered.
    (raw / PROGRAMME).touch()
    touched, touched_cursor = evaluate(raw, cursor)
    assert isinstance(touched, SkipReason)
    assert touched_cursor != cursor

    # A file whose size and modification time are unchanged is not read again: a planted hash stands.
    planted = json.loads(touched_cursor)
    planted[PLAN]["sha256"] = "0" * 64
    planted_result, _ = evaluate(raw, json.dumps(planted))
    assert isinstance(planted_result, RunRequest) and planted_result.tags["changed_files"] == PLAN
    cursor = touched_cursor

    with (raw / PROGRAMME).open("a", encoding="utf-8") as handle:
        handle.write("\nek satır\n")
    changed, _ = evaluate(raw, cursor)
    assert isinstance(changed, RunRequest)
    assert changed.tags["changed_files"] == PROGRAMME
    assert changed.run_key != added.run_key


def test_the_nightly_run_hashes_every_file_and_only_sensor_runs_trust_file_times(tmp_path: Path) -> None:
    """An edit that keeps the size and puts the modification time back: the nightly run (no tag)
    reads the file and sees the new sha256; a run the sensor started keeps the published one."""
    import os

    import duckdb
    from dagster import materialize

    from dagster_project.assets.plan_documents import plan_documents
    from dagster_project.document_scan import TRUST_FILE_TIMES_TAG, scan_raw_dir
    from dagster_project.extraction import documents_frame
    from dagster_project.publishing import WarehouseFiles, publish

    raw = tmp_path / "raw"
    raw.mkdir()
    plan = raw / "kocaeli_bb_stratejik_plan_2020_2024.txt"
    shutil.copy(RAW / plan.name, plan)
    files = WarehouseFiles(tmp_path / "warehouse" / "plans.duckdb")
    files.build.parent.mkdir(parents=True)
    registry = documents_frame(scan_raw_dir(raw), "test").to_arrow()  # noqa: F841 - read by DuckDB below
    with duckdb.connect(str(files.build)) as con:
        con.execute("create schema raw; create table raw.documents as select * from registry")
    publish(files)
    published = scan_raw_dir(raw).documents[0].source_sha256
    before = plan.stat()
    data = plan.read_bytes()
    plan.write_bytes(data.replace(b"2020", b"2021", 1))
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plan.stat().st_size == before.st_size

    def sha256_seen(tags: dict[str, str]) -> str:
        warehouse = Warehouse(db_path=str(files.published), raw_dir=str(raw))
        result = materialize([plan_documents], resources={"warehouse": warehouse}, tags=tags)
        return result.output_for_node("plan_documents").documents[0].source_sha256

    assert sha256_seen({}) != published  # the nightly schedule's run: read again
    assert sha256_seen({TRUST_FILE_TIMES_TAG: "true"}) == published  # the sensor's run: trusted
    assert TRUST_FILE_TIMES_TAG not in (nightly_refresh.tags or {})


def test_a_new_ui_over_an_up_to_date_warehouse_starts_no_refresh(tmp_path: Path) -> None:
    raw = copy_shipped_raw(tmp_path / "raw")
    publish_inputs(raw)
    first_tick, cursor = evaluate(raw, None)
    assert isinstance(first_tick, SkipReason), first_tick
    assert set(json.loads(cursor or "{}")) == {PLAN, PROGRAMME}


def test_sensor_watches_the_actuals_folder_and_documents_csv(tmp_path: Path) -> None:
    raw = copy_shipped_raw(tmp_path / "raw")
    publish_inputs(raw)
    (raw / "actuals" / "kocaeli_2023.csv").write_text(
        "document_id;indicator_code;year;actual\n", encoding="utf-8"
    )
    filled, cursor = evaluate(raw, None)
    assert isinstance(filled, RunRequest)
    assert filled.tags["changed_files"] == "actuals/kocaeli_2023.csv"
    (raw / "documents.csv").write_text("source_file,document_id\n", encoding="utf-8")
    overridden, _ = evaluate(raw, cursor)
    assert isinstance(overridden, RunRequest)
    assert overridden.tags["changed_files"] == "actuals/kocaeli_2023.csv,documents.csv"
    # A removed document must be dropped from the warehouse too.
    publish_inputs(raw)
    (raw / PLAN).unlink()
    removed, _ = evaluate(raw, cursor)
    assert isinstance(removed, RunRequest) and removed.tags["changed_files"] == PLAN


def test_a_file_whose_refresh_failed_is_requested_again_on_the_next_tick(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / PLAN, raw)
    with DagsterInstance.ephemeral() as instance:
        requested, cursor = evaluate(raw, None, instance)
        assert isinstance(requested, RunRequest)
        run = instance.add_run(DagsterRun(job_name="refresh_warehouse", status=DagsterRunStatus.STARTED))
        waiting, cursor = evaluate(raw, cursor, instance)
        assert isinstance(waiting, SkipReason) and run.run_id in str(waiting.skip_message)
        instance.handle_run_event(
            run.run_id,
            DagsterEvent(DagsterEventType.RUN_FAILURE.value, job_name="refresh_warehouse", message="failed"),
        )
        retried, _ = evaluate(raw, cursor, instance)
        assert isinstance(retried, RunRequest)
        assert retried.tags["changed_files"] == PLAN
        # A new run key: Dagster would drop a request with the failed run's key as a duplicate.
        assert retried.run_key != requested.run_key


def test_a_ui_run_whose_process_was_killed_is_failed_by_the_next_sensor_tick(tmp_path: Path) -> None:
    """A run launched from the UI records its run worker as owner when it starts (the `warehouse`
    resource); killed, it stays "started" and would hold back every later run. The sensor's next
    tick marks it failed, and the changed file it was waiting for is requested at once."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / PLAN, raw)
    gone = Owner(Owner.current().host, 2**22 + 7, "1")  # no such process
    live = Owner.current()
    with DagsterInstance.ephemeral() as instance:
        dead, running = (
            instance.add_run(
                DagsterRun(
                    job_name="refresh_warehouse",
                    run_id=str(uuid.uuid4()),
                    status=DagsterRunStatus.STARTED,
                    tags={OWNER_TAG: str(owner)},
                )
            )
            for owner in (gone, live)
        )
        waiting, _ = evaluate(raw, None, instance)
        assert instance.get_run_by_id(dead.run_id).status == DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(running.run_id).status == DagsterRunStatus.STARTED
        assert isinstance(waiting, SkipReason) and running.run_id in str(waiting.skip_message)
        instance.report_run_failed(running, "test: the live run ends")
        requested, _ = evaluate(raw, None, instance)
        assert isinstance(requested, RunRequest) and requested.tags["changed_files"] == PLAN


def test_the_instance_fails_stuck_runs_and_frees_the_slots_of_ended_ones(tmp_path: Path) -> None:
    """The project's dagster.yaml, as `make` copies it to DAGSTER_HOME."""
    shutil.copy(RAW.parent / "dagster.yaml", tmp_path / "dagster.yaml")
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_settings["free_slots_after_run_end_seconds"] == 60
        concurrency = instance.get_concurrency_config()
        assert concurrency.run_queue_config is not None
        assert concurrency.run_queue_config.max_concurrent_runs == 1


def test_the_sensor_stops_retrying_files_that_failed_three_refreshes_until_one_changes(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / PLAN, raw)
    with DagsterInstance.ephemeral() as instance:
        cursor = None
        for attempt in range(MAX_FAILED_RUNS):
            requested, cursor = evaluate(raw, cursor, instance)
            assert isinstance(requested, RunRequest), attempt
            run = instance.add_run(
                DagsterRun(job_name="refresh_warehouse", status=DagsterRunStatus.STARTED, tags=requested.tags)
            )
            instance.handle_run_event(
                run.run_id,
                DagsterEvent(
                    DagsterEventType.RUN_FAILURE.value, job_name="refresh_warehouse", message="failed"
                ),
            )
        given_up, cursor = evaluate(raw, cursor, instance)
        assert isinstance(given_up, SkipReason)
        assert f"{PLAN}) failed 3 refreshes in a row (last: run {run.run_id})" in str(given_up.skip_message)
        assert "not retried until a file in raw/ changes" in str(given_up.skip_message)
        with (raw / PLAN).open("a", encoding="utf-8") as handle:
            handle.write("\nek satır\n")
        changed, _ = evaluate(raw, cursor, instance)
        assert isinstance(changed, RunRequest)
        assert changed.tags[INPUTS_TAG] != requested.tags[INPUTS_TAG]
