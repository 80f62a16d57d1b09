"""The monitoring-file reader: real Kocaeli indicator codes, one reason per bad row, the rest loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from dagster_project.monitoring.actuals import ActualsRead, read_actuals_dir
from dagster_project.parsers.strategic_plan import parse_strategic_plan

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actuals"
SP = "kocaeli-bb-sp-2020-2024"
CSV = "kocaeli_2024.csv"
XLSX = "kocaeli_2024_rayli.xlsx"


@pytest.fixture(scope="module")
def known(kocaeli_plan_text: str) -> pl.DataFrame:
    """The plan's indicators as the asset passes them in (from raw.sp_indicators and raw.documents)."""
    indicators = parse_strategic_plan(kocaeli_plan_text, SP).tables["sp_indicators"]
    return indicators.select("document_id", "indicator_code", "unit").with_columns(
        period_start_year=pl.lit(2020), period_end_year=pl.lit(2024)
    )


@pytest.fixture(scope="module")
def read(known: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> ActualsRead:
    folder = tmp_path_factory.mktemp("actuals")
    for name in (CSV, XLSX):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "README.md").write_text("documentation, not data")
    (folder / "notlar.txt").write_text("not a monitoring file")
    return read_actuals_dir(folder, known)


def reasons(read: ActualsRead) -> set[tuple[str, int | None, str]]:
    return set(read.issues.select("source_file", "source_row", "issue_type").iter_rows())


def test_every_bad_row_is_reported_with_file_row_and_reason(read: ActualsRead) -> None:
    assert reasons(read) == {
        ("notlar.txt", None, "unsupported_file"),
        (CSV, 9, "unknown_indicator"),
        (CSV, 10, "unknown_document"),
        (CSV, 11, "not_a_number"),
        (CSV, 12, "year_outside_period"),
        (CSV, 13, "duplicate"),
        (XLSX, 3, "conflicting_duplicate"),
        (XLSX, 4, "conflicting_duplicate"),
        (XLSX, 5, "year_not_a_year"),
    }


def test_messages_quote_the_rows_own_values(read: ActualsRead) -> None:
    messages = dict(
        read.issues.filter(pl.col("source_row").is_not_null())
        .select(pl.format("{}:{}", "source_file", "source_row"), "message")
        .iter_rows()
    )
    assert messages[f"{CSV}:11"] == "actual value 'yüz' is not a number"
    assert messages[f"{CSV}:12"] == f"year 2025 is outside the plan period 2020-2024 of {SP}"
    assert messages[f"{CSV}:13"] == f"repeats {CSV} row 2 with the same value; loaded once from there"
    assert (
        messages[f"{XLSX}:3"] == "Ke/Pg.1.3.2 2024 is delivered with different values (100, 110); none loaded"
    )
    assert read.issues.filter(pl.col("issue_type") == "duplicate")["severity"].to_list() == ["warning"]


def test_the_rest_of_each_file_loads_with_turkish_numbers_and_canonical_codes(read: ActualsRead) -> None:
    loaded = {
        (row["indicator_code"], row["year"], row["period"]): (
            row["actual_value"],
            row["source_file"],
            row["source_row"],
        )
        for row in read.actuals.iter_rows(named=True)
    }
    assert loaded == {
        ("Ke/Pg.1.2.4", 2024, None): (7.5, CSV, 2),
        ("Ke/Pg.1.2.5", 2024, None): (4.0, CSV, 3),  # written `ke/pg.1.2.5`
        ("Ke/Pg.1.2.1", 2024, None): (160_000_000.0, CSV, 4),  # `160.000.000`
        ("Ke/Pg.1.3.4", 2024, None): (9.0, CSV, 5),  # `9,0`
        ("Ke/Pg.1.2.3", 2024, None): (12.0, CSV, 6),
        ("Ke/Pg.1.2.2", 2022, None): (600_000.0, CSV, 7),
        ("Ke/Pg.1.2.6", 2024, "2024-H1"): (50.0, CSV, 8),
        ("Ke/Pg.1.3.1", 2024, None): (13.0, XLSX, 2),  # a spreadsheet number
        ("Ke/Pg.1.3.5", 2024, None): (36.0, XLSX, 6),  # a text cell `36`
    }


def test_rows_without_a_value_are_counted_not_reported(read: ActualsRead) -> None:
    # CSV row 14 (Ke/Pg.1.1.1, "henüz veri yok") and XLSX row 7 have no actual yet.
    assert (read.files, read.rows_read, read.rows_without_value) == (2, 19, 2)


def test_a_file_without_the_required_columns_is_reported_and_others_still_load(
    known: pl.DataFrame, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / CSV, tmp_path / CSV)
    (tmp_path / "eksik.csv").write_text("Gösterge Kodu;Gerçekleşen\nKe/Pg.1.2.4;7\n", encoding="utf-8")
    (tmp_path / "bozuk.xlsx").write_bytes(b"not a zip file")
    read = read_actuals_dir(tmp_path, known)
    whole_file = read.issues.filter(pl.col("source_row").is_null())
    assert sorted(whole_file.select("source_file", "issue_type").iter_rows()) == [
        ("bozuk.xlsx", "unreadable_file"),
        ("eksik.csv", "missing_column"),
    ]
    assert (
        "no column document_id, year" in whole_file.filter(pl.col("source_file") == "eksik.csv")["message"][0]
    )
    assert read.actuals.height == 7


def test_an_empty_or_missing_folder_is_an_empty_delivery(known: pl.DataFrame, tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path / "missing"):
        read = read_actuals_dir(folder, known)
        assert (read.actuals.height, read.issues.height, read.files) == (0, 0, 0)
