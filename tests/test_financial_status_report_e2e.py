"""Financial status reports through the whole refresh: Gebze's two PDFs (shipped in raw/) and a
generated pair (a programme and the report of the same administration and year,
`corpus.financial_status_report`).

One refresh (`monitoring_and_reports_run`, shared with tests/test_achievement_e2e.py: the
shipped documents and monitoring files stand beside these), read by the module's tests: the
execution facts, the reconciliation findings the reports really have, and the planned-vs-spent mart.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import RAW_DIR, PublishedRun

from tools.corpus.financial_status_report import GeneratedPair, generate_pair

# The PDFs shipped in raw/ beside the text documents of `SHIPPED_RAW` (conftest), which the other
# refreshes copy alone.
SHIPPED_REPORTS = ("gebze_bld_mali_durum_raporu_2021.pdf", "gebze_bld_mali_durum_raporu_2022.pdf")
PAIR_INDEX = 1  # corpus document 1 is a programme (isparta-bld-pp-2016)


@pytest.fixture(scope="module")
def pair() -> GeneratedPair:
    return generate_pair(PAIR_INDEX)


def add_reports(raw: Path) -> None:
    """Gebze's two reports (the PDFs shipped in raw/) and the generated pair (text) dropped into raw/."""
    for name in SHIPPED_REPORTS:
        shutil.copy(RAW_DIR / name, raw)
    pair = generate_pair(PAIR_INDEX)
    (raw / pair.programme_file).write_text(pair.programme_text, encoding="utf-8")
    (raw / pair.report_file).write_text(pair.report_text, encoding="utf-8")


@pytest.fixture(scope="module")
def warehouse(monitoring_and_reports_run: PublishedRun) -> Path:
    """The refresh with `add_reports`' documents (conftest: shared with the achievement end-to-end
    tests, whose documents stand beside these)."""
    assert monitoring_and_reports_run.result.success
    return monitoring_and_reports_run.db


def _rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_reports_are_identified_from_their_cover(warehouse: Path, pair: GeneratedPair) -> None:
    documents = _rows(
        warehouse, "select document_id, document_type, fiscal_year from marts.dim_document order by 1"
    )
    report_id = pair.report_file.removesuffix(".txt")
    assert ("gebze-bld-mdr-2021", "financial_status_report", 2021) in documents
    assert ("gebze-bld-mdr-2022", "financial_status_report", 2022) in documents
    assert (report_id, "financial_status_report", pair.year) in documents


def test_execution_facts_carry_page_and_line(warehouse: Path) -> None:
    rows = _rows(
        warehouse,
        "select value, value_status, page from marts.fct_budget_execution where document_id = 'gebze-bld-mdr-2021'"
        " and side = 'expenditure' and economic_code = ? and measure = ? and period = ? and year = ?",
        "03",
        "actual",
        "h1",
        2021,
    )
    # 105.398.530,87 on pages 3 and 7; Ek-1 (page 12) rounds it to 105.398.531.
    assert rows == [(Decimal("105398530.87"), "agreed_after_rounding", 3)]  # exact: DECIMAL(18,2)
    total = _rows(
        warehouse,
        "select value from marts.fct_budget_execution where document_id = 'gebze-bld-mdr-2022' and side = 'expenditure'"
        " and economic_code = 'TOPLAM' and measure = 'forecast' and period = 'h2'",
    )
    assert total == [(Decimal("565312122.68"),)]


def test_the_same_figure_printed_differently_is_never_chosen(warehouse: Path) -> None:
    """Gebze 2021 prints 01-Vergi Gelirleri's January–June 2021 revenue twice, differently."""
    rows = _rows(
        warehouse,
        "select value, value_status, printed_values from marts.fct_budget_execution"
        " where document_id = 'gebze-bld-mdr-2021' and side = 'revenue' and economic_code = '01'"
        " and measure = 'actual' and period = 'h1' and year = 2021",
    )
    assert len(rows) == 1
    value, status, printed = rows[0]
    assert (value, status) == (None, "conflicting")
    assert "91.865.031,24 (p. 5" in printed and "91.837.127,24 (p. 9" in printed
    findings = _rows(
        warehouse,
        "select expected, actual, status from marts.rpt_reconciliation where document_id = 'gebze-bld-mdr-2021'"
        " and check_name = 'fsr_same_figure_in_two_tables' and subject like 'revenue / % / actual h1 2021 / %'"
        " and status = 'mismatch' order by subject",
    )
    # 01 and the total, both off by 27.904,00.
    assert findings == [(91865031.24, 91837127.24, "mismatch"), (244606725.19, 244578821.19, "mismatch")]
    # 2022: 06's initial appropriation is 434.416.500,00 on page 1 but 434.411.500,00 in Ek-1.
    appropriation = _rows(
        warehouse,
        "select value_status from marts.fct_budget_execution where document_id = 'gebze-bld-mdr-2022'"
        " and side = 'expenditure' and economic_code = '06' and measure = 'initial_appropriation'",
    )
    assert appropriation == [("conflicting",)]


def test_totals_follow_the_footnote_that_leaves_09_out(warehouse: Path) -> None:
    checks = _rows(
        warehouse,
        "select document_id, status, count(*), count(*) filter (where subject like '%marked row left out%')"
        " from marts.rpt_reconciliation where check_name = 'fsr_total_equals_sum_of_codes'"
        " and document_id like 'gebze%' group by all order by all",
    )
    # Every printed total of the main tables adds up once 09's actuals are left out, as printed.
    assert checks == [("gebze-bld-mdr-2021", "ok", 16, 6), ("gebze-bld-mdr-2022", "ok", 15, 6)]


def test_codes_against_their_sub_codes(warehouse: Path) -> None:
    """The annexes' codes against their sub-codes: the findings left are the reports' own."""
    mismatches = _rows(
        warehouse,
        "select document_id, subject, expected, round(actual, 2) from marts.rpt_reconciliation"
        " where check_name = 'fsr_code_equals_sum_of_sub_codes' and status = 'mismatch'"
        " and document_id like 'gebze%' order by 1, 2",
    )
    assert mismatches == [
        # Page 10: 07 leaves June 2021 empty; its sub-code 7.1 books 1.491.818,89 there.
        ("gebze-bld-mdr-2022", "expenditure / table 10 / 07 / HAZİRAN GERÇEKLEŞME 2021", 0.0, 1491818.89),
        # Page 11: 01's year-end forecast 275.245.035,49 against 172.871.336,04 + 93.206.420,40
        # + 13.810.157,14; 03's 72.840.682,81 against 51.166.979,53 + 22.655.913,89.
        (
            "gebze-bld-mdr-2022",
            "revenue / table 11 / 01 / 2022 YILSONU GERÇEKLEŞME TAHMİNİ",
            275245035.49,
            279887913.58,
        ),
        (
            "gebze-bld-mdr-2022",
            "revenue / table 11 / 03 / 2022 YILSONU GERÇEKLEŞME TAHMİNİ",
            72840682.81,
            73822893.42,
        ),
    ]
    checked = _rows(
        warehouse,
        "select subject, expected, round(actual, 2), status from marts.rpt_reconciliation"
        " where document_id = 'gebze-bld-mdr-2021' and check_name = 'fsr_code_equals_sum_of_sub_codes'"
        " and subject in (?, ?) order by 1",
        "expenditure / table 14 / 07 / OCAK GERÇEKLEŞME 2020",
        "revenue / table 15 / 09 / 2020 GERÇEKLEŞME TOPLAMI",
    )
    assert checked == [
        # Page 12: 07 prints 0 for January 2020 and 07.1 leaves the cell empty: nothing booked.
        ("expenditure / table 14 / 07 / OCAK GERÇEKLEŞME 2020", 0.0, 0.0, "ok"),
        # Page 13: `09 Red ve İadeler (-)` 1.373.267,15 = 540.733,61 + 101.264,83 + 163.776,41
        # + 567.492,30, all refunds the total deducts.
        ("revenue / table 15 / 09 / 2020 GERÇEKLEŞME TOPLAMI", -1373267.15, -1373267.15, "ok"),
    ]
    # The refunds' sub-codes are deductions like their code (printed positive under `(-)`).
    refunds = _rows(
        warehouse,
        "select value, printed_values from marts.fct_budget_execution where document_id = 'gebze-bld-mdr-2021'"
        " and side = 'revenue' and economic_code = '09.1' and measure = 'actual' and period = 'year'",
    )
    assert refunds == [(Decimal("-540733.61"), "540.733,61 (p. 13, l. 364)")]


def test_printed_rates_recomputed(warehouse: Path) -> None:
    mismatches = _rows(
        warehouse,
        "select document_id, subject, expected, round(actual, 2) from marts.rpt_reconciliation"
        " where check_name = 'fsr_rate_recomputed' and status = 'mismatch' and document_id like 'gebze%'"
        " order by 1, 2",
    )
    # 2022 page 2 prints 0,00% for 07's change from 1.491.818,89 to 0,00 (it is -100%).
    assert (
        "gebze-bld-mdr-2022",
        "expenditure / table 3 / 07 / Gider Gerçekleşmeleri Artış Oranı",
        0.0,
        -100.0,
    ) in [
        (d, s.replace("Gide r Ge rçe kle şme le ri", "Gider Gerçekleşmeleri"), e, a)
        for d, s, e, a in mismatches
    ]
    # 2021 page 9's 01 rate (121,57%) is computed with page 5's 91.865.031,24, not its own figure.
    assert (
        "gebze-bld-mdr-2021",
        "revenue / table 10 / 01 / Tahmini Gerçekleşme Oranı",
        121.57,
        121.54,
    ) in mismatches
    ok = _rows(
        warehouse,
        "select count(*) from marts.rpt_reconciliation where check_name = 'fsr_rate_recomputed'"
        " and status in ('ok', 'rounding') and document_id like 'gebze%'",
    )
    assert ok[0][0] > 200


def test_planned_vs_spent_puts_programme_and_report_side_by_side(
    warehouse: Path, pair: GeneratedPair
) -> None:
    rows = _rows(
        warehouse,
        "select economic_code, sides, planned_try, initial_appropriation_try, actual_h1_try, forecast_h2_try,"
        " h1_share_of_planned_pct from marts.rpt_planned_vs_spent where administration = ? and year = ?"
        " order by economic_code",
        pair.administration,
        pair.year,
    )
    assert [row[0] for row in rows] == [line.economic_code for line in pair.lines]
    for row, line in zip(rows, pair.lines, strict=True):
        assert row[1] == "both"
        # Amounts are DECIMAL(18,2): equal to the kuruş, not approximately.
        assert row[2] == Decimal(line.planned_kurus) / 100
        assert row[3] == Decimal(line.initial_kurus) / 100
        if line.economic_code != "09":
            assert row[4] == Decimal(line.actual_h1_kurus) / 100
            assert row[5] == Decimal(line.forecast_h2_kurus) / 100
            assert row[6] == pytest.approx(100 * line.actual_h1_kurus / line.planned_kurus)
    # Gebze has reports but no programme: its rows say so.
    gebze = _rows(
        warehouse,
        "select distinct sides from marts.rpt_planned_vs_spent where administration = 'Gebze Belediyesi'",
    )
    assert gebze == [("report_only",)]


def test_report_and_workbook_of_a_financial_status_report(warehouse: Path) -> None:
    from openpyxl import load_workbook

    exports = warehouse.parent.parent / "exports"
    html = (exports / "report" / "gebze-bld-mdr-2021.html").read_text(encoding="utf-8")
    assert "Kurumsal Mali Durum ve Beklentiler Raporu" in html
    assert "Giderler: ödenek, gerçekleşme ve tahmin" in html
    # The chart's bars: 03's appropriation, January–June actual and July–December forecast.
    for figure in ("200.708.708,00", "105.398.530,87", "124.805.389,52"):
        assert figure in html
    assert "91.837.127,24 (p. 9" in html  # the figure printed differently, listed
    workbook = load_workbook(exports / "xlsx" / "gebze-bld-mdr-2021.xlsx", read_only=True)
    assert "bütçe uygulama" in workbook.sheetnames
    sheet = workbook["bütçe uygulama"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert {"ekonomik kod", "ölçü", "dönem", "değer durumu", "basılan değerler"} <= set(header)
