"""The parsers' skeleton: one ledger, one guard, frames typed by the pandera models, pages by line,
header rows a page break repeated set aside before any parser reads them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl
import pytest

from dagster_project.pages import split_pages
from dagster_project.parsers.base import (
    DocumentParser,
    Ledger,
    Models,
    Row,
    find_sections,
    guard,
    numbered_heading,
)
from dagster_project.parsers.cells import Line, document_lines
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.page_breaks import REPEATED_HEADER, repeated_headers
from dagster_project.parsers.rows import UndeclaredColumn
from dagster_project.parsers.strategic_plan import StrategicPlanParser
from dagster_project.parsers.strategic_plan.layout import Heading, heading
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS
from dagster_project.validation import polars_schema

TEXT = "2.1. İdare Performans Tablosu\n1\tGenel\t100,00\n\fSayfa iki\n2\tBozuk\n"


class _Goals(DocumentParser):
    """A toy type: one table read from its first row; the second row's reader fails."""

    def models(self) -> Models:
        return {"pp_strategic_goals": PERFORMANCE_PROGRAMME_SCHEMAS["pp_strategic_goals"]}

    def read(self, ledger: Ledger) -> Mapping[str, Iterable[Row]]:
        first = ledger.lines[1]
        rows = [{"goal_no": 1, "goal_text": first.values[1], "source_line": ledger.extract(first)}]
        guard(ledger.issues, "pp_strategic_goals", lambda: int(ledger.lines[3].values[1]), None)
        return {"pp_strategic_goals": rows}


def test_a_section_that_fails_is_an_error_and_the_rest_is_kept() -> None:
    paged = split_pages(TEXT)
    parsed, ledger = _Goals().parse_detailed(paged.text, "ornek-bld-pp-2024", paged.pages)
    goals = parsed.tables["pp_strategic_goals"]
    assert goals.schema == polars_schema(PERFORMANCE_PROGRAMME_SCHEMAS["pp_strategic_goals"])
    assert goals.select("document_id", "goal_no", "goal_text", "source_line").rows() == [
        ("ornek-bld-pp-2024", 1, "Genel", 2)
    ]
    failed = parsed.issues.filter(pl.col("source_line").is_null())
    [message] = failed["message"].to_list()
    # What failed, why, and where (the function and line that raised).
    assert message.startswith("pp_strategic_goals parser failed: ValueError: invalid literal for int()")
    assert message.endswith("'Bozuk' (<lambda>:" + message.rsplit(":", 1)[1])
    # The row nobody read is reported, with its line; the pages are the form feeds'.
    unread = parsed.issues.filter(pl.col("source_line").is_not_null())
    assert unread.select("source_line", "table_name", "severity").rows() == [(4, "not_modelled", "info")]
    assert [ledger.page(number) for number in (1, 2, 3, 4)] == [1, 1, 2, 2]


class _Misspelt(_Goals):
    """The toy type with a misspelt column (`goal_txt`): a programming error, whatever the document."""

    def read(self, ledger: Ledger) -> Mapping[str, Iterable[Row]]:
        first = ledger.lines[1]
        return {"pp_strategic_goals": [{"goal_no": 1, "goal_txt": first.values[1], "source_line": 2}]}


def test_a_row_key_the_model_does_not_declare_is_an_error_naming_the_table_and_the_key() -> None:
    """Not a column of nulls, and not an issue of the document either: the parse raises, even under
    `guard` (which turns any other exception into an issue)."""
    log = IssueLog("ornek-bld-pp-2024")
    with pytest.raises(
        UndeclaredColumn, match=r"^pp_strategic_goals: StrategicGoalsSchema declares no column 'goal_txt'"
    ):
        guard(log, "document", lambda: _Misspelt().parse(split_pages(TEXT).text, "ornek-bld-pp-2024"), None)
    assert log.rows == []


def test_sections_are_found_by_their_headings() -> None:
    lines = document_lines(
        "İçindekiler\n2.1. İdare Performans Tablosu ..... 12\nmetin\n2.1. İdare Performans Tablosu\nx"
    )
    sections = find_sections(lines, {"administration": "idare performans tablosu"})
    assert sections["administration"].heading_line == 4  # not the table-of-contents entry on line 2


# A target card that crosses a page break (`\f`), as a PDF with a repeated header row prints it: the
# card's first row again at the top of the next page, then the card goes on.
CARD_START = (
    "Stratejik Amaç\tKE.1 Ulaşım ağı kurmak.\n"
    "Stratejik Hedef\tKE.1.1 Yolları yapmak.\n"
    "Sorumlu Birim(ler)\tFen İşleri Dairesi Başkanlığı\n"
    "Gösterge Kodu\tPerformans Göstergeleri\tÖlçü Birimi\tŞimdiki Değeri\t2024 Yılı Hedefi\n"
    "Ke/Pg.1.1.1\tYol uzunluğu\tKm\t10\t20\n"
)
CARD_REST = "Ke/Pg.1.1.2\tKavşak sayısı\tAdet\t3\t5\nMaliyet Tahmini (TL)\t1.000.000\n"
NEXT_CARD = (
    "Stratejik Amaç\tKE.1 Ulaşım ağı kurmak.\n"
    "Stratejik Hedef\tKE.1.2 Kavşakları yapmak.\n"
    "Gösterge Kodu\tPerformans Göstergeleri\tÖlçü Birimi\tŞimdiki Değeri\t2024 Yılı Hedefi\n"
    "Ke/Pg.1.2.1\tKavşak sayısı\tAdet\t1\t4\n"
    "Maliyet Tahmini (TL)\t2.000.000\n"
)
REPEAT = "Stratejik Amaç\tKE.1 Ulaşım ağı kurmak.\n"


def _card_rows(text: str) -> tuple[dict[str, list[tuple]], Ledger]:
    """The card tables of a strategic plan text (line columns left out) and the parse's ledger."""
    paged = split_pages(text)
    parsed, ledger = StrategicPlanParser().parse_detailed(paged.text, "ornek-bld-sp-2024", paged.pages)
    rows = {
        name: sorted(table.select(c for c in table.columns if "line" not in c).rows(), key=repr)
        for name, table in parsed.tables.items()
    }
    return rows, ledger


@pytest.mark.parametrize(
    ("text", "programme", "plan"),
    [
        # Kayseri's programme, line 902; its contents entry (line 40) is no heading.
        (
            "2.2.2. 2024 Yılı Performans Programındaki Stratejik Amaç ve Hedefler",
            ("2.2.2", "2024 Yılı Performans Programındaki Stratejik Amaç ve Hedefler"),
            None,
        ),
        ("2.3.10. Kurumsal Kapasite Yönetimi.....\t102", None, None),
        # Kocaeli's plan, lines 1242 and 62: a chapter is one deep, a programme's sections two.
        ("6.1- KENTSEL DÖNÜŞÜM", ("6.1", "KENTSEL DÖNÜŞÜM"), Heading("6.1", "KENTSEL DÖNÜŞÜM")),
        ("8- İZLEME VE DEĞERLENDİRME", None, Heading("8", "İZLEME VE DEĞERLENDİRME")),
        # A programme's `1. GENEL BİLGİLER` (line 80) is a chapter too; an amount alone is no heading.
        ("1. GENEL BİLGİLER", None, Heading("1", "GENEL BİLGİLER")),
        ("200.708.708,00", None, None),
    ],
)
def test_numbered_headings_are_one_pattern_at_two_depths(
    text: str, programme: tuple[str, str] | None, plan: Heading | None
) -> None:
    line = Line(1, text)
    assert numbered_heading(line) == programme
    assert heading(line) == plan


def test_a_card_whose_header_row_repeats_after_a_page_break_reads_as_without_the_break() -> None:
    unbroken, _ = _card_rows(CARD_START + CARD_REST + NEXT_CARD)
    broken, ledger = _card_rows(CARD_START + "\f" + REPEAT + CARD_REST + NEXT_CARD)
    assert broken == unbroken
    assert [(row[1], row[3], row[4]) for row in broken["sp_indicators"]] == [
        ("Ke/Pg.1.1.1", "Km", "KE.1.1"),
        ("Ke/Pg.1.1.2", "Adet", "KE.1.1"),
        ("Ke/Pg.1.2.1", "Adet", "KE.1.2"),
    ]
    # Line 6 is the repeat: consumed with the line of the header it repeats, kept as written,
    # and no issue (the card rows after it are no "card row before any Stratejik Hedef row").
    assert ledger.consumed[6] == f"{REPEATED_HEADER} (the header of line 1)"
    assert ledger.repeated_headers[6].values == ["Stratejik Amaç", "KE.1 Ulaşım ağı kurmak."]
    assert ledger.lines[5].is_blank and 6 not in ledger.flagged


def test_a_new_card_at_the_top_of_a_page_with_the_same_first_row_is_a_new_card() -> None:
    """The next card of the same goal starts with the same `Stratejik Amaç` row; at a page top it
    is followed by its own `Stratejik Hedef` row, as the first one was: a new table, not a repeat."""
    unbroken, _ = _card_rows(CARD_START + CARD_REST + NEXT_CARD)
    broken, ledger = _card_rows(CARD_START + CARD_REST + "\f" + NEXT_CARD)
    assert broken == unbroken
    assert [(row[1], row[7]) for row in broken["sp_targets"]] == [
        ("KE.1.1", "1.000.000"),
        ("KE.1.2", "2.000.000"),
    ]
    assert ledger.repeated_headers == {}


def _repeats(text: str) -> dict[int, int]:
    paged = split_pages(text)
    return {
        number: header.number
        for number, header in repeated_headers(document_lines(paged.text), paged.pages).items()
    }


HEADER_ROW = "Araç Türü\tResmi (Adet)\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The header again at the top of the next page, the table going on: a repeat of line 1.
        (HEADER_ROW + "Otobüs\t31\n\f" + HEADER_ROW + "Kamyon\t83\n", {3: 1}),
        # Blank lines around the break (a text extraction) change nothing.
        (HEADER_ROW + "Otobüs\t31\n\n\f\n" + HEADER_ROW + "Kamyon\t83\n", {5: 1}),
        # The same text without page breaks: pages unknown, nothing is a repeat (left to the parsers).
        (HEADER_ROW + "Otobüs\t31\n" + HEADER_ROW + "Kamyon\t83\n", {}),
        # Not at the top of the page.
        (HEADER_ROW + "Otobüs\t31\n\fKamyon\t83\n" + HEADER_ROW + "Tır\t5\n", {}),
        # The previous page ended in text (a source note): the table had ended, this one is new.
        (HEADER_ROW + "Otobüs\t31\nKaynak: Destek Hizmetleri\n\f" + HEADER_ROW + "Kamyon\t83\n", {}),
        # A new table with the same first two rows' labels starts again: not a repeat.
        (HEADER_ROW + "Otobüs\t31\n\f" + HEADER_ROW + "Otobüs\t12\n", {}),
        # The header's only row on the page ends the document: nothing follows it, nothing repeats.
        (HEADER_ROW + "Otobüs\t31\n\f" + HEADER_ROW, {}),
        # A second break repeats the header printed first (line 1), not the first repeat.
        (
            HEADER_ROW + "Otobüs\t31\n\f" + HEADER_ROW + "Kamyon\t83\n\f" + HEADER_ROW + "Tır\t5\n",
            {3: 1, 5: 1},
        ),
    ],
)
def test_a_repeated_header_is_the_tables_first_printed_row_at_the_top_of_a_later_page(
    text: str, expected: dict[int, int]
) -> None:
    assert _repeats(text) == expected
