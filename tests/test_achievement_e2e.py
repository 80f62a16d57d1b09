"""End to end with monitoring data: the fixture actuals files dropped into raw/actuals, the whole
refresh materialized into a temporary warehouse, achievements and bands read back; then the
exported template, filled in, reads back without edits."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import PublishedRun
from openpyxl import load_workbook
from test_target_card_template import OFFICIAL_CARD

from dagster_project.assets.monitoring import known_indicators_sql
from dagster_project.monitoring.actuals import read_actuals_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actuals"
SP = "kocaeli-bb-sp-2020-2024"
MONITORING_CHECKS = {"pandera_schema"}
TEMPLATE = "ornek-bb-sp-2025-2029"
TEMPLATE_PLAN = "ÖRNEK BÜYÜKŞEHİR BELEDİYESİ\n2025-2029 STRATEJİK PLANI\n\n" + OFFICIAL_CARD
TEMPLATE_ACTUALS = (
    "document_id;indicator_code;year;actual_value;period;note\n"
    f"{TEMPLATE};PG1.1.1;2025;125;;\n"
    f"{TEMPLATE};PG1.1.1;2026;128;;\n"
    f"{TEMPLATE};PG1.1.2;2025;15,375;;\n"
    f"{TEMPLATE};PG1.1.2;2026;20;;\n"
)


@dataclass
class Run:
    con: duckdb.DuckDBPyConnection
    root: Path


def add_actuals(raw: Path) -> None:
    """The fixture monitoring files dropped into raw/actuals, and a plan in the official target-card
    layout of the 2018 guide with its actuals."""
    for fixture in FIXTURES.iterdir():
        shutil.copy(fixture, raw / "actuals" / fixture.name)
    (raw / "ornek_bb_sp_2025_2029.txt").write_text(TEMPLATE_PLAN, encoding="utf-8")
    (raw / "actuals" / "ornek_2025_2026.csv").write_text(TEMPLATE_ACTUALS, encoding="utf-8")


@pytest.fixture(scope="module")
def run(monitoring_and_reports_run: PublishedRun) -> Iterator[Run]:
    """A refresh with the monitoring files of `add_actuals` (conftest: shared with the financial
    status reports' end-to-end tests)."""
    published = monitoring_and_reports_run
    assert published.result.success, f"run failed: {published.failed_steps}"
    mine = {
        key
        for key in published.failed_checks
        if "achievement" in key[0] or "success" in key[0] or "actuals" in key[0]
    }
    assert mine == set()
    with published.connect() as con:
        yield Run(con, published.db.parent.parent)


def achievement(con: duckdb.DuckDBPyConnection, code: str, year: int = 2024) -> tuple[object, ...]:
    return con.execute(
        "select baseline_value, target_value, actual_value, method, round(achievement_pct, 2), "
        "success_band, score, is_below_zero, reason from marts.fct_indicator_achievement "
        "where document_id = ? and indicator_code = ? and year = ?",
        [SP, code, year],
    ).fetchone()


def test_fleet_age_decreasing_by_the_guides_formula(run: Run) -> None:
    # Ke/Pg.1.2.4 (line 1278): 9 → 7 years, actual 7,5: (7.5 − 9) / (7 − 9) × 100 = 75 → İyi, 4.
    assert achievement(run.con, "Ke/Pg.1.2.4") == (9.0, 7.0, 7.5, "kilavuz", 75.0, "İyi", 4, False, None)
    source = run.con.execute(
        "select actual_source, actual_source_kind from marts.fct_indicator_achievement "
        "where indicator_id = ? and year = 2024",
        [f"{SP}:Ke/Pg.1.2.4"],
    ).fetchone()
    assert source == ("raw/actuals/kocaeli_2024.csv row 2", "monitoring_file")


def test_bands_of_real_indicators(run: Run) -> None:
    # Ke/Pg.1.2.1 125.000.000 → 150.000.000, actual 160.000.000: 140 % → Hedef Üstü.
    assert achievement(run.con, "Ke/Pg.1.2.1")[4:7] == (140.0, "Hedef Üstü", 5)
    # Ke/Pg.1.2.5 3 → 5, actual 4: 50 % → Zayıf.
    assert achievement(run.con, "Ke/Pg.1.2.5")[4:7] == (50.0, "Zayıf", 2)
    # Ke/Pg.1.3.5 18 → 40, actual "36" (a text cell in the XLSX): 81,82 % → İyi.
    assert achievement(run.con, "Ke/Pg.1.3.5")[4:7] == (81.82, "İyi", 4)
    # Ke/Pg.1.3.4 9,3 → 18,7, actual 9,0: moved away from the target, lowest band, flagged.
    assert achievement(run.con, "Ke/Pg.1.3.4")[4:8] == (-3.19, "Çok Zayıf", 1, True)


def test_no_meaningful_ratio_is_null_with_a_reason_never_zero(run: Run) -> None:
    # Ke/Pg.1.2.3 has baseline `-`; Ke/Pg.1.3.2's two files disagree (none loaded); 2022 has no target.
    assert achievement(run.con, "Ke/Pg.1.2.3")[2:] == (
        12.0,
        "kilavuz",
        None,
        None,
        None,
        False,
        "missing_baseline",
    )
    assert achievement(run.con, "Ke/Pg.1.3.2")[2:] == (None, "kilavuz", None, None, None, False, "no_actual")
    assert achievement(run.con, "Ke/Pg.1.2.2", 2022)[1:] == (
        None, 600_000.0, "kilavuz", None, None, None, False, "no_target_for_year"
    )  # fmt: skip


def test_success_rolls_up_to_target_goal_and_service_area(run: Run) -> None:
    target = run.con.execute(
        "select indicators_total, indicators_judged, round(average_score, 4), band_distribution, "
        "round(success_level_pct, 2), weighting from marts.agg_success_by_target "
        "where target_id = ? and year = 2024",
        [f"{SP}:KE.1.2"],
    ).fetchone()
    assert target == (6, 3, 3.6667, "Hedef Üstü: 1, İyi: 1, Zayıf: 1", 73.33, "equal")
    goal = run.con.execute(
        "select indicators_judged, targets_judged, round(success_level_pct, 2) from marts.agg_success_by_goal "
        "where goal_id = ? and year = 2024",
        [f"{SP}:KE.1"],
    ).fetchone()
    # KE.1.2 73,33 % and KE.1.3 (İyi 4, Çok Zayıf 1, İyi 4) 60 %: mean 66,67 %.
    assert goal == (6, 2, 66.67)
    area = run.con.execute(
        "select goals_judged, round(success_level_pct, 2) from marts.agg_success_by_service_area "
        "where document_id = ? and service_area = 'Ulaşım Hizmetleri' and year = 2024",
        [SP],
    ).fetchone()
    assert area == (1, 66.67)
    judged_2023 = run.con.execute(
        "select sum(indicators_judged), sum(indicators_total) from marts.agg_success_by_target "
        "where document_id = ? and year = 2023",
        [SP],
    ).fetchone()
    assert judged_2023 == (0, 379)  # the plan sets no 2023 target


def test_issues_reach_the_analysts(run: Run) -> None:
    issues = run.con.execute(
        "select issue_type, count(*) from marts.rpt_actuals_issues group by all order by all"
    ).fetchall()
    assert issues == [
        ("conflicting_duplicate", 2),
        ("duplicate", 1),
        ("not_a_number", 1),
        ("unknown_document", 1),
        ("unknown_indicator", 1),
        ("year_not_a_year", 1),
        ("year_outside_period", 1),
    ]


def test_filled_template_reads_back_without_edits(run: Run, tmp_path: Path) -> None:
    template = run.root / "exports" / "templates" / f"{SP}.xlsx"
    workbook = load_workbook(template)
    sheet = workbook["Gerçekleşen"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "document_id", "Yıl", "Gösterge Kodu", "Gösterge Adı", "Ölçü Birimi",
        "Başlangıç Değeri", "Hedef", "Değerlendirilemez, çünkü", "Gerçekleşen", "Dönem", "Not",
    ]  # fmt: skip
    assert sheet.max_row == 1 + 379 * 5  # one row per indicator and plan year
    rows = {(row[1].value, row[2].value): row for row in sheet.iter_rows(min_row=2)}
    fleet = rows[(2024, "Ke/Pg.1.2.4")]
    assert [cell.value for cell in fleet[:8]] == [
        SP, 2024, "Ke/Pg.1.2.4", "Özel Halk Otobüslerinde ortalama filo yaşı", "Yaş", 9, 7, None
    ]  # fmt: skip
    fleet[8].value = 7.5
    # 2021 has no target: marked, and still read back when filled.
    assert rows[(2021, "Ke/Pg.1.3.4")][7].value == "o yıl için hedef yok"
    rows[(2021, "Ke/Pg.1.3.4")][8].value = "11,2"
    folder = tmp_path / "actuals"
    folder.mkdir()
    workbook.save(folder / template.name)
    known = run.con.sql(known_indicators_sql()).pl()
    read = read_actuals_dir(folder, known)
    assert read.issues.height == 0
    assert read.rows_without_value == 379 * 5 - 2
    assert sorted(read.actuals.select("indicator_code", "year", "actual_value").iter_rows()) == [
        ("Ke/Pg.1.2.4", 2024, 7.5),
        ("Ke/Pg.1.3.4", 2021, 11.2),
    ]
    assert read.actuals.filter(pl.col("indicator_code") == "Ke/Pg.1.2.4")["source_row"].item() > 1


def test_a_plan_in_the_official_card_layout_is_judged_per_year_with_its_weights(run: Run) -> None:
    """The 2018 guide's card (tests/test_target_card_template.py): Hedefe Etkisi 60 / 40, baseline,
    one target per plan year, actuals for 2025 and 2026 from raw/actuals/."""
    rows = run.con.execute(
        "select indicator_code, year, baseline_value, target_value, actual_value, achievement_pct, "
        "success_band, reason from marts.fct_indicator_achievement where document_id = ? "
        "and year in (2025, 2026) order by indicator_code, year",
        [TEMPLATE],
    ).fetchall()
    assert rows == [
        ("PG1.1.1", 2025, 120.0, 125.0, 125.0, 100.0, "Çok İyi", None),
        ("PG1.1.1", 2026, 120.0, 130.0, 128.0, 80.0, "İyi", None),
        # (15,375 − 12,5) / (15 − 12,5) × 100 is exactly 115: "% 115 ve üstü".
        ("PG1.1.2", 2025, 12.5, 15.0, 15.375, 115.0, "Hedef Üstü", None),
        ("PG1.1.2", 2026, 12.5, None, 20.0, None, None, "no_target_for_year"),
    ]
    targets = run.con.execute(
        "select year, count(value) from marts.fct_indicator_value where document_id = ? and value_type = 'target' "
        "group by year order by year",
        [TEMPLATE],
    ).fetchall()
    assert targets == [(2025, 2), (2026, 1), (2027, 2), (2028, 2), (2029, 2)]  # 2026's PG1.1.2 is `-`
    weights = run.con.execute(
        "select indicator_code, weight_pct from marts.dim_indicator where document_id = ? order by 1",
        [TEMPLATE],
    ).fetchall()
    assert weights == [("PG1.1.1", 60.0), ("PG1.1.2", 40.0)]
    success = run.con.execute(
        "select year, indicators_judged, weighting from marts.agg_success_by_target where document_id = ? "
        "and year in (2025, 2026) order by year",
        [TEMPLATE],
    ).fetchall()
    assert success == [(2025, 2, "hedefe_etkisi"), (2026, 1, "hedefe_etkisi")]
