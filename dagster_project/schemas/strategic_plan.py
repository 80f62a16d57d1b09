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
    ACCEPTED_VALUES,
    KEY_TESTED_IN_STAGING,
    NOT_NULL,
    amount_field,
    document_id_field,
    implies,
    pattern_field,
    raw_field,
    source_line_field,
    staging,
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
    """Strategic goals (stratejik amaçlar) of strategic plans, one row per goal."""

    document_id: str = document_id_field(
        description="Document the goal belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    goal_code: str = pattern_field(
        GOAL_CODE,
        description="Goal code as written (amaç kodu), e.g. `KE.1`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    goal_text: str = text_field(description="Goal statement (stratejik amaç), verbatim.")
    service_area: str = pa.Field(
        nullable=True,
        description="Service area (hizmet alanı), Bir Bakışta's title-cased form (`Ulaşım Hizmetleri`), else the card heading.",
    )
    service_area_heading: str = pa.Field(
        nullable=True, description="Service area heading of the cards as written, e.g. `ULAŞIM HİZMETLERİ`."
    )
    transformation_area: str = pa.Field(
        nullable=True,
        description="Transformation area (dönüşüm alanı), e.g. `Kentsel Dönüşüm` (same rule as service_area).",
    )
    transformation_area_heading: str = pa.Field(
        nullable=True,
        description="Transformation area heading as written, section number stripped, e.g. `KENTSEL DÖNÜŞÜM`.",
    )
    source_line: int = source_line_field(description="First card line that states the goal.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "goal_code"]


class SpTargets(pa.DataFrameModel):
    """Strategic targets (stratejik hedefler) from the target cards (hedef kartı), one row per target."""

    document_id: str = document_id_field(
        description="Document the target belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    target_code: str = pattern_field(
        TARGET_CODE,
        description="Target code as written (hedef kodu), e.g. `KE.1.1`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    target_text: str = text_field(description="Target statement (stratejik hedef), verbatim.")
    goal_code: str = pattern_field(
        GOAL_CODE,
        nullable=True,
        description="Code of the goal the target serves.",
        metadata=staging(tests=[NOT_NULL]),
    )
    responsible_units: pl.List(pl.String) = pa.Field(
        description="Responsible units (sorumlu birimler) as a list."
    )
    responsible_units_raw: str = raw_field(description="Cell text of `Sorumlu Birim(ler)`.")
    responsible_units_source_line: int = source_line_field(
        nullable=True, description="Line of the `Sorumlu Birim(ler)` row."
    )
    cost_estimate_try: float = amount_field(description="Cost estimate of the card in TL (maliyet tahmini).")
    cost_estimate_raw: str = raw_field(description="Cell text of `Maliyet Tahmini (TL)`.")
    cost_estimate_source_line: int = source_line_field(
        nullable=True, description="Line of the `Maliyet Tahmini (TL)` row."
    )
    source_line: int = source_line_field(description="Line of the card's `Stratejik Hedef` row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
    """Performance indicators (performans göstergeleri) of the target cards, one row per indicator."""

    document_id: str = document_id_field(
        description="Document the indicator belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    indicator_code: str = pattern_field(
        ITEM_CODE,
        description="Indicator code as written (gösterge kodu), e.g. `Ke/Pg.1.1.1`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    indicator_name: str = text_field(description="Indicator name (performans göstergesi), verbatim.")
    unit: str = pa.Field(
        nullable=True, description="Unit of measure as written (ölçü birimi), e.g. `Adet/Yıl`."
    )
    target_code: str = pattern_field(
        TARGET_CODE,
        description="Code of the target whose card lists the indicator.",
        metadata=staging(tests=[NOT_NULL]),
    )
    weight_pct: float = pa.Field(
        in_range={"min_value": 0, "max_value": 100},
        nullable=True,
        description="Weight of the indicator in its target in percent (hedefe etkisi); null when the card has no such column.",
    )
    weight_raw: str = raw_field(description="Cell text of the weight.")
    monitoring_frequency: str = pa.Field(
        nullable=True, description="Monitoring frequency (izleme sıklığı); null when absent."
    )
    reporting_frequency: str = pa.Field(
        nullable=True, description="Reporting frequency (raporlama sıklığı); null when absent."
    )
    baseline_value: float = pa.Field(
        nullable=True,
        description="Baseline value (şimdiki değeri / plan dönemi başlangıç değeri); null for `-`.",
    )
    baseline_raw: str = raw_field(description="Cell text of the baseline.")
    source_line: int = source_line_field(description="Line of the indicator row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
    """Every value cell of every indicator (baseline and yearly targets), one row per indicator and value
    column; a `-` cell is kept as value null with value_raw `-`."""

    document_id: str = document_id_field(
        description="Document the value belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    indicator_code: str = pattern_field(
        ITEM_CODE,
        description="Indicator code as written (gösterge kodu).",
        metadata=staging(tests=[NOT_NULL]),
    )
    target_code: str = pattern_field(
        TARGET_CODE, description="Code of the target whose card lists the indicator."
    )
    value_type: str = pa.Field(
        isin=("baseline", "target"),
        description="`baseline` (başlangıç/şimdiki değeri) or `target` (hedef).",
        metadata=staging(
            tests=[
                NOT_NULL,
                {"accepted_values": {"arguments": {"values": ["baseline", "target", "actual", "estimate"]}}},
            ]
        ),
    )
    year: int = year_field(
        nullable=True,
        description="Year the column header names; null when it names none (e.g. `Şimdiki Değeri`).",
    )
    value: float = pa.Field(nullable=True, description="Parsed value; null for `-`.")
    value_raw: str = raw_field(nullable=False, description="Cell text, e.g. `9,3` or `-`.")
    column_header: str = text_field(description="Header text the value sat under, e.g. `2024 Yılı Hedefi`.")
    source_line: int = source_line_field(description="Line of the indicator row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
    """Projects and activities (faaliyet ve projeler) of the target cards, one row per activity."""

    document_id: str = document_id_field(
        description="Document the activity belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    activity_code: str = pattern_field(
        ITEM_CODE,
        description="Activity code as written (faaliyet kodu), e.g. `Ke/F.1.1.1`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    activity_name: str = text_field(description="Activity or project name (faaliyet/proje adı), verbatim.")
    target_code: str = pattern_field(
        TARGET_CODE,
        description="Code of the target whose card lists the activity.",
        metadata=staging(tests=[NOT_NULL]),
    )
    source_line: int = source_line_field(description="Line of the activity row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "activity_code"]

    @pa.dataframe_check(raise_warning=True)
    def activity_continues_target(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_continues("activity_code", "target_code"))


class SpCardExtras(pa.DataFrameModel):
    """Other rows of the official target-card template (e.g. Riskler, Stratejiler, Tespitler, İhtiyaçlar): one
    row per card row that no other `sp_` table holds."""

    document_id: str = document_id_field(description="Document the card belongs to.")
    target_code: str = pattern_field(TARGET_CODE, description="Code of the card's target.")
    field: str = text_field(
        description="Row label as written (kart satırı), e.g. `Riskler`.",
        metadata=staging(name="field_label"),
    )
    value: str = pa.Field(description="Row text, verbatim.", metadata=staging(name="field_value"))
    source_line: int = source_line_field(description="Line of the card row.")

    class Config:
        strict = True
        unique = ["document_id", "source_line"]


class SpCostDistribution(pa.DataFrameModel):
    """Section 7 "Stratejik Amaç ve Hedeflere Göre Tahmini Kaynak Dağılımı" (estimated resource distribution
    by goal and target), one row per (table row, year). Rows of different kinds nest (transformation area >
    service area > goal > target), so only one kind may be summed."""

    document_id: str = document_id_field(
        description="Document the table belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    row_no: int = pa.Field(
        ge=1,
        description="Order of the row in the table (repeated page-break headers not counted).",
        metadata=staging(tests=[NOT_NULL]),
    )
    row_kind: str = pa.Field(
        isin=ROW_KINDS,
        description="`transformation_area`, `service_area`, `goal`, `target`, `plan_total`, `personnel_expenses`, `interest_expenses`, `other_expenses` or `grand_total`.",
        metadata=staging(tests=[NOT_NULL, ACCEPTED_VALUES]),
    )
    row_label: str = text_field(description="Row label, verbatim.")
    code: str = pa.Field(
        nullable=True,
        description="Goal or target code of `goal` and `target` rows; null otherwise.",
        metadata=staging(name="plan_code"),
    )
    transformation_area: str = pa.Field(
        nullable=True,
        description="Label of the enclosing transformation area row (dönüşüm alanı), carried down; null from the plan total on.",
    )
    service_area: str = pa.Field(
        nullable=True,
        description="Label of the enclosing service area row (hizmet alanı), carried down; null from the plan total on.",
    )
    year: int = year_field(description="Year of the amount column (yıl).", metadata=staging(tests=[NOT_NULL]))
    amount_try: float = amount_field(description="Amount of the year in TL (tutar).")
    amount_raw: str = raw_field(nullable=False, description="Cell text of the amount.")
    row_total_try: float = amount_field(description="The row's stated total in TL (toplam tutar).")
    row_total_raw: str = raw_field(description="Cell text of the row total.")
    source_line: int = source_line_field(description="Line of the table row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
    """Revenue forecast of the plan period (gelir tahmini), one row per (source, year)."""

    document_id: str = document_id_field(description="Document the forecast belongs to.")
    source_name: str = text_field(
        description="Revenue source as written (kaynak), e.g. `Vergi Gelirleri`; `TOPLAM` on the total row.",
        metadata=staging(name="revenue_source"),
    )
    is_total: bool = pa.Field(
        description="True on the table's total row (toplam).", metadata=staging(tests=[NOT_NULL])
    )
    year: int = year_field(description="Year of the amount column.")
    amount_try: float = amount_field(description="Forecast amount in TL.")
    amount_raw: str = raw_field(nullable=False, description="Cell text of the amount.")
    row_total_try: float = amount_field(description="The row's stated total in TL (toplam kaynak).")
    row_total_raw: str = raw_field(description="Cell text of the row total.")
    source_line: int = source_line_field(description="Line of the table row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "source_name", "year"]


class SpBudgetRealisations(pa.DataFrameModel):
    """Past revenue and expenditure realisations (gelir ve gider bütçe gerçekleşmeleri), one row per year plus
    the total row."""

    document_id: str = document_id_field(description="Document the table belongs to.")
    year: int = year_field(nullable=True, description="Year; null on the total row.")
    is_total: bool = pa.Field(
        description="True on the total row (toplam).", metadata=staging(tests=[NOT_NULL])
    )
    revenue_try: float = amount_field(description="Revenue realisation in TL (gelir gerçekleşmesi).")
    revenue_raw: str = raw_field(description="Cell text of the revenue.")
    expenditure_try: float = amount_field(description="Expenditure realisation in TL (gider gerçekleşmesi).")
    expenditure_raw: str = raw_field(description="Cell text of the expenditure.")
    coverage_pct: float = amount_field(
        description="Revenue-to-expenditure coverage in percent (gelirin gideri karşılama oranı)."
    )
    coverage_raw: str = raw_field(description="Cell text of the coverage.")
    source_line: int = source_line_field(description="Line of the table row.")

    class Config:
        strict = True
        unique = ["document_id", "year"]

    @pa.dataframe_check
    def total_row_has_no_year(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("is_total") == pl.col("year").is_null())


class SpDeclaredCounts(pa.DataFrameModel):
    """Counts the document declares in its "Bir Bakışta" (at a glance) table, per goal and for the whole plan."""

    document_id: str = document_id_field(description="Document the table belongs to.")
    scope: str = pa.Field(
        isin=("goal", "plan"),
        description="`goal` (one goal's row) or `plan` (the GENEL TOPLAM row).",
        metadata=staging(name="count_scope", tests=[NOT_NULL, ACCEPTED_VALUES]),
    )
    goal_code: str = pattern_field(
        GOAL_CODE, nullable=True, description="Goal code of a `goal` row; null for `plan`."
    )
    transformation_area: str = pa.Field(
        nullable=True, description="Transformation area (dönüşüm alanı) of the row, as written."
    )
    service_area: str = pa.Field(
        nullable=True, description="Service area (hizmet alanı) of the row, as written."
    )
    item: str = pa.Field(
        isin=DECLARED_ITEMS,
        description="What is counted: `transformation_areas`, `service_areas`, `goals`, `targets`, `activities` or `indicators`.",
        metadata=staging(name="counted_item", tests=[NOT_NULL, ACCEPTED_VALUES]),
    )
    declared_count: int = pa.Field(
        ge=0, description="Count the document states (sayı).", metadata=staging(sql_type="bigint")
    )
    raw_text: str = text_field(description="Cell text, e.g. `319 Proje/Faaliyet`.")
    source_line: int = source_line_field(description="Line of the table row.")

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
    """The document's success band table (başarı düzeyi değerlendirme sistemi) as written: section 8, and the
    section 4.2 copy when the plan prints it twice."""

    document_id: str = document_id_field(description="Document the table belongs to.")
    section: str = pa.Field(
        nullable=True,
        description="Number of the enclosing heading (bölüm), e.g. `4.2` or `8`.",
        metadata=staging(name="document_section"),
    )
    band_order: int = pa.Field(ge=1, description="Position of the band within its section, 1 = highest.")
    range_text: str = text_field(
        description="Realisation range as written (gerçekleşme aralığı), e.g. `% 85-114`."
    )
    lower_pct: float = pa.Field(
        ge=0,
        nullable=True,
        description="Lower bound of the range in percent; null for `ve altı` (and below).",
        metadata=staging(name="lower_bound_pct"),
    )
    upper_pct: float = pa.Field(
        ge=0,
        nullable=True,
        description="Upper bound as written; null for `ve üstü` (and above).",
        metadata=staging(name="upper_bound_pct"),
    )
    band_name: str = text_field(description="Band name (başarı düzeyi), e.g. `Çok İyi`.")
    colour_text: str = pa.Field(
        nullable=True, description="Colour cell text (kategorik renk kodu), often empty in the text."
    )
    score: int = pa.Field(ge=0, nullable=True, description="Score (puan durumu).")
    source_line: int = source_line_field(description="Line of the table row.")

    class Config:
        metadata = KEY_TESTED_IN_STAGING
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
