"""pandera schemas of the success-band marts: the bands of a scheme meet without gap or overlap
and score more the higher they are, and an actual value names its source.

dbt holds the rest (`dbt/models/marts/_marts_achievement.yml`, `_marts.yml`: keys, the methods and
reasons, a row judged or reasoned; `assert_success_bands_are_contiguous`: a scheme starts at 0 with
one open-ended top band), as for the other marts (`schemas/marts.py`)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import YEAR_MAX, YEAR_MIN, implies

YEARS = {"min_value": YEAR_MIN, "max_value": YEAR_MAX}


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
    method: str
    achievement_pct: float = pa.Field(nullable=True)
    success_band: str = pa.Field(nullable=True)
    score: int = pa.Field(nullable=True, ge=0)
    reason: str = pa.Field(nullable=True)
    actual_source: str = pa.Field(nullable=True)

    @pa.dataframe_check(error="an actual value always names its source")
    def actuals_have_a_source(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            implies(pl.col("actual_value").is_not_null(), pl.col("actual_source").is_not_null())
        )
