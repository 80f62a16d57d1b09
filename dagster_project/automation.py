"""The nightly refresh: one job for everything, a schedule at 02:30 Istanbul time, and a sensor
that starts it when a document in `raw/` is added or changed (by content hash)."""

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

from dagster_project.documents import candidate_files
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


def raw_file_hashes(warehouse: Warehouse) -> dict[str, str]:
    """sha256 of every candidate document in `raw/` (names are relative to `raw/`)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in candidate_files(warehouse.raw)
    }


@sensor(job=refresh_warehouse, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def raw_documents_sensor(context: SensorEvaluationContext, warehouse: Warehouse) -> RunRequest | SkipReason:
    """Request a refresh when a document was added or its content changed since the last request."""
    current = raw_file_hashes(warehouse)
    previous: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(name for name, digest in current.items() if previous.get(name) != digest)
    if not changed:
        return SkipReason("no new or changed document in raw/")
    context.update_cursor(json.dumps(current, sort_keys=True))
    state = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()
    return RunRequest(run_key=state, tags={"changed_files": ",".join(changed)[:200]})
