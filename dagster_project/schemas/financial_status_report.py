"""pandera schemas of the financial status report raw tables (`fsr_*`, Kurumsal Mali Durum ve
Beklentiler Raporu; see docs/raw_tables_financial_status_report.md).

These are the single declaration of the tables' columns: the parser's frames are built from them
(`parsers/rows.frame`) and dbt's sources and staging are generated from them (`make contracts`). Whether totals add up, rates agree and repeated figures
match is the document's business, checked and reported in dbt (int_fsr_reconciliation__*), never
here: a report that contradicts itself still loads.
"""

from __future__ import annotations

from typing import Literal, get_args

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    KEY_TESTED_IN_STAGING,
    NOT_NULL,
    document_id_field,
    implies,
    source_line_field,
    staging,
    text_field,
    year_field,
)

SIDES = ["expenditure", "revenue"]
# What a value column measures: the parser's vocabulary (parsers/financial_status_report/columns.py
# reads it from the headers) and the accepted values of `measure`, declared once, here, so that the
# schemas import nothing from the parsers.
Measure = Literal[
    "initial_appropriation",
    "final_appropriation",
    "actual",
    "forecast",
    "execution_rate",
    "expected_execution_rate",
    "change_rate",
]
MEASURES = list(get_args(Measure))
PERIOD = r"^(year|h1|h2|m(0[1-9]|1[0-2]))$"
ECONOMIC_CODE = r"^\d{2}(\.\d)?$"


class FsrTablesSchema(pa.DataFrameModel):
    """Economic-code tables and charts of a financial status report, one row each, in page order; a table
    continued on the next page keeps its number."""

    document_id: str = document_id_field(
        description='{{ doc("col_document_id") }}', metadata=staging(tests=[NOT_NULL])
    )
    table_no: int = pa.Field(
        ge=1, description='{{ doc("fsr_table_no") }}', metadata=staging(tests=[NOT_NULL])
    )
    kind: str = pa.Field(
        isin=["table", "chart"],
        description="`table` (rows of economic codes) or `chart` (loose data labels repeating a table).",
        metadata=staging(name="table_kind"),
    )
    side: str = pa.Field(isin=SIDES, nullable=True, description='{{ doc("fsr_side") }}')
    title: str = pa.Field(
        nullable=True,
        description="Title line above the table or chart, verbatim.",
        metadata=staging(name="table_title"),
    )
    column_labels: str = pa.Field(
        nullable=True, description="Header path of each value column, ` | ` between columns."
    )
    value_columns: int = pa.Field(
        ge=1, nullable=True, description="Number of value columns (null for a chart)."
    )
    row_count: int = pa.Field(ge=0, description="Rows of a table, label lines of a chart.")
    footnotes: str = pa.Field(nullable=True, description="Footnote lines under the table (`*…`), verbatim.")
    total_excludes_marked: bool = pa.Field(
        description="The footnote says the marked row (`09-Yedek Ödenek*`) is not in the total's actuals (toplama dâhil edilmemiştir)."
    )
    page: int = pa.Field(ge=1, description='{{ doc("fsr_page") }}')
    last_page: int = pa.Field(ge=1, description="Page of the table's last row.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "table_no"]

    @pa.dataframe_check
    def tables_have_columns(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A table has a number of value columns; a chart has none."""
        return data.lazyframe.select(
            implies(pl.col("kind") == "table", pl.col("value_columns").is_not_null())
        )


class FsrValuesSchema(pa.DataFrameModel):
    """Every value cell of the economic-code tables: one row per code (or total) and column (measure, period,
    year)."""

    document_id: str = document_id_field(
        description='{{ doc("col_document_id") }}', metadata=staging(tests=[NOT_NULL])
    )
    table_no: int = pa.Field(
        ge=1, description='{{ doc("fsr_table_no") }}', metadata=staging(tests=[NOT_NULL])
    )
    side: str = pa.Field(isin=SIDES, nullable=True, description='{{ doc("fsr_side") }}')
    row_no: int = pa.Field(
        ge=1, description="Row number inside the table (1-based).", metadata=staging(tests=[NOT_NULL])
    )
    economic_code: str = pa.Field(
        str_matches=ECONOMIC_CODE, nullable=True, description='{{ doc("fsr_economic_code") }}'
    )
    row_label: str = text_field(
        description="Row label as printed (`03-Mal ve Hizmet Alımı Giderleri`, `TOPLAM`)."
    )
    is_total: bool = pa.Field(description="The row is the table's total (TOPLAM).")
    is_marked: bool = pa.Field(description="The label carries a footnote mark (`*`).")
    column_no: int = pa.Field(
        ge=1,
        description="Value column number (1-based, the label column not counted).",
        metadata=staging(tests=[NOT_NULL]),
    )
    column_label: str = text_field(description="Header path of the column as printed.")
    measure: str = pa.Field(isin=MEASURES, nullable=True, description='{{ doc("fsr_measure") }}')
    period: str = pa.Field(str_matches=PERIOD, nullable=True, description='{{ doc("fsr_period") }}')
    year: int = year_field(nullable=True, description='{{ doc("fsr_year") }}')
    unit: str = pa.Field(isin=["try", "percent"], nullable=True, description="`try` (TL) or `percent`.")
    # Revenue refunds (09 Red ve İadeler) and change rates are negative: no sign rule.
    value: float = pa.Field(nullable=True, description='{{ doc("fsr_value") }}')
    raw_value: str = pa.Field(description="The cell as printed.")
    page: int = pa.Field(ge=1, description='{{ doc("fsr_page") }}')
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
