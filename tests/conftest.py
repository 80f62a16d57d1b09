"""Shared fixtures: the raw documents committed in `raw/`, read as text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dagster import AssetCheckSeverity, ExecuteInProcessResult

RAW_DIR = Path(__file__).resolve().parent.parent / "raw"
KOCAELI_PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"
# The documents shipped in raw/. Tests copy these, never the whole folder: a document a user adds
# to raw/ must not change what `make test` asserts.
SHIPPED_RAW = (
    "gebze_belediyesi_mali_durum_2021.pdf",
    "gebze_belediyesi_mali_durum_2022.pdf",
    "kayseri_bb_performans_programi_2024.txt",
    KOCAELI_PLAN,
    "actuals/README.md",
)


def copy_shipped_raw(destination: Path) -> Path:
    """A raw/ folder holding only the shipped documents (and the empty `actuals/` with its README)."""
    for name in SHIPPED_RAW:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(RAW_DIR / name, destination / name)
    return destination


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def read_raw() -> Callable[[str], str]:
    """Read a document of `raw/` by file name (UTF-8, as the parsers receive it)."""

    def read(file_name: str) -> str:
        return (RAW_DIR / file_name).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def kocaeli_plan_text(read_raw: Callable[[str], str]) -> str:
    """The Kocaeli 2020-2024 strategic plan (2,691 lines, tabs between cells)."""
    return read_raw(KOCAELI_PLAN)


@dataclass(frozen=True)
class PublishedRun:
    """A whole refresh (every asset and check) in a temporary folder, and where it wrote."""

    result: ExecuteInProcessResult
    raw: Path
    db: Path
    exports: Path

    @property
    def failed_checks(self) -> set[tuple[str, str, AssetCheckSeverity]]:
        """(asset, check, severity) of every check that did not pass."""
        return {
            (evaluation.asset_key.to_user_string(), evaluation.check_name, evaluation.severity)
            for evaluation in self.result.get_asset_check_evaluations()
            if not evaluation.passed
        }

    @property
    def failed_steps(self) -> list[str]:
        return [str(event.step_key) for event in self.result.all_events if event.is_step_failure]

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the published warehouse, as an analyst opens it."""
        return duckdb.connect(str(self.db), read_only=True)


RunRefresh = Callable[..., PublishedRun]


def materialize_refresh(raw: Path, db: Path, selection: list | None = None) -> ExecuteInProcessResult:
    """Run the refresh (every asset and check, as `refresh_warehouse` does) over `raw`, publishing `db`.

    `selection` limits the run to some assets (e.g. to simulate a run that stopped half-way).
    """
    from dagster import DagsterInstance, materialize

    from dagster_project.definitions import defs
    from dagster_project.paths import BUILD_DB_ENV, DB_ENV, RAW_DIR_ENV
    from dagster_project.publishing import WarehouseFiles
    from dagster_project.resources import build_resources, dbt_project

    with pytest.MonkeyPatch.context() as env:
        env.setenv(DB_ENV, str(db))
        env.setenv(BUILD_DB_ENV, str(WarehouseFiles(db).build))
        env.setenv(RAW_DIR_ENV, str(raw))
        env.delenv("PLAN_WAREHOUSE_EXPORTS_DIR", raising=False)
        if not dbt_project.manifest_path.exists():
            dbt_project.preparer.prepare(dbt_project)
        return materialize(
            selection or [*defs.assets, *defs.asset_checks],  # type: ignore[list-item]
            resources=build_resources(),
            instance=DagsterInstance.ephemeral(),
            raise_on_error=False,
        )


@pytest.fixture(scope="session")
def run_refresh(tmp_path_factory: pytest.TempPathFactory) -> RunRefresh:
    """Materialize every asset over a copy of `raw/` in a new temporary folder.

    `prepare(raw)` may change the copied documents first (add monitoring files, bad inputs…).
    """

    def run(name: str, prepare: Callable[[Path], None] | None = None) -> PublishedRun:
        root = tmp_path_factory.mktemp(name)
        raw = root / "raw"
        copy_shipped_raw(raw)
        if prepare is not None:
            prepare(raw)
        db = root / "warehouse" / "plans.duckdb"
        return PublishedRun(materialize_refresh(raw, db), raw, db, root / "exports")

    return run


@pytest.fixture(scope="session")
def published_run(run_refresh: RunRefresh) -> PublishedRun:
    """One refresh of the shipped documents (empty `raw/actuals/`), shared by every test that reads it."""
    run = run_refresh("published")
    assert run.result.success, f"run failed: {run.failed_steps}"
    return run


def mart_contents(db: Path) -> dict[str, list[tuple]]:
    """Every mart's rows in a canonical order (meta_build aside: it records the build itself)."""
    with duckdb.connect(str(db), read_only=True) as con:
        marts = [
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
            ).fetchall()
            if name != "meta_build"
        ]
        return {
            mart: sorted(con.execute(f'select * from marts."{mart}"').fetchall(), key=repr) for mart in marts
        }


# A test is end-to-end when it materializes the refresh: through the shared refresh fixtures or by
# calling `materialize_refresh` itself. `make test-fast` leaves these out; `make test` runs them all.
_E2E_FIXTURES = {"run_refresh", "published_run"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        if _E2E_FIXTURES & set(getattr(item, "fixturenames", ())) or hasattr(module, "materialize_refresh"):
            item.add_marker(pytest.mark.e2e)
