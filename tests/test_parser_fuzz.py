"""Parser robustness, measured: hypothesis mutates the real documents and the parsers must cope.

Each example applies a few mutations to one of the shipped documents (delete, duplicate or swap
lines, insert or remove tabs, corrupt numbers, cut the file) and asserts that the parser

- returns (never raises) and no section parser failed (a caught crash is still a bug: the section's
  rows are lost for that document),
- accounts for every table (tab) line of the mutated text: an extracted row, a consumed header or
  an extraction issue,
- produces tables whose pandera failures are all this document's own rows (with their lines), so the
  refresh sets the document aside and one odd document cannot block the night.

And one whole refresh (`conftest.bad_night`, shared with tests/test_quarantine.py) with mutated
documents beside the shipped ones (a line duplicated inside a table, truncated, lines shuffled, tabs
replaced by spaces, a page repeated, tables lost): the good documents publish whatever the others do.

`make test` runs a bounded, derandomized number of examples (`PLAN_WAREHOUSE_FUZZ_EXAMPLES`,
default 20 per document); `make fuzz` runs many more with fresh randomness.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from conftest import KOCAELI_PLAN, PublishedRun
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from line_accounting import line_accounting

from dagster_project.parsers.cells import document_lines
from dagster_project.parsers.strategic_plan import parse_strategic_plan_detailed
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS
from dagster_project.validation import validate_by_document

RAW = Path(__file__).resolve().parent.parent / "raw"
PLAN = (RAW / "kocaeli_bb_stratejik_plan_2020_2024.txt").read_text(encoding="utf-8").split("\n")
PROGRAMME = (RAW / "kayseri_bb_performans_programi_2024.txt").read_text(encoding="utf-8").split("\n")

EXAMPLES = int(os.environ.get("PLAN_WAREHOUSE_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # `make test` is reproducible; `make fuzz` sets PLAN_WAREHOUSE_FUZZ_RANDOM=1 to explore.
    derandomize=os.environ.get("PLAN_WAREHOUSE_FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Mutation:
    """One edit of a document's lines; `at`/`other` are fractions of the document's length."""

    kind: str
    at: float
    other: float
    text: str

    def apply(self, lines: list[str]) -> list[str]:
        if not lines:
            return lines
        i = min(int(self.at * len(lines)), len(lines) - 1)
        j = min(int(self.other * len(lines)), len(lines) - 1)
        line = lines[i]
        if self.kind == "delete":
            return lines[:i] + lines[i + 1 :]
        if self.kind == "duplicate":
            return [*lines[: i + 1], line, *lines[i + 1 :]]
        if self.kind == "swap":
            lines = list(lines)
            lines[i], lines[j] = lines[j], lines[i]
            return lines
        if self.kind == "insert_tab":
            cut = int(self.other * (len(line) + 1))
            return [*lines[:i], line[:cut] + "\t" + line[cut:], *lines[i + 1 :]]
        if self.kind == "remove_tab":
            tabs = [k for k, char in enumerate(line) if char == "\t"]
            if not tabs:
                return lines
            k = tabs[int(self.other * len(tabs)) % len(tabs)]
            return [*lines[:i], line[:k] + self.text[:1] + line[k + 1 :], *lines[i + 1 :]]
        if self.kind == "corrupt_number":
            digits = [k for k, char in enumerate(line) if char.isdigit()]
            if not digits:
                return lines
            k = digits[int(self.other * len(digits)) % len(digits)]
            return [*lines[:i], line[:k] + self.text + line[k + 1 :], *lines[i + 1 :]]
        # "cut": the file ends in the middle of line i (a truncated download or extraction).
        return [*lines[:i], line[: int(self.other * len(line))]]


def mutations() -> st.SearchStrategy[Mutation]:
    fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
    # What a broken extraction writes where a digit was: another digit, a separator, a letter,
    # a sign, nothing, or a digit group with Turkish separators.
    noise = st.sampled_from(["", "0", "9", ".", ",", "-", "O", "l", " ", "%", "1.000", "12,5", "\t"])
    kinds = st.sampled_from(
        ["delete", "duplicate", "swap", "insert_tab", "remove_tab", "corrupt_number", "cut"]
    )
    return st.builds(Mutation, kinds, fractions, fractions, noise)


def mutate(lines: list[str], edits: list[Mutation]) -> str:
    for edit in edits:
        lines = edit.apply(lines)
    return "\n".join(lines)


def assert_no_section_failed(issues: pl.DataFrame) -> None:
    crashed = issues.filter(pl.col("message").str.contains("parser failed|parser crashed"))
    assert crashed.is_empty(), crashed["message"].to_list()


def assert_schemas_pass(tables: dict[str, pl.DataFrame], schemas: dict) -> None:
    """Every schema failure names this document (it is set aside); none is the table's as a whole."""
    results = {name: validate_by_document(schemas[name], frame, name) for name, frame in tables.items()}
    failures = {
        name: result.rest.sample_markdown() for name, result in results.items() if not result.rest.passed
    }
    assert not failures, failures


def tab_lines(text: str) -> set[int]:
    return {line.number for line in document_lines(text) if line.is_table_row}


@FUZZ
@given(st.lists(mutations(), min_size=1, max_size=6))
def test_mutated_strategic_plan_never_crashes_and_accounts_for_every_table_line(
    edits: list[Mutation],
) -> None:
    text = mutate(PLAN, edits)
    result = parse_strategic_plan_detailed(text, "fuzz-sp")
    assert_no_section_failed(result.document.issues)
    extracted = {
        number
        for frame in result.document.tables.values()
        for column in frame.columns
        if column.endswith("source_line")
        for number in frame[column].drop_nulls().to_list()
    }
    issue_lines = set(result.document.issues["source_line"].drop_nulls().to_list())
    assert tab_lines(text) <= extracted | set(result.consumed_lines) | issue_lines
    assert_schemas_pass(result.document.tables, STRATEGIC_PLAN_SCHEMAS)


@FUZZ
@given(st.lists(mutations(), min_size=1, max_size=6))
def test_mutated_performance_programme_never_crashes_and_accounts_for_every_table_line(
    edits: list[Mutation],
) -> None:
    text = mutate(PROGRAMME, edits)
    result, where = line_accounting(text, "fuzz-pp")
    assert_no_section_failed(result.issues)
    assert set(where) == tab_lines(text)
    assert_schemas_pass(result.tables, PERFORMANCE_PROGRAMME_SCHEMAS)


def test_a_refresh_with_mutated_documents_beside_the_good_ones_publishes_the_good_ones(
    bad_night: PublishedRun,
) -> None:
    assert bad_night.result.success, bad_night.failed_steps
    with bad_night.connect() as con:
        counts = dict(
            con.execute(
                "select document_id, count(*) from marts.dim_target where document_id in "
                "('kocaeli-bb-sp-2020-2024', 'kayseri-bb-pp-2024') group by all"
            ).fetchall()
        )
        budget = con.execute(
            "select count(*) from marts.fct_budget where document_id = 'kayseri-bb-pp-2024'"
        ).fetchone()[0]
        # Every mutated file is accounted for: published, set aside (with its checks) or refused.
        accounted = {
            name
            for (name,) in con.execute(
                "select source_file from marts.dim_document union select source_file from marts.rpt_quarantine "
                "union select source_file from raw.rejected_files"
            ).fetchall()
        }
    assert counts["kocaeli-bb-sp-2020-2024"] == 82
    assert budget == 933
    assert {path.name for path in bad_night.raw.glob("*.txt")} <= accounted
    assert KOCAELI_PLAN in accounted
