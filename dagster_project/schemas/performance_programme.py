"""pandera schemas of the performance-programme raw tables (`pp_*`, see
docs/raw_tables_performance_programme.md).

Besides types, code patterns, years and unique keys, the amount identities of the document are
dataframe-level checks with a tolerance of 0.01 TL: a row whose amounts do not add up is either a
parser bug or a document error the parser failed to report. Rows with an unknown (null) member are
not checked: the parser leaves a value null only when no placement satisfies the identities, and
reports it in the issues frame.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

TOLERANCE = 0.01  # TL
SHARE_TOLERANCE = 0.01  # percentage points: shares are printed with two decimals
YEAR = {"min_value": 1990, "max_value": 2100}
NON_NEGATIVE = {"ge": 0}
DOCUMENT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _sum_holds(parts: list[str], total: str) -> pl.Expr:
    """`sum(parts) == total` within the tolerance, true when any member is null.

    Checks built on it warn instead of failing: amounts that do not add up as written are the
    document's inconsistency, which the parser lands and reports as a `warning` extraction issue
    (a findings matter, not a parser fault); failing here would let one document block a refresh.
    """
    members = [*parts, total]
    any_null = pl.any_horizontal([pl.col(c).is_null() for c in members])
    holds = (pl.sum_horizontal([pl.col(c) for c in parts]) - pl.col(total)).abs() <= TOLERANCE
    return any_null | holds


def _amount(nullable: bool = True) -> float:
    return pa.Field(nullable=nullable, ge=0)


class StrategicGoalsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    goal_no: int = pa.Field(ge=1)
    goal_text: str
    service_area: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "goal_no"]


class StrategicTargetsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    target_code: str = pa.Field(str_matches=r"^\d+\.\d+$")
    goal_no: int = pa.Field(ge=1)
    target_no: int = pa.Field(ge=1)
    target_text: str
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "target_code"]

    @pa.dataframe_check
    def code_is_goal_dot_target(cls, data: pa.PolarsData):
        """`target_code` is `goal_no.target_no`."""
        expected = pl.format("{}.{}", pl.col("goal_no"), pl.col("target_no"))
        return data.lazyframe.select(pl.col("target_code") == expected)


class PerformanceTargetsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(ge=1)
    performance_target_text: str
    section_code: str = pa.Field(nullable=True, str_matches=r"^\d+(\.\d+)+$")
    service_area: str = pa.Field(nullable=True)
    goal_no: int = pa.Field(nullable=True, ge=1)
    goal_text: str = pa.Field(nullable=True)
    target_code: str = pa.Field(nullable=True, str_matches=r"^\d+\.\d+$")
    target_text: str = pa.Field(nullable=True)
    target_code_matching_text: str = pa.Field(nullable=True, str_matches=r"^\d+\.\d+$")
    explanation: str = pa.Field(nullable=True)
    fiscal_year: int = pa.Field(nullable=True, in_range=YEAR)
    activity_count: int = pa.Field(ge=0)
    indicator_count: int = pa.Field(ge=0)
    budget_try: float = _amount()
    budget_raw: str = pa.Field(nullable=True)
    non_budget_try: float = _amount()
    non_budget_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    total_source_line: int = pa.Field(nullable=True, ge=1)
    table_source_line: int = pa.Field(ge=1)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "performance_target_no"]

    @pa.dataframe_check(raise_warning=True)
    def budget_plus_non_budget_is_total(cls, data: pa.PolarsData):
        """Bütçe + Bütçe Dışı = Toplam on the `Genel Toplam` row."""
        return data.lazyframe.select(_sum_holds(["budget_try", "non_budget_try"], "total_try"))


class IndicatorsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(ge=1)
    indicator_no: int = pa.Field(ge=1)
    indicator_name: str
    unit: str = pa.Field(nullable=True)
    explanation: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "performance_target_no", "indicator_no"]


class IndicatorValuesSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(ge=1)
    indicator_no: int = pa.Field(ge=1)
    year: int = pa.Field(nullable=True, in_range=YEAR)
    value_type: str = pa.Field(nullable=True, isin=["actual", "estimate", "target"])
    column_header: str
    value: float = pa.Field(nullable=True)
    value_raw: str = pa.Field(nullable=True)
    value_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "performance_target_no", "indicator_no", "year", "value_type"]

    @pa.dataframe_check
    def unreadable_values_carry_a_note(cls, data: pa.PolarsData):
        """A null value is either a `-` cell or explained in `value_note` (never silently dropped)."""
        dash = pl.col("value_raw").str.strip_chars().is_in(["-", "–", "—", ""])
        return data.lazyframe.select(
            pl.col("value").is_not_null() | dash | pl.col("value_note").is_not_null()
        )


class ActivitiesSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(ge=1)
    activity_no: int = pa.Field(ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    written_no: int = pa.Field(nullable=True)
    activity_name: str
    responsible_unit: str = pa.Field(nullable=True)
    fiscal_year: int = pa.Field(nullable=True, in_range=YEAR)
    budget_try: float = _amount()
    budget_raw: str = pa.Field(nullable=True)
    non_budget_try: float = _amount()
    non_budget_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    placement_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "performance_target_no", "activity_no"]

    @pa.dataframe_check(raise_warning=True)
    def budget_plus_non_budget_is_total(cls, data: pa.PolarsData):
        return data.lazyframe.select(_sum_holds(["budget_try", "non_budget_try"], "total_try"))

    @pa.dataframe_check
    def global_number_is_unique(cls, data: pa.PolarsData):
        """Global activity numbers (2.4) identify one activity per document."""
        duplicated = pl.struct("document_id", "activity_global_no").is_duplicated()
        return data.lazyframe.select(pl.col("activity_global_no").is_null() | ~duplicated)


_COST_PARTS = ["budget_allocation_try", "revolving_fund_try", "other_domestic_try", "foreign_try"]


class ActivityCostTablesSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(nullable=True, ge=1)
    activity_no: int = pa.Field(nullable=True, ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    performance_target_text: str = pa.Field(nullable=True)
    activity_name: str = pa.Field(nullable=True)
    responsible_unit: str = pa.Field(nullable=True)
    explanation: str = pa.Field(nullable=True)
    fiscal_year: int = pa.Field(nullable=True, in_range=YEAR)
    budget_allocation_try: float = _amount()
    budget_allocation_raw: str = pa.Field(nullable=True)
    revolving_fund_try: float = _amount()
    revolving_fund_raw: str = pa.Field(nullable=True)
    other_domestic_try: float = _amount()
    other_domestic_raw: str = pa.Field(nullable=True)
    foreign_try: float = _amount()
    foreign_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    placement_note: str = pa.Field(nullable=True)
    total_source_line: int = pa.Field(nullable=True, ge=1)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "source_line"]

    @pa.dataframe_check(raise_warning=True)
    def funding_sources_add_up(cls, data: pa.PolarsData):
        """Bütçe Ödeneği + Döner Sermaye + Diğer Yurt İçi + Yurt Dışı = Toplam."""
        return data.lazyframe.select(_sum_holds(_COST_PARTS, "total_try"))


class ActivityCostsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(nullable=True, ge=1)
    activity_no: int = pa.Field(nullable=True, ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    fiscal_year: int = pa.Field(nullable=True, in_range=YEAR)
    economic_code: str = pa.Field(str_matches=r"^\d{2}$")
    economic_code_name: str = pa.Field(nullable=True)
    budget_allocation_try: float = _amount()
    budget_allocation_raw: str = pa.Field(nullable=True)
    revolving_fund_try: float = _amount()
    revolving_fund_raw: str = pa.Field(nullable=True)
    other_domestic_try: float = _amount()
    other_domestic_raw: str = pa.Field(nullable=True)
    foreign_try: float = _amount()
    foreign_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    placement_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "performance_target_no", "activity_no", "economic_code"]

    @pa.dataframe_check(raise_warning=True)
    def funding_sources_add_up(cls, data: pa.PolarsData):
        """Bütçe Ödeneği + Döner Sermaye + Diğer Yurt İçi + Yurt Dışı = Toplam."""
        return data.lazyframe.select(_sum_holds(_COST_PARTS, "total_try"))


class AdministrationPerformanceSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    row_kind: str = pa.Field(
        isin=[
            "performance_target",
            "activity",
            "total_performance_targets",
            "general_administration",
            "transfers",
            "grand_total",
        ]
    )
    performance_target_no: int = pa.Field(nullable=True, ge=1)
    activity_no: int = pa.Field(nullable=True, ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    label: str = pa.Field(nullable=True)
    budget_try: float = _amount()
    budget_raw: str = pa.Field(nullable=True)
    budget_share_pct: float = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 100})
    budget_share_raw: str = pa.Field(nullable=True)
    non_budget_try: float = _amount()
    non_budget_raw: str = pa.Field(nullable=True)
    non_budget_share_pct: float = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 100})
    non_budget_share_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    total_share_pct: float = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 100})
    total_share_raw: str = pa.Field(nullable=True)
    placement_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "source_line"]

    @pa.dataframe_check(raise_warning=True)
    def budget_plus_non_budget_is_total(cls, data: pa.PolarsData):
        return data.lazyframe.select(_sum_holds(["budget_try", "non_budget_try"], "total_try"))

    @pa.dataframe_check
    def shares_are_amount_over_grand_total(cls, data: pa.PolarsData):
        """Each share = amount ÷ the document's `Genel Toplam` × 100 (printed to two decimals)."""
        grand = pl.col("total_try").filter(pl.col("row_kind") == "grand_total").first().over("document_id")
        checks = []
        for amount, share in (
            ("budget_try", "budget_share_pct"),
            ("non_budget_try", "non_budget_share_pct"),
            ("total_try", "total_share_pct"),
        ):
            unknown = pl.col(amount).is_null() | pl.col(share).is_null() | grand.is_null() | (grand == 0)
            holds = (pl.col(amount) / grand * 100 - pl.col(share)).abs() <= SHARE_TOLERANCE
            checks.append((unknown | holds).alias(share))
        return data.lazyframe.select(checks)

    @pa.dataframe_check
    def activity_rows_have_global_numbers(cls, data: pa.PolarsData):
        is_activity = pl.col("row_kind") == "activity"
        return data.lazyframe.select(~is_activity | pl.col("activity_global_no").is_not_null())


class ResourceNeedsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    funding_group: str = pa.Field(isin=["budget", "non_budget", "all"])
    row_kind: str = pa.Field(
        isin=["economic_code", "budget_total", "funding_source", "non_budget_total", "grand_total"]
    )
    economic_code: str = pa.Field(nullable=True, str_matches=r"^\d{2}$")
    label: str = pa.Field(nullable=True)
    activity_try: float = _amount()
    activity_raw: str = pa.Field(nullable=True)
    general_administration_try: float = _amount()
    general_administration_raw: str = pa.Field(nullable=True)
    transfers_try: float = _amount()
    transfers_raw: str = pa.Field(nullable=True)
    total_try: float = _amount()
    total_raw: str = pa.Field(nullable=True)
    placement_note: str = pa.Field(nullable=True)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "source_line"]

    @pa.dataframe_check(raise_warning=True)
    def columns_add_up(cls, data: pa.PolarsData):
        """Faaliyet + Genel Yönetim Giderleri + Transfer = Genel Toplam."""
        parts = ["activity_try", "general_administration_try", "transfers_try"]
        return data.lazyframe.select(_sum_holds(parts, "total_try"))

    @pa.dataframe_check
    def codes_add_up_to_budget_total(cls, data: pa.PolarsData):
        """The economic-code rows add up to `Toplam Bütçe Kaynak İhtiyacı` (per column)."""
        is_code = (pl.col("row_kind") == "economic_code") & (pl.col("funding_group") == "budget")
        checks = []
        for column in ("activity_try", "general_administration_try", "transfers_try", "total_try"):
            codes = pl.col(column).filter(is_code).sum().over("document_id")
            stated = pl.col(column).filter(pl.col("row_kind") == "budget_total").first().over("document_id")
            checks.append((stated.is_null() | ((codes - stated).abs() <= TOLERANCE)).alias(column))
        return data.lazyframe.select(checks)


class ResponsibilitiesSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    performance_target_no: int = pa.Field(nullable=True, ge=1)
    performance_target_text: str = pa.Field(nullable=True)
    activity_no: int = pa.Field(nullable=True, ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    activity_name: str
    name_match_score: float = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 1})
    responsible_unit: str = pa.Field(nullable=True)
    unit_carried_down: bool
    packed_cell: bool
    cell_part: int = pa.Field(ge=1)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "source_line", "cell_part"]


class DeclaredCountsSchema(pa.DataFrameModel):
    """Counts the narrative states (`51 adet Performans Hedefi`), as written."""

    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    item: str = pa.Field(isin=["performance_targets", "activities"])
    declared_count: int = pa.Field(ge=0)
    raw_text: str
    line_position: int = pa.Field(ge=1)
    source_line: int = pa.Field(ge=1)

    class Config:
        unique = ["document_id", "source_line", "line_position"]


class FindingsSchema(pa.DataFrameModel):
    document_id: str = pa.Field(str_matches=DOCUMENT_ID)
    finding_type: str = pa.Field(str_matches=r"^[a-z_]+$")
    table_name: str
    performance_target_no: int = pa.Field(nullable=True, ge=1)
    activity_no: int = pa.Field(nullable=True, ge=1)
    activity_global_no: int = pa.Field(nullable=True, ge=1)
    economic_code: str = pa.Field(nullable=True)
    expected: str = pa.Field(nullable=True)
    found: str = pa.Field(nullable=True)
    message: str
    source_line: int = pa.Field(nullable=True, ge=1)


PERFORMANCE_PROGRAMME_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "pp_strategic_goals": StrategicGoalsSchema,
    "pp_strategic_targets": StrategicTargetsSchema,
    "pp_performance_targets": PerformanceTargetsSchema,
    "pp_indicators": IndicatorsSchema,
    "pp_indicator_values": IndicatorValuesSchema,
    "pp_activities": ActivitiesSchema,
    "pp_activity_cost_tables": ActivityCostTablesSchema,
    "pp_activity_costs": ActivityCostsSchema,
    "pp_administration_performance": AdministrationPerformanceSchema,
    "pp_resource_needs": ResourceNeedsSchema,
    "pp_responsibilities": ResponsibilitiesSchema,
    "pp_declared_counts": DeclaredCountsSchema,
    "pp_findings": FindingsSchema,
}
