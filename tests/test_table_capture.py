"""Every tab-separated table of both shipped documents, captured as cells without document-specific code."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from dagster_project.pages import split_pages
from dagster_project.parsers.cells import document_lines
from dagster_project.parsers.table_capture import capture_tables, find_tables
from dagster_project.schemas.table_capture import DocumentTableCellsSchema

KOCAELI = ("kocaeli_bb_stratejik_plan_2020_2024.txt", "kocaeli-bb-sp-2020-2024")
KAYSERI = ("kayseri_bb_performans_programi_2024.txt", "kayseri-bb-pp-2024")


@pytest.fixture(scope="module")
def cells(read_raw: Callable[[str], str]) -> dict[str, pl.DataFrame]:
    return {
        document_id: capture_tables(read_raw(name), document_id) for name, document_id in (KOCAELI, KAYSERI)
    }


def table_of(frame: pl.DataFrame, title: str) -> pl.DataFrame:
    numbers = frame.filter(pl.col("table_title") == title)["table_no"].unique()
    assert numbers.len() == 1, f"{title!r} names {numbers.to_list()}"
    return frame.filter(pl.col("table_no") == numbers[0])


@pytest.mark.parametrize(
    ("document_id", "tables", "cells_count"),
    [("kocaeli-bb-sp-2020-2024", 121, 6200), ("kayseri-bb-pp-2024", 223, 11318)],
)
def test_both_documents_tables_and_cells_are_counted(
    cells: dict[str, pl.DataFrame], document_id: str, tables: int, cells_count: int
) -> None:
    frame = cells[document_id]
    assert (frame["table_no"].n_unique(), frame.height) == (tables, cells_count)
    DocumentTableCellsSchema.validate(frame, lazy=True)


@pytest.mark.parametrize("document", [KOCAELI, KAYSERI])
def test_every_non_empty_cell_is_a_cell_a_title_or_a_repeated_header(
    read_raw: Callable[[str], str], document: tuple[str, str]
) -> None:
    text = read_raw(document[0])
    lines = document_lines(text)
    tables = find_tables(lines)
    in_document = sum(len(line.values) for line in lines if line.is_table_row)
    titles = sum(1 for table in tables if table.title_line)
    repeated = sum(len(line.values) for table in tables for line in table.repeated_headers)
    assert capture_tables(text, document[1]).height + titles + repeated == in_document


def test_kocaeli_revenue_forecast_cells_sit_under_their_year_headers(cells: dict[str, pl.DataFrame]) -> None:
    forecast = table_of(cells["kocaeli-bb-sp-2020-2024"], "2020-2024 Yılları Gelir Tahmini")
    assert forecast["source_line"].min() == 1032
    header = forecast.filter(pl.col("row_no") == 0).sort("column_no")["value"].to_list()
    assert header == [
        "KAYNAKLAR",
        "2020 Yılı (TL)",
        "2021 Yılı (TL)",
        "2022 Yılı (TL)",
        "2023 Yılı (TL)",
        "2024 Yılı (TL)",
        "Toplam Kaynak",
    ]
    taxes = forecast.filter(pl.col("row_no") == 1).sort("column_no")
    assert taxes.select("header", "value").rows()[:2] == [
        ("KAYNAKLAR", "Vergi Gelirleri"),
        ("2020 Yılı (TL)", "49.907.000"),
    ]
    total_row = forecast.filter(pl.col("value") == "TOPLAM")["row_no"].item()
    grand_total = forecast.filter((pl.col("row_no") == total_row) & (pl.col("header") == "Toplam Kaynak"))
    assert grand_total.select("value", "source_line").row(0) == ("17.507.438.984", 1039)


def test_a_table_continued_after_a_page_break_keeps_one_number(cells: dict[str, pl.DataFrame]) -> None:
    """The Kocaeli vehicle table repeats its header on line 945; its rows go on in the same table."""
    kocaeli = cells["kocaeli-bb-sp-2020-2024"]
    vehicles = kocaeli.filter(
        pl.col("table_no") == kocaeli.filter(pl.col("value") == "Araç Türü")["table_no"].item()
    )
    assert vehicles.filter(pl.col("row_no") == 0)["source_line"].unique().to_list() == [916]
    assert 945 not in vehicles["source_line"].to_list()
    buses = vehicles.filter(pl.col("row_no") == vehicles.filter(pl.col("value") == "Otobüs")["row_no"].item())
    assert buses.select("header", "value").rows() == [
        ("Araç Türü", "Otobüs"),
        ("Resmi (Adet)", "31"),
        ("Kiralık (Adet)", "27"),
        ("Toplam (Adet)", "58"),
    ]


def test_a_single_cell_first_row_is_the_title(cells: dict[str, pl.DataFrame]) -> None:
    staff = table_of(cells["kayseri-bb-pp-2024"], "Çalışan Personel Bilgileri")
    assert staff.filter(pl.col("value") == "Memur").select("row_no", "source_line").row(0) == (1, 239)
    officers = staff.filter(pl.col("source_line") == 239).select("header", "value").rows()
    assert officers == [("Unvan", "Memur"), ("Çalışan", "678"), ("Erkek", "615"), ("Bayan", "63")]


def test_target_cards_are_tables_without_a_header_row(cells: dict[str, pl.DataFrame]) -> None:
    """`Stratejik Amaç ⇥ KE.1 …` is data (it holds a code), so each card is its own table."""
    kocaeli = cells["kocaeli-bb-sp-2020-2024"]
    cards = kocaeli.filter((pl.col("column_no") == 1) & (pl.col("value") == "Stratejik Hedef"))
    assert cards.height == 82
    assert cards["table_no"].n_unique() == 82
    assert kocaeli.filter(
        pl.col("table_no").is_in(cards["table_no"].implode()) & (pl.col("row_no") == 0)
    ).is_empty()


VEHICLES = "Araçlar\nAraç Türü\tResmi (Adet)\nOtobüs\t31\n"


def test_a_header_row_repeated_after_a_page_break_is_no_row_of_its_table() -> None:
    """A PDF repeats the header at the top of the next page, with no blank line between (the
    extraction writes none): the cells are those of the table without the break, numbered on."""
    unbroken = capture_tables(VEHICLES + "Kamyon\t83\n", "ornek")
    paged = split_pages(VEHICLES + "\fAraç Türü\tResmi (Adet)\nKamyon\t83\n")
    broken = capture_tables(paged.text, "ornek", paged.pages)
    columns = ["table_no", "table_title", "row_no", "column_no", "header", "value"]
    assert broken.select(columns).rows() == unbroken.select(columns).rows()
    assert broken.filter(pl.col("value") == "Kamyon").select("row_no", "header", "source_line").row(0) == (
        2,
        "Araç Türü",
        5,
    )
    [table] = find_tables(document_lines(paged.text), paged.pages)
    assert [line.number for line in table.repeated_headers] == [4]


def test_a_new_table_at_a_page_top_with_the_same_header_after_a_text_line_is_a_new_table() -> None:
    paged = split_pages(VEHICLES + "Kaynak: Destek Hizmetleri\n\fAraç Türü\tResmi (Adet)\nKamyon\t83\n")
    cells = capture_tables(paged.text, "ornek", paged.pages)
    assert cells.filter(pl.col("value") == "Araç Türü").select("table_no", "row_no").rows() == [
        (1, 0),
        (2, 0),
    ]
