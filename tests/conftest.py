"""Shared fixtures: the raw documents committed in `raw/`, read as text."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest
from dagster import AssetCheckSeverity, ExecuteInProcessResult

RAW_DIR = Path(__file__).resolve().parent.parent / "raw"
KOCAELI_PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"
KAYSERI_PROGRAMME = "kayseri_bb_performans_programi_2024.txt"
COPY = "kocaeli_bb_stratejik_plan_2020_2024 - Kopya.txt"
# The text documents shipped in raw/ (and the empty `actuals/` with its README): what every refresh
# of the tests copies, never the whole folder (a document a user adds to raw/ must not change what
# `make test` asserts). raw/ also ships Gebze's two PDFs (`SHIPPED_REPORTS` in
# test_financial_status_report_e2e.py); extracting them would add to every refresh, so only the
# refreshes that read them add them: tests/test_financial_status_report_e2e.py and
# tests/test_cookbook.py (the cookbook page is generated from all of raw/).
SHIPPED_RAW = (
    KAYSERI_PROGRAMME,
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


def refresh_into(root: Path, prepare: Callable[[Path], None] | None = None) -> PublishedRun:
    """Materialize every asset over a copy of the shipped documents in `root/raw`, publishing
    `root/warehouse/plans.duckdb` (exports in `root/exports`)."""
    raw = root / "raw"
    copy_shipped_raw(raw)
    if prepare is not None:
        prepare(raw)
    db = root / "warehouse" / "plans.duckdb"
    return PublishedRun(materialize_refresh(raw, db), raw, db, root / "exports")


@pytest.fixture(scope="session")
def run_refresh(tmp_path_factory: pytest.TempPathFactory) -> RunRefresh:
    """Materialize every asset over a copy of `raw/` in a new temporary folder.

    `prepare(raw)` may change the copied documents first (add monitoring files, bad inputs…).
    """

    def run(name: str, prepare: Callable[[Path], None] | None = None) -> PublishedRun:
        return refresh_into(tmp_path_factory.mktemp(name), prepare)

    return run


def shared_refresh(
    tmp_path_factory: pytest.TempPathFactory, name: str, prepare: Callable[[Path], None] | None = None
) -> PublishedRun:
    """`refresh_into` a folder `name`, once per test run even on several pytest-xdist workers.

    On a worker, the first one that asks builds it in the run's common temporary folder and records
    the run's events (Dagster's own serialization); the others wait for it and read them back. The
    result read back answers what a test asks of a run's events (success, materializations, check
    evaluations, the run id), not the values of outputs.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return refresh_into(tmp_path_factory.mktemp(name), prepare)
    from dagster import deserialize_value, serialize_value
    from filelock import FileLock

    from dagster_project.definitions import defs

    shared = tmp_path_factory.getbasetemp().parent / name
    record = shared / "result.json"
    with FileLock(f"{shared}.lock"):
        if not record.exists():
            run = refresh_into(shared, prepare)
            events = serialize_value(list(run.result.all_events))
            record.write_text(
                json.dumps({"run": serialize_value(run.result.dagster_run), "events": events}),
                encoding="utf-8",
            )
            return run
    stored = json.loads(record.read_text(encoding="utf-8"))
    result = ExecuteInProcessResult(
        deserialize_value(stored["events"]),
        deserialize_value(stored["run"]),
        None,
        defs.resolve_implicit_global_asset_job_def(),
    )
    return PublishedRun(result, shared / "raw", shared / "warehouse" / "plans.duckdb", shared / "exports")


@pytest.fixture(scope="session")
def published_run(tmp_path_factory: pytest.TempPathFactory) -> PublishedRun:
    """One refresh of the shipped documents (empty `raw/actuals/`), shared by every test that reads it
    (and by every pytest-xdist worker: `make test` runs two)."""
    run = shared_refresh(tmp_path_factory, "published")
    assert run.result.success, f"run failed: {run.failed_steps}"
    return run


@pytest.fixture(scope="session")
def monitoring_and_reports_run(tmp_path_factory: pytest.TempPathFactory) -> PublishedRun:
    """One refresh for tests/test_achievement_e2e.py and tests/test_financial_status_report_e2e.py:
    the shipped documents with monitoring files and a plan in the official card layout
    (`add_actuals`), beside Gebze's two financial status reports and a generated programme and
    report pair (`add_reports`). Each document stands alone: each module reads its own."""
    from test_achievement_e2e import add_actuals
    from test_financial_status_report_e2e import add_reports

    def prepare(raw: Path) -> None:
        add_actuals(raw)
        add_reports(raw)

    return shared_refresh(tmp_path_factory, "monitoring_and_reports", prepare)


def dbt_nodes_run(db: Path) -> set[str]:
    """The dbt nodes (models, seeds, tests) the last `dbt build` of warehouse `db` ran, from its
    run_results.json (kept beside the build file; the run's target folder is gone)."""
    from dagster_project.dbt_state import last_run_results
    from dagster_project.publishing import WarehouseFiles

    results = json.loads(last_run_results(WarehouseFiles(db).build).read_text(encoding="utf-8"))["results"]
    return {r["unique_id"] for r in results}


@dataclass(frozen=True)
class DbtNodes:
    """The project's nodes an incremental build (or a build again) keeps, its data tests, and its
    unit tests (no refresh runs them: `make test` does)."""

    views: set[str]
    kept: set[str]
    data_tests: set[str]
    unit_tests: set[str]

    @classmethod
    def of_project(cls) -> DbtNodes:
        from dagster_project.resources import dbt_project

        manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
        nodes = manifest["nodes"]
        views = {uid for uid, node in nodes.items() if node["config"].get("materialized") == "view"}
        kept = views | {uid for uid, node in nodes.items() if node["resource_type"] == "seed"}
        assert len(views) > 40 and any(nodes[test].get("attached_node") in views for test in nodes)
        data_tests = {uid for uid, node in nodes.items() if node["resource_type"] == "test"}
        return cls(views, kept, data_tests, set(manifest["unit_tests"]))


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
_E2E_FIXTURES = {"run_refresh", "published_run", "monitoring_and_reports_run", "bad_night"}
# `make test` runs two pytest-xdist workers with `--dist loadscope --no-loadscope-reorder`: a
# module's tests stay on one worker (a module's refresh is built once) and modules are handed out
# in collection order. The modules that run the longest (refreshes of their own) are collected
# first, the other end-to-end modules next, and the quick ones last, where they even out the two
# workers' ends. (A module slower than a minute belongs in this list.) A shared refresh is built by
# the first worker that asks for it while the other waits, so the order keeps them apart: the first
# module builds `published_run` (which most others read, `test_crashed_refresh` too), the second the
# bad night of `test_quarantine` (the fuzz tests read it much later), and the monitoring run is
# built early by `test_achievement_e2e`, long before `test_financial_status_report_e2e` (an end-to-end
# module of the second tier) reads it. (`--dist loadgroup` could keep the modules of one shared
# refresh together, but pytest-xdist 3.8 marks its groups on `item._nodeid`, which pytest 9 no
# longer reads: every test becomes a group of its own.)
SLOWEST_MODULES = (
    "test_refresh_safety",
    "test_quarantine",
    "test_achievement_e2e",
    "test_crashed_refresh",
    "test_incremental_refresh",
    "test_pdf_pipeline_e2e",
    "test_cookbook",
    "test_ui_selections",
    "test_pages",
    "test_exports_incremental",
)
# The slowest of the quick modules (dbt's unit tests, 16 s; the parser fuzz tests, 15 s and 11 s)
# lead the quick ones: `make test-fast` hands tests out one by one (`-n 2`, no loadscope), and a
# long test handed out last would leave one worker running it alone.
SLOWEST_QUICK_MODULES = ("test_dbt_unit_tests", "test_parser_fuzz")


def _is_e2e(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return bool(_E2E_FIXTURES & set(getattr(item, "fixturenames", ()))) or hasattr(
        module, "materialize_refresh"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: its order is the one handed out
        e2e_modules = {item.path for item in items if item.get_closest_marker("e2e")}

        def rank(item: pytest.Item) -> tuple[int, int]:
            if item.path.stem in SLOWEST_MODULES:
                return (0, SLOWEST_MODULES.index(item.path.stem))
            if item.path.stem in SLOWEST_QUICK_MODULES:  # the fuzz module's one refresh is a shared one
                return (2, SLOWEST_QUICK_MODULES.index(item.path.stem))
            if item.path in e2e_modules:
                return (1, 0)
            return (2, len(SLOWEST_QUICK_MODULES))

        items.sort(key=rank)  # stable: a module's tests keep their order


def write_bad_documents(raw: Path) -> None:
    plan = (raw / KOCAELI_PLAN).read_text(encoding="utf-8").split("\n")
    programme = (raw / KAYSERI_PROGRAMME).read_text(encoding="utf-8").split("\n")

    def renamed(lines: list[str], old: str, new: str) -> list[str]:
        return [line.replace(old, new) for line in lines]

    def plan_of(city: str, city_title: str) -> list[str]:
        """The Kocaeli plan for another administration: every "Kocaeli" renamed, or its cover pages
        would name two administrations (a refusal, not a set-aside)."""
        return renamed(renamed(plan, "KOCAELİ", city), "Kocaeli", city_title)

    # Line 253 (`KU.3` of the Bir Bakışta table) twice.
    duplicated = plan_of("SAKARYA", "Sakarya")
    duplicated.insert(253, duplicated[252])
    (raw / "sakarya_bb_stratejik_plan_2020_2024.txt").write_text("\n".join(duplicated), encoding="utf-8")
    # The last page (the success bands table, 9 lines) repeated.
    repeated = plan_of("BURSA", "Bursa")
    (raw / "bursa_bb_stratejik_plan_2020_2024.txt").write_text(
        "\n".join(repeated + repeated[-9:]), encoding="utf-8"
    )
    # The cover, then performance target 1's table and its cost tables (lines 1038-1115), no 2.2.2.
    fragment = renamed(programme[:17], "KAYSERİ", "SİVAS") + programme[1037:1115]
    (raw / "sivas_bb_performans_programi_2024.txt").write_text("\n".join(fragment), encoding="utf-8")
    # 55 % of the plan: every card after the first few is lost.
    cut = plan_of("İZMİT", "İzmit")
    (raw / "izmit_bb_stratejik_plan_2020_2024.txt").write_text(
        "\n".join(cut[: len(cut) * 55 // 100]), encoding="utf-8"
    )
    # The plan with its tabs replaced by spaces (text extracted without cells).
    spaces = "\n".join(plan_of("DUZCE", "Duzce")).replace("\t", "    ")
    (raw / "duzce_bb_stratejik_plan_2020_2024.txt").write_text(spaces, encoding="utf-8")
    # The programme without the performance-target tables of targets 2 to 51 (lines 1116-3986): its
    # narrative (line 3990) still declares 51 targets and 154 activities.
    lost = renamed(programme[:1115] + programme[3986:], "KAYSERİ", "ORDU")
    (raw / "ordu_bb_performans_programi_2024.txt").write_text(
        "\n".join(renamed(lost, "Kayseri", "Ordu")), encoding="utf-8"
    )
    # The programme for Mersin, whole: `NotMersin` (below) makes its dim_document row fail a mart check.
    mersin = renamed(renamed(programme, "KAYSERİ", "MERSİN"), "Kayseri", "Mersin")
    (raw / "mersin_bb_performans_programi_2024.txt").write_text("\n".join(mersin), encoding="utf-8")
    # The plan's lines in a random (fixed) order.
    shuffled = plan_of("BOLU", "Bolu")
    random.Random(14).shuffle(shuffled)
    (raw / "bolu_bb_stratejik_plan_2020_2024.txt").write_text("\n".join(shuffled), encoding="utf-8")
    # A partial copy of the plan whose Windows copy name sorts before the original.
    (raw / COPY).write_bytes((raw / KOCAELI_PLAN).read_bytes()[:124000])


def _not_mersin() -> type:
    """dim_document's mart schema, and a check that the Mersin programme's row fails (a stand-in for
    a mart value rule one document breaks: no shipped document breaks one)."""
    from dagster_project.schemas.marts import DimDocument

    class NotMersin(DimDocument):
        @pa.dataframe_check
        def not_mersin(cls, data: pa.PolarsData) -> pl.LazyFrame:
            return data.lazyframe.select(~pl.col("document_id").str.starts_with("mersin-"))

    return NotMersin


@pytest.fixture(scope="session")
def bad_night(tmp_path_factory: pytest.TempPathFactory) -> PublishedRun:
    """One refresh of the shipped documents with the bad ones of `write_bad_documents` beside them
    (tests/test_quarantine.py, tests/test_parser_fuzz.py, on whichever workers): the night each must
    not break."""
    from dagster_project.schemas import marts

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(marts.MART_MODELS, "dim_document", _not_mersin())
        return shared_refresh(tmp_path_factory, "quarantine", write_bad_documents)
