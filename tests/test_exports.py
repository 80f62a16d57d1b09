"""Exports read back: Parquet equals the marts, Excel workbooks speak Turkish and hold the marts' numbers."""

from __future__ import annotations

import duckdb
import pytest
from conftest import PublishedRun
from dagster import AssetKey
from openpyxl import load_workbook

from dagster_project.exports.catalog import discover_marts
from dagster_project.exports.excel import TL_FORMAT
from dagster_project.exports.parquet import parquet_glob

SP = "kocaeli-bb-sp-2020-2024"
PP = "kayseri-bb-pp-2024"


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


def test_one_workbook_per_document_with_turkish_sheets(published_run: PublishedRun) -> None:
    directory = published_run.exports / "xlsx"
    assert sorted(path.name for path in directory.glob("*.xlsx")) == [
        "gebze-bld-mdr-2021.xlsx",
        "gebze-bld-mdr-2022.xlsx",
        f"{PP}.xlsx",
        f"{SP}.xlsx",
    ]
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


def test_document_status_metadata_sums_documents_and_lists_those_with_problems(
    published_run: PublishedRun,
) -> None:
    [materialization] = published_run.result.asset_materializations_for_node("document_status")
    metadata = {key: value.value for key, value in materialization.metadata.items()}
    # Kocaeli: KE.1's activities (49 declared, 48 found) and the plan total; Kayseri: 93 findings;
    # Gebze's 2021 and 2022 reports: 34 and 39.
    assert metadata["mismatches"] == 2 + 93 + 34 + 39
    assert metadata["documents"] == metadata["documents_with_problems"] == 4
    assert metadata["tables_captured"] == 121 + 223 + 17 + 8
    assert metadata["cells_captured"] == 6200 + 11318 + 1764 + 1636
    assert metadata["reconciliation_rounding"] == 23 + 0 + 200 + 24
    # A fixed set of keys, whatever the number of documents: no key per document.
    assert not [key for key in metadata if SP in key or PP in key]
    table = metadata["documents_with_problems_worst_first"].splitlines()
    # Worst first: Gebze 2022's 5 extraction errors, then by mismatches (93, 34, 2).
    assert [row.split(" | ")[0].removeprefix("| ") for row in table[2:]] == [
        "gebze-bld-mdr-2022",
        PP,
        "gebze-bld-mdr-2021",
        SP,
    ]
    assert table[5] == f"| {SP} | 563 | 23 | 2 | 667 (0/2/665) | 121 | 6200 |"


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
        "Başlangıç Değeri", "Hedef", "Gerçekleşen", "Dönem", "Not",
    ]  # fmt: skip
    assert len(rows) == 1 + 200  # the programme's 200 indicators, its one year
    assert rows[1] == [
        PP, 2024, "PH1.1",
        "İl bütününde revizyonu yapılacak nazım imar planı (Birikimli toplam revizyonu yapılacak alan) (ha)",
        "ha", None, 101_350, None, None, None,
    ]  # fmt: skip
    assert rows[8][2:7] == ["PH2.2", rows[8][3], "adet", None, 2_300]
    assert sheet.freeze_panes == "D2"
    assert {sheet.cell(200, column).fill.fgColor.rgb for column in (8, 9, 10)} == {"00FFF2CC"}
    assert [sheet.column_dimensions[letter].width for letter in "ADJ"] == [26, 60, 30]
    assert "raw/actuals/" in workbook["Açıklama"]["A5"].value


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
