"""Layout cases of PDF-to-text performance programmes, on small synthetic documents.

Each test takes a tiny but complete programme (every section of the official template) and changes
one thing the converter does to real documents: shifted header, shifted value, missing amount cell,
economic code and name in one cell or two, repeated page-break header, blank line inside a table,
a number written `11.3`.
"""

from __future__ import annotations

import polars as pl
import pytest
from line_accounting import line_accounting

from dagster_project.pages import split_pages
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.performance_programme import parse_performance_programme
from dagster_project.parsers.performance_programme.document import PerformanceProgrammeParser
from dagster_project.parsers.performance_programme.layout import NumberCell
from dagster_project.parsers.performance_programme.model import Activity, PerformanceTarget
from dagster_project.parsers.performance_programme.placement import SumIdentity, place_row, solve_table
from dagster_project.parsers.performance_programme.responsibilities import split_packed
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS

DOC = "test-pp-2024"

BASE = "\n".join(
    [
        "İçindekiler",
        "1.1. Teşkilat\t3",
        "S.NO\tUNVAN\tADET",
        "1\tMemur\t5",
        "2.2.2. 2024 Yılı Performans Programındaki Stratejik Amaç ve Hedefler",
        "",
        "Ulaşım Hizmetleri Yönetimi",
        "",
        "STRATEJİK AMAÇ 1: Ulaşımı iyileştirmek.",
        "Stratejik Hedef 1.1.: Yolları yapmak.",
        "Stratejik Hedef 1.2.: Köprüleri yapmak.",
        "2.3. Performans Hedef ve Göstergeleri ile Faaliyetler",
        "2.3.1. Ulaşım Hizmetleri Yönetimi",
        "PERFORMANS HEDEFİ TABLOSU\t\t\t\t",
        "İdare Adı:\tTEST BELEDİYESİ\t\t\t",
        "Stratejik Amaç 1:\tUlaşımı iyileştirmek.\t\t\t",
        "Stratejik Hedef 1.1:\tYolları yapmak.\t\t\t",
        "Performans Hedefi (1):\tYol yapmak.\t\t\t",
        "Açıklamalar:\t\t\t\t",
        "Performans Göstergeleri\t\t2022 Gerçekleşen\t2023 Tahmin\t2024 Hedef",
        "1\tAsfalt yenileme oranı (%)\t24,4\t11,3\t11.3",
        "Açıklamalar:\t\t\t\t",
        "2\tYapılan köprü sayısı (adet)\t-\t1.500\t2.000",
        "Açıklamalar:\t\t\t\t",
        "Faaliyetler\t\tKaynak İhtiyacı 2024\t\t",
        "\t\tBütçe\tBütçe Dışı\tToplam",
        "1\tAsfalt yapmak\t300,00\t0,00\t300,00",
        "2\tKöprü yapmak\t200,00\t50,00\t250,00",
        "Genel Toplam\t\t500,00\t50,00\t550,00",
        "",
        "FAALİYET MALİYET TABLOSU",
        "",
        "İdare Adı:\tTEST BELEDİYESİ\t\t\t\t",
        "Performans Hedefi (1):\tYol yapmak.\t\t\t\t",
        "Faaliyet Adı:\tAsfalt yapmak\t\t\t\t",
        "Sorumlu Harcama Birimi:\tFen İşleri Daire Başkanlığı\t\t\t\t",
        "Açıklamalar:\t\t\t\t\t",
        "Ekonomik Kod\tBütçe Ödeneği\tBütçe Dışı Kaynak\t\t\t2024 Toplam Kaynak",
        "\t\tDöner Sermaye\tDiğer Yurt İçi\tYurt Dışı\t",
        "03 Mal ve Hizmet Alım Giderleri\t100,00\t0,00\t0,00\t0,00\t100,00",
        "06\tSermaye Giderleri\t200,00\t0,00\t0,00\t0,00\t200,00",
        "Toplam Kaynak İhtiyacı\t300,00\t0,00\t0,00\t0,00\t300,00",
        "",
        "FAALİYET MALİYET TABLOSU\t\t\t\t\t",
        "İdare Adı:\tTEST BELEDİYESİ\t\t\t\t",
        "Performans Hedefi (1):\tYol yapmak.\t\t\t\t",
        "Faaliyet Adı:\tKöprü yapmak\t\t\t\t",
        "Sorumlu Harcama Birimi:\tFen İşleri Daire Başkanlığı\t\t\t\t",
        "Açıklamalar:\t\t\t\t\t",
        "Ekonomik Kod\tBütçe Ödeneği\tBütçe Dışı Kaynak\t\t\t2024 Toplam Kaynak",
        "\t\tDöner Sermaye\tDiğer Yurt İçi\tYurt Dışı\t",
        "06 Sermaye Giderleri\t200,00\t50,00\t0,00\t0,00\t250,00",
        "Toplam Kaynak İhtiyacı\t200,00\t50,00\t0,00\t0,00\t250,00",
        "",
        "2.4. İdare Performans Tablosu",
        "",
        "Performans Hedefi\tFaaliyet\tAçıklamalar\tBütçe İçi\t\tBütçe Dışı\t\tToplam\t",
        "\t\t\tTL\tPay\tTL\tPay\tTL\tPay",
        "1\t\tYol yapmak.\t500,00\t50,00\t50,00\t5,00\t550,00\t55,00",
        "\t1\tAsfalt yapmak\t300,00\t30,00\t0,00\t0,00\t300,00\t30,00",
        "",
        "Performans Hedefi\tFaaliyet\tAçıklamalar\tBütçe İçi\t\tBütçe Dışı\t\tToplam\t",
        "\t\t\tTL\tPay\tTL\tPay\tTL\tPay",
        "\t2\tKöprü yapmak\t200,00\t20,00\t50,00\t5,00\t250,00\t25,00",
        "Performans Hedefleri Maliyetleri Toplamı\t\t\t500,00\t50,00\t50,00\t5,00\t550,00\t55,00",
        "Genel Yönetim Giderleri\t\t\t450,00\t45,00\t0,00\t0,00\t450,00\t45,00",
        "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı\t\t\t0,00\t0,00\t0,00\t0,00\t0,00\t0,00",
        "Genel Toplam\t\t\t950,00\t95,00\t50,00\t5,00\t1.000,00\t100,00",
        "",
        "2.5. Toplam Kaynak İhtiyacı Tablosu",
        "",
        "TEST BELEDİYESİ\t\t\t\t\t\t",
        "Ekonomik Kod\t\tFaaliyet Toplamı\tGenel Yönetim Giderleri Toplamı\t"
        "Diğer İdarelere Transfer Edilecek Kaynaklar Toplamı\tGenel Toplam\t",
        "Bütçe Kaynak İhtiyacı\t03\tMal ve Hizmet Alım Giderleri\t100,00\t449,00\t0,00\t549,00",
        "\t06\tSermaye Giderleri\t400,00\t0,00\t0,00\t400,00",
        "\t08\tBorç verme\t\t1,00\t0,00\t1,00",
        "\tToplam Bütçe Kaynak İhtiyacı\t\t500,00\t450,00\t0,00\t950,00",
        "Bütçe Dışı Kaynak\tDöner Sermaye\t\t50,00\t0,00\t0,00\t50,00",
        "\tDiğer Yurt İçi\t\t0,00\t0,00\t0,00\t0,00",
        "\tYurt Dışı\t\t0,00\t0,00\t0,00\t0,00",
        "\tToplam Bütçe Dışı Kaynak İhtiyacı\t\t50,00\t0,00\t0,00\t50,00",
        "Toplam Kaynak İhtiyacı\t\t550,00\t450,00\t0,00\t1.000,00\t",
        "",
        "2.6. Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo",
        "",
        "PERFORMANS HEDEFİ\t\tFAALİYETLER\tSORUMLU BİRİMLER",
        "P.H. 1\tYol yapmak.\tAsfalt yapmak Köprü yapmak işi\tFen İşleri Daire Başkanlığı",
        "",
    ]
)


def parse(text: str = BASE):
    return parse_performance_programme(text, DOC)


def row(frame: pl.DataFrame, **keys) -> dict:
    matches = frame.filter(pl.all_horizontal([pl.col(k) == v for k, v in keys.items()]))
    assert matches.height == 1, f"{keys}: {matches.height} rows"
    return matches.row(0, named=True)


def messages(result, severity: str | None = None) -> list[str]:
    issues = result.issues
    if severity:
        issues = issues.filter(pl.col("severity") == severity)
    return issues["message"].to_list()


def test_base_document_parses_every_table_and_validates():
    result = parse()
    counts = {name: frame.height for name, frame in result.tables.items()}
    assert counts["pp_strategic_goals"] == 1
    assert counts["pp_strategic_targets"] == 2
    assert counts["pp_performance_targets"] == 1
    assert counts["pp_indicators"] == 2
    assert counts["pp_indicator_values"] == 6
    assert counts["pp_activities"] == 2
    assert counts["pp_activity_costs"] == 3
    assert counts["pp_administration_performance"] == 7
    assert counts["pp_resource_needs"] == 9
    for name, frame in result.tables.items():
        PERFORMANCE_PROGRAMME_SCHEMAS[name].validate(frame)
    assert row(result.tables["pp_strategic_goals"], goal_no=1)["service_area"] == "Ulaşım Hizmetleri Yönetimi"
    assert result.issues.filter(pl.col("severity") == "error").height == 0


def test_value_written_with_a_decimal_point_is_read_as_decimal_and_explained():
    values = parse().tables["pp_indicator_values"]
    target = row(values, indicator_no=1, year=2024)
    assert target["value"] == pytest.approx(11.3)
    assert target["value_raw"] == "11.3"
    assert target["value_type"] == "target"
    assert "11,3" in target["value_note"] and "decimal" in target["value_note"]
    assert row(values, indicator_no=1, year=2023)["value"] == pytest.approx(11.3)
    dash = row(values, indicator_no=2, year=2022)
    assert dash["value"] is None and dash["value_raw"] == "-" and dash["value_type"] == "actual"
    assert row(values, indicator_no=2, year=2023)["value"] == 1500.0


def test_shifted_indicator_header_still_maps_years_and_kinds():
    shifted = BASE.replace(
        "Performans Göstergeleri\t\t2022 Gerçekleşen", "\tPerformans Göstergeleri\t\t2022 Gerçekleşen"
    )
    values = parse(shifted).tables["pp_indicator_values"]
    assert values.height == 6
    assert row(values, indicator_no=2, year=2024)["value"] == 2000.0
    assert sorted(values["value_type"].unique().to_list()) == ["actual", "estimate", "target"]


def test_shifted_activity_amounts_are_read_from_their_cells():
    shifted = BASE.replace(
        "2\tKöprü yapmak\t200,00\t50,00\t250,00", "2\tKöprü yapmak\t\t\t200,00\t50,00\t250,00"
    )
    activities = parse(shifted).tables["pp_activities"]
    bridge = row(activities, activity_no=2)
    assert (bridge["budget_try"], bridge["non_budget_try"], bridge["total_try"]) == (200.0, 50.0, 250.0)


def test_missing_amount_cell_is_placed_by_the_identities():
    # Four numbers for five columns: the Toplam Kaynak İhtiyacı row fixes where the lost cell was.
    lost = BASE.replace(
        "06\tSermaye Giderleri\t200,00\t0,00\t0,00\t0,00\t200,00",
        "06\tSermaye Giderleri\t200,00\t0,00\t0,00\t200,00",
    )
    result = parse(lost)
    capital = row(result.tables["pp_activity_costs"], activity_no=1, economic_code="06")
    assert capital["budget_allocation_try"] == 200.0
    assert capital["total_try"] == 200.0
    assert capital["revolving_fund_try"] == 0.0 and capital["foreign_try"] == 0.0
    assert capital["budget_allocation_raw"] == "200,00"
    assert "missing" in capital["placement_note"]
    assert any("economic code 06" in m for m in messages(result, "info"))


def test_missing_cell_with_two_valid_placements_is_left_null_and_reported():
    # 200 | 50 | 0 | 250 under five columns, no total row: Döner Sermaye = 50 or Diğer Yurt İçi = 50
    # both satisfy every identity, so neither is guessed.
    text = BASE.replace(
        "06 Sermaye Giderleri\t200,00\t50,00\t0,00\t0,00\t250,00\nToplam Kaynak İhtiyacı\t200,00\t50,00\t0,00\t0,00\t250,00",
        "06 Sermaye Giderleri\t200,00\t50,00\t0,00\t250,00",
    )
    result = parse(text)
    bridge = row(result.tables["pp_activity_costs"], activity_no=2, economic_code="06")
    assert bridge["budget_allocation_try"] == 200.0
    assert bridge["total_try"] == 250.0
    assert bridge["revolving_fund_try"] is None and bridge["other_domestic_try"] is None
    assert any("unambiguously" in m for m in messages(result, "error"))
    assert any("without `Toplam Kaynak İhtiyacı`" in m for m in messages(result, "warning"))


def test_economic_code_and_name_in_one_cell_or_two():
    costs = parse().tables["pp_activity_costs"]
    one_cell = row(costs, activity_no=1, economic_code="03")
    two_cells = row(costs, activity_no=1, economic_code="06")
    assert one_cell["economic_code_name"] == "Mal ve Hizmet Alım Giderleri"
    assert two_cells["economic_code_name"] == "Sermaye Giderleri"
    assert two_cells["budget_allocation_try"] == 200.0


def test_repeated_page_break_header_does_not_break_the_administration_table():
    admin = parse().tables["pp_administration_performance"]
    bridge = row(admin, row_kind="activity", activity_global_no=2)
    assert bridge["performance_target_no"] == 1 and bridge["activity_no"] == 2
    assert bridge["non_budget_try"] == 50.0 and bridge["total_share_pct"] == 25.0
    assert row(admin, row_kind="grand_total")["total_try"] == 1000.0


def test_blank_line_inside_a_table_is_ignored():
    blank = BASE.replace("Açıklamalar:\t\t\t\t\nFaaliyetler", "Açıklamalar:\t\t\t\t\n\nFaaliyetler")
    blank = blank.replace("1\tAsfalt yapmak\t300,00", "\n1\tAsfalt yapmak\t300,00")
    result = parse(blank)
    assert result.tables["pp_activities"].height == 2
    assert row(result.tables["pp_performance_targets"], performance_target_no=1)["total_try"] == 550.0


def test_blank_cell_in_resource_table_is_placed_by_column_position():
    needs = parse().tables["pp_resource_needs"]
    lending = row(needs, economic_code="08")
    assert lending["general_administration_try"] == 1.0
    assert lending["activity_try"] == 0.0 and lending["activity_raw"] is None
    assert "activity cell missing" in lending["placement_note"]
    assert row(needs, row_kind="funding_source", label="Döner Sermaye")["activity_try"] == 50.0


def test_packed_responsibility_cell_is_split_and_name_difference_reported():
    result = parse()
    responsibilities = result.tables["pp_responsibilities"]
    assert responsibilities["activity_no"].to_list() == [1, 2]
    assert responsibilities["packed_cell"].to_list() == [True, True]
    assert responsibilities["activity_name"].to_list() == ["Asfalt yapmak", "Köprü yapmak işi"]
    findings = result.tables["pp_findings"]
    assert "activity_name_differs" in findings["finding_type"].to_list()


def test_a_nameless_activity_does_not_stop_a_packed_cell_from_splitting():
    # A converter can drop an activity's name cell. It has no words to match, so the split still
    # ends (the greedy bound of the split search once looped on it) and reads the named activities.
    target = PerformanceTarget(
        no=1, text="Yol yapmak.", source_line=1, table_line=1, section_code=None, service_area=None
    )
    target.activities = [
        Activity(1, 1, 1, "Asfalt yapmak", 1, 2024),
        Activity(1, 2, 2, "Köprü yapmak", 2, 2024),
        Activity(1, 3, 3, "", 3, 2024),
    ]
    assert split_packed("Asfalt yapmak Köprü yapmak işi", target) == [
        ("Asfalt yapmak", 1, 1.0),
        ("Köprü yapmak işi", 2, 0.857),
    ]


def test_every_tab_line_is_accounted_for_and_unmodelled_rows_are_info():
    result, where = line_accounting(BASE, DOC)
    tab_lines = [number for number, text in enumerate(BASE.split("\n"), start=1) if "\t" in text]
    assert sorted(where) == tab_lines
    unmodelled = result.issues.filter(pl.col("message").str.contains("not modelled"))
    assert unmodelled["source_line"].to_list() == [2, 3, 4]
    assert set(unmodelled["severity"]) == {"info"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02\ufffd" * 50,
        BASE[: BASE.index("Genel Toplam\t\t500")],
        BASE.replace("Performans Hedefi (1):", "Performans Hedefi (1):").replace(
            "Genel Toplam\t\t500,00",
            "PERFORMANS HEDEFİ TABLOSU\nPerformans Hedefi (1):\tTekrar\nGenel Toplam\t\t500,00",
        ),
        BASE.replace("03 Mal ve Hizmet", "06 Mal ve Hizmet"),
    ],
    ids=["empty", "binary", "truncated-in-table", "repeated-target", "repeated-code"],
)
def test_bad_input_never_crashes_and_says_what_was_expected(text):
    result = parse(text)
    assert set(result.tables) == set(PERFORMANCE_PROGRAMME_SCHEMAS)
    assert result.issues.height > 0
    for name, frame in result.tables.items():
        PERFORMANCE_PROGRAMME_SCHEMAS[name].validate(frame)


def test_truncated_table_reports_the_missing_total_row():
    result = parse(BASE[: BASE.index("Genel Toplam\t\t500")])
    assert any("no `Genel Toplam` row" in m for m in messages(result, "warning"))
    assert result.tables["pp_activities"].height == 2


def test_repeated_economic_code_is_an_error_not_a_silent_merge():
    result = parse(BASE.replace("03 Mal ve Hizmet", "06 Mal ve Hizmet"))
    assert any("economic code 06 repeated" in m for m in messages(result, "error"))


def _cells(*raws: str) -> list[NumberCell]:
    return [NumberCell(position, parse_number(raw)) for position, raw in enumerate(raws)]


def test_place_row_keeps_only_placements_satisfying_the_identity():
    identity = (SumIdentity((0, 1, 2, 3), 4),)
    placements = place_row(_cells("5.500.000,00", "0,00", "0,00", "5.500.000,00"), 5, identity)
    totals = sorted(p.values[4] for p in placements)
    assert totals == [5_500_000.0, 5_500_000.0, 11_000_000.0]
    full = place_row(_cells("1,00", "1,00", "0,00", "0,00", "3,00"), 5, identity)
    assert len(full) == 1 and not full[0].consistent  # a document error is kept as read, flagged


def test_solve_table_uses_the_external_amounts_to_choose():
    identity = (SumIdentity((0, 1, 2, 3), 4),)
    rows = [place_row(_cells("5.500.000,00", "0,00", "0,00", "5.500.000,00"), 5, identity)]
    total = place_row(_cells("5.500.000,00", "0,00", "0,00", "5.500.000,00"), 5, identity)
    solved = solve_table(
        rows, total, range(5), external=lambda v: v[0] == 5_500_000.0 and v[4] == 5_500_000.0
    )
    assert solved.status == "unique"
    assert solved.rows[0].values == (5_500_000.0, 0.0, 0.0, 0.0, 5_500_000.0)


def test_solve_table_keeps_rows_that_do_not_add_up_as_written():
    identity = (SumIdentity((0, 1, 2, 3), 4),)
    rows = [place_row(_cells("1,00", "0,00", "0,00", "0,00", "1,00"), 5, identity)]
    total = place_row(_cells("2,00", "0,00", "0,00", "0,00", "2,00"), 5, identity)
    solved = solve_table(rows, total, range(5))
    assert solved.status == "unbalanced"  # the document's numbers: dbt reports it, not the parser
    assert (solved.rows[0].values, solved.total.values) == (
        (1.0, 0.0, 0.0, 0.0, 1.0),
        (2.0, 0.0, 0.0, 0.0, 2.0),
    )


def test_numbers_that_do_not_add_up_are_landed_as_written_and_reported_by_dbt_only():
    # Target 1's Genel Toplam no longer the sum of its activities (600 + 50 ≠ 650 ≠ 550), a cost
    # row whose parts do not add up to its Toplam (and its table's rows not to their total), and a
    # 2.4 share that is not amount ÷ Genel Toplam (56 ≠ 550 ÷ 1.000): rpt_reconciliation's
    # performance_target_vs_sum_of_activities, row_components_vs_row_total,
    # activity_cost_rows_vs_cost_table_total and section_2_4_share_vs_amount_over_grand_total.
    text = (
        BASE.replace("Genel Toplam\t\t500,00\t50,00\t550,00", "Genel Toplam\t\t600,00\t50,00\t650,00")
        .replace(
            "03 Mal ve Hizmet Alım Giderleri\t100,00\t0,00", "03 Mal ve Hizmet Alım Giderleri\t110,00\t0,00"
        )
        .replace(
            "1\t\tYol yapmak.\t500,00\t50,00\t50,00\t5,00\t550,00\t55,00",
            "1\t\tYol yapmak.\t500,00\t50,00\t50,00\t5,00\t550,00\t56,00",
        )
    )
    assert text.count("650,00") == 1 and "110,00" in text and "\t56,00" in text
    result = parse(text)
    assert messages(result) == messages(parse())
    assert row(result.tables["pp_performance_targets"], performance_target_no=1)["total_try"] == 650.0
    cost = row(result.tables["pp_activity_costs"], economic_code="03")
    assert (cost["budget_allocation_try"], cost["total_try"]) == (110.0, 100.0)
    target = row(result.tables["pp_administration_performance"], row_kind="performance_target")
    assert (target["total_try"], target["total_share_pct"]) == (550.0, 56.0)


def _pdf_like(text: str) -> str:
    """BASE as a PDF extraction writes it: no blank lines, both cost tables titled in a table row."""
    text = text.replace("\nFAALİYET MALİYET TABLOSU\n", "\nFAALİYET MALİYET TABLOSU\t\t\t\t\t\n")
    return "\n".join(line for line in text.split("\n") if line)


def _values(text: str) -> dict[str, list[tuple]]:
    """Every table of a programme text with form feeds, line columns left out."""
    paged = split_pages(text)
    tables = PerformanceProgrammeParser().parse(paged.text, DOC, paged.pages).tables
    return {
        name: sorted(frame.select(c for c in frame.columns if "line" not in c).rows(), key=repr)
        for name, frame in tables.items()
    }


SECOND_COST_TABLE = "FAALİYET MALİYET TABLOSU\t\t\t\t\t\nİdare Adı:\tTEST BELEDİYESİ\t\t\t\t\nPerformans Hedefi (1):\tYol yapmak.\t\t\t\t\nFaaliyet Adı:\tKöprü"


def test_a_cost_table_header_repeated_after_a_page_break_reads_as_without_the_break():
    """A PDF prints the cost table's title row again at the top of the next page, then the table
    goes on (`Ekonomik Kod …`): the repeat is set aside, the same rows come out."""
    text = _pdf_like(BASE)
    broken = text.replace(
        "Açıklamalar:\t\t\t\t\t\nEkonomik Kod\tBütçe Ödeneği\tBütçe Dışı Kaynak\t\t\t2024 Toplam Kaynak\n\t\tDöner Sermaye\tDiğer Yurt İçi\tYurt Dışı\t\n06 Sermaye",
        "Açıklamalar:\t\t\t\t\t\n\fFAALİYET MALİYET TABLOSU\t\t\t\t\t\nEkonomik Kod\tBütçe Ödeneği\tBütçe Dışı Kaynak\t\t\t2024 Toplam Kaynak\n\t\tDöner Sermaye\tDiğer Yurt İçi\tYurt Dışı\t\n06 Sermaye",
    )
    assert broken.count("\f") == 1
    assert _values(broken) == _values(text)
    assert len(_values(text)["pp_activity_costs"]) == 3


def test_a_new_cost_table_at_the_top_of_a_page_stays_a_new_table():
    """The next cost table starts with the same title row and then `İdare Adı:`, as the first one
    did: at the top of a page it is a new table, not a repeat."""
    text = _pdf_like(BASE)
    assert text.count(SECOND_COST_TABLE) == 1
    broken = text.replace(SECOND_COST_TABLE, "\f" + SECOND_COST_TABLE)
    assert _values(broken) == _values(text)
    assert len(_values(text)["pp_activity_cost_tables"]) == 2


def test_strategic_targets_joined_into_one_line_are_two_targets():
    """A PDF extraction joins a paragraph ending on a full line at the foot of a page with the
    first one of the next page; the label inside the line starts the next target again."""
    joined = BASE.replace("Yolları yapmak.\nStratejik Hedef 1.2.:", "Yolları yapmak. Stratejik Hedef 1.2.:")
    assert joined != BASE
    targets = parse(joined).tables["pp_strategic_targets"]
    assert targets.select("target_code", "target_text").rows() == [
        ("1.1", "Yolları yapmak."),
        ("1.2", "Köprüleri yapmak."),
    ]
