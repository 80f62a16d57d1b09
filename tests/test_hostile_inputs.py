"""Inputs that would exhaust or hang the machine, and the smaller promises about odd inputs:
each is refused or flagged with a reason, never a hang, a crash or a silent acceptance."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from dagster_project.document_scan import scan_raw_dir
from dagster_project.exports.spreadsheet import TEXT, Column, Sheet, write_workbook
from dagster_project.monitoring import actuals
from dagster_project.monitoring.actuals import read_actuals_dir
from dagster_project.parsers.strategic_plan import parse_strategic_plan

RAW = Path(__file__).resolve().parent.parent / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actuals"
PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"
PROGRAMME = "kayseri_bb_performans_programi_2024.txt"
SP = "kocaeli-bb-sp-2020-2024"
HEADER = "document_id;indicator_code;year;actual_value\n"


@pytest.fixture(scope="module")
def known(kocaeli_plan_text: str) -> pl.DataFrame:
    indicators = parse_strategic_plan(kocaeli_plan_text, SP).tables["sp_indicators"]
    return indicators.select("document_id", "indicator_code", "unit").with_columns(
        period_start_year=pl.lit(2020), period_end_year=pl.lit(2024)
    )


def issues_of(read: actuals.ActualsRead) -> list[tuple]:
    return sorted(read.issues.select("source_file", "source_row", "issue_type", "message").iter_rows())


# -- section 4: inputs that exhaust the machine ----------------------------------------------------


def test_a_named_pipe_in_raw_is_refused_not_waited_on(tmp_path: Path) -> None:
    shutil.copy(RAW / PLAN, tmp_path / PLAN)
    os.mkfifo(tmp_path / "pipe.txt")
    start = time.monotonic()
    scan = scan_raw_dir(tmp_path)
    assert time.monotonic() - start < 30
    assert [d.source_file for d in scan.documents] == [PLAN]
    assert [(r.source_file, r.reason) for r in scan.rejected] == [
        ("pipe.txt", "refused: pipe.txt is not a regular file (a named pipe, device or folder)")
    ]


def test_a_named_pipe_among_monitoring_files_is_reported(known: pl.DataFrame, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "kocaeli_2024.csv", tmp_path / "kocaeli_2024.csv")
    os.mkfifo(tmp_path / "pipe.csv")
    read = read_actuals_dir(tmp_path, known)
    assert ("pipe.csv", None, "unsupported_file", "not read: not a regular file") in issues_of(read)
    assert read.actuals.height == 7


def test_a_key_repeated_50000_times_costs_linear_memory_and_is_reported_once_a_row(
    known: pl.DataFrame, tmp_path: Path
) -> None:
    """The shape that once needed 4.9 GB for 100,000 rows: one key, thousands of values."""
    rows = 50_000
    body = "".join(f"{SP};Ke/Pg.1.2.4;2024;{row % 3},5\n" for row in range(rows))
    (tmp_path / "gunluk.csv").write_text(HEADER + body, encoding="utf-8")
    start = time.monotonic()
    read = read_actuals_dir(tmp_path, known)
    assert time.monotonic() - start < 60
    assert read.rows_read == rows and read.actuals.height == 0
    assert read.issues.height == rows
    assert set(read.issues["message"]) == {
        "Ke/Pg.1.2.4 2024 is delivered with different values (0,5, 1,5, 2,5); none loaded"
    }


def test_a_file_beyond_the_row_limit_is_refused_whole_with_the_limit(
    known: pl.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(FIXTURES / "kocaeli_2024.csv", tmp_path / "kocaeli_2024.csv")
    monkeypatch.setattr(actuals, "MAX_ROWS", 20)  # the good file (19 lines) still loads
    (tmp_path / "buyuk.csv").write_text(HEADER + f"{SP};Ke/Pg.1.2.4;2024;7\n" * 21, encoding="utf-8")
    read = read_actuals_dir(tmp_path, known)
    assert issues_of(read)[0] == (
        "buyuk.csv",
        None,
        "file_too_large",
        "not read: more than 20 rows (split the delivery into several files)",
    )
    assert read.actuals.height == 7


def test_a_file_with_more_failing_rows_than_the_limit_is_refused_whole_with_counts_per_rule(
    known: pl.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst case of the bench (every row fails) costs no issue row per row: one refusal."""
    shutil.copy(FIXTURES / "kocaeli_2024.csv", tmp_path / "kocaeli_2024.csv")
    monkeypatch.setattr(actuals, "MAX_FAILING_ROWS", 5)  # the good file's 5 failing rows are allowed
    body = f"{SP};Ke/Pg.1.2.4;2022;7\n{SP};Ke/Pg.1.2.4;2022;8\n{SP};XX.9;2024;1\n{SP};Ke/Pg.1.2.4;2031;1\n"
    body += f"{SP};XX.8;2024;1\n{SP};XX.7;2024;1\n"
    (tmp_path / "bozuk.csv").write_text(HEADER + body + f"{SP};Ke/Pg.1.1.1;2022;5\n", encoding="utf-8")
    read = read_actuals_dir(tmp_path, known)
    refused = [issue for issue in issues_of(read) if issue[0] == "bozuk.csv"]
    assert refused == [
        (
            "bozuk.csv",
            None,
            "too_many_failing_rows",
            "refused: 6 of its 7 delivered rows fail the rules (unknown_indicator 3, "
            "conflicting_duplicate 2, year_outside_period 1; the first is row 2), more than the 5 a "
            "monitoring file may have: none of its rows is loaded; fix the file and deliver it again",
        )
    ]
    assert read.actuals.height == 7 and set(read.actuals["source_file"]) == {"kocaeli_2024.csv"}


def test_a_workbook_that_inflates_beyond_the_limit_is_refused_before_it_is_opened(
    known: pl.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb: the parts' uncompressed sizes are summed from the zip directory first."""
    import zipfile

    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 300_000_000)
    assert bomb.stat().st_size < 1_000_000
    read = read_actuals_dir(tmp_path, known)
    assert issues_of(read) == [
        (
            "bomba.xlsx",
            None,
            "file_too_large",
            "not read: the workbook inflates to 300,000,000 bytes, more than the 268,435,456 a monitoring "
            "workbook may have (a zip bomb or a huge sheet)",
        )
    ]


# -- section 5: smaller promises ---------------------------------------------------------------------


def test_utf16_text_with_a_bom_is_read_and_without_one_refused(tmp_path: Path) -> None:
    text = (RAW / PROGRAMME).read_text(encoding="utf-8")
    (tmp_path / "unicode.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "no_bom.txt").write_bytes(text.encode("utf-16-le"))
    scan = scan_raw_dir(tmp_path)
    [document] = scan.documents
    assert (document.source_file, document.document_id, document.encoding) == (
        "unicode.txt",
        "kayseri-bb-pp-2024",
        "utf-16",
    )
    assert document.line_count == len(text.splitlines())
    assert [(r.source_file, r.reason) for r in scan.rejected] == [
        ("no_bom.txt", "UTF-16 is not supported without a byte-order mark: save the file as UTF-8")
    ]


def test_a_utf16_monitoring_csv_is_read(known: pl.DataFrame, tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with a BOM."""
    text = (FIXTURES / "kocaeli_2024.csv").read_text(encoding="utf-8")
    (tmp_path / "unicode.csv").write_bytes(text.encode("utf-16"))
    assert read_actuals_dir(tmp_path, known).actuals.height == 7


def test_values_outside_what_the_unit_allows_are_flagged(known: pl.DataFrame, tmp_path: Path) -> None:
    rows = [
        "Ke/Pg.3.3.1;2024;-99.999.999.999",  # Hektar: an area is never negative
        "Ke/Pg.1.1.1;2024;-3",  # Adet: a count
        "Ke/Pg.1.3.1;2024;1.500",  # Yüzde: 1,500 % of what?
        "Ke/Pg.1.11.1;2024;130",  # Yüzde/Yıl: 130 % is possible
        "Ke/Pg.1.2.4;2024;7,5",  # Yaş
    ]
    (tmp_path / "aralik.csv").write_text(HEADER + "".join(f"{SP};{row}\n" for row in rows), encoding="utf-8")
    read = read_actuals_dir(tmp_path, known)
    assert issues_of(read) == [
        (
            "aralik.csv",
            2,
            "value_outside_unit_range",
            "actual value -99.999.999.999 is outside what its unit 'Hektar' allows (quantity from 0 to "
            "1000000000000000)",
        ),
        (
            "aralik.csv",
            3,
            "value_outside_unit_range",
            "actual value -3 is outside what its unit 'Adet' allows (count from 0 to 1000000000000)",
        ),
        (
            "aralik.csv",
            4,
            "value_outside_unit_range",
            "actual value 1.500 is outside what its unit 'Yüzde' allows (percentage from 0 to 1000)",
        ),
    ]
    assert sorted(read.actuals.select("indicator_code", "actual_value").iter_rows()) == [
        ("Ke/Pg.1.11.1", 130.0),
        ("Ke/Pg.1.2.4", 7.5),
    ]


def test_formula_looking_text_stays_text_when_the_workbook_is_saved_as_csv(tmp_path: Path) -> None:
    values = [
        '=HYPERLINK("http://x","tıkla")',
        "=cmd|' /C calc'!A0",
        "+90 262",
        "-2+3",
        "@SUM(A1)",
        "-",
        "Kocaeli",
    ]
    path = tmp_path / "formula.xlsx"
    write_workbook(path, [Sheet("s", [Column("text", TEXT)], [(v,) for v in values])], "#,##0", "yyyy-mm-dd")
    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for (cell,) in sheet.iter_rows(min_row=2)] == [
        '\'=HYPERLINK("http://x","tıkla")',
        "'=cmd|' /C calc'!A0",
        "'+90 262",
        "'-2+3",
        "'@SUM(A1)",
        "-",
        "Kocaeli",
    ]
    assert all(cell.data_type == "s" for (cell,) in sheet.iter_rows(min_row=2))
