"""The nightly refresh: one job for everything, a schedule at 02:30 Istanbul time, and a sensor
that starts it when `raw/` (documents, `documents.csv`, `actuals/`) differs from what the published
warehouse was built from (by content hash); a job that rebuilds the dbt models alone.

The nightly run (and `make run`) reads and hashes every file: an edit that keeps the size and puts
the modification time back is found there. Only the runs the every-minute sensor starts carry
`TRUST_FILE_TIMES_TAG` and take unchanged files (size, modification time) from the published
registry without reading them.

A run launched from the UI (or by the daemon) whose process was killed is found by the sensor's
next tick, as `make run` finds it (`crashed_runs`): Dagster's own run monitoring (dagster.yaml)
cannot tell, its default run launcher does not check a run worker's health.
"""

import hashlib
import json

from dagster import (
    AssetSelection,
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    sensor,
)

from dagster_project.assets.dbt import dbt_models
from dagster_project.crashed_runs import recover_crashed_runs
from dagster_project.document_scan import TRUST_FILE_TIMES_TAG
from dagster_project.input_files import changed_inputs, current_states, published_inputs
from dagster_project.resources import Warehouse

# One process runs the whole refresh, so only one DuckDB writer exists at a time.
refresh_warehouse = define_asset_job(
    "refresh_warehouse",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Re-read every document in raw/, reload the raw schema, rebuild and test all dbt models.",
    tags={"dagster/max_concurrent_runs_key": "refresh_warehouse"},
)

# For a changed dbt model: rebuild the marts from the published raw tables, check, publish, export.
rebuild_marts = define_asset_job(
    "rebuild_marts",
    selection=AssetSelection.assets(dbt_models).downstream(),
    executor_def=in_process_executor,
    description=(
        "Rebuild every dbt model from the raw tables of the published warehouse (no document is read "
        "again), run every check, publish, and rewrite the exports."
    ),
    tags={"dagster/max_concurrent_runs_key": "refresh_warehouse"},
)

nightly_refresh = ScheduleDefinition(
    name="nightly_refresh",
    job=refresh_warehouse,
    cron_schedule="30 2 * * *",
    execution_timezone="Europe/Istanbul",
    default_status=DefaultScheduleStatus.RUNNING,
)


# The sensor's runs carry the fingerprint of the inputs they were asked for (every watched file's
# sha256). After this many failed runs for one fingerprint the sensor stops asking until a file
# changes: a document that breaks the refresh every time would otherwise start one a minute.
INPUTS_TAG = "plan_warehouse/inputs"
MAX_FAILED_RUNS = 3


def inputs_fingerprint(digests: dict[str, object]) -> str:
    """A short hash of the watched files (name → sha256)."""
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:32]


@sensor(job=refresh_warehouse, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def raw_documents_sensor(context: SensorEvaluationContext, warehouse: Warehouse) -> RunRequest | SkipReason:
    """Request a refresh when `raw/` differs from what the published warehouse was built from.

    Watched: the documents, `raw/documents.csv` and `raw/actuals/`. The published warehouse records
    the files it was built from (`input_files`), so a new UI over an up-to-date warehouse starts
    nothing, and a file whose refresh failed is still different: the next tick asks again (the run
    key names the last finished refresh, so a failed one does not hide the retry), up to
    `MAX_FAILED_RUNS` failed runs for the same files; then it waits, saying so, until a file changes
    (the nightly schedule still runs). Nothing is requested while a refresh is queued or running.
    The cursor keeps every file's size, time and hash, so an untouched file is not read again the
    next minute. First, a run whose process is gone is marked failed and its slots freed
    (`crashed_runs`): it would hold back every later run.
    """
    for line in recover_crashed_runs(context.instance, refresh_warehouse.name).recovered:
        context.log.warning(line)
    previous: dict[str, dict[str, object]] = json.loads(context.cursor) if context.cursor else {}
    if not all(isinstance(state, dict) and "sha256" in state for state in previous.values()):
        previous = {}
    current = current_states(warehouse.raw, previous)
    if current != previous:
        context.update_cursor(json.dumps(current, sort_keys=True))
    changed = changed_inputs(current, published_inputs(warehouse.files.published))
    if not changed:
        return SkipReason("raw/ holds the files the published warehouse was built from")
    runs = context.instance.get_run_records(RunsFilter(job_name=refresh_warehouse.name), limit=1)
    last = runs[0].dagster_run if runs else None
    if last is not None and not last.is_finished:
        return SkipReason(f"{len(changed)} changed file(s) wait for refresh {last.run_id} to finish")
    digests = {name: state["sha256"] for name, state in current.items()}
    fingerprint = inputs_fingerprint(digests)
    failed = context.instance.get_run_records(
        RunsFilter(
            job_name=refresh_warehouse.name,
            tags={INPUTS_TAG: fingerprint},
            statuses=[DagsterRunStatus.FAILURE],
        ),
        limit=MAX_FAILED_RUNS,
    )
    if len(failed) >= MAX_FAILED_RUNS:
        return SkipReason(
            f"{len(changed)} changed file(s) ({', '.join(changed)[:200]}) failed {len(failed)} refreshes "
            f"in a row (last: run {failed[0].dagster_run.run_id}): not retried until a file in raw/ "
            "changes; read that run's log, fix or remove the file, or launch refresh_warehouse by hand"
        )
    key = {"files": digests, "after_run": last.run_id if last else None}
    return RunRequest(
        run_key=hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest(),
        tags={
            "changed_files": ",".join(changed)[:200],
            TRUST_FILE_TIMES_TAG: "true",
            INPUTS_TAG: fingerprint,
        },
    )
