"""pandera schemas of the analysts' main marts, checked after every dbt build.

Each rule has one home. dbt's tests (`dbt/models/marts/_marts*.yml`: a model's `rules_<model>`,
`relationships`, `labelled_value`, and `dbt/tests/*.sql`) hold the row rules they state: keys,
accepted values (the code lists of the seeds), amounts that add up, the bands' shape. These models
read the marts the way an analyst and the exports do (read-only, as Polars) and hold the rest: each
column's presence, type and nullability, the contract the exports rely on, and the value rules no
dbt test states (code patterns, year ranges, page and line numbers, non-negative amounts of the
aggregates, a null value only where the document wrote none). dbt's tests run first: a document
whose rows break one is set aside before these schemas read its rows.
"""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.achievement import DimSuccessBand, FctIndicatorAchievement
from dagster_project.schemas.financial_status_report import MEASURES, PERIOD

YEARS = {"min_value": 1990, "max_value": 2100}


def page_number_field() -> Any:
    """The PDF page of the row's line (`dagster_project/pages.py`); null when the text marks no pages."""
    return pa.Field(nullable=True, ge=1)


class MartSchema(pa.DataFrameModel):
    class Config:
        coerce = True  # DuckDB's INTEGER/BIGINT/DECIMAL all read fine; values are what we check


class DimDocument(MartSchema):
    document_id: str
    administration: str
    document_type: str
    period_start_year: int = pa.Field(in_range=YEARS)
    period_end_year: int = pa.Field(in_range=YEARS)
    fiscal_year: int = pa.Field(nullable=True, in_range=YEARS)
    source_file: str
    source_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    detected_from: str


class DimGoal(MartSchema):
    goal_id: str
    document_id: str
    goal_code: str
    goal_text: str = pa.Field(str_length={"min_value": 3})
    service_area: str = pa.Field(nullable=True)
    transformation_area: str = pa.Field(nullable=True)


class DimTarget(MartSchema):
    target_id: str
    document_id: str
    goal_id: str = pa.Field(nullable=True)
    target_code: str
    target_text: str = pa.Field(str_length={"min_value": 3})
    cost_estimate_try: float = pa.Field(nullable=True)


class DimIndicator(MartSchema):
    indicator_id: str
    document_id: str
    indicator_code: str
    indicator_name: str
    unit: str = pa.Field(nullable=True)
    target_id: str = pa.Field(nullable=True)
    weight_pct: float = pa.Field(nullable=True)
    source_line: int = pa.Field(gt=0)
    page_number: int = page_number_field()


class DimActivity(MartSchema):
    activity_id: str
    document_id: str
    activity_code: str
    activity_name: str
    target_id: str = pa.Field(nullable=True)
    source_line: int = pa.Field(gt=0)
    page_number: int = page_number_field()


class FctIndicatorValue(MartSchema):
    indicator_id: str
    document_id: str
    year: int = pa.Field(in_range=YEARS)
    value_type: str
    value: float = pa.Field(nullable=True)
    value_raw: str
    value_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(gt=0)
    page_number: int = page_number_field()

    @pa.dataframe_check
    def missing_only_where_written_as_missing(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A null value must come from a cell without a number (`-`), never from a parsed digit,
        unless the parser explains why (a text cell with several measurements, `value_note`)."""
        has_digit = pl.col("value_raw").str.contains(r"\d")
        explained = pl.col("value_note").is_not_null()
        return data.lazyframe.select(pl.col("value").is_not_null() | ~has_digit | explained)


class FctBudget(MartSchema):
    document_id: str
    year: int = pa.Field(in_range=YEARS)
    grain: str
    economic_code: str = pa.Field(nullable=True)
    funding_source: str = pa.Field(nullable=True)
    amount_try: float
    source_line: int = pa.Field(gt=0)
    page_number: int = page_number_field()


class DimPerformanceTarget(MartSchema):
    performance_target_id: str = pa.Field(str_matches=r"^.+:PH\d+$")
    document_id: str
    performance_target_no: int = pa.Field(ge=1)
    performance_target_text: str = pa.Field(str_length={"min_value": 3})
    goal_id: str = pa.Field(nullable=True)
    target_id: str = pa.Field(nullable=True)
    cited_target_text_matches_target_id: str = pa.Field(nullable=True)
    service_area: str = pa.Field(nullable=True)
    source_line: int = pa.Field(gt=0)
    page_number: int = page_number_field()


class AggBudgetByEconomicCode(MartSchema):
    document_id: str
    year: int = pa.Field(in_range=YEARS)
    economic_code: str = pa.Field(nullable=True)
    economic_code_name: str = pa.Field(nullable=True)
    activity_try: float = pa.Field(ge=0)
    general_administration_try: float = pa.Field(ge=0)
    transfers_try: float = pa.Field(ge=0)
    total_try: float = pa.Field(ge=0)
    share_pct: float = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 100})


class RptReconciliation(MartSchema):
    document_id: str
    check_name: str
    subject: str
    status: str


class FctBudgetExecution(MartSchema):
    """Budget execution facts of financial status reports: a conflicting figure has no value."""

    document_id: str
    side: str = pa.Field(isin=["expenditure", "revenue"])
    economic_code: str = pa.Field(str_matches=r"^(\d{2}(\.\d)?|TOPLAM)$")
    measure: str = pa.Field(isin=MEASURES)
    period: str = pa.Field(str_matches=PERIOD)
    year: int = pa.Field(in_range=YEARS)
    unit: str = pa.Field(isin=["try", "percent"])
    value_status: str
    value: float = pa.Field(nullable=True)
    printings: int = pa.Field(ge=1)
    page: int = pa.Field(ge=1, nullable=True)  # null: a text document without page marks
    source_line: int = pa.Field(ge=1)

    @pa.dataframe_check
    def conflicting_figures_have_no_value(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Never one printing silently chosen: `conflicting` rows leave the value null."""
        return data.lazyframe.select((pl.col("value_status") != "conflicting") | pl.col("value").is_null())


MART_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "dim_document": DimDocument,
    "dim_goal": DimGoal,
    "dim_target": DimTarget,
    "dim_indicator": DimIndicator,
    "dim_activity": DimActivity,
    "fct_indicator_value": FctIndicatorValue,
    "fct_budget": FctBudget,
    "dim_performance_target": DimPerformanceTarget,
    "agg_budget_by_economic_code": AggBudgetByEconomicCode,
    "rpt_reconciliation": RptReconciliation,
    "dim_success_band": DimSuccessBand,
    "fct_indicator_achievement": FctIndicatorAchievement,
    "fct_budget_execution": FctBudgetExecution,
}
