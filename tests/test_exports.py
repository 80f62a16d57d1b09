"""Exports read back: Parquet equals the marts, Excel workbooks speak Turkish and hold the marts' numbers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import PublishedRun
from dagster import AssetKey
from openpyxl import load_workbook

from dagster_project.exports.catalog import Mart, discover_marts
from dagster_project.exports.excel import TL_FORMAT

SP = "kocaeli-bb-sp-2020-2024"
PP = "kayseri-bb-pp-2024"


def parquet_glob(directory: Path, mart: Mart) -> str:
    """The path pattern that reads a mart's Parquet export back (`read_parquet(…)`): one file, or
    a folder of files, one per document."""
    return (
        str(directory / mart.name / "**" / "*.parquet")
        if mart.per_document
        else str(directory / f"{mart.name}.parquet")
    )


@pytest.fixture(scope="module")
def marts(published_run: PublishedRun) -> duckdb.DuckDBPyConnection:
    with duckdb.connect(str(published_run.db), read_only=True) as con:
        yield con


def test_every_mart_is_in_parquet_with_the_same_rows(
    published_run: PublishedRun, marts: duckdb.DuckDBPyConnection
) -> None:
    directory = published_run.exports / "parquet"
    found = discover_marts(marts)
    assert {"dim_goal", "fct_budget", "document_table_cell", "dim_economic_code"} <= {m.name for m in found}
    for mart in found:
        columns = ", ".join(f'"{name}"' for name in mart.column_names)
        difference = marts.execute(
            f"select count(*) from ((select {columns} from marts.{mart.name}) "
            f"except all (select {columns} from read_parquet('{parquet_glob(directory, mart)}', hive_partitioning = false)))"
        ).fetchall()[0][0]
        assert difference == 0, mart.name
    assert (directory / "fct_budget" / f"document_id={SP}").is_dir()
    assert (directory / "dim_economic_code.parquet").is_file()
    assert not [path.name for path in published_run.exports.iterdir() if path.name.startswith(".")]


def test_money_is_exact_decimal_and_years_integer_in_every_mart_and_in_parquet(
    published_run: PublishedRun, marts: duckdb.DuckDBPyConnection
) -> None:
    types = marts.execute(
        "select column_name, data_type, count(*) from information_schema.columns "
        "where table_schema = 'marts' and (column_name like '%\\_try' escape '\\' or column_name like '%year') "
        "group by all order by 1, 2"
    ).fetchall()
    assert {dtype for name, dtype, _ in types if name.endswith("_try")} == {"DECIMAL(18,2)"}
    assert {dtype for name, dtype, _ in types if name.endswith("year")} == {"INTEGER"}
    files = published_run.exports / "parquet" / "fct_budget" / "**" / "*.parquet"
    parquet = duckdb.sql(
        f"select typeof(amount_try), sum(amount_try) from read_parquet('{files}') group by 1"
    ).fetchall()
    assert parquet == [("DECIMAL(18,2)", 23_561_089_453)]


def test_one_workbook_per_document_with_turkish_sheets(published_run: PublishedRun) -> None:
    directory = published_run.exports / "xlsx"
    assert sorted(path.name for path in directory.glob("*.xlsx")) == [f"{PP}.xlsx", f"{SP}.xlsx"]
    sheets = load_workbook(directory / f"{SP}.xlsx", read_only=True).sheetnames
    assert sheets[:5] == ["belge", "amaçlar", "hedefler", "göstergeler", "gösterge değerleri"]
    assert {"faaliyetler", "bütçe", "mutabakat", "sorunlar", "diğer tablolar"} <= set(sheets)
    # The plan has no economic codes; the programme's workbook has its budget by economic code.
    assert "bütçe (ekonomik koda göre)" not in sheets
    programme = load_workbook(directory / f"{PP}.xlsx", read_only=True).sheetnames
    assert {"performans hedefleri", "bütçe (ekonomik koda göre)"} <= set(programme)


def test_targets_sheet_holds_the_marts_values_as_tl_numbers(
    published_run: PublishedRun, marts: duckdb.DuckDBPyConnection
) -> None:
    sheet = load_workbook(published_run.exports / "xlsx" / f"{SP}.xlsx")["hedefler"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["hedef id", "amaç id", "hedef kodu", "stratejik hedef"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}83"
    cost = header.index("maliyet tahmini (TL)") + 1
    code = header.index("hedef kodu") + 1
    from_sheet = {
        sheet.cell(row, code).value: sheet.cell(row, cost).value for row in range(2, sheet.max_row + 1)
    }
    from_mart = dict(
        marts.execute(
            "select target_code, cost_estimate_try from marts.dim_target where document_id = ?", [SP]
        ).fetchall()
    )
    assert from_sheet == from_mart
    assert from_sheet["KE.1.1"] == 2_621_710_000
    assert sheet.cell(2, cost).number_format == TL_FORMAT
    units = sheet.cell(2, header.index("sorumlu birimler") + 1).value
    assert "Fen İşleri Dairesi Başkanlığı" in units


def test_budget_and_reconciliation_sheets_match_the_marts(
    published_run: PublishedRun, marts: duckdb.DuckDBPyConnection
) -> None:
    workbook = load_workbook(published_run.exports / "xlsx" / f"{SP}.xlsx", read_only=True)
    budget = list(workbook["bütçe"].iter_rows(values_only=True))
    amount = budget[0].index("tutar (TL)")
    assert len(budget) - 1 == 410
    assert sum(row[amount] for row in budget[1:]) == 12_061_089_453
    # Names beside the ids: the goal's and target's code and text from their dimensions.
    header = list(budget[0])
    assert header[header.index("amaç id") : header.index("amaç id") + 6] == [
        "amaç id", "amaç kodu", "stratejik amaç", "hedef id", "hedef kodu", "stratejik hedef",
    ]  # fmt: skip
    first = dict(zip(header, budget[1], strict=True))
    assert (first["yıl"], first["hedef kodu"], first["amaç kodu"], first["tutar (TL)"]) == (
        2020, "KE.1.1", "KE.1", 286_490_000,
    )  # fmt: skip
    assert first["stratejik amaç"] == "Güvenilir, kolay ve konforlu ulaşım ağı kurmak."
    reconciliation = list(workbook["mutabakat"].iter_rows(values_only=True))
    status = reconciliation[0].index("durum")
    statuses = sorted({row[status] for row in reconciliation[1:]})
    counts = {s: sum(1 for row in reconciliation[1:] if row[status] == s) for s in statuses}
    expected = dict(
        marts.execute(
            "select status, count(*) from marts.rpt_reconciliation where document_id = ? group by all", [SP]
        ).fetchall()
    )
    assert expected == {"ok": 563, "rounding": 23, "mismatch": 2}
    # The workbook speaks Turkish: code values through seeds/export_labels.csv.
    assert counts == {"uyumlu": 563, "yuvarlama farkı": 23, "uyumsuz": 2}


def test_programme_budget_sheets_name_activities_and_format_amounts_and_percentages(
    published_run: PublishedRun,
) -> None:
    """An activity's row names its activity and performance target; TL and `%` formats; a share
    of the budget outside every service area says so."""
    workbook = load_workbook(published_run.exports / "xlsx" / f"{PP}.xlsx")
    sheet = workbook["bütçe"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (row["faaliyet kodu"], row["faaliyet / proje"]) == ("F1", "Revizyon nazım imar planları yapmak.")
    assert (row["performans hedefi no"], row["ekonomik kod"], row["tutar (TL)"]) == (1, "06", 5_500_000)
    assert row["performans hedefi"].startswith("İlgili kanun ve yönetmelikler çerçevesinde")
    assert sheet.cell(2, header.index("tutar (TL)") + 1).number_format == TL_FORMAT
    areas = workbook["bütçe (hizmet alanına göre)"]
    header = [cell.value for cell in areas[1]]
    assert header == ["yıl", "hizmet alanı", "hizmet alanı mı", "toplam (TL)", "pay (%)"]
    assert areas.cell(2, 5).number_format == '"%"#,##0.0'
    rows = [[cell.value for cell in row] for row in areas.iter_rows(min_row=2)]
    outside = [(row[1], row[3]) for row in rows if row[2] is False]
    assert outside == [("Genel Yönetim Giderleri", 3_478_000_000)]
    assert round(sum(row[4] for row in rows), 6) == 100


def test_document_status_metadata_sums_documents_and_lists_those_with_problems(
    published_run: PublishedRun,
) -> None:
    [materialization] = published_run.result.asset_materializations_for_node("document_status")
    metadata = {key: value.value for key, value in materialization.metadata.items()}
    # Kocaeli: KE.1's activities (49 declared, 48 found) and the plan total; Kayseri: 88 findings,
    # 2.6's count of F64 (twice) and F67 (never), and performance target 3's citation of 1.2.
    assert metadata["mismatches"] == 2 + 88 + 2 + 1
    assert metadata["documents"] == metadata["documents_with_problems"] == 2
    assert metadata["tables_captured"] == 121 + 223
    assert metadata["cells_captured"] == 6200 + 11318
    assert metadata["reconciliation_rounding"] == 23 + 0
    # A fixed set of keys, whatever the number of documents: no key per document.
    assert not [key for key in metadata if SP in key or PP in key]
    table = metadata["documents_with_problems_worst_first"].splitlines()
    # Worst first: no extraction errors in either, so the programme's 91 mismatches come first.
    assert table[2].startswith(f"| {PP} |")
    assert table[3] == f"| {SP} | 563 | 23 | 2 | 667 (0/2/665) | 121 | 6200 |  |  |  |"
    assert metadata["documents_set_aside"] == 0


def test_raw_tables_carry_a_preview_of_their_first_rows(published_run: PublishedRun) -> None:
    materializations = published_run.result.asset_materializations_for_node("raw_tables")
    goals = next(m for m in materializations if m.asset_key == AssetKey(["raw", "sp_goals"]))
    preview = goals.metadata["preview"].value
    assert preview.startswith("| document_id | goal_code |")
    assert "| KE.1 |" in preview
    assert goals.metadata["rows"].value == 17


def test_programme_template_lists_its_indicators_with_targets_and_coloured_fill_in_columns(
    published_run: PublishedRun,
) -> None:
    workbook = load_workbook(published_run.exports / "templates" / f"{PP}.xlsx")
    assert workbook.sheetnames == ["Gerçekleşen", "Açıklama"]
    sheet = workbook["Gerçekleşen"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "document_id", "Yıl", "Gösterge Kodu", "Gösterge Adı", "Ölçü Birimi",
        "Başlangıç Değeri", "Hedef", "Değerlendirilemez, çünkü", "Gerçekleşen", "Dönem", "Not",
    ]  # fmt: skip
    assert len(rows) == 1 + 200  # the programme's 200 indicators, its one year
    # The baseline its achievement is judged by (fct_indicator_achievement): the programme states
    # none, so the `2023 Tahmin` of the same indicator (91.350 ha), as in the marts.
    assert rows[1] == [
        PP, 2024, "PH1.1",
        "İl bütününde revizyonu yapılacak nazım imar planı (Birikimli toplam revizyonu yapılacak alan) (ha)",
        "ha", 91_350, 101_350, None, None, None, None,
    ]  # fmt: skip
    assert rows[8][2:8] == ["PH2.2", rows[8][3], "adet", 1_920, 2_300, None]
    reasons = Counter(row[7] for row in rows[1:])
    assert reasons == {None: 163, "hedef başlangıç değerine eşit": 36, "o yıl için hedef yok": 1}
    assert sheet.freeze_panes == "D2"
    assert {sheet.cell(200, column).fill.fgColor.rgb for column in (9, 10, 11)} == {"00FFF2CC"}
    assert [sheet.column_dimensions[letter].width for letter in "ADK"] == [26, 60, 30]
    assert "raw/actuals/" in workbook["Açıklama"]["A7"].value
    # The plan sets targets for 2024 only: its other years are offered, marked as not judgeable.
    plan = load_workbook(published_run.exports / "templates" / f"{SP}.xlsx", read_only=True)
    plan_rows = list(plan["Gerçekleşen"].iter_rows(min_row=2, values_only=True))
    assert Counter((row[1], row[7]) for row in plan_rows if row[1] in (2020, 2024)) == {
        (2020, "o yıl için hedef yok"): 379,
        (2024, None): 214,
        (2024, "hedef başlangıç değerine eşit"): 88,
        (2024, "başlangıç değeri yok"): 77,
    }


def test_every_workbook_header_and_code_value_is_turkish(published_run: PublishedRun) -> None:
    """Headers come from seeds/export_labels.csv (none left in English), and so do code values."""
    from dagster_project.exports.catalog import COLUMN_LABELS, VALUE_LABELS

    coded = {COLUMN_LABELS[column]: set(labels) for column, labels in VALUE_LABELS.items()}
    for path in sorted((published_run.exports / "xlsx").glob("*.xlsx")):
        workbook = load_workbook(path, read_only=True)
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            headers = next(rows)
            assert [h for h in headers if h not in COLUMN_LABELS.values()] == [], (path.name, sheet.title)
            codes = {index: coded[h] for index, h in enumerate(headers) if h in coded}
            leaked = {row[index] for row in rows for index, english in codes.items() if row[index] in english}
            assert leaked == set(), (path.name, sheet.title)
    programme = load_workbook(published_run.exports / "xlsx" / "kayseri-bb-pp-2024.xlsx", read_only=True)
    document = list(programme["belge"].iter_rows(values_only=True))
    assert document[1][document[0].index("belge türü")] == "Performans Programı"
