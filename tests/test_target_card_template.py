"""Target cards in the official template layout (other administrations' plans) and broken input.

The fixture cards follow the 2019+ template of the Kamu İdareleri İçin Stratejik Planlama Kılavuzu:
an indicator table with `Hedefe Etkisi (%)`, `Plan Dönemi Başlangıç Değeri`, one column per plan year,
`İzleme Sıklığı`, `Raporlama Sıklığı`, and rows such as `İşbirliği Yapılacak Birim(ler)`, `Riskler`.
The robustness tests damage a copy of the real Kocaeli plan the ways PDF extraction does.
"""

from __future__ import annotations

import polars as pl
import pytest

from dagster_project.parsers.cells import document_lines
from dagster_project.parsers.strategic_plan import (
    StrategicPlanParse,
    parse_strategic_plan_detailed,
)
from dagster_project.schemas import STRATEGIC_PLAN_SCHEMAS, ExtractionIssuesSchema

DOC = "ornek-bb-sp-2025-2029"

OFFICIAL_CARD = "\n".join(
    [
        "6.1- KENTSEL DÖNÜŞÜM",
        "",
        "ULAŞIM HİZMETLERİ",
        "",
        "Amaç\tA1 Kentte erişilebilir ve güvenli ulaşımı sağlamak.",
        "Hedef\tH1.1 Toplu taşımanın payını artırmak.",
        "Performans Göstergeleri\tHedefe Etkisi (%)\tPlan Dönemi Başlangıç Değeri\t2025\t2026\t2027\t2028\t2029"
        "\tİzleme Sıklığı\tRaporlama Sıklığı",
        "PG1.1.1 Toplu taşıma yolculuk sayısı (milyon)\t60\t120\t125\t130\t135\t140\t150\t6 Ay\t6 Ay",
        "PG1.1.2 Erişilebilir durak oranı (%)\t40\t12,5\t15\t-\t25\t30\t40\tYıllık\tYıllık",
        "Sorumlu Birim\tUlaşım Dairesi Başkanlığı",
        "İşbirliği Yapılacak Birim(ler)\tFen İşleri Dairesi Başkanlığı, Zabıta Dairesi Başkanlığı",
        "Riskler\tAraç tedarikinde gecikme",
        "Stratejiler\tAkıllı durak sistemleri kurulacak",
        "Maliyet Tahmini\t125.000.000",
        "Tespitler\tFilo ortalama yaşı yüksek",
        "İhtiyaçlar\tYeni otobüs alımı",
        "",
    ]
)


def parse(text: str) -> StrategicPlanParse:
    return parse_strategic_plan_detailed(text, DOC)


def assert_every_tab_line_accounted(text: str, result: StrategicPlanParse) -> None:
    tab_lines = {line.number for line in document_lines(text) if line.is_table_row}
    extracted = {
        number
        for frame in result.document.tables.values()
        for column in frame.columns
        if column.endswith("source_line")
        for number in frame[column].drop_nulls().to_list()
    }
    issue_lines = set(result.document.issues["source_line"].drop_nulls().to_list())
    assert tab_lines == extracted | set(result.consumed_lines) | issue_lines


def line_issues(result: StrategicPlanParse) -> pl.DataFrame:
    return result.document.issues.filter(pl.col("source_line").is_not_null())


def assert_valid(result: StrategicPlanParse) -> None:
    for name, frame in result.document.tables.items():
        STRATEGIC_PLAN_SCHEMAS[name].validate(frame, lazy=True)
    ExtractionIssuesSchema.validate(result.document.issues, lazy=True)


# -- the official layout -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official() -> StrategicPlanParse:
    return parse(OFFICIAL_CARD)


def test_official_card_goal_and_target(official: StrategicPlanParse) -> None:
    tables = official.document.tables
    goal = tables["sp_goals"].row(0, named=True)
    assert (goal["goal_code"], goal["goal_text"]) == (
        "A1",
        "Kentte erişilebilir ve güvenli ulaşımı sağlamak.",
    )
    assert (goal["service_area"], goal["transformation_area"]) == ("ULAŞIM HİZMETLERİ", "KENTSEL DÖNÜŞÜM")
    target = tables["sp_targets"].row(0, named=True)
    assert target["target_code"] == "H1.1"
    assert target["goal_code"] == "A1"
    assert target["responsible_units"] == ["Ulaşım Dairesi Başkanlığı"]
    assert (target["cost_estimate_try"], target["cost_estimate_raw"]) == (125_000_000.0, "125.000.000")
    assert (target["source_line"], target["cost_estimate_source_line"]) == (6, 14)


def test_official_card_weights_baseline_and_frequencies(official: StrategicPlanParse) -> None:
    indicators = official.document.tables["sp_indicators"].sort("indicator_code")
    assert indicators["indicator_code"].to_list() == ["PG1.1.1", "PG1.1.2"]
    assert indicators["indicator_name"].to_list() == [
        "Toplu taşıma yolculuk sayısı (milyon)",
        "Erişilebilir durak oranı (%)",
    ]
    assert indicators["weight_pct"].to_list() == [60.0, 40.0]
    assert indicators["baseline_value"].to_list() == [120.0, 12.5]
    assert indicators["baseline_raw"].to_list() == ["120", "12,5"]
    assert indicators["monitoring_frequency"].to_list() == ["6 Ay", "Yıllık"]
    assert indicators["reporting_frequency"].to_list() == ["6 Ay", "Yıllık"]
    assert indicators["unit"].to_list() == [None, None]  # the template has no unit column


def test_official_card_keeps_every_yearly_target_as_written(official: StrategicPlanParse) -> None:
    values = official.document.tables["sp_indicator_values"]
    targets = values.filter((pl.col("indicator_code") == "PG1.1.1") & (pl.col("value_type") == "target"))
    assert targets.sort("year").select("year", "value").rows() == [
        (2025, 125.0),
        (2026, 130.0),
        (2027, 135.0),
        (2028, 140.0),
        (2029, 150.0),
    ]
    dash = values.filter((pl.col("indicator_code") == "PG1.1.2") & (pl.col("year") == 2026)).row(
        0, named=True
    )
    assert (dash["value"], dash["value_raw"], dash["column_header"]) == (None, "-", "2026")
    baseline = values.filter(pl.col("value_type") == "baseline").sort("indicator_code")
    assert baseline["column_header"].unique().to_list() == ["Plan Dönemi Başlangıç Değeri"]
    assert baseline["year"].to_list() == [None, None]
    assert values.height == 2 * 6


def test_official_card_extra_rows(official: StrategicPlanParse) -> None:
    extras = official.document.tables["sp_card_extras"].sort("source_line")
    assert extras.select("field", "value", "source_line").rows() == [
        ("İşbirliği Yapılacak Birim(ler)", "Fen İşleri Dairesi Başkanlığı, Zabıta Dairesi Başkanlığı", 11),
        ("Riskler", "Araç tedarikinde gecikme", 12),
        ("Stratejiler", "Akıllı durak sistemleri kurulacak", 13),
        ("Tespitler", "Filo ortalama yaşı yüksek", 15),
        ("İhtiyaçlar", "Yeni otobüs alımı", 16),
    ]
    assert extras["target_code"].unique().to_list() == ["H1.1"]


def test_official_card_has_no_line_issues_and_validates(official: StrategicPlanParse) -> None:
    assert line_issues(official).height == 0
    # The other plan tables are absent from this fixture: reported once each, not per line.
    missing = official.document.issues.filter(pl.col("source_line").is_null())
    assert sorted(missing["table_name"].to_list()) == [
        "sp_budget_realisations",
        "sp_cost_distribution",
        "sp_declared_counts",
        "sp_revenue_forecast",
        "sp_success_bands",
    ]
    assert_every_tab_line_accounted(OFFICIAL_CARD, official)
    assert_valid(official)


def test_year_target_headers_and_a_dated_baseline() -> None:
    text = "\n".join(
        [
            "Amaç\tA2\tAtık yönetimini iyileştirmek.",  # code in its own cell
            "Hedef\tH2.1\tGeri dönüşümü artırmak.",
            "Performans Göstergeleri\tPlan Dönemi Başlangıç Değeri (2024)\t2025 Yılı Hedefi\t2026 Yılı Hedefi",
            "PG2.1.1 Geri dönüşüm oranı\t%8,5\t%10\t%12",
            "Sorumlu Birim(ler)\tÇevre Koruma Müdürlüğü Temizlik İşleri Müdürlüğü",
            "Maliyet Tahmini (TL)\t2.500.000,50",
        ]
    )
    result = parse(text)
    tables = result.document.tables
    assert tables["sp_goals"].row(0, named=True)["goal_text"] == "Atık yönetimini iyileştirmek."
    target = tables["sp_targets"].row(0, named=True)
    assert (target["target_code"], target["target_text"]) == ("H2.1", "Geri dönüşümü artırmak.")
    assert target["responsible_units"] == ["Çevre Koruma Müdürlüğü", "Temizlik İşleri Müdürlüğü"]
    assert target["cost_estimate_try"] == 2_500_000.5
    values = tables["sp_indicator_values"].sort("value_type", "year")
    assert values.select("value_type", "year", "value", "column_header").rows() == [
        ("baseline", 2024, 8.5, "Plan Dönemi Başlangıç Değeri (2024)"),
        ("target", 2025, 10.0, "2025 Yılı Hedefi"),
        ("target", 2026, 12.0, "2026 Yılı Hedefi"),
    ]
    assert line_issues(result).height == 0
    assert_valid(result)


def test_unknown_column_and_unknown_row_become_issues() -> None:
    text = "\n".join(
        [
            "Amaç\tA1 Amaç metni.",
            "Hedef\tH1.1 Hedef metni.",
            "Performans Göstergeleri\tHedefe Etkisi (%)\tPlan Dönemi Başlangıç Değeri\t2025\tAçıklama"
            "\tİzleme Sıklığı\tRaporlama Sıklığı",
            "PG1.1.1 Gösterge\t100\t10\t20\tBelediye verisi\t6 Ay\tYıllık",
            "Sorumlu Birim\tBilgi İşlem Dairesi Başkanlığı",
            "Notlar\tBu satır şablonda yok",
            "Maliyet Tahmini\t1.000",
        ]
    )
    result = parse(text)
    issues = line_issues(result).sort("source_line")
    assert issues.select("source_line", "severity").rows() == [(3, "warning"), (4, "warning"), (6, "warning")]
    messages = issues["message"].to_list()
    assert "'Açıklama'" in messages[0]
    assert "'Belediye verisi'" in messages[1] and "'Açıklama'" in messages[1]
    assert "'Notlar'" in messages[2]
    # Everything known is still extracted, in the right place.
    indicator = result.document.tables["sp_indicators"].row(0, named=True)
    assert (indicator["weight_pct"], indicator["baseline_value"], indicator["reporting_frequency"]) == (
        100.0,
        10.0,
        "Yıllık",
    )
    target_2025 = result.document.tables["sp_indicator_values"].filter(pl.col("year") == 2025)
    assert target_2025["value"].to_list() == [20.0]
    assert result.document.tables["sp_targets"]["cost_estimate_try"].to_list() == [1000.0]
    assert_every_tab_line_accounted(text, result)


def test_text_values_and_inconsistent_codes_are_reported() -> None:
    text = "\n".join(
        [
            "Amaç\tA1 Amaç metni.",
            "Hedef\tH2.1 Başka bir amaca ait görünen hedef.",
            "Performans Göstergeleri\tPlan Dönemi Başlangıç Değeri\t2025",
            "PG2.1.1 Gösterge\tVar\tArtış",
            "Maliyet Tahmini\tBelirlenmedi",
        ]
    )
    result = parse(text)
    issues = line_issues(result)

    def messages(line: int) -> list[str]:
        return issues.filter(pl.col("source_line") == line)["message"].to_list()

    assert messages(2) == [
        "target code H2.1 does not continue goal code A1",
        "card of H2.1 ends without a Sorumlu Birim(ler) row",
    ]
    assert len(messages(4)) == 2  # both value cells are text
    assert messages(5) == ["cost estimate 'Belirlenmedi' of H2.1 is not a number"]
    values = result.document.tables["sp_indicator_values"].sort("value_type")
    assert values.select("value", "value_raw").rows() == [(None, "Var"), (None, "Artış")]
    assert result.document.tables["sp_targets"]["cost_estimate_raw"].to_list() == ["Belirlenmedi"]
    assert_every_tab_line_accounted(text, result)


# -- robustness on damaged copies of the real plan -----------------------------------------------


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "\x00\x01\x02\tÿþ\x00\n\t\t\n\x1b[0m\tKE.1.1", "Stratejik Hedef\t\n\tMaliyet Tahmini (TL)"],
    ids=["empty", "blank", "binary", "fragments"],
)
def test_any_text_returns_a_parsed_document(text: str) -> None:
    result = parse(text)
    assert set(result.document.tables) == set(STRATEGIC_PLAN_SCHEMAS)
    assert_valid(result)
    assert_every_tab_line_accounted(text, result)
    errors = result.document.issues.filter(pl.col("severity") == "error")
    assert "no target cards (Stratejik Hedef rows) found" in errors["message"].to_list()


def test_truncated_in_the_middle_of_a_card(kocaeli_plan_text: str) -> None:
    # Cut after line 2054: the TO.5.1 card stops after its fifth indicator.
    text = "\n".join(kocaeli_plan_text.split("\n")[:2054])
    result = parse(text)
    tables = result.document.tables
    assert tables["sp_targets"].height == 51  # KE.1.1 ... TO.5.1
    to51 = tables["sp_targets"].filter(pl.col("target_code") == "TO.5.1").row(0, named=True)
    assert (to51["cost_estimate_try"], to51["cost_estimate_raw"]) == (None, None)
    assert tables["sp_indicators"].filter(pl.col("target_code") == "TO.5.1").height == 5
    warning = line_issues(result).filter(pl.col("source_line") == 2047).row(0, named=True)
    assert warning["severity"] == "warning"
    assert warning["message"] == "card of TO.5.1 ends without a Maliyet Tahmini row"
    missing = result.document.issues.filter(pl.col("source_line").is_null())["table_name"].to_list()
    assert missing == ["sp_cost_distribution"]  # section 7 is gone; bands still have the 4.2 copy
    assert tables["sp_success_bands"]["section"].unique().to_list() == ["4.2"]
    assert_every_tab_line_accounted(text, result)
    assert_valid(result)


def test_shifted_cells_are_realigned_and_reported(kocaeli_plan_text: str) -> None:
    text = replace_line(
        kocaeli_plan_text, 1250, "Ke/Pg.1.1.1\t\tProjesi yapılan kavşak sayısı\tAdet\t200\t350"
    )  # an empty cell inserted after the code
    text = replace_line(
        text,
        2565,
        "KE.2.3 Çevre bilincinin kazandırılmasına yönelik çalışmalar yapmak.\t\t80.000\t70.000\t150.000"
        "\t550.000\t550.000\t1.400.000",
    )
    result = parse(text)
    tables = result.document.tables
    indicator = tables["sp_indicators"].filter(pl.col("indicator_code") == "Ke/Pg.1.1.1").row(0, named=True)
    assert (indicator["indicator_name"], indicator["unit"], indicator["baseline_value"]) == (
        "Projesi yapılan kavşak sayısı",
        "Adet",
        200.0,
    )
    ke23 = tables["sp_cost_distribution"].filter(pl.col("code") == "KE.2.3").sort("year")
    assert ke23["amount_try"].to_list() == [80_000.0, 70_000.0, 150_000.0, 550_000.0, 550_000.0]
    assert ke23["row_total_try"].unique().to_list() == [1_400_000.0]
    shifted = line_issues(result).filter(pl.col("message").str.contains("shifted"))
    assert sorted(shifted["source_line"].to_list()) == [1250, 2565]
    assert shifted["severity"].unique().to_list() == ["warning"]
    assert tables["sp_indicators"].height == 379
    assert_every_tab_line_accounted(text, result)


def test_row_that_cannot_be_placed_is_an_error(kocaeli_plan_text: str) -> None:
    damaged = "Ke/Pg.1.1.2\tYapılan yayalaştırma projesi sayısı\tAdet\t-\t12\t99\t7"  # two cells too many
    text = replace_line(kocaeli_plan_text, 1251, damaged)
    result = parse(text)
    error = line_issues(result).filter(pl.col("source_line") == 1251).row(0, named=True)
    assert error["severity"] == "error"
    assert (
        "Gösterge Kodu | Performans Göstergeleri | Ölçü Birimi | Şimdiki Değeri | 2024 Yılı Hedefi"
        in (error["message"])
    )
    assert error["raw_text"] == damaged
    assert result.document.tables["sp_indicators"].height == 378
    assert_every_tab_line_accounted(text, result)


def test_short_row_is_extracted_with_a_warning(kocaeli_plan_text: str) -> None:
    text = replace_line(kocaeli_plan_text, 1251, "Ke/Pg.1.1.2\tYapılan yayalaştırma projesi sayısı")
    result = parse(text)
    indicator = result.document.tables["sp_indicators"].filter(pl.col("indicator_code") == "Ke/Pg.1.1.2")
    assert indicator.select("unit", "baseline_value", "baseline_raw").rows() == [(None, None, "")]
    warning = line_issues(result).filter(pl.col("source_line") == 1251).row(0, named=True)
    assert (warning["severity"], warning["message"]) == (
        "warning",
        "row has 2 cells for 5 columns; the missing cells are read as empty",
    )


def test_repeated_card_keeps_the_first_and_reports_every_line_of_the_repeat(kocaeli_plan_text: str) -> None:
    lines = kocaeli_plan_text.split("\n")
    card_ke12 = lines[1270:1290]  # lines 1271-1290: goal row ... Maliyet Tahmini
    text = "\n".join([*lines[:1291], *card_ke12, "", *lines[1291:]])  # repeat inserted after line 1291
    result = parse(text)
    tables = result.document.tables
    assert tables["sp_targets"].height == 82
    assert tables["sp_indicators"].height == 379
    assert tables["sp_activities"].height == 318
    ke12 = tables["sp_targets"].filter(pl.col("target_code") == "KE.1.2").row(0, named=True)
    assert (ke12["source_line"], ke12["cost_estimate_try"]) == (1272, 328_456_443.0)
    repeat = line_issues(result).filter(pl.col("source_line").is_between(1292, 1311))
    assert repeat["source_line"].to_list() == list(range(1293, 1312))  # 1292 is the repeated goal row
    assert repeat["severity"].unique().to_list() == ["error"]
    assert "target KE.1.2 repeated (first card at line 1272)" in repeat["message"][0]
    assert_every_tab_line_accounted(text, result)
    assert_valid(result)


def test_repeated_indicator_code_keeps_the_first(kocaeli_plan_text: str) -> None:
    text = replace_line(
        kocaeli_plan_text, 1252, "Ke/Pg.1.1.2\tYapılan trafik sirkülasyon projesi sayısı\tAdet\t-\t12"
    )
    result = parse(text)
    indicators = result.document.tables["sp_indicators"]
    assert indicators.height == 378
    first = indicators.filter(pl.col("indicator_code") == "Ke/Pg.1.1.2").row(0, named=True)
    assert first["source_line"] == 1251
    error = line_issues(result).filter(pl.col("source_line") == 1252).row(0, named=True)
    assert (error["severity"], error["message"]) == (
        "error",
        "Ke/Pg.1.1.2 repeated (first at line 1251); the first row is kept",
    )
    assert_valid(result)
