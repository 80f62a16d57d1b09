"""Paths and resources shared by Dagster and dbt.

One environment variable, `PLAN_WAREHOUSE_DB`, names the analysts' DuckDB file (default
`warehouse/plans.duckdb` in the project). A refresh never writes to it: Dagster and dbt write to the
build file beside it (`warehouse/build/plans.duckdb`, handed to dbt's `profiles.yml` as
`PLAN_WAREHOUSE_BUILD_DB`), and `publishing.publish` moves the checked build over it. The other
variables (raw and exports folders) are read in `paths`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from dagster_dbt import DbtCliResource, DbtProject
from packaging.version import Version

from dagster_project.crashed_runs import claim_run
from dagster_project.paths import (
    BUILD_DB_ENV,
    DB_ENV,
    EXPORTS_DIR_ENV,
    PROJECT_ROOT,
    raw_dir_path,
    warehouse_db_path,
)
from dagster_project.publishing import WarehouseFiles

DBT_DIR = PROJECT_ROOT / "dbt"


def dbt_executable() -> str:
    """The `dbt` installed next to this Python (the project's .venv), even when .venv is not activated."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def export_environment() -> None:
    """Give the dbt subprocess the build file Dagster writes to, and keep dbt's telemetry off."""
    os.environ[DB_ENV] = str(warehouse_db_path())
    os.environ[BUILD_DB_ENV] = str(WarehouseFiles(warehouse_db_path()).build)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    # dbt's colour codes would land as `[32m` in Dagster's run log and in `make run` piped to a file.
    os.environ.setdefault("DBT_USE_COLORS", "false")


class Warehouse(ConfigurableResource):
    """Where documents are read from and where the DuckDB warehouse is built and published."""

    db_path: str
    raw_dir: str
    exports_dir: str | None = None

    def setup_for_execution(self, context: InitResourceContext) -> None:
        """Record the run's process as its owner, so a run killed half-way is found and cleaned up
        by the next refresh (`crashed_runs`), also when the run was started from the UI."""
        if context.instance is not None and context.run is not None:
            claim_run(context.instance, context.run)

    @property
    def files(self) -> WarehouseFiles:
        return WarehouseFiles(Path(self.db_path))

    @property
    def build_db(self) -> Path:
        """The file a refresh writes and checks; analysts never open it."""
        return self.files.build

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def text_dir(self) -> Path:
        """PDFs' extracted text by sha256 (`warehouse/text/`): a build output kept across refreshes."""
        return self.files.published.parent / "text"

    @property
    def exports(self) -> Path:
        """Parquet, Excel and HTML built from the published file: `exports/` next to `warehouse/`."""
        return Path(self.exports_dir) if self.exports_dir else self.files.published.parent.parent / "exports"


class DbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two start-up costs it pays on every refresh (about 4 s
    before dbt starts): it asks the dbt executable for its version in a subprocess (here: the dbt-core
    installed beside this Python, `dbt_executable`), and it opens dbt's adapter in this process, which
    serves only the row-count and column metadata this project does not fetch. Both are private
    dagster-dbt methods: should they be renamed, the refresh only becomes slower again.
    """

    @cached_property
    def _cli_version(self) -> Version:
        return Version(version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None


# The manifest is prepared by `make` (dbt parse) or by tests, never at import time.
dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


def build_resources() -> dict[str, object]:
    export_environment()
    return {
        "warehouse": Warehouse(
            db_path=str(warehouse_db_path()),
            raw_dir=str(raw_dir_path()),
            exports_dir=os.environ.get(EXPORTS_DIR_ENV) or None,
        ),
        "dbt": DbtCli(project_dir=dbt_project, profiles_dir=str(DBT_DIR), dbt_executable=dbt_executable()),
    }
