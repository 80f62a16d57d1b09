"""The nightly refresh: one job for everything, a schedule at 02:30 Istanbul time, and a sensor
that starts it when a document in `raw/` is added or changed (by content hash).

The nightly run (and `make run`) reads and hashes every file: an edit that keeps the size and puts
the modification time back is found there. Only the runs the every-minute sensor starts carry
`TRUST_FILE_TIMES_TAG` and take unchanged files (size, modification time) from the published
registry without reading them.
"""

import hashlib
import json

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    sensor,
)

from dagster_project.documents import TRUST_FILE_TIMES_TAG, candidate_files
from dagster_project.resources import Warehouse

# One process runs the whole refresh, so only one DuckDB writer exists at a time.
refresh_warehouse = define_asset_job(
    "refresh_warehouse",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Re-read every document in raw/, reload the raw schema, rebuild and test all dbt models.",
    tags={"dagster/max_concurrent_runs_key": "refresh_warehouse"},
)

nightly_refresh = ScheduleDefinition(
    name="nightly_refresh",
    job=refresh_warehouse,
    cron_schedule="30 2 * * *",
    execution_timezone="Europe/Istanbul",
    default_status=DefaultScheduleStatus.RUNNING,
)


def raw_file_states(
    warehouse: Warehouse, previous: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    """sha256, size and modification time of every candidate document in `raw/` (names relative to it).

    The sensor runs every minute over thousands of files: a file whose size and modification time
    match its previous state keeps its hash without being read again (as `scan_raw_dir` does).
    """
    states: dict[str, dict[str, object]] = {}
    for path in candidate_files(warehouse.raw):
        stat = path.stat()
        state: dict[str, object] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        known = previous.get(path.name)
        if known and all(known.get(key) == value for key, value in state.items()):
            state["sha256"] = known["sha256"]
        else:
            state["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        states[path.name] = state
    return states


@sensor(job=refresh_warehouse, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def raw_documents_sensor(context: SensorEvaluationContext, warehouse: Warehouse) -> RunRequest | SkipReason:
    """Request a refresh when a document was added or its content changed since the last request.

    The cursor keeps every file's state, also after a skip (a touched file is not hashed again the
    next minute); a cursor in another shape is read as empty, which requests one refresh.
    """
    previous: dict[str, dict[str, object]] = json.loads(context.cursor) if context.cursor else {}
    if not all(isinstance(state, dict) for state in previous.values()):
        previous = {}
    current = raw_file_states(warehouse, previous)
    digests = {name: state["sha256"] for name, state in current.items()}
    changed = sorted(
        name for name, digest in digests.items() if previous.get(name, {}).get("sha256") != digest
    )
    if current != previous:
        context.update_cursor(json.dumps(current, sort_keys=True))
    if not changed:
        return SkipReason("no new or changed document in raw/")
    state = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()
    return RunRequest(
        run_key=state, tags={"changed_files": ",".join(changed)[:200], TRUST_FILE_TIMES_TAG: "true"}
    )
