"""Never a broken warehouse: whole refreshes into temporary directories, good nights and bad ones.

The rule these tests enforce (dagster_project/publishing.py):

- **blocking** (the refresh stops before `published_warehouse`, the analysts keep yesterday's file
  byte for byte): a pandera schema violation on parser output, raw tables or marts, a dbt test of
  severity `error`, a failed step (a crash outside the parsers, DuckDB or dbt failing);
- **findings** (the refresh publishes; the problem is a row of `marts.rpt_extraction_issues` or
  `marts.rpt_reconciliation`): rejected files, extraction issues of any severity (a parser that
  crashes on one document is an `error` issue of that document), dbt `warn` tests, reconciliation
  mismatches, document inconsistencies that pandera reports as warnings.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest
from conftest import PublishedRun, mart_contents, materialize_refresh
from dagster import AssetKey, ExecuteInProcessResult
from openpyxl import load_workbook

from dagster_project.extraction import RAW_TABLE_MODELS
from dagster_project.publishing import WarehouseFiles, start_build
from dagster_project.schemas import marts as mart_schemas
from dagster_project.schemas.document_registry import DocumentsSchema

RAW = Path(__file__).resolve().parent.parent / "raw"
PLAN_FILE = "kocaeli_bb_stratejik_plan_2020_2024.txt"
PROGRAMME_FILE = "kayseri_bb_performans_programi_2024.txt"
SP, PP = "kocaeli-bb-sp-2020-2024", "kayseri-bb-pp-2024"
PUBLISHED = AssetKey("published_warehouse")
# Marts whose content depends only on the documents (meta_build records the build time).
DOCUMENT_MARTS = (
    "dim_document",
    "dim_goal",
    "dim_target",
    "dim_indicator",
    "dim_activity",
    "fct_indicator_value",
    "fct_budget",
    "rpt_reconciliation",
    "rpt_extraction_issues",
)


@dataclass(frozen=True)
class Site:
    """A project directory of its own: raw/ and warehouse/."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def files(self) -> WarehouseFiles:
        return WarehouseFiles(self.root / "warehouse" / "plans.duckdb")

    def copy_to(self, root: Path) -> Site:
        shutil.copytree(self.root, root)
        return Site(root)


def refresh(site: Site, selection: list | None = None) -> ExecuteInProcessResult:
    """Run the refresh (every asset and check, as `refresh_warehouse` does) on `site`."""
    return materialize_refresh(site.raw, site.files.published, selection)


def published(result: ExecuteInProcessResult) -> bool:
    return PUBLISHED in {event.asset_key for event in result.get_asset_materialization_events()}


def failed_checks(result: ExecuteInProcessResult) -> set[tuple[str, str]]:
    return {
        (evaluation.asset_key.to_user_string(), evaluation.check_name)
        for evaluation in result.get_asset_check_evaluations()
        if not evaluation.passed and evaluation.severity.value == "ERROR"
    }


def mart_rows(db: Path, document_id: str | None = None) -> dict[str, list[tuple]]:
    """Every document mart's rows, sorted; only `document_id`'s rows when given."""
    with duckdb.connect(str(db), read_only=True) as con:
        where = "where document_id = ?" if document_id else ""
        return {
            mart: sorted(
                con.execute(
                    f"select * from marts.{mart} {where}", [document_id] if document_id else []
                ).fetchall(),
                key=repr,
            )
            for mart in DOCUMENT_MARTS
        }


def mart_hashes(db: Path) -> dict[str, str]:
    """A content hash of every mart except meta_build (row order does not matter)."""
    return {mart: hashlib.sha256(repr(rows).encode()).hexdigest() for mart, rows in mart_contents(db).items()}


@pytest.fixture(scope="module")
def clean(published_run: PublishedRun) -> Site:
    """A published warehouse from the shipped documents: the good night every test starts from
    (tests work on copies of it)."""
    assert published(published_run.result)
    return Site(published_run.db.parent.parent)


# -- a failed blocking check leaves the analysts' file byte-identical ------------------------------


def assert_blocked(site: Site, before: bytes, result: ExecuteInProcessResult) -> None:
    assert not result.success
    assert not published(result)
    assert site.files.published.read_bytes() == before


class DocumentsNeverPass(DocumentsSchema):
    @pa.dataframe_check
    def never(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.lit(False))


def test_a_documents_check_failure_blocks_publishing(
    clean: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # documents.csv can no longer break raw.documents (a bad row refuses its file in the registry,
    # test_document_scan.py), so the registry's pandera check is made to fail.
    site = clean.copy_to(tmp_path / "site")
    before = site.files.published.read_bytes()
    monkeypatch.setitem(RAW_TABLE_MODELS, "documents", DocumentsNeverPass)
    result = refresh(site)
    assert_blocked(site, before, result)
    assert ("raw/documents", "pandera_schema") in failed_checks(result)


def test_a_dbt_error_test_failure_of_one_document_sets_it_aside_and_keeps_its_published_version(
    clean: Site, bad_inputs_night
) -> None:
    """The plan of the bad-inputs night (below) lost its first goal rows (`drop_first_goal_rows`):
    the plan is set aside, its published version stays, and the night publishes. The bad inputs
    beside it are findings, none is set aside: the quarantine holds the plan's row alone."""
    site, result, _ = bad_inputs_night
    assert result.success and published(result)
    assert failed_checks(result) == set()
    assert mart_rows(site.files.published, SP) == mart_rows(clean.files.published, SP)
    with duckdb.connect(str(site.files.published), read_only=True) as con:
        rows = con.execute(
            "select document_id, stage, check_name, published_version from marts.rpt_quarantine"
        ).fetchall()
    assert rows == [(SP, "dbt", "rules_stg_raw__sp_targets", "previous version kept")]


class DimDocumentNeverPasses(mart_schemas.DimDocument):
    @pa.dataframe_check
    def never(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.lit(False))


def test_a_mart_check_failure_blocks_publishing(
    clean: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mart checks are a separate `@multi_asset_check`; Dagster 1.13 orders blocking checks
    before the assets downstream of their asset, so `published_warehouse` waits for them."""
    site = clean.copy_to(tmp_path / "site")
    before = site.files.published.read_bytes()
    monkeypatch.setitem(mart_schemas.MART_MODELS, "dim_document", DimDocumentNeverPasses)
    result = refresh(site)
    assert_blocked(site, before, result)
    assert failed_checks(result) == {("marts/dim_document", "pandera_schema")}


# -- determinism and idempotency -----------------------------------------------------------------


def test_a_rerun_after_a_crash_needs_no_cleanup_and_builds_identical_marts(
    clean: Site, tmp_path: Path
) -> None:
    site = clean.copy_to(tmp_path / "site")
    before = site.files.published.read_bytes()
    # A run killed during raw_tables: the build file holds half-loaded raw tables (a run that
    # stops before publishing on purpose is refused, `run_scope`; a crash still leaves this) ...
    start_build(site.files)
    with duckdb.connect(str(site.files.build)) as con:
        con.execute("delete from raw.sp_targets")
    assert site.files.build.exists()
    # ... and a write-ahead log it never folded in.
    site.files.build.with_name(site.files.build.name + ".wal").write_bytes(b"\x00half-written wal")
    assert site.files.published.read_bytes() == before
    result = refresh(site)
    assert result.success and published(result)
    assert mart_hashes(site.files.published) == mart_hashes(clean.files.published)
    assert site.files.previous.read_bytes() == before  # the night before is kept
    assert not site.files.build.exists()


# -- bad input never corrupts, never vanishes ----------------------------------------------------


LARGE_FILE = "kocaeli_bb_stratejik_plan_2020_2024_ekli.txt"


def drop_first_goal_rows(plan: Path) -> None:
    """The plan without the goal row of its first cards (lines 1246 and 1271, `Stratejik Amaç
    KE.1`): the parser lands targets KE.1.1, KE.1.2 ... without a goal and warns; the staged
    targets' error-severity rule `not_null goal_code` (`rules_stg_raw__sp_targets`) then fails on
    this document's rows only."""
    lines = (RAW / PLAN_FILE).read_text(encoding="utf-8").split("\n")
    assert lines[1245].startswith("Stratejik Amaç\tKE.1 ") and lines[1270].startswith("Stratejik Amaç\tKE.1 ")
    kept = [line for number, line in enumerate(lines, start=1) if number not in (1246, 1271)]
    plan.write_text("\n".join(kept), encoding="utf-8")


ANNEX_COLUMNS = ("SIRA NO", "İLÇE", "MAHALLE", "ADA/PARSEL", "CİNSİ", "YÜZÖLÇÜMÜ (m²)", "AÇIKLAMA")


def write_large_plan(path: Path, size: int = 50_000_000) -> None:
    """The plan followed by an annex table (`EK-1 TAŞINMAZ ENVANTERİ`) until the file is `size` bytes:
    a parcel inventory with a description per parcel, as such annexes are printed (about 260 bytes
    a row: 190,000 rows, 1.3 million cells)."""
    rows = [
        (RAW / PLAN_FILE).read_text(encoding="utf-8"),
        "EK-1 TAŞINMAZ ENVANTERİ",
        "\t".join(ANNEX_COLUMNS),
    ]
    written = sum(len(row.encode()) + 1 for row in rows)
    number = 0
    while written < size:
        number += 1
        row = (
            f"{number}\tİzmit\tKarabaş Mah.\t{number % 9000}/{number % 37}\tArsa\t"
            f"{number * 7 % 100_000},{number % 100:02d}\tTapuda Kocaeli Büyükşehir Belediyesi adına "
            "kayıtlı; 1/1000 ölçekli uygulama imar planında park ve yeşil alan olarak ayrılmış, "
            f"üzerinde yapı bulunmayan taşınmaz (kamulaştırma dosyası {number % 977}/{2015 + number % 9})"
        )
        rows.append(row)
        written += len(row.encode()) + 1
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_bad_inputs(raw: Path) -> None:
    """Every kind of bad input, written beside the documents of `raw`."""
    lines = (RAW / PLAN_FILE).read_text(encoding="utf-8").split("\n")
    (raw / "bos.txt").write_bytes(b"")
    (raw / "resim.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    (raw / "toplanti_notlari.txt").write_text(
        "Toplantı notları\n\nGündem\t1. Bütçe\n2. Personel\n", encoding="utf-8"
    )
    # A Windows-1254 export of the programme (symbols outside the code page become `?`).
    programme = (RAW / PROGRAMME_FILE).read_text(encoding="utf-8")
    (raw / "kayseri_pp_2024_windows.txt").write_bytes(programme.encode("cp1254", errors="replace"))
    # The plan cut in the middle of section 7's table (line 2560, inside KE.1's target rows).
    (raw / "kocaeli_sp_kesik.txt").write_text("\n".join([*lines[:2559], lines[2559][:30]]), encoding="utf-8")
    # Codes repeat: the KE.1.2 card carries KE.1.1's code.
    repeated = list(lines)
    repeated[1271] = repeated[1271].replace("KE.1.2 ", "KE.1.1 ", 1)
    (raw / "kocaeli_sp_tekrar.txt").write_text("\n".join(repeated), encoding="utf-8")
    # Shifted columns: every cell of the KE.1.1 card moved one column to the right.
    shifted = [
        ("\t" + line if 1247 <= number <= 1270 and "\t" in line else line)
        for number, line in enumerate(lines, start=1)
    ]
    (raw / "kocaeli_sp_kayik.txt").write_text("\n".join(shifted), encoding="utf-8")
    write_large_plan(raw / LARGE_FILE)
    # A cover naming two administrations; a documents.csv row with a year that is not a year; a row
    # for a missing file. (A type no parser reads: tests/test_document_scan.py.)
    (raw / "iki_idare.txt").write_text(
        "T.C.\nKOCAELİ BÜYÜKŞEHİR BELEDİYESİ\nGEBZE BELEDİYESİ\n2025 YILI PERFORMANS PROGRAMI\n",
        encoding="utf-8",
    )
    (raw / "yanlis_yil.txt").write_text("İÇİNDEKİLER\n", encoding="utf-8")
    # Copies of a document are the same document to the registry; documents.csv names them apart.
    (raw / "documents.csv").write_text(
        "source_file,document_id,fiscal_year\n"
        "yanlis_yil.txt,,2025.0\n"
        "olmayan.txt,olmayan-pp-2025,2025\n"
        "kayseri_pp_2024_windows.txt,kayseri-bb-pp-2024-windows,\n"
        "kocaeli_sp_kesik.txt,kocaeli-bb-sp-2020-2024-kesik,\n"
        "kocaeli_sp_tekrar.txt,kocaeli-bb-sp-2020-2024-tekrar,\n"
        "kocaeli_sp_kayik.txt,kocaeli-bb-sp-2020-2024-kayik,\n"
        f"{LARGE_FILE},kocaeli-bb-sp-2020-2024-ekli,\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def bad_inputs_night(
    clean: Site, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Site, ExecuteInProcessResult, float]:
    """One refresh of a copy of `clean` with every kind of bad input next to the two documents, and
    the plan edited so that a dbt error test fails on its rows (`drop_first_goal_rows`, tested
    above): one night for both cases, a refresh fewer for `make test`."""
    site = clean.copy_to(tmp_path_factory.mktemp("bad") / "site")
    drop_first_goal_rows(site.raw / PLAN_FILE)
    write_bad_inputs(site.raw)
    started = time.perf_counter()
    result = refresh(site)
    return site, result, time.perf_counter() - started


def issues(site: Site, source_file: str) -> pl.DataFrame:
    with duckdb.connect(str(site.files.published), read_only=True) as con:
        cursor = con.execute("select * from marts.rpt_extraction_issues where source_file = ?", [source_file])
        columns = [column[0] for column in cursor.description]
        return pl.DataFrame(cursor.fetchall(), schema=columns, orient="row", infer_schema_length=None)


def count(site: Site, sql: str, *params: object) -> int:
    with duckdb.connect(str(site.files.published), read_only=True) as con:
        return con.execute(sql, list(params)).fetchone()[0]


def test_bad_input_is_a_finding_and_the_refresh_publishes(bad_inputs_night) -> None:
    _, result, seconds = bad_inputs_night
    print(f"refresh with a 50 MB document, six bad files and a plan set aside: {seconds:.0f} s")
    assert result.success and published(result)
    assert failed_checks(result) == set()


def test_the_good_documents_are_untouched_by_the_bad_ones(clean: Site, bad_inputs_night) -> None:
    # The programme is unchanged; the plan's rows are its published version (set aside, above).
    site = bad_inputs_night[0]
    for document_id in (SP, PP):
        assert mart_rows(site.files.published, document_id) == mart_rows(clean.files.published, document_id)


@pytest.mark.parametrize(
    ("source_file", "expected"),
    [
        ("bos.txt", "file not loaded: the file is empty"),
        ("resim.txt", "file not loaded: binary file: it contains NUL bytes, expected plain text"),
        ("toplanti_notlari.txt", "file not loaded: no administration name in the first pages"),
        ("iki_idare.txt", "file not loaded: the first pages name 2 different administrations"),
        (
            "yanlis_yil.txt",
            "file not loaded: raw/documents.csv line 2: fiscal_year '2025.0' is not a year (expected e.g. 2024)",
        ),
        (
            "documents.csv",
            "file not loaded: raw/documents.csv line 3: olmayan.txt is not a document file in raw/",
        ),
    ],
)
def test_rejected_files_are_listed_for_analysts(bad_inputs_night, source_file: str, expected: str) -> None:
    rows = issues(bad_inputs_night[0], source_file)
    assert rows.select("document_id", "source_line", "table_name", "severity").rows() == [
        (None, None, "rejected_files", "error")
    ]
    assert rows["message"][0].startswith(expected)


def test_a_windows_1254_copy_is_decoded_and_loads_like_the_original(bad_inputs_night) -> None:
    """Decoded, then the same document as the original: documents.csv gives it its own id and it
    loads like the original, table for table (the marts do not model programmes yet: raw tables)."""
    site = bad_inputs_night[0]
    assert count(site, "select count(*) from raw.documents where encoding = 'cp1254'") == 1
    # Identified from its cover, its id from documents.csv: the analysts see both.
    assert (
        count(
            site,
            "select count(*) from marts.dim_document where document_id = 'kayseri-bb-pp-2024-windows' "
            "and detected_from = 'text+documents.csv'",
        )
        == 1
    )
    with duckdb.connect(str(site.files.published), read_only=True) as con:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' and table_name like 'pp_%'"
            ).fetchall()
        ]
        rows = {
            document_id: {
                t: con.execute(
                    f"select count(*) from raw.{t} where document_id = ?", [document_id]
                ).fetchone()[0]
                for t in [*tables, "extraction_issues"]
            }
            for document_id in (PP, f"{PP}-windows")
        }
    assert rows[PP] == rows[f"{PP}-windows"]
    # 612 issues: 2.6's repeat of F64 and omission of F67 are dbt's count, not parser warnings.
    assert rows[PP]["pp_activity_costs"] == 231 and rows[PP]["extraction_issues"] == 612


def test_a_truncated_plan_lands_its_cards_and_reports_the_cut(bad_inputs_night) -> None:
    site = bad_inputs_night[0]
    document_id = f"{SP}-kesik"
    # Every card precedes section 7, so all 82 targets land; section 7 stops in KE.1's rows.
    assert count(site, "select count(*) from marts.dim_target where document_id = ?", document_id) == 82
    assert count(site, "select count(*) from marts.dim_target where document_id = ?", SP) == 82
    mismatches = count(
        site,
        "select count(*) from marts.rpt_reconciliation where document_id = ? and status <> 'ok'",
        document_id,
    )
    assert mismatches > count(
        site, "select count(*) from marts.rpt_reconciliation where document_id = ? and status <> 'ok'", SP
    )


def test_repeated_codes_keep_the_first_card_and_report_the_repeat(bad_inputs_night) -> None:
    site = bad_inputs_night[0]
    rows = issues(site, "kocaeli_sp_tekrar.txt").filter(pl.col("source_line") == 1272)
    assert rows.select("severity", "message").rows() == [
        ("error", "target KE.1.1 repeated (first card at line 1247); the first card is kept")
    ]
    assert count(site, "select count(*) from marts.dim_target where document_id = ?", f"{SP}-tekrar") == 81


def test_shifted_columns_are_read_from_their_cells(bad_inputs_night) -> None:
    site = bad_inputs_night[0]
    for mart in ("dim_target", "dim_indicator", "dim_activity", "fct_indicator_value"):
        shifted = count(site, f"select count(*) from marts.{mart} where document_id = ?", f"{SP}-kayik")
        assert shifted == count(site, f"select count(*) from marts.{mart} where document_id = ?", SP)


def test_a_50_mb_plan_lands_its_tables_and_reports_its_annex(bad_inputs_night) -> None:
    site = bad_inputs_night[0]
    document_id = f"{SP}-ekli"
    assert (site.raw / LARGE_FILE).stat().st_size >= 50_000_000
    assert count(site, "select count(*) from marts.dim_indicator where document_id = ?", document_id) == 379
    annex = count(
        site,
        "select count(*) from marts.rpt_extraction_issues where document_id = ? and severity = 'info' "
        "and source_line > 2691",
        document_id,
    )
    # The annex header (line 2693) and every row after it are extraction issues with their line.
    lines = (site.raw / LARGE_FILE).read_text(encoding="utf-8").count("\n")
    assert annex == lines - 2692
    # Every annex line is a table row in the warehouse, a cell per column, beside the plan's own cells.
    cells = "select count(*) from marts.document_table_cell where document_id = ?"
    assert count(site, cells, document_id) - count(site, cells, SP) == len(ANNEX_COLUMNS) * (lines - 2692)
    # Its 1.3 million table cells and 190,000 annex issues are too many for a readable sheet: the
    # workbook says what was cut, and where every row is.
    workbook = load_workbook(site.root / "exports" / "xlsx" / f"{document_id}.xlsx", read_only=True)
    assert "kesilen tablolar" in workbook.sheetnames
    cut = list(workbook["kesilen tablolar"].iter_rows(min_row=2, values_only=True))
    in_warehouse = {
        mart: count(site, f"select count(*) from marts.{mart} where document_id = ?", document_id)
        for mart in ("document_table_cell", "rpt_extraction_issues")
    }
    assert sorted((row[1], row[2], row[3]) for row in cut) == sorted(
        (rows, 100_000, f"exports/parquet/{mart}/") for mart, rows in in_warehouse.items()
    )


def test_dot_dot_cannot_escape_raw(tmp_path: Path) -> None:
    from dagster_project.document_scan import load_document

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(RAW / PLAN_FILE, tmp_path / "outside.txt")
    with pytest.raises(ValueError, match=r"resolves outside .* \(symlink or '\.\.'\)"):
        load_document(raw / ".." / "outside.txt", raw)
