"""pandera schemas of the financial status report raw tables (`fsr_*`, Kurumsal Mali Durum ve
Beklentiler Raporu; see docs/raw_tables_financial_status_report.md).

These are the single declaration of the tables' columns: the parser builds plain frames and the
staging step casts them to these types. Whether totals add up, rates agree and repeated figures
match is the document's business, checked and reported in dbt (int_fsr_reconciliation__*), never
here: a report that contradicts itself still loads.
"""

from __future__ import annotations

from typing import get_args

import pandera.polars as pa
import polars as pl

from dagster_project.parsers.financial_status_report.columns import Measure
from dagster_project.schemas.common import (
    document_id_field,
    implies,
    source_line_field,
    text_field,
    year_field,
)

SIDES = ["expenditure", "revenue"]
# The parser's vocabulary of measures, declared once (parsers/financial_status_report/columns.py).
MEASURES = list(get_args(Measure))
PERIOD = r"^(year|h1|h2|m(0[1-9]|1[0-2]))$"
ECONOMIC_CODE = r"^\d{2}(\.\d)?$"


class FsrTablesSchema(pa.DataFrameModel):
    """One row per economic-code table or chart of a report, in page order."""

    document_id: str = document_id_field()
    table_no: int = pa.Field(ge=1)
    kind: str = pa.Field(isin=["table", "chart"])
    side: str = pa.Field(isin=SIDES, nullable=True)
    title: str = pa.Field(nullable=True)
    column_labels: str = pa.Field(nullable=True)
    value_columns: int = pa.Field(ge=1, nullable=True)
    row_count: int = pa.Field(ge=0)
    footnotes: str = pa.Field(nullable=True)
    total_excludes_marked: bool
    page: int = pa.Field(ge=1)
    last_page: int = pa.Field(ge=1)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "table_no"]

    @pa.dataframe_check
    def tables_have_columns(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A table has a number of value columns; a chart has none."""
        return data.lazyframe.select(
            implies(pl.col("kind") == "table", pl.col("value_columns").is_not_null())
        )


class FsrValuesSchema(pa.DataFrameModel):
    """One row per value cell of an economic-code table: code × column (measure, period, year)."""

    document_id: str = document_id_field()
    table_no: int = pa.Field(ge=1)
    side: str = pa.Field(isin=SIDES, nullable=True)
    row_no: int = pa.Field(ge=1)
    economic_code: str = pa.Field(str_matches=ECONOMIC_CODE, nullable=True)
    row_label: str = text_field()
    is_total: bool
    is_marked: bool
    column_no: int = pa.Field(ge=1)
    column_label: str = text_field()
    measure: str = pa.Field(isin=MEASURES, nullable=True)
    period: str = pa.Field(str_matches=PERIOD, nullable=True)
    year: int = year_field(nullable=True)
    unit: str = pa.Field(isin=["try", "percent"], nullable=True)
    # Revenue refunds (09 Red ve İadeler) and change rates are negative: no sign rule.
    value: float = pa.Field(nullable=True)
    raw_value: str
    page: int = pa.Field(ge=1)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "table_no", "row_no", "column_no"]

    @pa.dataframe_check
    def a_row_is_a_code_or_a_total(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Every row is an economic code's or the table's total, never both."""
        return data.lazyframe.select(pl.col("is_total") == pl.col("economic_code").is_null())


FINANCIAL_STATUS_REPORT_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "fsr_tables": FsrTablesSchema,
    "fsr_values": FsrValuesSchema,
}
