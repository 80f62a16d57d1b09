"""Pandera (polars) building blocks shared by every document's table schemas.

The field helpers keep the rules that hold for every extracted table in one place: a document id is
a slug, a source line is 1-based, a year is a plausible plan year, an amount in TL is never negative.
"""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

YEAR_MIN, YEAR_MAX = 1990, 2100
DOCUMENT_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
SEVERITIES = ("error", "warning", "info")


def document_id_field() -> Any:
    return pa.Field(str_matches=DOCUMENT_ID_PATTERN)


def source_line_field(*, nullable: bool = False) -> Any:
    """1-based line in the source file, as an editor shows it."""
    return pa.Field(ge=1, nullable=nullable)


def year_field(*, nullable: bool = False) -> Any:
    return pa.Field(in_range={"min_value": YEAR_MIN, "max_value": YEAR_MAX}, nullable=nullable)


def amount_field(*, nullable: bool = True) -> Any:
    """An amount in TL: null when the cell was `-` or unreadable, never negative."""
    return pa.Field(ge=0, nullable=nullable)


def text_field(*, nullable: bool = False) -> Any:
    """Verbatim text that must not be empty."""
    return pa.Field(str_length={"min_value": 1}, nullable=nullable)


def raw_field(*, nullable: bool = True) -> Any:
    """The cell text a number was read from, kept as written."""
    return pa.Field(nullable=nullable)


def pattern_field(pattern: str, *, nullable: bool = False) -> Any:
    return pa.Field(str_matches=pattern, nullable=nullable)


def implies(condition: pl.Expr, consequence: pl.Expr) -> pl.Expr:
    """Row-wise `condition → consequence` for cross-column checks (null condition counts as false)."""
    return ~condition.fill_null(False) | consequence.fill_null(False)


class ExtractionIssuesSchema(pa.DataFrameModel):
    """`raw.extraction_issues`: rows that did not become table rows, and why."""

    document_id: str = document_id_field()
    source_line: int = source_line_field(nullable=True)
    table_name: str = text_field()
    severity: str = pa.Field(isin=SEVERITIES)
    message: str = text_field()
    raw_text: str = pa.Field()

    class Config:
        strict = True

    @pa.dataframe_check
    def whole_document_issues_have_no_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """An issue without a line is about the whole document, so it cannot quote a line."""
        return data.lazyframe.select(implies(pl.col("source_line").is_null(), pl.col("raw_text") == ""))
