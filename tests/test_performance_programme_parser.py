"""The Kayseri Büyükşehir 2024 performance programme, parsed end to end.

Values asserted here are read from raw/kayseri_bb_performans_programi_2024.txt (line numbers in the
comments); the figures are the ones the document must give (issue 3).
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import polars as pl
import pytest
from line_accounting import line_accounting

from dagster_project.parsers.performance_programme import parse_performance_programme
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS
from dagster_project.validation import validate

SOURCE = Path(__file__).resolve().parents[1] / "raw" / "kayseri_bb_performans_programi_2024.txt"
DOC = "kayseri-bb-performans-programi-2024"


@cache
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@cache
def parsed():
    return parse_performance_programme(text(), DOC)


def table(name: str) -> pl.DataFrame:
    return parsed().tables[name]


def one(name: str, **keys) -> dict:
    frame = table(name).filter(pl.all_horizontal([pl.col(k) == v for k, v in keys.items()]))
    assert frame.height == 1, f"{name} {keys}: {frame.height} rows"
    return frame.row(0, named=True)


def findings(finding_type: str) -> pl.DataFrame:
    return table("pp_findings").filter(pl.col("finding_type") == finding_type)


def test_counts_the_document_must_give():
    assert table("pp_strategic_goals").height == 10
    assert table("pp_strategic_targets").height == 47
    assert table("pp_performance_targets").height == 51
    assert table("pp_indicators").height == 200
    assert table("pp_activities").height == 154
    assert table("pp_activity_costs").height == 231
    assert table("pp_activity_cost_tables").height == 154
    assert table("pp_indicator_values").height == 600
    assert sorted(table("pp_activities")["activity_global_no"].to_list()) == list(range(1, 155))


def test_totals_the_document_must_give():
    costs = table("pp_activity_costs")
    assert costs["total_try"].sum() == pytest.approx(8_022_000_000.00, abs=0.005)
    assert costs["budget_allocation_try"].sum() == pytest.approx(8_022_000_000.00, abs=0.005)
    assert table("pp_activities")["total_try"].sum() == pytest.approx(8_022_000_000.00, abs=0.005)
    admin = table("pp_administration_performance")
    assert (
        one("pp_administration_performance", row_kind="general_administration")["total_try"]
        == 3_478_000_000.00
    )
    assert one("pp_administration_performance", row_kind="grand_total")["total_try"] == 11_500_000_000.00
    assert (
        one("pp_administration_performance", row_kind="total_performance_targets")["total_share_pct"] == 69.76
    )
    assert admin.filter(pl.col("row_kind") == "activity")["total_try"].sum() == pytest.approx(
        8_022_000_000.00
    )
    assert one("pp_resource_needs", row_kind="grand_total")["total_try"] == 11_500_000_000.00


def test_activity_costs_per_economic_code_equal_section_2_5_to_the_kurus():
    summed = table("pp_activity_costs").group_by("economic_code").agg(pl.col("total_try").sum())
    stated = table("pp_resource_needs").filter(pl.col("row_kind") == "economic_code")
    joined = stated.join(summed, on="economic_code", how="left").with_columns(
        pl.col("total_try_right").fill_null(0.0)
    )
    for record in joined.iter_rows(named=True):
        assert abs(record["total_try_right"] - record["activity_try"]) < 0.005, record["economic_code"]
    assert one("pp_resource_needs", economic_code="06")["activity_try"] == 4_051_686_500.00  # line 4252
    assert one("pp_resource_needs", economic_code="03")["activity_try"] == 2_568_672_500.00  # line 4249
    assert summed.filter(pl.col("economic_code") == "06")["total_try"].item() == pytest.approx(
        4_051_686_500.00
    )


def test_performance_target_values():
    third = one("pp_performance_targets", performance_target_no=3)  # lines 1152-1168
    assert third["performance_target_text"] == "Cami Kebir Sur içi projesinde uzlaşma sağlanması"
    assert third["target_code"] == "1.2"
    assert third["target_code_matching_text"] == "1.3"
    assert third["goal_no"] == 1
    sixth = one("pp_performance_targets", performance_target_no=6)  # line 1329
    assert sixth["total_try"] == 399_801_000.00 and sixth["total_raw"] == "399.801.000,00"
    assert sixth["section_code"] == "2.3.2" and sixth["service_area"] == "Ulaşım Hizmetleri Yönetimi"
    assert sixth["fiscal_year"] == 2024
    assert one("pp_strategic_targets", target_code="1.3")["target_text"].startswith("Camikebir Mahallesi")
    assert one("pp_strategic_goals", goal_no=8)["service_area"] == "Afet Yönetimi Hizmetleri"


def test_indicator_values_from_the_header_kinds():
    values = table("pp_indicator_values")
    first = values.filter((pl.col("performance_target_no") == 1) & (pl.col("indicator_no") == 1))
    assert first.sort("year")["value"].to_list() == [77_572.0, 91_350.0, 101_350.0]  # line 1049
    assert first.sort("year")["value_type"].to_list() == ["actual", "estimate", "target"]
    assert (
        one("pp_indicator_values", performance_target_no=6, indicator_no=2, year=2023)["value"] == 46.5
    )  # 1316
    dash = one("pp_indicator_values", performance_target_no=1, indicator_no=5, year=2022)  # line 1057
    assert dash["value"] is None and dash["value_raw"] == "-"
    battery = one("pp_indicator_values", performance_target_no=14, indicator_no=3, year=2022)  # line 1892
    assert battery["value"] == pytest.approx(13_116.52)
    indicator = one("pp_indicators", performance_target_no=6, indicator_no=2)
    assert indicator["unit"] == "km"


def test_eleven_point_three_is_a_decimal_with_its_reason():
    # Line 1964: `24,4 ¦ 11,3 ¦ 11.3` — a dot before one digit is not a thousands separator.
    target = one("pp_indicator_values", performance_target_no=16, indicator_no=1, year=2024)
    assert target["value"] == pytest.approx(11.3)
    assert target["value_raw"] == "11.3"
    assert "decimal" in target["value_note"] and "11,3" in target["value_note"]
    issues = parsed().issues.filter(pl.col("source_line") == 1964)
    assert issues["severity"].to_list() == ["warning"]


def test_text_indicator_values_are_kept_raw_and_reported():
    pm10 = one("pp_indicator_values", performance_target_no=13, indicator_no=3, year=2024)  # line 1861
    assert pm10["value"] is None and pm10["value_raw"].startswith("PM10")
    assert pm10["value_note"].startswith("not a number")


def test_activity_values_and_links():
    rail = one("pp_activities", performance_target_no=6, activity_no=2)  # lines 1327, 1346, 4017
    assert rail["activity_global_no"] == 15
    assert rail["budget_try"] == 302_736_000.00 and rail["non_budget_try"] == 0.0
    assert rail["responsible_unit"] == "Ulaşım Planlama ve Raylı Sistem Daire Başkanlığı"
    transit = one("pp_activity_costs", activity_global_no=20, economic_code="05")  # line 1436
    assert transit["budget_allocation_try"] == 600_000_000.00
    assert transit["economic_code_name"] == "Cari Transferler"
    assert one("pp_activity_cost_tables", activity_global_no=20)["total_try"] == 600_199_000.00  # line 1438
    assert (
        one("pp_administration_performance", row_kind="activity", activity_global_no=141)["total_share_pct"]
        == 19.56
    )


def test_two_different_activities_with_one_name_stay_two():
    same = table("pp_activities").filter(pl.col("activity_name") == "Çevresel denetim ve eğitim faaliyetleri")
    assert same.sort("activity_global_no").select(
        "performance_target_no", "activity_global_no", "total_try"
    ).rows() == [
        (13, 45, 15_000_000.0),
        (14, 46, 24_150_000.0),
    ]


def test_shifted_rows_of_each_kind():
    # Missing amount cell (line 1077: four numbers under five headers) placed by the identities.
    revision = one("pp_activity_costs", source_line=1077)
    assert revision["economic_code"] == "06" and revision["budget_allocation_try"] == 5_500_000.00
    assert revision["total_try"] == 5_500_000.00 and revision["revolving_fund_try"] == 0.0
    assert "missing" in revision["placement_note"]
    # Code and name in one cell (line 1089) and in two (line 1148).
    assert one("pp_activity_costs", source_line=1089)["economic_code_name"] == "Mal ve Hizmet Alım Giderleri"
    assert one("pp_activity_costs", source_line=1148)["budget_allocation_try"] == 1_036_000.00
    # Values shifted right by an empty cell (line 1194) and a shifted header (line 1887).
    assert one("pp_activities", source_line=1194)["budget_try"] == 1_200_000.00
    assert (
        one("pp_indicator_values", performance_target_no=14, indicator_no=1, year=2024)["value"]
        == 3_400_000.0
    )
    # Blank 2.5 cell (line 4254: `08 Borç verme` without Faaliyet Toplamı).
    lending = one("pp_resource_needs", economic_code="08")
    assert lending["activity_try"] == 0.0 and lending["activity_raw"] is None
    assert lending["general_administration_try"] == 1_000.00
    # 2.6 row shifted into the first column (line 4343) still belongs to P.H. 28.
    elderly = one("pp_responsibilities", source_line=4343)
    assert elderly["performance_target_no"] == 28 and elderly["activity_global_no"] == 85
    assert elderly["responsible_unit"] == "Sosyal Hizmetler Daire Başkanlığı"


def test_responsibility_units_carry_down_and_packed_cells_split():
    packed = table("pp_responsibilities").filter(pl.col("source_line") == 4298)  # P.H. 11, seven names
    assert packed["activity_no"].to_list() == list(range(1, 8))
    assert packed["activity_global_no"].to_list() == list(range(31, 38))
    carried = one("pp_responsibilities", source_line=4268)
    assert (
        carried["unit_carried_down"] and carried["responsible_unit"] == "İmar ve Şehircilik Daire Başkanlığı"
    )


def test_document_contradictions_are_findings():
    citation = findings("strategic_target_citation_mismatch")
    assert citation.select("performance_target_no", "source_line").rows() == [(3, 1155)]
    unit = findings("responsible_unit_is_text")
    assert unit["performance_target_no"].to_list() == [47, 47]
    assert set(unit["found"]) == {"Kurum ile vatandaş arasında kesintisiz iletişimi sağlamak."}
    # How often 2.6 lists an activity is a count, reconciled in dbt from these rows, not a finding.
    assert findings("activity_listed_twice").height == findings("activity_omitted").height == 0
    listings = table("pp_responsibilities").filter(pl.col("performance_target_no") == 21)
    assert listings.select("activity_no", "activity_global_no", "source_line").rows() == [
        (1, 64, 4320),
        (2, 65, 4321),
        (3, 66, 4322),
        (1, 64, 4323),  # F64 again; 21.4 (F67) never
    ]
    differs = findings("activity_name_differs")
    assert any("köprülülük" in (f or "") for f in differs["found"].to_list())  # line 1468
    assert findings("economic_code_total_mismatch").height == 0
    assert findings("activity_amount_mismatch").height == 0
    warnings = parsed().issues.filter(pl.col("severity") == "warning")
    assert warnings.filter(pl.col("source_line") == 1155).height >= 1


def test_every_tab_line_is_in_a_table_or_an_issue():
    result, where = line_accounting(text(), DOC)
    tab_lines = [number for number, line in enumerate(text().split("\n"), start=1) if "\t" in line]
    assert sorted(where) == tab_lines
    staff = result.issues.filter(pl.col("source_line") == 864)  # `TOPLAM ¦ ¦ 825`, staff table
    assert staff.select("severity", "message").rows() == [
        ("info", "table row outside the performance-programme tables (not modelled)")
    ]
    assert where[1048] == "header" and where[1063] == "table"


def test_no_errors_and_schemas_validate():
    issues = parsed().issues
    assert issues.filter(pl.col("severity") == "error").height == 0
    assert set(parsed().tables) == set(PERFORMANCE_PROGRAMME_SCHEMAS)
    for name, frame in parsed().tables.items():
        PERFORMANCE_PROGRAMME_SCHEMAS[name].validate(frame, lazy=True)
        assert frame["document_id"].unique().to_list() in ([DOC], [])
        assert frame["source_line"].null_count() == 0 or name == "pp_findings"


def test_schema_leaves_broken_identities_to_dbt():
    # A cost row that does not add up and a 2.4 share that is not amount ÷ Genel Toplam are the
    # document's findings: dbt reports them (`row_components_vs_row_total`,
    # `section_2_4_share_vs_amount_over_grand_total`); the schema neither warns nor sets aside.
    costs = table("pp_activity_costs").with_columns(
        pl.when(pl.col("source_line") == 1436)
        .then(pl.col("total_try") + 1)
        .otherwise(pl.col("total_try"))
        .alias("total_try")
    )
    admin = table("pp_administration_performance").with_columns(
        pl.when(pl.col("activity_global_no") == 141)
        .then(20.0)
        .otherwise(pl.col("total_share_pct"))
        .alias("total_share_pct")
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        assert validate(PERFORMANCE_PROGRAMME_SCHEMAS["pp_activity_costs"], costs, "x").passed
        assert validate(PERFORMANCE_PROGRAMME_SCHEMAS["pp_administration_performance"], admin, "x").passed


def test_counts_the_narrative_declares_are_kept_as_written():
    # Line 3990: "... 51 adet Performans Hedefi, ... 154 adet Faaliyet/Proje yer almaktadır.
    # Performans Programında yer alan 154 adet Faaliyet/Proje için ..."
    declared = table("pp_declared_counts").select("item", "declared_count", "source_line").rows()
    assert declared == [
        ("performance_targets", 51, 3990),
        ("activities", 154, 3990),
        ("activities", 154, 3990),
    ]


def test_a_cost_table_that_writes_its_target_differently_is_reported_at_its_target_row():
    """15 cost tables write their performance target's text otherwise than 2.3 does; each finding
    names the table's `Performans Hedefi (n):` row, where the text is (line 1677 for target 11,
    whose table leaves a blank line under its title), not the `İdare Adı:` row above it."""
    differs = findings("performance_target_text_differs").filter(
        pl.col("table_name") == "pp_activity_cost_tables"
    )
    lines = text().splitlines()
    assert differs.height == 15
    assert differs["performance_target_no"].unique().sort().to_list() == [8, 11, 19, 21, 24, 27, 48]
    assert all(
        lines[row["source_line"] - 1].startswith(f"Performans Hedefi ({row['performance_target_no']}):")
        for row in differs.iter_rows(named=True)
    )
    assert (
        one("pp_findings", finding_type="performance_target_text_differs", performance_target_no=11)[
            "source_line"
        ]
        == 1677
    )
