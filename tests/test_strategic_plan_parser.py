"""The strategic plan parser on the real Kocaeli 2020-2024 plan: exact values read from the document.

Line numbers in the assertions are the document's own (1-based), so a failing test points at the
line to look at, in an editor or with
`cat -n raw/kocaeli_bb_stratejik_plan_2020_2024.txt | sed -n 2560,2570p`.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
import pytest

from dagster_project.parsers.cells import document_lines
from dagster_project.parsers.strategic_plan import (
    NOT_MODELLED_TABLE,
    StrategicPlanParse,
    parse_strategic_plan,
    parse_strategic_plan_detailed,
)
from dagster_project.parsers.strategic_plan.codes import continues, split_code
from dagster_project.parsers.strategic_plan.cost_distribution import row_kind
from dagster_project.parsers.strategic_plan.layout import REPEATED_HEADER
from dagster_project.parsers.strategic_plan.success_bands import parse_range
from dagster_project.parsers.strategic_plan.units import split_units
from dagster_project.schemas import STRATEGIC_PLAN_SCHEMAS, ExtractionIssuesSchema
from dagster_project.validation import polars_schema

DOC = "kocaeli-bb-sp-2020-2024"
SECTION_7_REPEATED_HEADERS = {2564, 2583, 2604, 2623, 2643, 2664}


@pytest.fixture(scope="module")
def parsed(kocaeli_plan_text: str) -> StrategicPlanParse:
    return parse_strategic_plan_detailed(kocaeli_plan_text, DOC)


@pytest.fixture(scope="module")
def tables(parsed: StrategicPlanParse) -> dict[str, pl.DataFrame]:
    return parsed.document.tables


@pytest.fixture(scope="module")
def issues(parsed: StrategicPlanParse) -> pl.DataFrame:
    return parsed.document.issues


def one(frame: pl.DataFrame, **equals: object) -> dict:
    """The single row of `frame` whose columns equal the given values."""
    rows = frame.filter(*(pl.col(name) == value for name, value in equals.items())).to_dicts()
    assert len(rows) == 1, f"{len(rows)} rows for {equals}"
    return rows[0]


def assert_every_tab_line_accounted(text: str, result: StrategicPlanParse) -> None:
    """Every tab line is a row's source_line, a consumed header, or an issue's line — and headers
    are never rows at the same time."""
    tab_lines = {line.number for line in document_lines(text) if line.is_table_row}
    # `source_line` plus the provenance of fields merged into a row (`cost_estimate_source_line`).
    extracted = {
        number
        for frame in result.document.tables.values()
        for column in frame.columns
        if column.endswith("source_line")
        for number in frame[column].drop_nulls().to_list()
    }
    issue_lines = set(result.document.issues["source_line"].drop_nulls().to_list())
    consumed = set(result.consumed_lines)
    assert tab_lines == extracted | consumed | issue_lines
    assert not consumed & extracted
    assert (extracted | consumed | issue_lines) <= tab_lines


# -- shape of the result -------------------------------------------------------------------------


def test_public_function_returns_every_table_valid_by_its_contract(kocaeli_plan_text: str) -> None:
    document = parse_strategic_plan(kocaeli_plan_text, DOC)
    assert document.document_id == DOC
    assert set(document.tables) == set(STRATEGIC_PLAN_SCHEMAS)
    for name, frame in document.tables.items():
        STRATEGIC_PLAN_SCHEMAS[name].validate(frame, lazy=True)
        assert set(frame["document_id"].to_list()) <= {DOC}
        assert frame["source_line"].null_count() == 0
    assert document.issues.schema == polars_schema(ExtractionIssuesSchema)


def test_row_counts_match_the_document(tables: dict[str, pl.DataFrame]) -> None:
    assert tables["sp_goals"].height == 17
    assert tables["sp_targets"].height == 82
    assert tables["sp_indicators"].height == 379
    assert tables["sp_activities"].height == 318  # Bir Bakışta declares 319, see test below
    assert tables["sp_indicator_values"].height == 379 * 2  # baseline + 2024 target
    assert tables["sp_card_extras"].height == 0  # Kocaeli's cards have no template extras
    assert tables["sp_cost_distribution"].height == 118 * 5
    assert tables["sp_revenue_forecast"].height == 7 * 5
    assert tables["sp_budget_realisations"].height == 6
    assert tables["sp_declared_counts"].height == 17 * 3 + 6
    assert tables["sp_success_bands"].height == 12


def test_every_table_passes_its_pandera_schema(parsed: StrategicPlanParse) -> None:
    for name, frame in parsed.document.tables.items():
        STRATEGIC_PLAN_SCHEMAS[name].validate(frame, lazy=True)
    ExtractionIssuesSchema.validate(parsed.document.issues, lazy=True)


# -- accounting of every tab line ----------------------------------------------------------------


def test_every_tab_line_is_extracted_consumed_or_an_issue(
    kocaeli_plan_text: str, parsed: StrategicPlanParse
) -> None:
    assert_every_tab_line_accounted(kocaeli_plan_text, parsed)


def test_consumed_lines_are_the_headers_and_repeats(parsed: StrategicPlanParse) -> None:
    consumed = parsed.consumed_lines
    assert consumed[238] == "Bir Bakışta table header"
    assert consumed[257] == "caption of the Bir Bakışta plan totals row"  # GENEL TOPLAM
    assert consumed[290] == "success band table title"
    assert consumed[1249] == "indicators table header of card KE.1.1"
    assert consumed[2064] == "activities table header of card TO.5.1"
    assert consumed[1271] == "goal KE.1 repeated on its target card (first at line 1246)"
    assert consumed[2544] == "cost distribution header"
    assert {
        line for line, reason in consumed.items() if reason == REPEATED_HEADER
    } == SECTION_7_REPEATED_HEADERS
    # 82 indicator headers, 82 activity headers, 65 repeated goal rows, 15 block headers/captions.
    assert len(consumed) == 82 + 82 + (82 - 17) + 15


def test_only_unmodelled_rows_and_the_ku4_goal_text_are_issues(issues: pl.DataFrame) -> None:
    flagged = issues.filter(pl.col("severity") != "info")
    # KU.4's goal text is spelled three ways on its cards: teknolojikten / teknolojiyen / teknolojiden.
    assert sorted(zip(flagged["severity"], flagged["source_line"], strict=True)) == [
        ("warning", 2363),
        ("warning", 2383),
    ]
    info = issues.filter(pl.col("severity") == "info")
    assert info["table_name"].unique().to_list() == [NOT_MODELLED_TABLE]
    assert info["message"].unique().to_list() == [
        "table row outside the strategic-plan tables (not modelled)"
    ]
    info_lines = set(info["source_line"].to_list())
    assert {40, 224, 235, 236, 237, 826, 1118, 1159} <= info_lines  # TOC, trainings, Misyon, staff, PESTLE
    assert not info_lines & set(range(238, 259))  # Bir Bakışta from its header on is modelled
    assert not info_lines & set(range(1246, 2675))  # cards and section 7 are modelled entirely
    row = one(issues, source_line=227)
    assert row["raw_text"] == "Vatandaş Memnuniyeti Ölçümü\tVatandaşlar\tAnket\t13.502 Kişi"
    assert row["document_id"] == DOC


# -- goals and targets ---------------------------------------------------------------------------


def test_goal_ke1_with_its_areas(tables: dict[str, pl.DataFrame]) -> None:
    goal = one(tables["sp_goals"], goal_code="KE.1")
    assert goal["goal_text"] == "Güvenilir, kolay ve konforlu ulaşım ağı kurmak."
    assert goal["service_area"] == "Ulaşım Hizmetleri"
    assert goal["service_area_heading"] == "ULAŞIM HİZMETLERİ"
    assert goal["transformation_area"] == "Kentsel Dönüşüm"
    assert goal["transformation_area_heading"] == "KENTSEL DÖNÜŞÜM"
    assert goal["source_line"] == 1246


def test_goal_to3_shares_the_service_area_of_to2(tables: dict[str, pl.DataFrame]) -> None:
    goal = one(tables["sp_goals"], goal_code="TO.3")
    assert goal["service_area"] == "Gençlik, Spor ve Eğitim Hizmetleri"
    assert goal["service_area_heading"] == "GENÇLİK, SPOR VE EĞİTİM HİZMETLERİ"
    assert goal["source_line"] == 1997
    assert one(tables["sp_goals"], goal_code="KU.6")["transformation_area"] == "Kurumsal Dönüşüm"


def test_target_ke11_card(tables: dict[str, pl.DataFrame]) -> None:
    target = one(tables["sp_targets"], target_code="KE.1.1")
    assert (
        target["target_text"] == "Yayaların erişim ve hareketliliğini merkeze alan karayolu altyapısı kurmak."
    )
    assert target["goal_code"] == "KE.1"
    assert target["responsible_units"] == [
        "Fen İşleri Dairesi Başkanlığı",
        "Ulaşım ve Trafik Yönetimi Dairesi Başkanlığı",
    ]
    assert target["cost_estimate_try"] == 2_621_710_000.0
    assert target["cost_estimate_raw"] == "2.621.710.000"
    assert target["source_line"] == 1247
    assert target["responsible_units_source_line"] == 1248
    assert target["cost_estimate_source_line"] == 1269


def test_three_packed_responsible_units_are_split(tables: dict[str, pl.DataFrame]) -> None:
    units = one(tables["sp_targets"], target_code="KE.1.5")["responsible_units"]
    assert units == [
        "Fen İşleri Dairesi Başkanlığı",
        "Ulaşım ve Trafik Yönetimi Dairesi Başkanlığı",
        "Yapı Kontrol Dairesi Başkanlığı",
    ]
    every_unit = tables["sp_targets"]["responsible_units"].explode().drop_nulls()
    assert every_unit.str.ends_with("Başkanlığı").all()
    assert tables["sp_targets"]["responsible_units"].list.len().min() == 1


def test_targets_per_goal(tables: dict[str, pl.DataFrame]) -> None:
    per_goal = dict(tables["sp_targets"].group_by("goal_code").len().iter_rows())
    assert per_goal["KE.1"] == 11
    assert per_goal["KE.3"] == 9
    assert per_goal["TO.3"] == 1
    assert sum(per_goal.values()) == 82


# -- indicators and their values -----------------------------------------------------------------


def values_of(tables: dict[str, pl.DataFrame], code: str) -> dict[str, tuple]:
    rows = tables["sp_indicator_values"].filter(pl.col("indicator_code") == code).sort("value_type")
    return {row["value_type"]: (row["year"], row["value"], row["value_raw"]) for row in rows.to_dicts()}


def test_dash_baseline_is_missing_not_zero(tables: dict[str, pl.DataFrame]) -> None:
    indicator = one(tables["sp_indicators"], indicator_code="Ke/Pg.1.1.2")
    assert indicator["indicator_name"] == "Yapılan yayalaştırma projesi sayısı"
    assert indicator["unit"] == "Adet"
    assert indicator["baseline_value"] is None
    assert indicator["baseline_raw"] == "-"
    assert indicator["target_code"] == "KE.1.1"
    assert values_of(tables, "Ke/Pg.1.1.2") == {"baseline": (None, None, "-"), "target": (2024, 12.0, "12")}


def test_decimal_comma(tables: dict[str, pl.DataFrame]) -> None:
    assert values_of(tables, "Ke/Pg.1.3.4") == {
        "baseline": (None, 9.3, "9,3"),
        "target": (2024, 18.7, "18,7"),
    }
    assert values_of(tables, "To/Pg.4.2.2")["target"] == (2024, 1.12, "1,12")


def test_thousands_dot(tables: dict[str, pl.DataFrame]) -> None:
    indicator = one(tables["sp_indicators"], indicator_code="Ke/Pg.1.2.1")
    assert indicator["baseline_value"] == 125_000_000.0
    assert indicator["baseline_raw"] == "125.000.000"
    assert values_of(tables, "Ke/Pg.1.2.1")["target"] == (2024, 150_000_000.0, "150.000.000")
    assert one(tables["sp_indicators"], indicator_code="Ke/Pg.1.4.3")["unit"] == "M ²"


def test_value_columns_keep_their_header_text(tables: dict[str, pl.DataFrame]) -> None:
    headers = tables["sp_indicator_values"].group_by("value_type", "column_header").len().sort("value_type")
    assert headers.rows() == [("baseline", "Şimdiki Değeri", 379), ("target", "2024 Yılı Hedefi", 379)]
    assert tables["sp_indicator_values"].filter(pl.col("value_raw") == "-")["value"].null_count() > 0
    assert tables["sp_indicators"]["weight_pct"].null_count() == 379  # no `Hedefe Etkisi` column


def test_indicator_ke_pg_1_4_10_has_a_two_digit_last_part(tables: dict[str, pl.DataFrame]) -> None:
    indicator = one(tables["sp_indicators"], indicator_code="Ke/Pg.1.4.10")
    assert indicator["indicator_name"] == "Üretilen asfalt miktarı"
    assert indicator["baseline_value"] == 1_037_000.0
    assert indicator["source_line"] == 1326


# -- TO.5.1: the card with a blank line inside ---------------------------------------------------


def test_to51_card_survives_its_blank_line(tables: dict[str, pl.DataFrame]) -> None:
    target = one(tables["sp_targets"], target_code="TO.5.1")
    assert target["cost_estimate_try"] == 300_341_265.0
    assert target["source_line"] == 2047
    assert target["cost_estimate_source_line"] == 2080
    assert target["responsible_units"] == [
        "Sağlık ve Sosyal Hizmetler Dairesi Başkanlığı",
        "Yapı Kontrol Dairesi Başkanlığı",
    ]
    activities = tables["sp_activities"].filter(pl.col("target_code") == "TO.5.1").sort("source_line")
    assert activities.height == 15
    assert activities["source_line"].to_list() == list(range(2065, 2080))
    assert activities["activity_code"].to_list()[-1] == "To/F.5.1.15"
    assert activities["activity_name"].to_list()[-1] == "YEKAP Projesi faaliyetleri"
    assert tables["sp_indicators"].filter(pl.col("target_code") == "TO.5.1").height == 13


def test_ke1_cards_hold_48_activities_while_bir_bakista_declares_49(tables: dict[str, pl.DataFrame]) -> None:
    in_cards = tables["sp_activities"].filter(pl.col("target_code").str.starts_with("KE.1.")).height
    declared = one(tables["sp_declared_counts"], goal_code="KE.1", item="activities")
    assert (in_cards, declared["declared_count"]) == (48, 49)


# -- section 7 -----------------------------------------------------------------------------------


def amounts(tables: dict[str, pl.DataFrame], **equals: object) -> list[float]:
    rows = tables["sp_cost_distribution"].filter(*(pl.col(k) == v for k, v in equals.items())).sort("year")
    return rows["amount_try"].to_list()


def test_every_card_cost_equals_its_section_7_total(tables: dict[str, pl.DataFrame]) -> None:
    section_7 = (
        tables["sp_cost_distribution"]
        .filter(pl.col("row_kind") == "target")
        .group_by("code")
        .agg(pl.col("row_total_try").first(), pl.len().alias("years"))
    )
    joined = tables["sp_targets"].join(section_7, left_on="target_code", right_on="code", how="full")
    assert joined.height == 82
    assert joined["years"].to_list() == [5] * 82
    assert (joined["cost_estimate_try"] == joined["row_total_try"]).all()


def test_section_7_row_kinds(tables: dict[str, pl.DataFrame]) -> None:
    kinds = dict(
        tables["sp_cost_distribution"].filter(pl.col("year") == 2020).group_by("row_kind").len().rows()
    )
    assert kinds == {
        "transformation_area": 3,
        "service_area": 11,
        "goal": 17,
        "target": 82,
        "plan_total": 1,
        "personnel_expenses": 1,
        "interest_expenses": 1,
        "other_expenses": 1,
        "grand_total": 1,
    }
    assert sorted(tables["sp_cost_distribution"]["year"].unique().to_list()) == [2020, 2021, 2022, 2023, 2024]


def test_rows_right_after_repeated_headers(tables: dict[str, pl.DataFrame]) -> None:
    ke23 = one(tables["sp_cost_distribution"], code="KE.2.3", year=2020)
    assert (ke23["source_line"], ke23["row_kind"], ke23["row_total_try"]) == (2565, "target", 1_400_000.0)
    assert amounts(tables, code="KE.2.3") == [80_000.0, 70_000.0, 150_000.0, 550_000.0, 550_000.0]
    assert amounts(tables, code="KE.3.9") == [2_488_000.0, 1_990_000.0, 4_895_000.0, 5_400_000.0, 4_905_000.0]
    to1 = one(tables["sp_cost_distribution"], code="TO.1", year=2024)
    assert (to1["source_line"], to1["row_kind"], to1["amount_raw"]) == (2605, "goal", "76.625.080")
    # Row numbers continue across the page breaks: KE.2.2 (line 2562) is directly followed by KE.2.3.
    assert one(tables["sp_cost_distribution"], code="KE.2.2", year=2020)["row_no"] + 1 == ke23["row_no"]


def test_section_7_totals_and_expenses(tables: dict[str, pl.DataFrame]) -> None:
    plan_total = one(tables["sp_cost_distribution"], row_kind="plan_total", year=2024)
    assert plan_total["amount_try"] == 2_848_737_313.0
    assert plan_total["row_label"] == "2020-2024 Stratejik Planı Toplam Maliyeti"
    assert plan_total["row_total_try"] == 12_061_089_448.0
    assert (
        one(tables["sp_cost_distribution"], row_kind="personnel_expenses", year=2020)["amount_try"]
        == 378_591_838.0
    )
    grand = one(tables["sp_cost_distribution"], row_kind="grand_total", year=2024)
    assert (grand["amount_try"], grand["row_total_raw"], grand["source_line"]) == (
        4_065_874_694.0,
        "17.507.438.984",
        2674,
    )
    assert amounts(tables, code="KE.3.8") == [0.0] * 5  # a written 0 is zero, not missing


def test_section_7_carries_areas_down(tables: dict[str, pl.DataFrame]) -> None:
    to3 = one(tables["sp_cost_distribution"], code="TO.3", year=2020)
    assert to3["service_area"] == "Gençlik, Spor ve Eğitim Hizmetleri"  # no service-area row of its own
    assert to3["transformation_area"] == "Toplumsal Dönüşüm"
    assert (
        one(tables["sp_cost_distribution"], code="KU.6.5", year=2020)["service_area"]
        == "Akıllı Şehir Hizmetleri"
    )
    assert one(tables["sp_cost_distribution"], row_kind="grand_total", year=2020)["service_area"] is None


# -- finance, Bir Bakışta, success bands ---------------------------------------------------------


def test_revenue_forecast(tables: dict[str, pl.DataFrame]) -> None:
    revenue = tables["sp_revenue_forecast"]
    total = one(revenue, source_name="TOPLAM", year=2024)
    assert (total["amount_try"], total["is_total"], total["source_line"]) == (4_065_874_694.0, True, 1039)
    tax = one(revenue, source_name="Vergi Gelirleri", year=2020)
    assert (tax["amount_try"], tax["amount_raw"], tax["is_total"]) == (49_907_000.0, "49.907.000", False)
    assert tax["row_total_try"] == 318_807_000.0
    assert revenue.filter(pl.col("is_total"))["source_line"].unique().to_list() == [1039]


def test_budget_realisations(tables: dict[str, pl.DataFrame]) -> None:
    budget = tables["sp_budget_realisations"]
    year_2014 = one(budget, year=2014)
    assert year_2014["revenue_try"] == 1_281_312_454.0
    assert year_2014["revenue_raw"] == "1.281.312.454 ₺"
    assert year_2014["expenditure_try"] == 1_200_587_851.0
    assert (year_2014["coverage_pct"], year_2014["coverage_raw"]) == (106.72, "%106,72")
    total = one(budget, is_total=True)
    assert (total["year"], total["revenue_try"], total["coverage_pct"]) == (None, 9_441_296_895.0, 104.22)


def test_bir_bakista_declared_counts(tables: dict[str, pl.DataFrame]) -> None:
    declared = tables["sp_declared_counts"]
    ke1 = {
        row["item"]: row["declared_count"]
        for row in declared.filter(pl.col("goal_code") == "KE.1").to_dicts()
    }
    assert ke1 == {"targets": 11, "activities": 49, "indicators": 52}
    plan = {
        row["item"]: row["declared_count"] for row in declared.filter(pl.col("scope") == "plan").to_dicts()
    }
    assert plan == {
        "transformation_areas": 3,
        "service_areas": 11,
        "goals": 17,
        "targets": 82,
        "activities": 319,
        "indicators": 379,
    }
    assert one(declared, scope="plan", item="activities")["raw_text"] == "319 Proje/Faaliyet"
    to3 = one(declared, goal_code="TO.3", item="targets")
    assert (to3["service_area"], to3["transformation_area"], to3["source_line"]) == (
        "Gençlik, Spor ve Eğitim Hizmetleri",
        "Toplumsal Dönüşüm",
        247,
    )
    # The row after the blank line 250 starts the next transformation area.
    assert one(declared, goal_code="KU.1", item="targets")["transformation_area"] == "Kurumsal Dönüşüm"


def test_success_bands_as_written(tables: dict[str, pl.DataFrame]) -> None:
    bands = tables["sp_success_bands"]
    section_8 = bands.filter(pl.col("section") == "8").sort("band_order")
    assert section_8.height == 6
    assert section_8["band_name"].to_list() == ["Hedef Üstü", "Çok İyi", "İyi", "Orta", "Zayıf", "Çok Zayıf"]
    very_good = one(section_8, range_text="% 85-114")
    assert (very_good["lower_pct"], very_good["upper_pct"], very_good["band_name"], very_good["score"]) == (
        85.0,
        114.0,
        "Çok İyi",
        5,
    )
    above = one(section_8, band_order=1)
    assert (above["range_text"], above["lower_pct"], above["upper_pct"], above["score"]) == (
        "% 115 ve üstü",
        115.0,
        None,
        5,
    )
    assert one(section_8, band_order=6)["source_line"] == 2691  # last line, no trailing newline
    assert bands.filter(pl.col("section") == "4.2")["source_line"].to_list() == list(range(292, 298))


# -- helpers of the package ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("KE.1.1 Yayaların erişim", ("KE.1.1", "Yayaların erişim")),
        ("Ke/Pg.1.4.10", ("Ke/Pg.1.4.10", "")),
        ("PG1.1.1: Yolcu sayısı", ("PG1.1.1", "Yolcu sayısı")),
        ("H2.3 - Hedef metni", ("H2.3", "Hedef metni")),
        ("Kentsel Dönüşüm", (None, "Kentsel Dönüşüm")),
        ("2020-2024 Stratejik Planı Toplam Maliyeti", (None, "2020-2024 Stratejik Planı Toplam Maliyeti")),
    ],
)
def test_split_code(cell: str, expected: tuple[str | None, str]) -> None:
    assert split_code(cell) == expected


def test_codes_continue_by_number() -> None:
    assert continues("Ke/Pg.1.1.3", "KE.1.1")
    assert continues("KE.1.10", "KE.1")
    assert not continues("Ke/Pg.1.2.3", "KE.1.1")
    assert not continues("KE.1", "KE.1")


def test_split_units() -> None:
    assert split_units("Teftiş Kurulu Başkanlığı Yazı İşleri Müdürlüğü") == (
        ["Teftiş Kurulu Başkanlığı", "Yazı İşleri Müdürlüğü"],
        None,
    )
    units, note = split_units("Mali Hizmetler Dairesi Başkanlığı; Hukuk Müşavirliği, Strateji Birimi")
    assert units == ["Mali Hizmetler Dairesi Başkanlığı", "Hukuk Müşavirliği", "Strateji Birimi"]
    assert note is not None and "'Strateji Birimi'" in note


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Kentsel Dönüşüm", ("transformation_area", None)),
        ("Kırsal ve Tarımsal Hizmetler", ("service_area", None)),
        ("KE.4 Kırsal alanlarda ...", ("goal", "KE.4")),
        ("KE.4.1 Tarımsal üretim ...", ("target", "KE.4.1")),
        ("2020-2024 Stratejik Planı Toplam Maliyeti", ("plan_total", None)),
        ("Faiz Giderleri", ("interest_expenses", None)),
        ("GENEL TOPLAM", ("grand_total", None)),
        ("Yatırım Programı", (None, None)),
    ],
)
def test_section_7_row_kind(label: str, expected: tuple[str | None, str | None]) -> None:
    assert row_kind(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("% 85-114", (85.0, 114.0)),
        ("% 115 ve üstü", (115.0, None)),
        ("%0 - 44", (0.0, 44.0)),
        ("% 44 ve altı", (None, 44.0)),
        ("% 84,5-100", (84.5, 100.0)),
        ("yüksek", None),
    ],
)
def test_parse_range(text: str, expected: tuple[float | None, float | None] | None) -> None:
    assert parse_range(text) == expected


# -- schemas reject what they should -------------------------------------------------------------


def test_schemas_reject_broken_rows(tables: dict[str, pl.DataFrame]) -> None:
    targets = tables["sp_targets"]
    duplicated = pl.concat([targets, targets.head(1)])
    with pytest.raises(pa.errors.SchemaErrors, match="multiple_fields_uniqueness"):
        STRATEGIC_PLAN_SCHEMAS["sp_targets"].validate(duplicated, lazy=True)
    # A code that does not continue its goal's is a document typo (a warning extraction issue):
    # the schema warns instead of failing, so one typo cannot block a refresh.
    wrong_goal = targets.with_columns(pl.lit("KE.2").alias("goal_code"))
    with pytest.warns(UserWarning, match="target_continues_goal"):
        STRATEGIC_PLAN_SCHEMAS["sp_targets"].validate(wrong_goal, lazy=True)
    negative = tables["sp_cost_distribution"].with_columns(-pl.col("amount_try"))
    with pytest.raises(pa.errors.SchemaErrors, match="greater_than_or_equal_to"):
        STRATEGIC_PLAN_SCHEMAS["sp_cost_distribution"].validate(negative, lazy=True)
    dash_as_zero = tables["sp_indicator_values"].with_columns(pl.col("value").fill_null(0.0))
    with pytest.raises(pa.errors.SchemaErrors, match="dash_is_missing_not_zero"):
        STRATEGIC_PLAN_SCHEMAS["sp_indicator_values"].validate(dash_as_zero, lazy=True)
    bad_year = tables["sp_revenue_forecast"].with_columns(pl.lit(3024).alias("year"))
    with pytest.raises(pa.errors.SchemaErrors, match="in_range"):
        STRATEGIC_PLAN_SCHEMAS["sp_revenue_forecast"].validate(bad_year, lazy=True)
    uncoded_goal = tables["sp_cost_distribution"].with_columns(pl.lit(None, pl.String).alias("code"))
    with pytest.raises(pa.errors.SchemaErrors, match="only_goals_and_targets_have_codes"):
        STRATEGIC_PLAN_SCHEMAS["sp_cost_distribution"].validate(uncoded_goal, lazy=True)
