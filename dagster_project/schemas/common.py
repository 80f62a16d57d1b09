"""Pandera (polars) building blocks shared by every document's table schemas.

The field helpers keep the rules that hold for every extracted table in one place: a document id is
a slug, a source line is 1-based, a year is a plausible plan year, an amount in TL is never negative.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import pandera.polars as pa
import polars as pl

YEAR_MIN, YEAR_MAX = 1990, 2100
DOCUMENT_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
# An extraction issue's severity. `error`: data was lost or could not be placed; `warning`:
# extracted, but the document is inconsistent or ambiguous here; `info`: a table row outside the
# tables its parser models.
Severity = Literal["error", "warning", "info"]
SEVERITIES = get_args(Severity)


# What dbt's staging does with a raw column, in the pandera field's `metadata` (read by
# tools/raw_contracts.py, which writes dbt's sources and staging YAML from the models).
STAGING_NAME = "staging_name"  # the staging model's name for the column (default: the raw name)
STAGING_TYPE = "staging_type"  # the SQL type staging casts to (default: from the dtype, Int64 → integer)
STAGING_TESTS = "staging_tests"  # dbt data tests of the staging column
UNSTAGED = "unstaged"  # the staging model leaves the column out
# In a model's `Config.metadata`: dbt tests the model's `Config.unique` key in staging too.
STAGING_KEY_TEST = "staging_key_test"
KEY_TESTED_IN_STAGING = {STAGING_KEY_TEST: True}
# Row rules of the staging model (`dbt/tests/generic/row_rules.sql`), by column.
NOT_NULL = "not_null"
UNIQUE = "unique"
# accepted_values takes the values of the column's `isin` check.
ACCEPTED_VALUES = "accepted_values"
UNSTAGED_COLUMN = {UNSTAGED: True}


def staging(
    *, name: str | None = None, sql_type: str | None = None, tests: list[Any] | None = None
) -> dict[str, Any]:
    """A raw column's staging: its name and type in `stg_raw__<table>` and its dbt tests there."""
    metadata: dict[str, Any] = {}
    if name:
        metadata[STAGING_NAME] = name
    if sql_type:
        metadata[STAGING_TYPE] = sql_type
    if tests:
        metadata[STAGING_TESTS] = tests
    return metadata


def document_id_field(**field: Any) -> Any:
    return pa.Field(str_matches=DOCUMENT_ID_PATTERN, **field)


def source_line_field(*, nullable: bool = False, metadata: dict[str, Any] | None = None, **field: Any) -> Any:
    """1-based line in the source file, as an editor shows it (staged as `bigint`, like every line)."""
    return pa.Field(ge=1, nullable=nullable, metadata={STAGING_TYPE: "bigint", **(metadata or {})}, **field)


def year_field(*, nullable: bool = False, **field: Any) -> Any:
    return pa.Field(in_range={"min_value": YEAR_MIN, "max_value": YEAR_MAX}, nullable=nullable, **field)


def amount_field(*, nullable: bool = True, **field: Any) -> Any:
    """An amount in TL: null when the cell was `-` or unreadable, never negative."""
    return pa.Field(ge=0, nullable=nullable, **field)


def text_field(*, nullable: bool = False, **field: Any) -> Any:
    """Verbatim text that must not be empty."""
    return pa.Field(str_length={"min_value": 1}, nullable=nullable, **field)


def raw_field(*, nullable: bool = True, **field: Any) -> Any:
    """The cell text a number was read from, kept as written."""
    return pa.Field(nullable=nullable, **field)


def pattern_field(pattern: str, *, nullable: bool = False, **field: Any) -> Any:
    return pa.Field(str_matches=pattern, nullable=nullable, **field)


def implies(condition: pl.Expr, consequence: pl.Expr) -> pl.Expr:
    """Row-wise `condition → consequence` for cross-column checks (null condition counts as false)."""
    return ~condition.fill_null(False) | consequence.fill_null(False)


class ExtractionIssuesSchema(pa.DataFrameModel):
    """Rows and cells the parsers could not extract (ayrıştırma sorunları), for every document: what did not
    become a table row, and why."""

    document_id: str = document_id_field(description="Document the issue belongs to.")
    source_line: int = source_line_field(
        nullable=True, description="1-based line in the source file; null for whole-document issues."
    )
    table_name: str = text_field(description="Raw table the row would have gone to.")
    severity: str = pa.Field(
        isin=SEVERITIES,
        description="`error`, `warning` or `info`.",
        metadata=staging(tests=[NOT_NULL, ACCEPTED_VALUES]),
    )
    message: str = text_field(description="Why the row was not extracted.")
    raw_text: str = pa.Field(description="Verbatim text of the line or cell.")

    class Config:
        strict = True

    @pa.dataframe_check
    def whole_document_issues_have_no_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """An issue without a line is about the whole document, so it cannot quote a line."""
        return data.lazyframe.select(implies(pl.col("source_line").is_null(), pl.col("raw_text") == ""))
