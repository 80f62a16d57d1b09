"""Shared fixtures: the raw documents committed in `raw/`, read as text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from dagster import ExecuteInProcessResult

RAW_DIR = Path(__file__).resolve().parent.parent / "raw"
KOCAELI_PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"


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
    """A whole refresh of the shipped documents in a temporary folder (see `published_run`)."""

    result: ExecuteInProcessResult
    db: Path
    exports: Path


@pytest.fixture(scope="session")
def published_run(tmp_path_factory: pytest.TempPathFactory) -> PublishedRun:
    """Materialize every asset once (published warehouse, exports, reports) for the tests that read them."""
    from dagster import DagsterInstance, materialize

    from dagster_project.definitions import defs
    from dagster_project.resources import DB_ENV, RAW_DIR_ENV, build_resources, dbt_project

    root = tmp_path_factory.mktemp("published")
    shutil.copytree(RAW_DIR, root / "raw")
    db = root / "warehouse" / "plans.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.setenv(DB_ENV, str(db))
        env.setenv(RAW_DIR_ENV, str(root / "raw"))
        env.delenv("PLAN_WAREHOUSE_EXPORTS_DIR", raising=False)
        if not dbt_project.manifest_path.exists():
            dbt_project.preparer.prepare(dbt_project)
        result = materialize(
            [*defs.assets, *defs.asset_checks],  # type: ignore[list-item]
            resources=build_resources(),
            instance=DagsterInstance.ephemeral(),
            raise_on_error=False,
        )
    assert result.success, f"run failed: {[e.step_key for e in result.all_events if e.is_step_failure]}"
    return PublishedRun(result, db, root / "exports")
