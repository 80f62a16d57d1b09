"""Page numbers: the form feeds of a document's text become the page of every row, cell and issue.

The end-to-end test runs one refresh over the shipped documents with form feeds inserted at known
line starts (pdftotext's page marks) and compares it with the shared refresh of the same documents
without them: the same lines and values everywhere, plus the page next to each line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import KOCAELI_PLAN, PublishedRun, RunRefresh
from openpyxl import load_workbook

from dagster_project.document_scan import identify, load_document
from dagster_project.pages import Page, PagedText, split_pages

SP = "kocaeli-bb-sp-2020-2024"
PP = "kayseri-bb-pp-2024"
KAYSERI_PROGRAMME = "kayseri_bb_performans_programi_2024.txt"
# First line of every page after the first → how many form feeds start it (2: a blank page before).
KOCAELI_PAGE_STARTS = {40: 1, 1000: 1, 1246: 2, 2363: 1, 2548: 1}
KAYSERI_PAGE_STARTS = {1000: 1, 1155: 1, 1339: 1}
KOCAELI_PAGES = [(1, 1, 39), (2, 40, 999), (3, 1000, 1245), (5, 1246, 2362), (6, 2363, 2547), (7, 2548, 2691)]
KAYSERI_PAGES = [(1, 1, 999), (2, 1000, 1154), (3, 1155, 1338), (4, 1339, 4427)]
# Columns that differ between the two refreshes by design: the page, and the file's bytes.
PAGE_OR_FILE_COLUMNS = {"page_number", "source_sha256", "size_bytes", "source_mtime_ns"}


def with_form_feeds(text: str, page_starts: dict[int, int]) -> str:
    """`text` with form feeds at the start of the given lines, ending with one as pdftotext does."""
    lines = text.split("\n")
    for line, feeds in page_starts.items():
        lines[line - 1] = "\f" * feeds + lines[line - 1]
    return "\n".join(lines) + "\f"


def test_form_feeds_give_the_page_of_every_line_and_leave_the_lines_alone() -> None:
    paged = split_pages("cover\n\ftitle\nrow\t1\n\f\fafter a blank page\nlast\n\f")
    assert paged.text == "cover\ntitle\nrow\t1\nafter a blank page\nlast\n"
    assert paged.pages == (Page(1, 1, 1), Page(2, 2, 3), Page(4, 4, 6))
    # A blank first page: the first line is on page 2.
    assert split_pages("\fa\nb").pages == (Page(2, 1, 2),)
    # One page ending in a form feed is a paginated one-page document; no form feed, pages unknown.
    assert split_pages("a\nb\f").pages == (Page(1, 1, 2),)
    assert split_pages("a\nb") == PagedText("a\nb", ())
    assert split_pages("a\nb", paged_source=True).pages == (Page(1, 1, 2),)  # a one-page PDF
    assert split_pages("a\nb").pages_frame(SP).height == 0


def test_identification_and_line_count_ignore_form_feeds(
    kocaeli_plan_text: str, raw_dir: Path, tmp_path: Path
) -> None:
    paged = with_form_feeds(kocaeli_plan_text, {2: 1, 5: 2, 40: 1})
    assert identify(paged) == identify(kocaeli_plan_text)
    (tmp_path / KOCAELI_PLAN).write_text(paged, encoding="utf-8")
    document = load_document(tmp_path / KOCAELI_PLAN, tmp_path)
    original = load_document(raw_dir / KOCAELI_PLAN, raw_dir)
    assert (
        (document.document_id, document.line_count)
        == (original.document_id, original.line_count)
        == (
            SP,
            2691,
        )
    )


@pytest.fixture(scope="module")
def paged_run(run_refresh: RunRefresh) -> PublishedRun:
    """One refresh of the shipped documents with page marks inserted in both."""

    def insert_form_feeds(raw: Path) -> None:
        for name, starts in ((KOCAELI_PLAN, KOCAELI_PAGE_STARTS), (KAYSERI_PROGRAMME, KAYSERI_PAGE_STARTS)):
            path = raw / name
            path.write_text(with_form_feeds(path.read_text(encoding="utf-8"), starts), encoding="utf-8")

    run = run_refresh("paged", insert_form_feeds)
    assert run.result.success, f"run failed: {run.failed_steps}"
    return run


@pytest.fixture(scope="module")
def paged(paged_run: PublishedRun) -> Iterator[duckdb.DuckDBPyConnection]:
    with paged_run.connect() as con:
        yield con


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def test_the_page_map_is_stored_once_per_document(paged: duckdb.DuckDBPyConnection) -> None:
    pages = (
        "select page_number, first_line, last_line from raw.document_pages where document_id = ? order by 1"
    )
    assert rows(paged, pages, SP) == KOCAELI_PAGES
    assert rows(paged, pages, PP) == KAYSERI_PAGES


def test_cells_issues_and_facts_carry_the_page_of_their_line(paged: duckdb.DuckDBPyConnection) -> None:
    # Line 39 ends page 1 ("ÖNSÖZ 11" of the contents); 40 starts page 2.
    cells = "select distinct source_line, page_number from marts.document_table_cell where document_id = ?"
    assert rows(paged, f"{cells} and source_line in (39, 40, 2547, 2548) order by 1", SP) == [
        (39, 1),
        (40, 2),
        (2547, 6),
        (2548, 7),
    ]
    # KU.4's two differing goal texts (lines 2363 and 2383) are on page 6; document-wide issues have none.
    issues = rows(
        paged,
        "select source_line, page_number, severity from marts.rpt_extraction_issues "
        "where document_id = ? and table_name = 'sp_goals' order by 1",
        SP,
    )
    assert issues == [(2363, 6, "warning"), (2383, 6, "warning")]
    assert rows(
        paged,
        "select count(*) from marts.rpt_extraction_issues where source_line is null and page_number is not null",
    ) == [(0,)]
    # KE.1.1's 2024 cost (797.950.000 TL, line 2548): page 7; Kayseri's F14 costs (lines 1339-1340): page 4.
    budget = "select amount_try, source_line, page_number from marts.fct_budget where {} = ? and year = 2024"
    assert rows(paged, budget.format("target_id"), f"{SP}:KE.1.1") == [(797_950_000, 2548, 7)]
    assert rows(paged, budget.format("activity_id") + " and amount_try <> 0 order by 2", f"{PP}:F14") == [
        (4_434_000, 1339, 4),
        (54_504_000, 1340, 4),
    ]
    # Ke/Pg.1.1.1 (line 1250) follows the blank page 4.
    assert rows(
        paged,
        "select distinct source_line, page_number from marts.fct_indicator_value where indicator_id = ?",
        f"{SP}:Ke/Pg.1.1.1",
    ) == [(1250, 5)]
    # Kayseri's own 2022 actual of PH1.1 (line 1049) names its page in the achievement's source.
    assert rows(
        paged,
        "select distinct actual_source from marts.fct_indicator_achievement "
        "where document_id = ? and actual_source like '% PH1.1 line 1049%'",
        PP,
    ) == [(f"{PP} PH1.1 line 1049 page 2",)]
    # Every row of a marked document that has a line has a page.
    for mart in ("document_table_cell", "fct_budget", "fct_indicator_value", "dim_indicator", "dim_activity"):
        assert rows(paged, f"select count(*) from marts.{mart} where page_number is null") == [(0,)], mart


def mart_values(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every mart's and raw table's rows without the page and file columns (and the page named in
    an achievement's source), in a canonical order."""
    tables = rows(
        con,
        "select schema_name, table_name from duckdb_tables() where schema_name in ('marts', 'raw') "
        "and table_name not in ('meta_build', 'document_pages') order by 1, 2",
    )
    values = {}
    for schema, table in tables:
        columns = [
            name
            for (name,) in rows(
                con,
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
                "order by column_index",
                schema,
                table,
            )
            if name not in PAGE_OR_FILE_COLUMNS
        ]
        select = ", ".join(
            f"regexp_replace({name}, ' page \\d+', '')" if name == "actual_source" else f'"{name}"'
            for name in columns
        )
        values[f"{schema}.{table}"] = sorted(rows(con, f'select {select} from {schema}."{table}"'), key=repr)
    return values


def test_page_marks_change_no_line_and_no_value(
    paged: duckdb.DuckDBPyConnection, published_run: PublishedRun
) -> None:
    with published_run.connect() as plain:
        assert rows(plain, "select count(*) from raw.document_pages") == [(0,)]
        assert rows(plain, "select count(*) from marts.fct_budget where page_number is not null") == [(0,)]
        expected = mart_values(plain)
    actual = mart_values(paged)
    assert len(actual["marts.document_table_cell"]) > 10_000
    assert actual == expected


def sheet_rows(path: Path, sheet: str) -> tuple[list[str], list[list[object]]]:
    """Header and rows of a workbook sheet, as an analyst's Excel reads them."""
    header, *values = load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)
    return list(header), [list(row) for row in values]


def page_of(line: int, pages: list[tuple[int, int, int]]) -> int:
    return next(page for page, first, last in pages if first <= line <= last)


def test_workbook_and_report_show_the_page_next_to_the_line(
    paged_run: PublishedRun, published_run: PublishedRun
) -> None:
    header, values = sheet_rows(paged_run.exports / "xlsx" / f"{SP}.xlsx", "bütçe")
    line, page = header.index("kaynak satır"), header.index("sayfa")
    assert page == line + 1
    assert {(row[line], row[page]) for row in values} >= {(2548, 7)}
    # The issues sheet: 665 not-modelled tables on pages 1-3, KU.4's goal texts on page 6.
    header, values = sheet_rows(paged_run.exports / "xlsx" / f"{SP}.xlsx", "sorunlar")
    line, page = header.index("kaynak satır"), header.index("sayfa")
    assert all(row[page] == page_of(row[line], KOCAELI_PAGES) for row in values if row[line] is not None)
    assert sorted({row[page] for row in values if row[page] is not None}) == [1, 2, 3, 6]
    # The same document without page marks: no empty page column.
    header, _ = sheet_rows(published_run.exports / "xlsx" / f"{SP}.xlsx", "bütçe")
    assert "kaynak satır" in header and "sayfa" not in header
    # Kayseri's citation finding (line 1155) in the report, with its page.
    report = (paged_run.exports / "report" / f"{PP}.html").read_text(encoding="utf-8")
    assert "<td>sayfa 3, satır 1155</td>" in report
    plain_report = (published_run.exports / "report" / f"{PP}.html").read_text(encoding="utf-8")
    assert "<td>satır 1155</td>" in plain_report and "sayfa 3" not in plain_report
