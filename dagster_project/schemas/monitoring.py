"""pandera schemas of monitoring data (izleme verileri): the rules a delivered actuals row must pass,
and the raw tables `raw.actuals`, `raw.actuals_issues`, `raw.indicator_links` and `raw.monitoring_changes`
(docs/raw_tables_monitoring.md).

`ActualsRowRules` is how a monitoring file is validated: each check's `error` is the reason code the
reader reports for the failing row (file, row number, reason), so the rules live in one place and a
failing row never stops the rest of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    ACCEPTED_VALUES,
    KEY_TESTED_IN_STAGING,
    NOT_NULL,
    document_id_field,
    implies,
    source_line_field,
    staging,
    text_field,
    year_field,
)

# `2021`, `2021-H1`, `2021-Q3`, `2021-M04`: a year, a half, a quarter or a month of that year.
PERIOD_PATTERN = r"^\d{4}(-(H[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$"
ISSUE_SEVERITIES = ("error", "warning")
ISSUE_TYPES = (
    "unreadable_file",
    "unsupported_file",
    "missing_column",
    "unknown_document",
    "unknown_indicator",
    "not_a_number",
    "year_not_a_year",
    "year_outside_period",
    "period_not_in_year",
    "value_outside_unit_range",
    "file_too_large",
    "too_many_failing_rows",
    "duplicate",
    "conflicting_duplicate",
    "ambiguous_link",
    "weak_link",
)
LINK_METHODS = ("code", "name")


@dataclass(frozen=True)
class UnitFamily:
    """Units that bound what an actual can be: a count or an area is never negative."""

    name: str
    words: frozenset[str]
    minimum: float
    maximum: float


# What an indicator's unit allows an actual to be (`value_in_unit_range`): the first family one of
# whose words is a word of the unit (`Yüzde/Yıl` is a percentage, `Adet/Yıl` a count). Units of no
# family (TL, an index, a score) are not bounded. A percentage may pass 100 (a target met 1.3 times),
# not 1,000; counts, durations and physical quantities are not negative.
UNIT_FAMILIES = (
    UnitFamily("percentage", frozenset({"yüzde", "%", "oran", "oranı"}), 0, 1_000),
    UnitFamily(
        "count", frozenset({"adet", "kişi", "araç", "sayı", "sayısı", "grup", "kez", "tane"}), 0, 1e12
    ),
    UnitFamily("duration", frozenset({"gün", "günü", "saat", "dakika", "hafta", "ay", "yıl", "yaş"}), 0, 1e9),
    UnitFamily(
        "quantity",
        frozenset(
            {"km", "metre", "m", "m²", "m2", "m³", "m3", "hektar", "ha", "dönüm", "ton", "kg", "kw", "litre"}
        ),
        0,
        1e15,
    ),
)


class ActualsRowRules(pa.DataFrameModel):
    """Rules over the rows read from a monitoring file, enriched with what the registry knows.

    Columns come from `dagster_project.monitoring.actuals`: `document_known`, `indicator_known`,
    `actual_kind` (parse_number's kind), `year`, the document's period and `duplicate_status`.
    """

    @pa.dataframe_check(error="unknown_document")
    def document_is_loaded(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("document_known"))

    @pa.dataframe_check(error="unknown_indicator")
    def indicator_is_in_the_document(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(implies(pl.col("document_known"), pl.col("indicator_known")))

    @pa.dataframe_check(error="not_a_number")
    def actual_is_a_number(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("actual_kind") == "number")

    @pa.dataframe_check(error="year_not_a_year")
    def year_is_a_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("year").is_not_null())

    @pa.dataframe_check(error="year_outside_period")
    def year_is_in_the_plan_period(cls, data: pa.PolarsData) -> pl.LazyFrame:
        inside = pl.col("year").is_between(pl.col("period_start_year"), pl.col("period_end_year"))
        return data.lazyframe.select(implies(pl.col("document_known") & pl.col("year").is_not_null(), inside))

    @pa.dataframe_check(error="period_not_in_year")
    def period_belongs_to_the_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        period = pl.col("period")
        fits = period.str.contains(PERIOD_PATTERN) & (
            period.str.slice(0, 4) == pl.col("year").cast(pl.String)
        )
        return data.lazyframe.select(period.is_null() | fits.fill_null(False))

    @pa.dataframe_check(error="value_outside_unit_range")
    def value_in_unit_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
        bounded = (pl.col("actual_kind") == "number") & pl.col("unit_min").is_not_null()
        inside = pl.col("actual_value").is_between(pl.col("unit_min"), pl.col("unit_max"))
        return data.lazyframe.select(implies(bounded, inside))

    @pa.dataframe_check(error="duplicate")
    def not_a_repeat(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("duplicate_status").ne_missing("repeat"))

    @pa.dataframe_check(error="conflicting_duplicate")
    def not_a_conflict(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("duplicate_status").ne_missing("conflict"))


class ActualsSchema(pa.DataFrameModel):
    """Actual values (gerçekleşme değerleri) from the monitoring files in raw/actuals/ that passed every row
    rule (`ActualsRowRules`); replaced as a whole on every run."""

    document_id: str = document_id_field(
        description="Document the actual belongs to (belge).",
        metadata=staging(
            tests=[
                NOT_NULL,
                {"relationships": {"arguments": {"to": "ref('stg_raw__documents')", "field": "document_id"}}},
            ]
        ),
    )
    indicator_code: str = text_field(
        description="Indicator code as the document writes it (gösterge kodu), e.g. `Ke/Pg.1.2.4`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    year: int = year_field(
        description="Year the actual value is for (yıl).", metadata=staging(tests=[NOT_NULL])
    )
    period: str = pa.Field(
        nullable=True,
        str_matches=PERIOD_PATTERN,
        description="Sub-annual period (dönem) such as `2024-H1`; null for an annual value.",
    )
    actual_value: float = pa.Field(
        description="The actual value (gerçekleşen değer).", metadata=staging(tests=[NOT_NULL])
    )
    actual_raw: str = text_field(description="The cell text the value was read from.")
    note: str = pa.Field(nullable=True, description="The file's note column (not), verbatim.")
    source_file: str = text_field(description="File name in raw/actuals/.")
    source_row: int = source_line_field(
        description="Row number in the file as a spreadsheet shows it (the header is row 1)."
    )

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "indicator_code", "year", "period"]


class ActualsIssuesSchema(pa.DataFrameModel):
    """Monitoring rows not loaded and indicator links not made, with the reason: one row per failed rule and
    row."""

    source_file: str = text_field(
        description="File in raw/actuals/, or the source document's file for link issues."
    )
    source_row: int = source_line_field(
        nullable=True,
        description="Row in the file (header = 1) or line in the source document; null for a whole-file issue.",
    )
    document_id: str = pa.Field(
        nullable=True, description="Document the row names (or would link to); may be unknown."
    )
    indicator_code: str = pa.Field(nullable=True, description="Indicator code as written in the row.")
    severity: str = pa.Field(
        isin=ISSUE_SEVERITIES,
        description="`error` (row not loaded) or `warning` (a repeat loaded once, a link not made).",
        metadata=staging(tests=[ACCEPTED_VALUES]),
    )
    issue_type: str = pa.Field(
        isin=ISSUE_TYPES,
        description="Reason code, e.g. `unknown_indicator`, `not_a_number`, `year_outside_period`, `duplicate`, `ambiguous_link`.",
    )
    message: str = text_field(description="The reason in words, quoting the row's own values.")
    raw_text: str = pa.Field(
        description="The row as written (cells joined by ` | `), or the source indicator's name."
    )

    class Config:
        strict = True


class IndicatorLinksSchema(pa.DataFrameModel):
    """An indicator of a later document that is the same indicator as one of an earlier document (or the plan)
    of the same administration, by written code or identical normalised name, so its actuals apply there."""

    document_id: str = document_id_field(
        description="Document that receives the actuals (the plan or an earlier programme)."
    )
    indicator_code: str = text_field(description="Indicator code in that document.")
    source_document_id: str = document_id_field(
        description="Performance programme whose `Gerçekleşen` values are the actuals."
    )
    source_indicator_code: str = text_field(
        description="Indicator code in the source programme, e.g. `PH6.2`."
    )
    match_method: str = pa.Field(
        isin=LINK_METHODS,
        description="`code` (same written code) or `name` (same Turkish-aware normalised name).",
        metadata=staging(tests=[ACCEPTED_VALUES]),
    )
    match_score: float = pa.Field(
        in_range={"min_value": 0, "max_value": 1},
        description="1.0 for every link made (only certain matches are links).",
    )

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "indicator_code", "source_document_id"]

    @pa.dataframe_check
    def never_links_a_document_to_itself(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("document_id") != pl.col("source_document_id"))


MONITORING_CHANGES = ("actuals", "indicator_links", "linked_source")


class MonitoringChangesSchema(pa.DataFrameModel):
    """Documents whose achievements (başarı düzeyi) may differ from the published warehouse although their own
    rows did not change: their monitoring actuals or indicator links differ, or a programme linked to them was
    loaded again. The incremental marts rebuild them too."""

    document_id: str = document_id_field(description="Document whose achievements are rebuilt.")
    change: str = pa.Field(
        isin=MONITORING_CHANGES,
        description="`actuals` (its rows in raw.actuals differ), `indicator_links` (a link made or lost) or `linked_source` (a programme linked to it is in raw.document_changes).",
    )

    class Config:
        strict = True
        unique = ["document_id", "change"]


MONITORING_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "actuals": ActualsSchema,
    "actuals_issues": ActualsIssuesSchema,
    "indicator_links": IndicatorLinksSchema,
    "monitoring_changes": MonitoringChangesSchema,
}
