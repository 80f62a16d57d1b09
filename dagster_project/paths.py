"""Where the warehouse and the documents are, from the environment: no Dagster import here, so
`make run` can take the refresh lock (and refuse a second refresh) before loading Dagster.

`PLAN_WAREHOUSE_DB` names the analysts' DuckDB file (default `warehouse/plans.duckdb`);
`PLAN_WAREHOUSE_BUILD_DB` the build file dbt writes (set from it, `publishing.WarehouseFiles`);
`PLAN_WAREHOUSE_RAW_DIR` the folder of source documents (default `raw/`);
`PLAN_WAREHOUSE_EXPORTS_DIR` the exports' folder (default `exports/` beside the warehouse folder).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DB_ENV = "PLAN_WAREHOUSE_DB"
BUILD_DB_ENV = "PLAN_WAREHOUSE_BUILD_DB"
RAW_DIR_ENV = "PLAN_WAREHOUSE_RAW_DIR"
EXPORTS_DIR_ENV = "PLAN_WAREHOUSE_EXPORTS_DIR"


def warehouse_db_path() -> Path:
    """The DuckDB file, absolute, from `PLAN_WAREHOUSE_DB` or the project default."""
    return Path(os.environ.get(DB_ENV) or PROJECT_ROOT / "warehouse" / "plans.duckdb").resolve()


def raw_dir_path() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV) or PROJECT_ROOT / "raw").resolve()
