"""Paths and resources shared by Dagster and dbt.

`PLAN_WAREHOUSE_DB` names the analysts' DuckDB file and `PLAN_WAREHOUSE_RAW_DIR` the documents'
folder (`paths`); the resources read them as Dagster `EnvVar`s when a run starts. A refresh never
writes to the analysts' file: Dagster and dbt write to the build file beside it
(`warehouse/build/plans.duckdb`, which dbt's `profiles.yml` reads from `PLAN_WAREHOUSE_BUILD_DB`),
and `publishing.publish` moves the checked build over it.

dbt runs through dagster-dbt's `DbtCliResource` as it is, with `dbt_offline` as its executable. dagster-duckdb's `DuckDBResource` is not
used: it opens every connection read-write and retries a locked file, while the published file is
read-only on disk, readers must open it read-only so as never to block a writer, and a lock held by
an analyst must be named at once (`warehouse.connect`); the pair of files (published and build)
comes from one variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster import ConfigurableResource, EnvVar, InitResourceContext
from dagster_dbt import DbtCliResource, DbtProject

from dagster_project.crashed_runs import claim_run
from dagster_project.paths import BUILD_DB_ENV, DB_ENV, DBT_DIR, RAW_DIR_ENV, exports_dir_path
from dagster_project.publishing import WarehouseFiles

# Every dbt command's global flags (the Makefile's `DBT` too). dbt's colour codes would land as `[32m`
# in Dagster's run log and in `make run` piped to a file. No dbt.log: a refresh writes it into the
# run's target folder, which the step removes (`assets/dbt.run_target`), and the other commands into
# dbt/logs, where it only grows; its debug lines (5.5 MB for an incremental build of the shipped
# documents) cost 0.6 s a build. Dagster's run log and the caller keep what dbt printed.
DBT_FLAGS = ["--no-use-colors", "--log-level-file", "none"]


def dbt_executable() -> str:
    """`plan-warehouse-dbt` (dbt with an offline `--version`, `dbt_offline`) next to this Python (the
    project's .venv), even when .venv is not activated."""
    beside = Path(sys.executable).parent / "plan-warehouse-dbt"
    return str(beside) if beside.exists() else "plan-warehouse-dbt"


class Warehouse(ConfigurableResource):
    """Where documents are read from and where the DuckDB warehouse is built and published."""

    db_path: str
    raw_dir: str

    def setup_for_execution(self, context: InitResourceContext) -> None:
        """Record the run's process as its owner, so a run killed half-way is found and cleaned up
        by the next refresh or sensor tick (`crashed_runs`), also when the run was started from the UI."""
        if context.instance is not None and context.run is not None:
            claim_run(context.instance, context.run)

    def require_dbt_writes_the_build(self) -> None:
        """Refuse to run dbt when its profile (`PLAN_WAREHOUSE_BUILD_DB`) names another file than
        this warehouse's build file: dbt would build one file and the refresh publish another."""
        build = os.environ.get(BUILD_DB_ENV)
        if build is None or Path(build).resolve() != self.build_db:
            raise RuntimeError(
                f"{BUILD_DB_ENV} is {build!r}, not the build file {self.build_db} of "
                f"{DB_ENV}={self.db_path}: start Dagster with `make ui` / `make run`, or set both "
                "variables (paths.default_environment)"
            )

    @property
    def files(self) -> WarehouseFiles:
        return WarehouseFiles(Path(self.db_path).resolve())

    @property
    def build_db(self) -> Path:
        """The file a refresh writes and checks; analysts never open it."""
        return self.files.build

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).resolve()

    @property
    def text_dir(self) -> Path:
        """PDFs' extracted text by sha256 (`warehouse/text/`): a build output kept across refreshes."""
        return self.files.published.parent / "text"

    @property
    def exports(self) -> Path:
        """Parquet, Excel and HTML built from the published file (`paths.exports_dir_path`)."""
        return exports_dir_path(self.files.published)


# The manifest is prepared by `make` (dbt parse) or by tests, never at import time.
dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


def build_resources() -> dict[str, object]:
    """The resources of every run, read from the environment when the run starts."""
    return {
        "warehouse": Warehouse(db_path=EnvVar(DB_ENV), raw_dir=EnvVar(RAW_DIR_ENV)),
        "dbt": DbtCliResource(
            project_dir=dbt_project,
            profiles_dir=str(DBT_DIR),
            dbt_executable=dbt_executable(),
            global_config_flags=DBT_FLAGS,
        ),
    }
