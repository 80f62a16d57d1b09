"""The parsers' skeleton: one ledger, one guard, frames typed by the pandera models, pages by line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from dagster_project.pages import split_pages
from dagster_project.parsers.base import DocumentParser, Ledger, Models, Row, find_sections, guard
from dagster_project.parsers.cells import document_lines
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


def test_sections_are_found_by_their_headings() -> None:
    lines = document_lines(
        "İçindekiler\n2.1. İdare Performans Tablosu ..... 12\nmetin\n2.1. İdare Performans Tablosu\nx"
    )
    sections = find_sections(lines, {"administration": "idare performans tablosu"})
    assert sections["administration"].heading_line == 4  # not the table-of-contents entry on line 2
