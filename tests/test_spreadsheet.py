"""The streaming workbook writer, read back with openpyxl: values, types, formats, frozen header, filters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from dagster_project.exports.excel import TIMESTAMP_FORMAT, TL_FORMAT
from dagster_project.exports.spreadsheet import (
    AMOUNT,
    BOOLEAN,
    DATETIME,
    INTEGER,
    NUMBER,
    TEXT,
    TIMESTAMP,
    Column,
    Sheet,
    column_letter,
    write_workbook,
)

COLUMNS = [
    Column("kod", TEXT),
    Column("tutar (TL)", NUMBER, AMOUNT),
    Column("yıl", NUMBER, INTEGER),
    Column("değer", NUMBER),
    Column("yargılandı", BOOLEAN),
    Column("derleme zamanı", DATETIME, TIMESTAMP),
]
ROWS = [
    ("KE.1.1", 2_621_710_000.0, 2024, 0.1 + 0.2, True, datetime(2026, 11, 21, 8, 24, 30)),
    ("A & B <c> 'ç' \"d\"", Decimal("12.50"), None, float("nan"), False, None),
    ("sayfa\x0csonu _x0041_ ", None, 2020, float("inf"), None, None),
]


def test_values_types_and_formats_read_back(tmp_path: Path) -> None:
    path = tmp_path / "belge.xlsx"
    names = write_workbook(path, [Sheet("hedefler", COLUMNS, ROWS)], TL_FORMAT, TIMESTAMP_FORMAT)
    assert names == ["hedefler"]
    sheet = load_workbook(path)["hedefler"]
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert (
        sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb == "00DDEBF7" and sheet["A1"].alignment.wrap_text
    )
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    assert [cell.value for cell in sheet[2]] == [
        "KE.1.1",
        2_621_710_000,
        2024,
        0.30000000000000004,  # every digit, not openpyxl's 16
        True,
        datetime(2026, 11, 21, 8, 24, 30),
    ]
    assert (sheet["B2"].number_format, sheet["C2"].number_format, sheet["F2"].number_format) == (
        TL_FORMAT,
        "0",
        TIMESTAMP_FORMAT,
    )
    # Markup characters survive; NaN and infinity, which a number cell cannot hold, stay visible as text.
    assert [cell.value for cell in sheet[3]] == ["A & B <c> 'ç' \"d\"", 12.5, None, "nan", False, None]
    assert sheet["D4"].value == "inf"
    # A form feed is not allowed in XML: it is written as Excel's `_x000C_` escape, which Excel turns
    # back into the character (openpyxl shows the escape), and a literal "_x0041_" is protected.
    assert sheet["A4"].value == "sayfa_x000C_sonu _x005F_x0041_ "
    assert sheet.column_dimensions["A"].width == len("sayfa\x0csonu _x0041_ ") + 2


def test_same_content_same_bytes_and_repeated_sheet_names_numbered(tmp_path: Path) -> None:
    long_name = "başarı (hizmet alanına göre) ve daha uzun bir ad"
    sheets = [Sheet(long_name, COLUMNS, ROWS), Sheet(long_name, COLUMNS, ROWS[:1])]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    names = write_workbook(first, sheets, TL_FORMAT, TIMESTAMP_FORMAT)
    write_workbook(second, sheets, TL_FORMAT, TIMESTAMP_FORMAT)
    assert first.read_bytes() == second.read_bytes()
    assert names == ["başarı (hizmet alanına göre) ve", "başarı (hizmet alanına göre (2)"]
    workbook = load_workbook(first)
    assert workbook.sheetnames == names
    assert workbook[names[1]].auto_filter.ref == "A1:F2"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_fill_in_columns_are_coloured_down_to_their_empty_cells_beside_frozen_keys(tmp_path: Path) -> None:
    path = tmp_path / "şablon.xlsx"
    columns = [
        Column("kod", TEXT),
        Column("yıl", NUMBER),
        Column("Gerçekleşen", NUMBER, width=14, fill_in=True),
        Column("Not", TEXT, width=30, fill_in=True),
    ]
    rows = [("KE.1.1", 2024, None, None), ("KE.1.2", 2024, 7.5, None)]
    write_workbook(
        path,
        [Sheet("şablon", columns, rows, frozen_columns=2), Sheet("boş", columns, [])],
        TL_FORMAT,
        TIMESTAMP_FORMAT,
    )
    workbook = load_workbook(path)
    sheet = workbook["şablon"]
    assert sheet.freeze_panes == "C2"
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["KE.1.1", 2024, None, None],
        ["KE.1.2", 2024, 7.5, None],
    ]
    colours = [[cell.fill.fgColor.rgb for cell in row] for row in sheet.iter_rows()]
    assert (
        colours
        == [["00DDEBF7", "00DDEBF7", "00FFF2CC", "00FFF2CC"]]
        + [["00000000", "00000000", "00FFF2CC", "00FFF2CC"]] * 2
    )
    assert sheet["C1"].font.b and not sheet["C2"].font.b
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [
        8,
        6,
        14,
        30,
    ]  # measured, then fixed
    # A sheet without rows keeps its header.
    assert [cell.value for cell in workbook["boş"][1]] == ["kod", "yıl", "Gerçekleşen", "Not"]
    assert workbook["boş"].max_row == 1
