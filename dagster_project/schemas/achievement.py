"""pandera schemas of the success-band marts: every band scheme covers [0, ∞) exactly once, and
every achievement row is either judged (achievement, band, score) or says why not (reason)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import YEAR_MAX, YEAR_MIN, implies

YEARS = {"min_value": YEAR_MIN, "max_value": YEAR_MAX}

METHODS = ["kilavuz", "ratio"]
REASONS = [
    "no_target_for_year",
    "missing_baseline",
    "target_equals_baseline",
    "non_positive_target",
    "no_actual",
    "non_positive_actual",
]


class AchievementMart(pa.DataFrameModel):
    """Read like the other marts (schemas.marts.MartSchema, which registers these models)."""

    class Config:
        coerce = True


class DimSuccessBand(AchievementMart):
    """Bands are half-open [lower_bound_pct, upper_bound_pct); the top band has no upper bound."""

    band_scheme: str
    band_order: int = pa.Field(ge=1)
    band_name: str
    lower_bound_pct: float = pa.Field(ge=0)
    upper_bound_pct: float = pa.Field(nullable=True)
    score: int = pa.Field(ge=0)

    class Config(AchievementMart.Config):
        unique = ["band_scheme", "lower_bound_pct"]

    @pa.dataframe_check(error="every band scheme starts at 0 and has exactly one open-ended top band")
    def scheme_covers_zero_to_infinity(cls, data: pa.PolarsData) -> pl.LazyFrame:
        per_scheme = pl.col("band_scheme")
        starts_at_zero = pl.col("lower_bound_pct").min().over(per_scheme) == 0
        one_top_band = pl.col("upper_bound_pct").is_null().sum().over(per_scheme) == 1
        return data.lazyframe.select(starts_at_zero & one_top_band)

    @pa.dataframe_check(error="each band ends where the next higher band starts (no gap, no overlap)")
    def bands_are_contiguous(cls, data: pa.PolarsData) -> pl.LazyFrame:
        next_lower = pl.col("lower_bound_pct").shift(-1).over("band_scheme", order_by="lower_bound_pct")
        upper = pl.col("upper_bound_pct")
        contiguous = (upper.is_null() & next_lower.is_null()) | (upper == next_lower).fill_null(False)
        return data.lazyframe.select(contiguous & (upper.is_null() | (upper > pl.col("lower_bound_pct"))))

    @pa.dataframe_check(error="a higher band never scores less than a lower one")
    def scores_rise_with_bands(cls, data: pa.PolarsData) -> pl.LazyFrame:
        previous = pl.col("score").shift(1).over("band_scheme", order_by="lower_bound_pct")
        return data.lazyframe.select(previous.is_null() | (pl.col("score") >= previous))


class FctIndicatorAchievement(AchievementMart):
    indicator_id: str
    document_id: str
    year: int = pa.Field(in_range=YEARS)
    method: str = pa.Field(isin=METHODS)
    achievement_pct: float = pa.Field(nullable=True)
    success_band: str = pa.Field(nullable=True)
    score: int = pa.Field(nullable=True, ge=0)
    reason: str = pa.Field(nullable=True, isin=REASONS)
    actual_source: str = pa.Field(nullable=True)

    class Config(AchievementMart.Config):
        unique = ["indicator_id", "year"]

    @pa.dataframe_check(error="a row is judged (achievement, band, score) or has a reason, never both")
    def judged_or_reasoned(cls, data: pa.PolarsData) -> pl.LazyFrame:
        judged = pl.col("achievement_pct").is_not_null()
        banded = pl.col("success_band").is_not_null() & pl.col("score").is_not_null()
        return data.lazyframe.select((judged == banded) & (judged == pl.col("reason").is_null()))

    @pa.dataframe_check(error="an actual value always names its source")
    def actuals_have_a_source(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("actual_value").is_not_null(), pl.col("actual_source").is_not_null())
        )
