"""Incremental exports: only documents whose mart rows changed are rewritten, removed documents'
files go, a failed night is caught up, and the result equals a full export byte for byte."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import PublishedRun, materialize_refresh
from dagster import ExecuteInProcessResult
from openpyxl import load_workbook

from dagster_project.exports.catalog import column_label, discover_marts
from dagster_project.exports.document_files import export_documents
from dagster_project.exports.excel import write_document_workbook
from dagster_project.exports.fingerprint import BUILD_RUN_COLUMNS, fingerprints
from dagster_project.exports.folder import MANIFEST, Update
from dagster_project.exports.parquet import export_parquet
from dagster_project.exports.report import write_document_report

SP, PP = "kocaeli-bb-sp-2020-2024", "kayseri-bb-pp-2024"
PLAN_FILE = "kocaeli_bb_stratejik_plan_2020_2024.txt"
FOLDERS = ("parquet", "xlsx", "report")
EVERY_FOLDER = (*FOLDERS, "templates")
OLD_NAME, NEW_NAME = "Yapılan yayalaştırma projesi sayısı", "Yapılan yaya bölgesi projesi sayısı"


@dataclass(frozen=True)
class Exported:
    parquet: Update
    workbooks: Update
    reports: Update


def export(db: Path, exports: Path, workbook_writer=write_document_workbook) -> Exported:
    """What `warehouse_exports` and `document_reports` do, on any published file."""
    with duckdb.connect(str(db), read_only=True) as con:
        marts = discover_marts(con)
        prints = fingerprints(con, marts)
        files = export_parquet(con, marts, prints, exports / "parquet")
    parquet = exports / "parquet"
    workbooks = export_documents(workbook_writer, ".xlsx", marts, prints, parquet, exports / "xlsx")
    reports = export_documents(write_document_report, ".html", marts, prints, parquet, exports / "report")
    return Exported(files, workbooks, reports)


def file_states(exports: Path, folders: tuple[str, ...] = FOLDERS) -> dict[str, tuple[int, int]]:
    """Every exported file (manifests aside) → (inode, mtime in ns): a rewritten file changes both."""
    return {
        str(path.relative_to(exports)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for folder in folders
        for path in (exports / folder).rglob("*")
        if path.is_file() and path.name != MANIFEST
    }


def of_document(states: dict[str, tuple[int, int]], document_id: str) -> dict[str, tuple[int, int]]:
    return {name: state for name, state in states.items() if document_id in name}


@pytest.fixture()
def site(published_run: PublishedRun, tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the published warehouse and its exports (file times kept)."""
    db = tmp_path / "plans.duckdb"
    shutil.copyfile(published_run.db, db)
    shutil.copytree(published_run.exports, tmp_path / "exports")
    return db, tmp_path / "exports"


def test_nothing_changed_nothing_is_rewritten(site: tuple[Path, Path]) -> None:
    db, exports = site
    before = file_states(exports)
    exported = export(db, exports)
    assert (exported.parquet.written, exported.workbooks.written, exported.reports.written) == ([], [], [])
    assert (exported.workbooks.unchanged, exported.reports.unchanged) == (2, 2)
    assert file_states(exports) == before


def test_changed_rows_rewrite_only_that_documents_files(site: tuple[Path, Path]) -> None:
    """A mart change without a new source file (actuals, seeds, dbt code) re-exports the document."""
    db, exports = site
    before = file_states(exports)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "update marts.dim_target set cost_estimate_try = cost_estimate_try + 1 "
            "where document_id = ? and target_code = 'KE.1.1'",
            [SP],
        )
    exported = export(db, exports)
    assert exported.parquet.written == [f"dim_target/document_id={SP}/data_0.parquet"]
    assert exported.workbooks.written == [f"{SP}.xlsx"]
    assert exported.reports.written == [f"{SP}.html"]
    after = file_states(exports)
    assert of_document(after, PP) == of_document(before, PP)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {
        f"parquet/dim_target/document_id={SP}/data_0.parquet",
        f"xlsx/{SP}.xlsx",
        f"report/{SP}.html",
    }
    sheet = load_workbook(exports / "xlsx" / f"{SP}.xlsx", read_only=True)["hedefler"]
    rows = list(sheet.iter_rows(values_only=True))
    code, cost = rows[0].index("hedef kodu"), rows[0].index("maliyet tahmini (TL)")
    assert {row[code]: row[cost] for row in rows[1:]}["KE.1.1"] == 2_621_710_001
    parquet = exports / "parquet" / "dim_target" / f"document_id={SP}" / "data_0.parquet"
    assert duckdb.sql(
        f"select cost_estimate_try from '{parquet}' where target_code = 'KE.1.1'"
    ).fetchall() == [(2_621_710_001,)]


def test_a_removed_document_loses_its_files(site: tuple[Path, Path]) -> None:
    db, exports = site
    with duckdb.connect(str(db)) as con:
        for mart in discover_marts(con):
            if mart.per_document:
                con.execute(f'delete from marts."{mart.name}" where document_id = ?', [PP])
    before = file_states(exports)
    assert len(of_document(before, PP)) == 20  # 18 Parquet partitions, a workbook, a report
    exported = export(db, exports)
    assert exported.workbooks.removed == [f"{PP}.xlsx"] and exported.reports.removed == [f"{PP}.html"]
    assert len(exported.parquet.removed) == 18
    assert exported.workbooks.written == exported.reports.written == []
    # Marts only the programme has rows in keep their columns in an empty file.
    assert sorted(exported.parquet.written) == [
        "agg_budget_by_economic_code/empty.parquet",
        "dim_performance_target/empty.parquet",
    ]
    after = file_states(exports)
    assert of_document(after, PP) == {}
    untouched = {name: state for name, state in before.items() if PP not in name}
    assert {name: after[name] for name in untouched} == untouched
    assert sorted(set(after) - set(untouched)) == sorted(
        f"parquet/{name}" for name in exported.parquet.written
    )
    assert not list((exports / "parquet").glob(f"*/document_id={PP}"))
    assert PP not in (exports / "xlsx" / MANIFEST).read_text(encoding="utf-8")


def test_a_failed_night_is_caught_up_the_next_night(site: tuple[Path, Path]) -> None:
    db, exports = site
    with duckdb.connect(str(db)) as con:
        con.execute("update marts.dim_document set administration = administration || ' (güncel)'")
    leftover = exports / "xlsx" / f".{SP}.xlsx.tmp-999"
    leftover.write_bytes(b"half a workbook")

    def fails_on_kocaeli(con: duckdb.DuckDBPyConnection, document_id: str, path: Path) -> list[str]:
        if document_id == SP:
            raise OSError("disk full")
        return write_document_workbook(con, document_id, path)

    with pytest.raises(OSError, match="disk full"):
        export(db, exports, fails_on_kocaeli)
    # Kayseri's workbook was written and recorded; Kocaeli's old one stays whole, nothing half-written.
    assert not leftover.exists() and not list((exports / "xlsx").glob(".*.tmp-*"))
    assert load_workbook(exports / "xlsx" / f"{SP}.xlsx", read_only=True)["belge"]["A2"].value == (
        "Kocaeli Büyükşehir Belediyesi"
    )
    exported = export(db, exports)
    assert exported.workbooks.written == [f"{SP}.xlsx"]
    assert exported.reports.written == [f"{PP}.html", f"{SP}.html"]  # the failed night never got to them
    assert load_workbook(exports / "xlsx" / f"{SP}.xlsx", read_only=True)["belge"]["A2"].value == (
        "Kocaeli Büyükşehir Belediyesi (güncel)"
    )


def test_reports_refuse_a_parquet_export_behind_the_warehouse(site: tuple[Path, Path]) -> None:
    db, exports = site
    with duckdb.connect(str(db)) as con:
        con.execute("update marts.dim_goal set goal_text = upper(goal_text) where document_id = ?", [SP])
        marts = discover_marts(con)
        prints = fingerprints(con, marts)
    with pytest.raises(
        RuntimeError, match=r"Parquet export is behind .* \(1 files, e.g. dim_goal/document_id="
    ):
        export_documents(
            write_document_report, ".html", marts, prints, exports / "parquet", exports / "report"
        )


@dataclass(frozen=True)
class Night:
    root: Path
    before: dict[str, tuple[int, int]]
    result: ExecuteInProcessResult

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def db(self) -> Path:
        return self.root / "warehouse" / "plans.duckdb"

    def metadata(self, asset: str) -> dict[str, object]:
        [materialization] = self.result.asset_materializations_for_node(asset)
        return {key: value.value for key, value in materialization.metadata.items()}


@pytest.fixture(scope="module")
def changed_night(published_run: PublishedRun, tmp_path_factory: pytest.TempPathFactory) -> Night:
    """The published site refreshed again after one indicator of the Kocaeli plan was renamed."""
    root = tmp_path_factory.mktemp("changed_night")
    shutil.copytree(published_run.raw, root / "raw")
    shutil.copytree(published_run.db.parent, root / "warehouse")
    shutil.copytree(published_run.exports, root / "exports")
    plan = root / "raw" / PLAN_FILE
    text = plan.read_text(encoding="utf-8")
    assert text.count(OLD_NAME) == 1
    plan.write_text(text.replace(OLD_NAME, NEW_NAME), encoding="utf-8")
    before = file_states(root / "exports", EVERY_FOLDER)
    night = Night(root, before, materialize_refresh(root / "raw", root / "warehouse" / "plans.duckdb"))
    assert night.result.success, [str(e.step_key) for e in night.result.all_events if e.is_step_failure]
    return night


def document_rows(db: Path, document_id: str) -> dict[str, list[tuple]]:
    """A document's rows of every per-document mart, sorted, without the build-run columns."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            mart.name: sorted(
                con.execute(
                    f"select {', '.join(c for c in mart.column_names if c not in BUILD_RUN_COLUMNS)} "
                    f'from marts."{mart.name}" where document_id = ?',
                    [document_id],
                ).fetchall(),
                key=repr,
            )
            for mart in discover_marts(con)
            if mart.per_document
        }


def test_a_changed_document_rewrites_its_files_and_no_other(
    changed_night: Night, published_run: PublishedRun
) -> None:
    exports = changed_night.metadata("warehouse_exports")
    assert (exports["workbooks_written"], exports["workbooks_unchanged"], exports["workbooks_removed"]) == (
        1,
        1,
        0,
    )
    reports = changed_night.metadata("document_reports")
    assert (reports["reports_written"], reports["reports_unchanged"]) == (1, 1)
    # Exactly the Kocaeli partitions whose rows changed: the renamed indicator, its table cell, the
    # new sha256 in dim_document and meta_build.
    old, new = document_rows(published_run.db, SP), document_rows(changed_night.db, SP)
    changed_marts = sorted(mart for mart in new if new[mart] != old[mart])
    assert {"dim_document", "dim_indicator", "document_table_cell", "meta_build"} <= set(changed_marts)
    after = file_states(changed_night.exports, EVERY_FOLDER)
    rewritten = sorted(name for name in after if after[name] != changed_night.before.get(name))
    assert rewritten == sorted(
        [f"parquet/{mart}/document_id={SP}/data_0.parquet" for mart in changed_marts]
        + [f"report/{SP}.html", f"templates/{SP}.xlsx", f"xlsx/{SP}.xlsx"]
    )
    templates = changed_night.metadata("indicator_templates")
    assert (templates["templates_written"], templates["templates_unchanged"]) == (1, 1)
    assert exports["parquet_files_written"] == len(changed_marts)
    assert of_document(after, PP) == of_document(changed_night.before, PP)
    sheet = load_workbook(changed_night.exports / "xlsx" / f"{SP}.xlsx", read_only=True)["göstergeler"]
    names = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert NEW_NAME in names and OLD_NAME not in names


def workbook_content(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cells, except the build-run columns of `derleme` (when, which dbt run, how)."""
    workbook = load_workbook(path, read_only=True)
    content = {}
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        build_run = {column_label(column) for column in BUILD_RUN_COLUMNS}
        keep = [i for i, header in enumerate(rows[0]) if header not in build_run]
        content[sheet.title] = [tuple(row[i] for i in keep) for row in rows]
    return content


def test_the_incremental_export_equals_a_full_one(changed_night: Night, tmp_path: Path) -> None:
    full = export(changed_night.db, tmp_path / "exports")
    assert len(full.workbooks.written) == len(full.reports.written) == 2
    incremental, fresh = changed_night.exports, tmp_path / "exports"
    # The rewritten document's files are byte-identical to a full export's.
    assert (incremental / "xlsx" / f"{SP}.xlsx").read_bytes() == (fresh / "xlsx" / f"{SP}.xlsx").read_bytes()
    assert (incremental / "report" / f"{SP}.html").read_bytes() == (
        fresh / "report" / f"{SP}.html"
    ).read_bytes()
    # The untouched one differs only in when it was built.
    assert workbook_content(incremental / "xlsx" / f"{PP}.xlsx") == workbook_content(
        fresh / "xlsx" / f"{PP}.xlsx"
    )
    built = re.compile(r" · derleme [0-9: -]+ UTC")
    assert built.sub("", (incremental / "report" / f"{PP}.html").read_text(encoding="utf-8")) == built.sub(
        "", (fresh / "report" / f"{PP}.html").read_text(encoding="utf-8")
    )
    with duckdb.connect() as con:
        for mart in sorted(
            {path.parent.parent.name for path in fresh.glob("parquet/*/document_id=*/*.parquet")}
        ):
            columns = f"* exclude ({', '.join(sorted(BUILD_RUN_COLUMNS))})" if mart == "meta_build" else "*"
            difference = con.execute(
                f"select count(*) from ((from read_parquet('{incremental}/parquet/{mart}/*/*.parquet') select {columns}) "
                f"except all (from read_parquet('{fresh}/parquet/{mart}/*/*.parquet') select {columns}))"
            ).fetchone()[0]
            assert difference == 0, mart
