"""Pandera (polars) schemas of the strategic-plan tables (docs/raw_tables.md, `sp_*`).

One `DataFrameModel` per table: types, code patterns, year ranges, non-negative amounts, unique keys
(`Config.unique`) and the cross-column rules that tie a row together (a target code continues its
goal code, a `target` value has a year, only goal and target rows of section 7 carry a code).
`STRATEGIC_PLAN_SCHEMAS` maps table name → schema so the orchestration can validate generically.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    amount_field,
    document_id_field,
    implies,
    pattern_field,
    raw_field,
    source_line_field,
    text_field,
    year_field,
)

_LETTERS = "A-Za-zÇĞİÖŞÜçğıöşü"
GOAL_CODE = rf"^[{_LETTERS}]{{1,6}}\.?\s?\d+$"  # KE.1, A1
TARGET_CODE = rf"^[{_LETTERS}]{{1,6}}\.?\s?\d+\.\d+$"  # KE.1.1, H1.2
ITEM_CODE = (
    rf"^[{_LETTERS}]{{1,6}}(/[{_LETTERS}]{{1,6}})?\.?\s?\d+(\.\d+)+$"  # Ke/Pg.1.1.1, To/F.5.1.3, PG1.1.1
)

ROW_KINDS = (
    "transformation_area",
    "service_area",
    "goal",
    "target",
    "plan_total",
    "personnel_expenses",
    "interest_expenses",
    "other_expenses",
    "grand_total",
)
DECLARED_ITEMS = ("transformation_areas", "service_areas", "goals", "targets", "activities", "indicators")
GOAL_DECLARED_ITEMS = ("targets", "activities", "indicators")


def _continues(child: str, parent: str) -> pl.Expr:
    """`child` code sits under `parent` by its numbers (`Ke/Pg.1.1.3` under `KE.1.1`); null parent passes.

    A warning, not a failure: a code that does not continue its card's code is a typo in the
    document, which the parser lands under the card it belongs to and reports as a `warning`
    extraction issue. A blocking check here would let one typo stop the whole night's refresh.
    """
    child_numbers = pl.col(child).str.extract_all(r"\d+")
    parent_numbers = pl.col(parent).str.extract_all(r"\d+")
    under = child_numbers.list.head(child_numbers.list.len() - 1) == parent_numbers
    return pl.col(parent).is_null() | under.fill_null(False)


class SpGoals(pa.DataFrameModel):
    document_id: str = document_id_field()
    goal_code: str = pattern_field(GOAL_CODE)
    goal_text: str = text_field()
    service_area: str = pa.Field(nullable=True)
    service_area_heading: str = pa.Field(nullable=True)
    transformation_area: str = pa.Field(nullable=True)
    transformation_area_heading: str = pa.Field(nullable=True)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "goal_code"]


class SpTargets(pa.DataFrameModel):
    document_id: str = document_id_field()
    target_code: str = pattern_field(TARGET_CODE)
    target_text: str = text_field()
    goal_code: str = pattern_field(GOAL_CODE, nullable=True)
    responsible_units: pl.List(pl.String) = pa.Field()
    responsible_units_raw: str = raw_field()
    responsible_units_source_line: int = source_line_field(nullable=True)
    cost_estimate_try: float = amount_field()
    cost_estimate_raw: str = raw_field()
    cost_estimate_source_line: int = source_line_field(nullable=True)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "target_code"]

    @pa.dataframe_check(raise_warning=True)
    def target_continues_goal(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_continues("target_code", "goal_code"))

    @pa.dataframe_check
    def cost_keeps_its_cell(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("cost_estimate_try").is_not_null(), pl.col("cost_estimate_raw").is_not_null())
            & (pl.col("cost_estimate_raw").is_null() == pl.col("cost_estimate_source_line").is_null())
        )


class SpIndicators(pa.DataFrameModel):
    document_id: str = document_id_field()
    indicator_code: str = pattern_field(ITEM_CODE)
    indicator_name: str = text_field()
    unit: str = pa.Field(nullable=True)
    target_code: str = pattern_field(TARGET_CODE)
    weight_pct: float = pa.Field(in_range={"min_value": 0, "max_value": 100}, nullable=True)
    weight_raw: str = raw_field()
    monitoring_frequency: str = pa.Field(nullable=True)
    reporting_frequency: str = pa.Field(nullable=True)
    baseline_value: float = pa.Field(nullable=True)
    baseline_raw: str = raw_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "indicator_code"]

    @pa.dataframe_check(raise_warning=True)
    def indicator_continues_target(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_continues("indicator_code", "target_code"))

    @pa.dataframe_check
    def numbers_keep_their_cells(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("baseline_value").is_not_null(), pl.col("baseline_raw").is_not_null())
            & implies(pl.col("weight_pct").is_not_null(), pl.col("weight_raw").is_not_null())
        )


class SpIndicatorValues(pa.DataFrameModel):
    document_id: str = document_id_field()
    indicator_code: str = pattern_field(ITEM_CODE)
    target_code: str = pattern_field(TARGET_CODE)
    value_type: str = pa.Field(isin=("baseline", "target"))
    year: int = year_field(nullable=True)
    value: float = pa.Field(nullable=True)
    value_raw: str = raw_field(nullable=False)
    column_header: str = text_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "indicator_code", "value_type", "year"]

    @pa.dataframe_check
    def targets_have_a_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(implies(pl.col("value_type") == "target", pl.col("year").is_not_null()))

    @pa.dataframe_check
    def dash_is_missing_not_zero(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("value_raw").str.strip_chars() == "-", pl.col("value").is_null())
        )


class SpActivities(pa.DataFrameModel):
    document_id: str = document_id_field()
    activity_code: str = pattern_field(ITEM_CODE)
    activity_name: str = text_field()
    target_code: str = pattern_field(TARGET_CODE)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "activity_code"]

    @pa.dataframe_check(raise_warning=True)
    def activity_continues_target(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_continues("activity_code", "target_code"))


class SpCardExtras(pa.DataFrameModel):
    document_id: str = document_id_field()
    target_code: str = pattern_field(TARGET_CODE)
    field: str = text_field()
    value: str = pa.Field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "source_line"]


class SpCostDistribution(pa.DataFrameModel):
    document_id: str = document_id_field()
    row_no: int = pa.Field(ge=1)
    row_kind: str = pa.Field(isin=ROW_KINDS)
    row_label: str = text_field()
    code: str = pa.Field(nullable=True)
    transformation_area: str = pa.Field(nullable=True)
    service_area: str = pa.Field(nullable=True)
    year: int = year_field()
    amount_try: float = amount_field()
    amount_raw: str = raw_field(nullable=False)
    row_total_try: float = amount_field()
    row_total_raw: str = raw_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "row_no", "year"]

    @pa.dataframe_check
    def only_goals_and_targets_have_codes(cls, data: pa.PolarsData) -> pl.LazyFrame:
        coded = pl.col("row_kind").is_in(["goal", "target"])
        return data.lazyframe.select(coded == pl.col("code").is_not_null())

    @pa.dataframe_check
    def code_matches_kind(cls, data: pa.PolarsData) -> pl.LazyFrame:
        code = pl.col("code")
        return data.lazyframe.select(
            implies(pl.col("row_kind") == "goal", code.str.contains(GOAL_CODE))
            & implies(pl.col("row_kind") == "target", code.str.contains(TARGET_CODE))
        )


class SpRevenueForecast(pa.DataFrameModel):
    document_id: str = document_id_field()
    source_name: str = text_field()
    is_total: bool = pa.Field()
    year: int = year_field()
    amount_try: float = amount_field()
    amount_raw: str = raw_field(nullable=False)
    row_total_try: float = amount_field()
    row_total_raw: str = raw_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "source_name", "year"]


class SpBudgetRealisations(pa.DataFrameModel):
    document_id: str = document_id_field()
    year: int = year_field(nullable=True)
    is_total: bool = pa.Field()
    revenue_try: float = amount_field()
    revenue_raw: str = raw_field()
    expenditure_try: float = amount_field()
    expenditure_raw: str = raw_field()
    coverage_pct: float = amount_field()
    coverage_raw: str = raw_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "year"]

    @pa.dataframe_check
    def total_row_has_no_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("is_total") == pl.col("year").is_null())


class SpDeclaredCounts(pa.DataFrameModel):
    document_id: str = document_id_field()
    scope: str = pa.Field(isin=("goal", "plan"))
    goal_code: str = pattern_field(GOAL_CODE, nullable=True)
    transformation_area: str = pa.Field(nullable=True)
    service_area: str = pa.Field(nullable=True)
    item: str = pa.Field(isin=DECLARED_ITEMS)
    declared_count: int = pa.Field(ge=0)
    raw_text: str = text_field()
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "scope", "goal_code", "item"]

    @pa.dataframe_check
    def goal_scope_has_goal_code(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("scope") == "goal") == pl.col("goal_code").is_not_null())

    @pa.dataframe_check
    def goal_scope_counts_goal_items(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("scope") == "goal", pl.col("item").is_in(list(GOAL_DECLARED_ITEMS)))
        )


class SpSuccessBands(pa.DataFrameModel):
    document_id: str = document_id_field()
    section: str = pa.Field(nullable=True)
    band_order: int = pa.Field(ge=1)
    range_text: str = text_field()
    lower_pct: float = pa.Field(ge=0, nullable=True)
    upper_pct: float = pa.Field(ge=0, nullable=True)
    band_name: str = text_field()
    colour_text: str = pa.Field(nullable=True)
    score: int = pa.Field(ge=0, nullable=True)
    source_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "section", "band_order"]

    @pa.dataframe_check
    def band_has_a_bound(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("lower_pct").is_not_null() | pl.col("upper_pct").is_not_null())

    @pa.dataframe_check
    def bounds_are_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        both = pl.col("lower_pct").is_not_null() & pl.col("upper_pct").is_not_null()
        return data.lazyframe.select(implies(both, pl.col("lower_pct") <= pl.col("upper_pct")))


STRATEGIC_PLAN_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "sp_goals": SpGoals,
    "sp_targets": SpTargets,
    "sp_indicators": SpIndicators,
    "sp_indicator_values": SpIndicatorValues,
    "sp_activities": SpActivities,
    "sp_card_extras": SpCardExtras,
    "sp_cost_distribution": SpCostDistribution,
    "sp_revenue_forecast": SpRevenueForecast,
    "sp_budget_realisations": SpBudgetRealisations,
    "sp_declared_counts": SpDeclaredCounts,
    "sp_success_bands": SpSuccessBands,
}
