"""Gebze Belediyesi's Kurumsal Mali Durum ve Beklentiler Raporu 2021 and 2022, table by table.

Every expected value below was read off the rendered pages (`pdftoppm -r 80`), not off the
extractor. The main tables are checked twice: on the text extracted from the shipped PDFs
(`dagster_project.pdf`) and on line/cell fixtures typed from the same pages, so a change of the
extraction layer and a change of the parser fail separately.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl
import pytest

from dagster_project.extraction import RAW_TABLE_MODELS, raw_table_schemas
from dagster_project.incremental import batch_tables
from dagster_project.pages import split_pages
from dagster_project.parsers.financial_status_report import document, parse_financial_status_report
from dagster_project.parsers.financial_status_report.columns import classify, takes_subcolumns
from dagster_project.parsers.financial_status_report.header import column_labels
from dagster_project.parsers.result import ParsedDocument
from dagster_project.validation import validate

FIXTURES = Path(__file__).parent / "fixtures"
CODES = ["01", "02", "03", "04", "05", "06", "07", "08", "09", None]
REVENUE_CODES = ["01", "03", "04", "05", "06", "09", None]

# 2021, page 2: "2020 Gider Gerçekleşmeleri ile 2021 Başlangıç Ödeneği Gelişimi".
EXPENSE_2021_P2 = [
    (55372366.58, 71284572.00, 28.74),
    (7432554.43, 9288720.00, 24.97),
    (154494052.51, 200708708.00, 29.91),
    (18700582.98, 12000000.00, -35.83),
    (8228219.70, 13661000.00, 66.03),
    (41283678.95, 62653000.00, 51.76),
    (194574.29, 1600000.00, 722.31),
    (0.00, 10000.00, 0.00),
    (8400915.00, 28794000.00, 242.75),
    (285706029.44, 400000000.00, 40.00),
]
# 2021, page 3: "2020 ve 2021 Yılları Ocak-Haziran Dönemi Bütçe Giderleri Gerçekleşmeleri".
EXPENSE_2021_P3 = [
    (55372366.58, 71284572.00, 27459522.70, 32600486.99, 49.59, 45.73, 18.72),
    (7432554.43, 9288720.00, 3479826.42, 3951498.38, 46.82, 42.54, 13.55),
    (154494052.51, 200708708.00, 71975295.37, 105398530.87, 46.59, 52.51, 46.44),
    (18700582.98, 12000000.00, 4384560.32, 3613648.96, 23.45, 30.11, -17.58),
    (8228219.70, 13661000.00, 4376365.55, 4478214.74, 53.19, 32.78, 2.33),
    (41283678.95, 62653000.00, 14772832.60, 31383344.88, 35.78, 50.09, 112.44),
    (194574.29, 1600000.00, 28374.80, 1491818.89, 14.58, 93.24, 5157.55),
    (0.00, 10000.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    (8400915.00, 28794000.00, 0.00, 6890000.00, 0.00, 23.93, 0.00),
    (285706029.44, 400000000.00, 126476777.76, 182917543.71, 44.27, 45.73, 44.63),
]
# 2021, page 7: "2021 Yılı Bütçe Giderleri Gerçekleşmeleri" (year-end forecast).
EXPENSE_2021_P7 = [
    (71284572.00, 32600486.99, 26180000.00, 82.46),
    (9288720.00, 3951498.38, 3850000.00, 83.99),
    (200708708.00, 105398530.87, 124805389.52, 114.70),
    (12000000.00, 3613648.96, 8650000.00, 102.20),
    (13661000.00, 4478214.74, 4668000.00, 66.95),
    (62653000.00, 31383344.88, 35579011.75, 106.88),
    (1600000.00, 1491818.89, 0.00, 93.24),
    (10000.00, 0.00, 0.00, 0.00),
    (28794000.00, 6890000.00, 21904000.00, 100.00),
    (400000000.00, 182917543.71, 203732401.27, 96.66),
]
# 2021, page 5: "2020 ve 2021 Yılları Ocak-Haziran Dönemi Bütçe Gelirlerinin Gelişimi" (04's change: `*`).
REVENUE_2021_P5 = [
    (131953457.98, 126200000.00, 61827362.57, 91865031.24, 46.86, 72.79, 48.58),
    (27763243.93, 24200000.00, 12004863.41, 16361555.88, 43.24, 67.61, 36.29),
    (0.00, 1050000.00, 0.00, 200000.00, 0.00, 19.05, None),
    (147708718.92, 136700000.00, 63152186.47, 101432983.91, 42.75, 74.20, 60.62),
    (116862843.15, 113250000.00, 12957625.80, 36304098.37, 11.09, 32.06, 180.18),
    (-1373267.15, -1400000.00, -649634.07, -1556944.21, 47.31, 111.21, 139.66),
    (422914996.83, 400000000.00, 149292404.18, 244606725.19, 35.30, 61.15, 63.84),
]
# 2021, page 9: "2021 Yılı Bütçe Gelirleri Gerçekleşmeleri": 01's January–June is 91.837.127,24 here.
REVENUE_2021_P9 = [
    (126200000.00, 91837127.24, 61550000.00, 121.57),
    (24200000.00, 16361555.88, 11350000.00, 114.51),
    (1050000.00, 200000.00, 200000.00, 38.10),
    (136700000.00, 101432983.91, 93500000.00, 142.60),
    (113250000.00, 36304098.37, 15300000.00, 45.57),
    (-1400000.00, -1556944.21, -1000000.00, 182.64),
    (400000000.00, 244578821.19, 180900000.00, 106.38),
]
# 2022, page 1: "2021 Gerçekleşmeleri ile 2022 Başlangıç Ödeneği Gelişimi".
EXPENSE_2022_P1 = [
    (63784986.77, 90214301.00, 41.44),
    (8294448.69, 11572862.00, 39.53),
    (216222501.34, 408999500.00, 89.16),
    (10768295.10, 9000000.00, -16.42),
    (12322182.78, 22886000.00, 85.73),
    (140544939.25, 434416500.00, 209.09),
    (1491818.89, 1000.00, -99.93),
    (0.00, 10000.00, 0.00),
    (0.00, 10189837.00, 0.00),
    (453429172.82, 987290000.00, 117.74),
]
# 2022, page 2: "2021 ve 2022 Yılları Ocak-Haziran Dönemi Bütçe Giderleri Gerçekleşmeleri".
EXPENSE_2022_P2 = [
    (63784986.77, 90214301.00, 32600486.99, 43928042.34, 51.11, 48.69, 34.75),
    (8294448.69, 11572862.00, 3951498.38, 5235449.51, 47.64, 45.24, 32.49),
    (216222501.34, 408999500.00, 105227955.02, 177893326.05, 48.67, 43.49, 69.06),
    (10768295.10, 9000000.00, 3613648.96, 4392520.45, 33.56, 48.81, 21.55),
    (12322182.78, 22886000.00, 4648214.74, 10774463.08, 37.72, 47.08, 131.80),
    (140544939.25, 434416500.00, 31383344.88, 109300948.05, 22.33, 25.16, 248.28),
    (1491818.89, 1000.00, 1491818.89, 0.00, 100.00, 0.00, 0.00),
    (0.00, 10000.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    (0.00, 10189837.00, 0.00, 0.00, 0.00, 0.00, 0.00),
    (453429172.82, 987290000.00, 182916967.86, 351524749.48, 40.34, 35.61, 92.18),
]
# 2022, page 6: "2022 Yılı Bütçe Giderleri Gerçekleşmeleri".
EXPENSE_2022_P6 = [
    (90214301.00, 43928042.34, 55405750.80, 110.11),
    (11572862.00, 5235449.51, 6994082.22, 105.67),
    (408999500.00, 177893326.05, 356340342.80, 130.62),
    (9000000.00, 4392520.45, 4577446.86, 99.67),
    (22886000.00, 10774463.08, 6446000.00, 75.24),
    (434416500.00, 109300948.05, 135548500.00, 56.36),
    (1000.00, 0.00, 0.00, 0.00),
    (10000.00, 0.00, 0.00, 0.00),
    (10189837.00, 0.00, 0.00, 0.00),
    (987290000.00, 351524749.48, 565312122.68, 92.86),
]
# 2022, pages 4 and 8: "2022 Yılı Bütçe Gelirleri Gerçekleşmeleri" (printed twice, identically).
REVENUE_2022_P8 = [
    (314850000.00, 147660082.15, 127584953.34, 87.42),
    (91550000.00, 30119258.53, 42721424.28, 79.56),
    (41700000.00, 4749044.82, 36357922.07, 98.58),
    (403190000.00, 163728101.52, 238521982.04, 99.77),
    (137500000.00, 36264056.82, 80000000.00, 84.56),
    (-1500000.00, -668634.93, 0.00, 44.58),
    (987290000.00, 381851908.91, 525186281.73, 91.87),
]
H1_COMPARISON = [
    ("actual", "year", -1),
    ("initial_appropriation", "year", 0),
    ("actual", "h1", -1),
    ("actual", "h1", 0),
    ("execution_rate", "h1", -1),
    ("execution_rate", "h1", 0),
    ("change_rate", "h1", 0),
]
YEAR_END = [
    ("initial_appropriation", "year", 0),
    ("actual", "h1", 0),
    ("forecast", "h2", 0),
    ("expected_execution_rate", "year", 0),
]
PREVIOUS_VS_INITIAL = [
    ("actual", "year", -1),
    ("initial_appropriation", "year", 0),
    ("change_rate", "year", 0),
]


@cache
def _pdf_text(year: int) -> str:
    from dagster_project.pdf import extract_text

    return extract_text(FIXTURES.parent.parent / "raw" / f"gebze_bld_mali_durum_raporu_{year}.pdf")


@cache
def _parse_pdf(year: int) -> ParsedDocument:
    return parse_financial_status_report(_pdf_text(year), f"gebze-bld-mdr-{year}")


def _parse_typed(year: int) -> ParsedDocument:
    text = (FIXTURES / "financial_status_report" / f"gebze_{year}_main_tables.txt").read_text(
        encoding="utf-8"
    )
    return parse_financial_status_report(text, f"gebze-bld-mdr-{year}")


@pytest.fixture(scope="module", params=["pdf", "typed"])
def reports(request: pytest.FixtureRequest) -> dict[int, ParsedDocument]:
    parse = _parse_pdf if request.param == "pdf" else _parse_typed
    return {2021: parse(2021), 2022: parse(2022)}


def _table(parsed: ParsedDocument, page: int, side: str) -> pl.DataFrame:
    """The values of the first table of `side` on `page`."""
    tables = parsed.tables["fsr_tables"].filter(
        (pl.col("page") == page) & (pl.col("kind") == "table") & (pl.col("side") == side)
    )
    assert tables.height >= 1, f"no {side} table on page {page}"
    values = parsed.tables["fsr_values"]
    return values.filter(pl.col("table_no") == tables["table_no"][0]).sort("row_no", "column_no")


def _assert_table(values: pl.DataFrame, codes: list, rows: list, columns: list, year: int) -> None:
    assert values["row_no"].n_unique() == len(codes)
    for row_no, (code, expected) in enumerate(zip(codes, rows, strict=True), start=1):
        row = values.filter(pl.col("row_no") == row_no).sort("column_no")
        assert row["economic_code"][0] == code
        assert row["is_total"][0] == (code is None)
        for value, wanted in zip(row["value"].to_list(), expected, strict=True):
            assert value == (pytest.approx(wanted, abs=1e-6) if wanted is not None else None)
    meanings = (
        values.filter(pl.col("row_no") == 1).sort("column_no").select("measure", "period", "year").rows()
    )
    assert meanings == [(measure, period, year + offset) for measure, period, offset in columns]


@pytest.mark.parametrize(
    ("year", "page", "rows", "columns"),
    [
        (2021, 2, EXPENSE_2021_P2, PREVIOUS_VS_INITIAL),
        (2021, 3, EXPENSE_2021_P3, H1_COMPARISON),
        (2021, 7, EXPENSE_2021_P7, YEAR_END),
        (2022, 1, EXPENSE_2022_P1, PREVIOUS_VS_INITIAL),
        (2022, 2, EXPENSE_2022_P2, H1_COMPARISON),
        (2022, 6, EXPENSE_2022_P6, YEAR_END),
    ],
)
def test_every_economic_code_of_each_expenditure_table(
    reports: dict[int, ParsedDocument], year: int, page: int, rows: list, columns: list
) -> None:
    _assert_table(_table(reports[year], page, "expenditure"), CODES, rows, columns, year)


@pytest.mark.parametrize(
    ("year", "page", "rows", "columns"),
    [
        (2021, 5, REVENUE_2021_P5, H1_COMPARISON),
        (2021, 9, REVENUE_2021_P9, YEAR_END),
        (2022, 4, REVENUE_2022_P8, YEAR_END),
        (2022, 8, REVENUE_2022_P8, YEAR_END),
    ],
)
def test_revenue_tables(
    reports: dict[int, ParsedDocument], year: int, page: int, rows: list, columns: list
) -> None:
    # Page 5's first H1 rate is the rate against the full year, as the annex footnote ** says.
    _assert_table(_table(reports[year], page, "revenue"), REVENUE_CODES, rows, columns, year)


def test_the_footnote_that_leaves_code_09_out_of_the_actuals_total(
    reports: dict[int, ParsedDocument],
) -> None:
    tables = reports[2021].tables["fsr_tables"].filter(pl.col("side") == "expenditure", pl.col("page") <= 7)
    assert tables.filter(pl.col("kind") == "table")["total_excludes_marked"].to_list() == [True, True, True]
    values = _table(reports[2021], 3, "expenditure")
    assert values.filter(pl.col("economic_code") == "09")["is_marked"].all()
    first = reports[2022].tables["fsr_tables"].filter(pl.col("page") == 1, pl.col("kind") == "table")
    # The second footnote of 2022 page 1: 09's printed appropriation is after transfers.
    assert "34.507.837,00" in first["footnotes"][0]


def test_charts_are_charts_not_tables(reports: dict[int, ParsedDocument]) -> None:
    tables = reports[2021].tables["fsr_tables"]
    charts = tables.filter(pl.col("kind") == "chart")
    # 2021 draws a chart under the tables of pages 2, 3 and 6 (and of pages 7 and 9 in the PDF).
    assert {2, 6} <= set(charts["page"].to_list())
    # No figure of a chart became a value: every value row is in a table.
    assert set(reports[2021].tables["fsr_values"]["table_no"]) <= set(
        tables.filter(pl.col("kind") == "table")["table_no"]
    )
    assert reports[2021].issues.filter(pl.col("message").str.contains("loose chart label")).height >= 4


def test_no_row_lost_and_schemas_validate(reports: dict[int, ParsedDocument]) -> None:
    tables = batch_tables(list(reports.values()), raw_table_schemas())
    for name in ("fsr_tables", "fsr_values"):
        assert validate(RAW_TABLE_MODELS[name], tables[name], name).failures == 0


def test_the_2021_annexes_read_from_the_pdf() -> None:
    """Ek-1 (expenditure, sub-codes, months) and Ek-2 (revenue), values off pages 10–14."""
    parsed = _parse_pdf(2021)
    values = parsed.tables["fsr_values"]
    memurlar = values.filter(pl.col("economic_code") == "01.1", pl.col("side") == "expenditure")
    by_column = {(r["measure"], r["period"], r["year"]): r["value"] for r in memurlar.iter_rows(named=True)}
    assert by_column[("actual", "year", 2020)] == 25573374
    assert by_column[("initial_appropriation", "year", 2021)] == 32444252
    assert by_column[("actual", "m01", 2021)] == 3765571
    assert by_column[("actual", "h1", 2021)] == 16566904
    assert by_column[("change_rate", "h1", 2021)] == 30.50
    assert by_column[("forecast", "year", 2021)] == 31196904
    # Ek-2 writes `4 | 4` for 04.4; it is read as 04.4, not lost.
    assert values.filter(pl.col("economic_code") == "04.4").height == 20
    assert parsed.issues.filter(pl.col("severity") == "error").height == 0


def test_header_tree_spans_and_stacks() -> None:
    """`Gider Gerçekleşmeleri` spans two sub-headers over two years each; years over names."""
    spanning = [
        ["2020 Gider Gerçekleşmesi", "2021 Başlangıç Ödeneği", "Gider Gerçekleşmeleri"],
        ["Ocak-Haziran Dönemi", "Oran (İlk 6 Ay)", "Artış Oranı"],
        ["2020", "2021", "2020", "2021"],
    ]
    labels = column_labels(spanning, 7, takes_subcolumns)
    assert labels is not None
    assert [classify(label, 2021).measure for label in labels] == [
        "actual",
        "initial_appropriation",
        "actual",
        "actual",
        "execution_rate",
        "execution_rate",
        "change_rate",
    ]
    stacked = column_labels(
        [["2020", "2021", "Artış Oranı"], ["Gider Gerçekleşmeleri", "Başlangıç Ödeneği"]], 3, takes_subcolumns
    )
    assert stacked == ["2020 Gider Gerçekleşmeleri", "2021 Başlangıç Ödeneği", "Artış Oranı"]
    assert column_labels([["2020", "2021"]], 5, takes_subcolumns) is None


def test_every_tab_line_is_a_header_a_value_row_or_an_issue() -> None:
    for year in (2021, 2022):
        parsed = _parse_pdf(year)
        text = _pdf_text(year)
        tab_lines = {number for number, line in enumerate(text.split("\n"), start=1) if "\t" in line}
        values, tables = parsed.tables["fsr_values"], parsed.tables["fsr_tables"]
        first_rows = values.group_by("table_no").agg(pl.col("source_line").min().alias("first"))
        headers = {
            line
            for start, first in tables.join(first_rows, on="table_no")
            .select("source_line", "first")
            .iter_rows()
            for line in range(start, first)
        }
        accounted = set(values["source_line"]) | set(parsed.issues["source_line"].drop_nulls()) | headers
        assert tab_lines - accounted == set()


@pytest.mark.parametrize("seed", range(12))
def test_mangled_reports_never_raise(seed: int) -> None:
    """Cells dropped, lines shuffled or cut: issues, never an exception, and the schemas hold."""
    import random

    rng = random.Random(seed)
    lines = (
        (FIXTURES / "financial_status_report" / "gebze_2021_main_tables.txt")
        .read_text(encoding="utf-8")
        .split("\n")
    )
    for _ in range(20):
        index = rng.randrange(len(lines))
        cells = lines[index].split("\t")
        action = rng.choice(["drop_cell", "drop_line", "swap", "garble"])
        if action == "drop_cell" and len(cells) > 1:
            cells.pop(rng.randrange(len(cells)))
            lines[index] = "\t".join(cells)
        elif action == "drop_line":
            lines.pop(index)
        elif action == "swap":
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = lines[index].replace(",", ".", 1).replace("0", "O", 1)
    parsed = parse_financial_status_report("\n".join(lines), "gebze-bld-mdr-2021")
    tables = batch_tables([parsed], raw_table_schemas())
    for name in ("fsr_tables", "fsr_values"):
        if name in tables:
            assert validate(RAW_TABLE_MODELS[name], tables[name], name).failures == 0


@pytest.mark.parametrize("year", [2021, 2022])
def test_identified_from_the_cover(year: int) -> None:
    from dagster_project.document_scan import identify

    fields = identify(_pdf_text(year))
    assert fields["document_type"] == "financial_status_report"
    assert (fields["period_start_year"], fields["period_end_year"], fields["fiscal_year"]) == (
        year,
        year,
        year,
    )
    assert (fields["administration"], fields["administration_slug"]) == ("Gebze Belediyesi", "gebze-bld")


def test_the_2022_revenue_annex_with_an_unnamed_top_cell() -> None:
    """Ek-2 of 2022 (page 11, sideways): the top cell above `TEMMUZ AĞUSTOS 2022` is empty."""
    parsed = _parse_pdf(2022)
    tables = parsed.tables["fsr_tables"].filter(pl.col("page") == 11, pl.col("side") == "revenue")
    values = parsed.tables["fsr_values"].filter(
        pl.col("table_no") == tables["table_no"][0], pl.col("economic_code") == "01"
    )
    by_column = {(r["measure"], r["period"], r["year"]): r["value"] for r in values.iter_rows(named=True)}
    assert by_column[("actual", "year", 2021)] == pytest.approx(171284878.68)
    assert by_column[("initial_appropriation", "year", 2022)] == pytest.approx(314850000.00)
    assert by_column[("actual", "h1", 2021)] == pytest.approx(91888811.77)
    assert by_column[("actual", "h1", 2022)] == pytest.approx(147660082.15)
    assert by_column[("forecast", "year", 2022)] == pytest.approx(275245035.49)
    # `TEMMUZ AĞUSTOS 2022` names no measure: kept as printed with measure null, and said so.
    unnamed = values.filter(pl.col("column_label") == "TEMMUZ AĞUSTOS 2022")
    assert unnamed.select("measure", "value").rows() == [(None, pytest.approx(127584953.34))]
    assert parsed.issues.filter(pl.col("message").str.contains("TEMMUZ AĞUSTOS 2022")).height == 1


def test_the_2022_expenditure_annex_runs_on_through_its_label_less_rows() -> None:
    """Ek-1 of 2022 (page 10, sideways) prints 06.7, 09.1, 09.4 and 09.6 with figures but an empty
    label cell: each is an error with its code and line, and the rows around them stay in Ek-1."""
    parsed = _parse_pdf(2022)
    tables = parsed.tables["fsr_tables"].filter(pl.col("page") == 10)
    assert tables.select("title", "kind", "row_count").rows() == [
        ("EK- 1 BÜTÇE GİDERLERİNİN GELİŞİMİ", "table", 34)
    ]
    values = parsed.tables["fsr_values"].filter(pl.col("table_no") == tables["table_no"][0])
    first_07 = values.filter(pl.col("economic_code") == "07").filter(
        pl.col("row_no") == pl.col("row_no").min()
    )
    by_column = {(r["measure"], r["period"], r["year"]): r["value"] for r in first_07.iter_rows(named=True)}
    assert first_07["row_label"][0] == "SERMAYE TRANSFERLERİ"
    assert by_column[("actual", "year", 2021)] == pytest.approx(1491818.89)
    assert by_column[("initial_appropriation", "year", 2022)] == pytest.approx(1000.00)
    reserve = values.filter(pl.col("economic_code") == "09", pl.col("measure") == "initial_appropriation")
    assert reserve["value"].to_list() == [pytest.approx(34507837.00)]
    unlabelled = parsed.issues.filter(pl.col("message").str.contains("has no label"))
    assert unlabelled.select("severity", "source_line").rows() == [
        ("error", 290),
        ("error", 295),
        ("error", 296),
        ("error", 297),
    ]
    codes = unlabelled["message"].str.extract(r"code (\d{2}\.\d)").to_list()
    assert codes == ["06.7", "09.1", "09.4", "09.6"]
    assert unlabelled["raw_text"][0].split("\t")[4] == "₺5.000,00"  # 06.7's 2022 Başlangıç Ödeneği


def test_pages_come_from_the_extractions_page_map() -> None:
    """The pipeline hands the parser the text without form feeds and the page map beside it: the
    pages are the same as read from the form feeds (Gebze 2022's Ek-1 on page 10)."""
    paged = split_pages(_pdf_text(2022), paged_source=True)
    assert "\f" not in paged.text
    parsed = parse_financial_status_report(paged.text, "gebze-bld-mdr-2022", paged.pages)
    pages = parsed.tables["fsr_tables"].select("table_no", "page", "last_page")
    assert pages.equals(_parse_pdf(2022).tables["fsr_tables"].select("table_no", "page", "last_page"))
    ek1 = parsed.tables["fsr_tables"].filter(pl.col("title").str.starts_with("EK- 1"))
    assert ek1.select("page", "last_page").rows() == [(10, 10)]


def test_a_table_whose_reading_fails_costs_that_table_not_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """`guard` around each table: the first one fails, the others are read as before."""
    whole = _parse_typed(2021)
    read_table = document._read_table
    calls: list[int] = []

    def first_fails(report: object, start: int, section: str | None) -> int:
        calls.append(start)
        if len(calls) == 1:
            raise RuntimeError("a bug in the table reader")
        return read_table(report, start, section)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "_read_table", first_fails)
    parsed = _parse_typed(2021)
    failed = parsed.issues.filter(pl.col("message").str.contains("a bug in the table reader"))
    assert failed["severity"].to_list() == ["error"]
    assert (
        failed["message"]
        .item()
        .startswith(f"economic-code table at line {calls[0] + 1}: fsr_tables parser failed: RuntimeError")
    )
    assert parsed.tables["fsr_tables"].height == whole.tables["fsr_tables"].height - 1
    assert 0 < parsed.tables["fsr_values"].height < whole.tables["fsr_values"].height
    unread = parsed.issues.filter(pl.col("message") == "table row outside the economic-code tables")
    assert calls[0] + 1 in unread["source_line"].to_list()  # the failed table's rows stay issues
