"""Regressions found by the fuzzer (tests/test_parser_fuzz.py), one test per bug, on the real documents."""

from __future__ import annotations

import warnings
from pathlib import Path

import polars as pl

from dagster_project.parsers.performance_programme import parse_performance_programme
from dagster_project.parsers.strategic_plan import parse_strategic_plan_detailed
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS
from dagster_project.validation import validate

RAW = Path(__file__).resolve().parent.parent / "raw"
PLAN = (RAW / "kocaeli_bb_stratejik_plan_2020_2024.txt").read_text(encoding="utf-8").split("\n")
PROGRAMME = (RAW / "kayseri_bb_performans_programi_2024.txt").read_text(encoding="utf-8").split("\n")


def test_a_tab_line_of_empty_cells_inside_a_card_is_consumed_not_a_crash() -> None:
    # Fuzzer: the file cut at line 2019 (inside card To/Pg.4.1) with a tab inserted on the empty
    # last line crashed the card parser (IndexError on `values[0]`), losing every card.
    text = "\n".join([*PLAN[:2018], "\t"])
    result = parse_strategic_plan_detailed(text, "kocaeli-bb-sp-2020-2024")
    issues = result.document.issues
    assert issues.filter(pl.col("message").str.contains("parser failed")).is_empty()
    assert result.consumed_lines[2019] == "row of empty cells inside a card"
    assert result.document.tables["sp_targets"].height == 49  # the 49 cards before the cut still load


def test_a_typo_in_an_indicator_code_is_a_warning_not_a_blocking_schema_failure() -> None:
    # Fuzzer: one digit of `To/Pg.1.1.3` corrupted to `To/Pg.0.1.3`. The parser lands the row under
    # its card and warns; the schema used to fail (blocking the whole refresh) on the same row.
    line = next(i for i, text in enumerate(PLAN) if text.startswith("To/Pg.1.1.3"))
    lines = list(PLAN)
    lines[line] = lines[line].replace("To/Pg.1.1.3", "To/Pg.0.1.3", 1)
    result = parse_strategic_plan_detailed("\n".join(lines), "kocaeli-bb-sp-2020-2024")
    warned = result.document.issues.filter(pl.col("source_line") == line + 1)["message"].to_list()
    assert warned == ["To/Pg.0.1.3 does not continue target code TO.1.1"]
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        check = validate(
            STRATEGIC_PLAN_SCHEMAS["sp_indicators"], result.document.tables["sp_indicators"], "x"
        )
    assert check.passed


def test_amounts_that_do_not_add_up_after_a_corrupted_digit_are_landed_as_written_for_dbt() -> None:
    # Fuzzer: a corrupted digit in a cost-table amount (line 1089): Bütçe + Döner + ... ≠ Toplam.
    # The parser lands the row as written and reports nothing; neither does the schema. The one
    # report is dbt's `row_components_vs_row_total` (its unit test, int_pp_reconciliation__row_identities.yml,
    # has this row: expected 1.101.000, actual 1.191.000).
    number = next(i for i, text in enumerate(PROGRAMME) if text.startswith("03 Mal ve Hizmet"))
    lines = list(PROGRAMME)
    lines[number] = lines[number].replace("1.101.000,00", "1.191.000,00", 1)  # Bütçe Ödeneği only
    result = parse_performance_programme("\n".join(lines), "kayseri-bb-pp-2024")
    costs = result.tables["pp_activity_costs"]
    row = costs.filter(pl.col("source_line") == number + 1)
    assert (number + 1, *row.select("budget_allocation_try", "total_try").row(0)) == (
        1089,
        1_191_000.0,
        1_101_000.0,
    )
    assert result.issues.filter(pl.col("source_line") == number + 1).is_empty()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check = validate(PERFORMANCE_PROGRAMME_SCHEMAS["pp_activity_costs"], costs, "x")
    assert check.passed
    assert [str(warning.message) for warning in caught if issubclass(warning.category, UserWarning)] == []
