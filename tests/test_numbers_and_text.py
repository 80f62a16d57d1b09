"""The shared text helpers every parser relies on: cells, Turkish numbers, normalisation, headers."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dagster_project.parsers.cells import Line, clean_cell, document_lines
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.normalise import ascii_key, name_key, turkish_lower, turkish_upper
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.tables import Column, header_year, map_header
from dagster_project.schemas.common import ExtractionIssuesSchema
from dagster_project.validation import polars_schema

# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1.500", 1500.0),
        ("9,3", 9.3),
        ("18,7", 18.7),
        ("2.621.710.000", 2_621_710_000.0),
        ("125.000.000", 125_000_000.0),
        ("1.234,56", 1234.56),
        ("%106,72", 106.72),
        ("1.281.312.454 ₺", 1_281_312_454.0),
        ("12 TL", 12.0),
        ("0", 0.0),
        ("-5", -5.0),
    ],
)
def test_turkish_numbers(cell: str, value: float) -> None:
    number = parse_number(cell)
    assert (number.value, number.kind, number.raw, number.note) == (value, "number", cell, None)


@pytest.mark.parametrize("cell", ["-", "–", "—", "", "   "])
def test_dash_and_empty_are_missing_never_zero(cell: str) -> None:
    number = parse_number(cell)
    assert (number.value, number.kind, number.raw) == (None, "missing", cell)


def test_a_dot_that_is_not_a_thousands_group_is_a_decimal_point_with_a_note() -> None:
    number = parse_number("11.3")
    assert (number.value, number.kind) == (11.3, "number")
    assert number.note is not None and "decimal point" in number.note
    assert parse_number("1.50").value == 1.5


@pytest.mark.parametrize("cell", ["abc", "Var", "10-15", "1,2,3"])
def test_text_is_invalid_and_kept(cell: str) -> None:
    number = parse_number(cell)
    assert (number.value, number.kind, number.raw) == (None, "invalid", cell)
    assert not number.is_number


def turkish_thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**15))
def test_any_integer_written_with_thousands_dots_reads_back(number: int) -> None:
    assert parse_number(turkish_thousands(number)).value == float(number)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_any_decimal_written_with_a_comma_reads_back(whole: int, cents: int) -> None:
    cell = f"{turkish_thousands(whole)},{cents:02d}"
    assert parse_number(cell).value == pytest.approx(whole + cents / 100)


# -- cells and lines -----------------------------------------------------------------------------


def test_clean_cell_drops_invisible_characters_and_collapses_space() -> None:
    assert clean_cell("\u00a0 Fen\u200b  İşleri \ufeff") == "Fen İşleri"
    assert clean_cell("Ölçü\u202fBirimi") == "Ölçü Birimi"


def test_document_lines_are_numbered_from_one_and_keep_tabs() -> None:
    lines = document_lines("Başlık\r\n\nKod\tAd\t\n")
    assert [(line.number, line.text) for line in lines] == [(1, "Başlık"), (2, ""), (3, "Kod\tAd\t"), (4, "")]
    assert [line.is_table_row for line in lines] == [False, False, True, False]
    assert [line.is_blank for line in lines] == [False, True, False, True]


def test_cells_keep_positions_and_values_skip_empties() -> None:
    line = Line(1250, "Ke/Pg.1.1.1\t Projesi yapılan kavşak sayısı \t\tAdet\t")
    assert line.cells == ["Ke/Pg.1.1.1", "Projesi yapılan kavşak sayısı", "", "Adet", ""]
    assert line.values == ["Ke/Pg.1.1.1", "Projesi yapılan kavşak sayısı", "Adet"]
    assert line.stripped == "Ke/Pg.1.1.1 Projesi yapılan kavşak sayısı Adet"


# -- Turkish normalisation -----------------------------------------------------------------------


def test_turkish_case_rules() -> None:
    assert turkish_lower("İSTANBUL IŞIK") == "istanbul ışık"
    assert turkish_upper("istanbul ışık") == "İSTANBUL IŞIK"
    assert turkish_lower("ULAŞIM HİZMETLERİ") == "ulaşım hizmetleri"


def test_name_key_matches_heading_and_title_case_forms() -> None:
    assert name_key("ULAŞIM HİZMETLERİ") == name_key("Ulaşım Hizmetleri") == "ulaşım hizmetleri"
    assert name_key("GENÇLİK, SPOR VE EĞİTİM HİZMETLERİ") == name_key("Gençlik, Spor ve Eğitim Hizmetleri")
    assert name_key("Sorumlu Birim(ler)") == "sorumlu birim ler"
    assert name_key("  Hedefe Etkisi (%) ") == "hedefe etkisi"
    assert name_key("Kırsal") != name_key("Kirsal")  # ı and i stay different letters


def test_ascii_key_folds_turkish_letters() -> None:
    assert ascii_key("Çok İyi") == "cok iyi"
    assert ascii_key("Belediyeçilik") == ascii_key("Belediyecilik")
    assert ascii_key("Kırsal") == ascii_key("Kirsal")


# Any text with Turkish letters, white space, punctuation, digits and a combining dot.
KEY_TEXT = st.text(st.sampled_from(list("aıiIİçÇğĞşŞöÖüÜâîû xZ_\t\u00a0\u0307,.;:()%-/0129")), max_size=30)


@given(KEY_TEXT)
def test_keys_are_the_simultaneous_letter_mapping(text: str) -> None:
    """The keys map letters one at a time (`str.replace`, faster); the result is the simultaneous
    mapping `str.translate` gives, punctuation runs become one space, white space collapses."""
    lowered = unicodedata.normalize("NFC", text).translate(str.maketrans({"I": "ı", "İ": "i"})).lower()
    expected = " ".join(re.sub(r"[^\w]+", " ", lowered).split())
    assert name_key(text) == expected
    folding = str.maketrans(
        {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u"}
    )
    assert ascii_key(text) == expected.translate(folding)


# -- headers -------------------------------------------------------------------------------------

COLUMNS = [
    Column("label", ("Stratejik Amaç/Stratejik Hedef",)),
    Column("total", ("Toplam Tutar (TL)", "Toplam Tutar")),
]


def test_map_header_by_text_not_position() -> None:
    header = map_header(
        [
            "Toplam Tutar",
            "2021 Yılı (TL)",
            "",
            "STRATEJİK AMAÇ/STRATEJİK HEDEF",
            "2020 Yılı (TL)",
            "Açıklama",
        ],
        COLUMNS,
    )
    assert header.positions == {"total": 0, "label": 3}
    assert header.years == {2021: 1, 2020: 4}
    assert header.year_labels[2020] == "2020 Yılı (TL)"
    assert header.unknown == [(5, "Açıklama")]


def test_map_header_known_column_wins_and_repeated_year_is_unknown() -> None:
    columns = [Column("baseline", ("Plan Dönemi Başlangıç Değeri 2024",))]
    header = map_header(["Plan Dönemi Başlangıç Değeri 2024", "2025", "2025 Yılı Hedefi"], columns)
    assert header.positions == {"baseline": 0}
    assert header.years == {2025: 1}
    assert header.unknown == [(2, "2025 Yılı Hedefi")]
    assert map_header(["2025"], columns, year_columns=False).unknown == [(0, "2025")]


def test_header_cell_lookup_on_short_rows() -> None:
    header = map_header(["Stratejik Amaç/Stratejik Hedef", "2020", "Toplam Tutar"], COLUMNS)
    assert header.cell(["KE.1", "5"], "label") == "KE.1"
    assert header.cell(["KE.1", "5"], "total") is None
    assert header.cell(["KE.1", "5", "9"], "missing") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("2024 Yılı Hedefi", 2024), ("2021 Yılı (TL)", 2021), ("2025", 2025), ("Toplam", None), ("12025", None)],
)
def test_header_year(text: str, year: int | None) -> None:
    assert header_year(text) == year


# -- issues --------------------------------------------------------------------------------------


def test_issue_log_frame_has_the_contract_schema() -> None:
    log = IssueLog("kocaeli-bb-sp-2020-2024")
    log.add(Line(224, "Çalışmanın Adı\tKatılımcılar"), "not_modelled", "info", "not modelled")
    log.add(None, "sp_cost_distribution", "warning", "table not found")
    frame = log.frame()
    assert frame.schema == polars_schema(ExtractionIssuesSchema)
    assert frame.rows() == [
        (
            "kocaeli-bb-sp-2020-2024",
            224,
            "not_modelled",
            "info",
            "not modelled",
            "Çalışmanın Adı\tKatılımcılar",
        ),
        ("kocaeli-bb-sp-2020-2024", None, "sp_cost_distribution", "warning", "table not found", ""),
    ]
    assert IssueLog("x").frame().schema == polars_schema(ExtractionIssuesSchema)
