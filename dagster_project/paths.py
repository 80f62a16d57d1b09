"""Where the warehouse and the documents are, from the environment: no Dagster import here, so
`make run` can take the refresh lock (and refuse a second refresh) before loading Dagster.

`PLAN_WAREHOUSE_DB` names the analysts' DuckDB file (default `warehouse/plans.duckdb`);
`PLAN_WAREHOUSE_BUILD_DB` the build file dbt writes (set from it, `publishing.WarehouseFiles`);
`PLAN_WAREHOUSE_RAW_DIR` the folder of source documents (default `raw/`);
`PLAN_WAREHOUSE_EXPORTS_DIR` the exports' folder (default `exports/` beside the warehouse folder).

Dagster's resources read them as `EnvVar`s when a run starts, and dbt's `profiles.yml` reads the
build file's: the process that starts Dagster provides them (the Makefile, `cli refresh` with
`default_environment`, a test), nothing rewrites them at import.
"""

from __future__ import annotations

import os
from pathlib import Path

from dagster_project.publishing import WarehouseFiles

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DB_ENV = "PLAN_WAREHOUSE_DB"
BUILD_DB_ENV = "PLAN_WAREHOUSE_BUILD_DB"
RAW_DIR_ENV = "PLAN_WAREHOUSE_RAW_DIR"
EXPORTS_DIR_ENV = "PLAN_WAREHOUSE_EXPORTS_DIR"
DBT_DIR = PROJECT_ROOT / "dbt"


def dbt_run_target(run_id: str) -> Path:
    """dbt's target folder of one run's `dbt build` (`assets/dbt.run_target`): removed when the step
    ends, or by the next refresh when the run's process was killed (`crashed_runs`)."""
    return DBT_DIR / "target" / f"dbt_models-{run_id}"


def warehouse_db_path() -> Path:
    """The DuckDB file, absolute, from `PLAN_WAREHOUSE_DB` or the project default."""
    return Path(os.environ.get(DB_ENV) or PROJECT_ROOT / "warehouse" / "plans.duckdb").resolve()


def raw_dir_path() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV) or PROJECT_ROOT / "raw").resolve()


def exports_dir_path(db_path: Path) -> Path:
    """The exports' folder: `PLAN_WAREHOUSE_EXPORTS_DIR`, or `exports/` beside the warehouse folder."""
    return Path(os.environ.get(EXPORTS_DIR_ENV) or db_path.parent.parent / "exports").resolve()


def default_environment() -> dict[str, str]:
    """The variables Dagster and dbt read, as absolute paths (dbt runs in `dbt/`): the ones set, or
    their defaults. The build file always follows the published one (`WarehouseFiles.build`)."""
    db = warehouse_db_path()
    return {DB_ENV: str(db), BUILD_DB_ENV: str(WarehouseFiles(db).build), RAW_DIR_ENV: str(raw_dir_path())}
