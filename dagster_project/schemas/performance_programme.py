"""pandera schemas of the performance-programme raw tables (`pp_*`, see
docs/raw_tables_performance_programme.md).

Besides types, code patterns, years and unique keys, the schemas check only what keeps a row
readable. Whether the amounts add up (a row's parts to its total, rows to their total row, shares to
amount ÷ Genel Toplam, one table to another) is the document's matter, reported once by dbt in
rpt_reconciliation (docs/raw_tables_performance_programme.md).
"""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    ACCEPTED_VALUES,
    KEY_TESTED_IN_STAGING,
    NOT_NULL,
    amount_field,
    raw_field,
    source_line_field,
    staging,
)

YEAR = {"min_value": 1990, "max_value": 2100}
NON_NEGATIVE = {"ge": 0}
DOCUMENT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _share_pct(description: str) -> Any:
    """A share in percent as 2.4 prints it beside an amount (pay): 0 to 100, null when not printed."""
    return pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 100}, description=description)


def _document_id() -> Any:
    """The document a row comes from: every programme table's first column and part of its key."""
    return pa.Field(
        str_matches=DOCUMENT_ID,
        description='{{ doc("col_document_id") }}',
        metadata=staging(tests=[NOT_NULL]),
    )


def _position(description: str, *, nullable: bool, staged_not_null: bool) -> Any:
    """A 1-based number that places a row in the programme (a target, an activity inside it); dbt
    tests it not null in staging where the parser may leave it null for a row it could not place
    but the warehouse needs it."""
    metadata = staging(tests=[NOT_NULL]) if staged_not_null else None
    return pa.Field(nullable=nullable, ge=1, description=description, metadata=metadata)


def _performance_target_no(*, nullable: bool = False, staged_not_null: bool = True) -> Any:
    return _position(
        "Performance target number (performans hedefi no), the n of `Performans Hedefi (n)`.",
        nullable=nullable,
        staged_not_null=staged_not_null,
    )


def _activity_no(*, nullable: bool = False, staged_not_null: bool = True) -> Any:
    return _position(
        "Order of the activity inside its performance target (faaliyet sırası).",
        nullable=nullable,
        staged_not_null=staged_not_null,
    )


def _activity_global_no() -> Any:
    """Null until section 2.4 gives the activity its number."""
    return _position(
        "Global activity number 1..N of section 2.4 (faaliyet no).", nullable=True, staged_not_null=False
    )


class StrategicGoalsSchema(pa.DataFrameModel):
    """Strategic goals (stratejik amaçlar) of a performance programme's section 2.2.2, with the service area
    heading above each."""

    document_id: str = _document_id()
    goal_no: int = pa.Field(
        ge=1,
        description="Strategic goal number (stratejik amaç no), the n of `STRATEJİK AMAÇ n`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    goal_text: str = pa.Field(description="Strategic goal statement (stratejik amaç), verbatim.")
    service_area: str = pa.Field(nullable=True, description="Service area (hizmet alanı) heading, verbatim.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "goal_no"]


class StrategicTargetsSchema(pa.DataFrameModel):
    """Strategic targets (stratejik hedefler) of section 2.2.2, one row per target."""

    document_id: str = _document_id()
    target_code: str = pa.Field(
        str_matches=r"^\d+\.\d+$",
        description="Strategic target code as written (stratejik hedef kodu), e.g. `1.2`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    goal_no: int = pa.Field(
        ge=1, description="Strategic goal number (stratejik amaç no), the n of `STRATEJİK AMAÇ n`."
    )
    target_no: int = pa.Field(ge=1, description="Target number inside its goal (hedef no), the m of `n.m`.")
    target_text: str = pa.Field(description="Strategic target statement (stratejik hedef), verbatim.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "target_code"]

    @pa.dataframe_check
    def code_is_goal_dot_target(cls, data: pa.PolarsData):
        """`target_code` is `goal_no.target_no`."""
        expected = pl.format("{}.{}", pl.col("goal_no"), pl.col("target_no"))
        return data.lazyframe.select(pl.col("target_code") == expected)


class PerformanceTargetsSchema(pa.DataFrameModel):
    """Performance targets (performans hedefleri), one row per PERFORMANS HEDEFİ TABLOSU, with the strategic
    goal and target it cites as written."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no()
    performance_target_text: str = pa.Field(
        description="Performance target statement (performans hedefi), verbatim."
    )
    section_code: str = pa.Field(
        nullable=True,
        str_matches=r"^\d+(\.\d+)+$",
        description="Number of the section holding the table (bölüm), e.g. `2.3.2`.",
    )
    service_area: str = pa.Field(
        nullable=True,
        description="Service area (hizmet alanı): heading of the section holding the table, verbatim.",
    )
    goal_no: int = pa.Field(
        nullable=True, ge=1, description="Strategic goal number the table cites (stratejik amaç)."
    )
    goal_text: str = pa.Field(
        nullable=True, description="Strategic goal text as cited in the table, verbatim."
    )
    target_code: str = pa.Field(
        nullable=True,
        str_matches=r"^\d+\.\d+$",
        description="Strategic target code the table cites, as written (not corrected), e.g. `1.2`.",
    )
    target_text: str = pa.Field(
        nullable=True, description="Strategic target text as cited in the table, verbatim (not corrected)."
    )
    target_code_matching_text: str = pa.Field(
        nullable=True,
        str_matches=r"^\d+\.\d+$",
        description="Code of the 2.2.2 target whose text the cited text matches (similarity ≥ 0.8); differs from target_code when the document cites the wrong number.",
    )
    explanation: str = pa.Field(nullable=True, description="Explanation text (açıklamalar), verbatim.")
    fiscal_year: int = pa.Field(
        nullable=True,
        in_range=YEAR,
        description="Fiscal year (mali yıl) of the amounts, from the `Kaynak İhtiyacı 2024` header.",
    )
    activity_count: int = pa.Field(
        ge=0, description="Number of activity rows in the table (faaliyet sayısı), as extracted."
    )
    indicator_count: int = pa.Field(
        ge=0, description="Number of indicator rows in the table (gösterge sayısı), as extracted."
    )
    budget_try: float = amount_field(description="Budget amount in TL (bütçe).")
    budget_raw: str = raw_field(description="Cell text of the budget amount.")
    non_budget_try: float = amount_field(description="Non-budget amount in TL (bütçe dışı).")
    non_budget_raw: str = raw_field(description="Cell text of the non-budget amount.")
    total_try: float = amount_field(description="Total of the table's `Genel Toplam` row in TL.")
    total_raw: str = raw_field(description="Cell text of the total.")
    total_source_line: int = source_line_field(nullable=True, description="Line of the table's total row.")
    table_source_line: int = source_line_field(description="Line of the table's title.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "performance_target_no"]


class IndicatorsSchema(pa.DataFrameModel):
    """Performance indicators (performans göstergeleri) of the performance-target tables; the marts' indicator
    code is `PH{performance_target_no}.{indicator_no}`."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no()
    indicator_no: int = pa.Field(
        ge=1,
        description="Indicator number inside its performance target (gösterge no).",
        metadata=staging(tests=[NOT_NULL]),
    )
    indicator_name: str = pa.Field(
        description="Indicator name with its unit text (performans göstergesi), verbatim."
    )
    unit: str = pa.Field(
        nullable=True,
        description="Unit of measure (ölçü birimi), the last parenthesised group of the name (best effort).",
    )
    explanation: str = pa.Field(nullable=True, description="Explanation text (açıklamalar), verbatim.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "performance_target_no", "indicator_no"]


class IndicatorValuesSchema(pa.DataFrameModel):
    """Every value cell of every indicator (2022 Gerçekleşen, 2023 Tahmin, 2024 Hedef), one row per indicator
    and column."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no()
    indicator_no: int = pa.Field(
        ge=1,
        description="Indicator number inside its performance target (gösterge no).",
        metadata=staging(tests=[NOT_NULL]),
    )
    year: int = pa.Field(
        nullable=True,
        in_range=YEAR,
        description="Year the column header names (yıl).",
        metadata=staging(tests=[NOT_NULL]),
    )
    value_type: str = pa.Field(
        nullable=True,
        isin=["actual", "estimate", "target"],
        description="`actual` (Gerçekleşen), `estimate` (Tahmin) or `target` (Hedef).",
        metadata=staging(tests=[NOT_NULL]),
    )
    column_header: str = pa.Field(
        description="Header text the value sat under (sütun başlığı), e.g. `2023 Tahmin`."
    )
    value: float = pa.Field(
        nullable=True, description="Parsed value (değer); null for `-` or unreadable text."
    )
    value_raw: str = raw_field(description="Cell text of the value.")
    value_note: str = pa.Field(
        nullable=True, description="Why a value is null or how it was read (e.g. `11.3`)."
    )
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "performance_target_no", "indicator_no", "year", "value_type"]

    @pa.dataframe_check
    def unreadable_values_carry_a_note(cls, data: pa.PolarsData):
        """A null value is either a `-` cell or explained in `value_note` (never silently dropped)."""
        dash = pl.col("value_raw").str.strip_chars().is_in(["-", "–", "—", ""])
        return data.lazyframe.select(
            pl.col("value").is_not_null() | dash | pl.col("value_note").is_not_null()
        )


class ActivitiesSchema(pa.DataFrameModel):
    """Activities (faaliyetler) as listed in the performance-target tables, with Bütçe / Bütçe Dışı / Toplam
    amounts."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no()
    activity_no: int = _activity_no()
    activity_global_no: int = _activity_global_no()
    written_no: int = pa.Field(
        nullable=True, description="Number written in the performance-target table's activity row."
    )
    activity_name: str = pa.Field(description="Activity name (faaliyet adı) as written in this table.")
    responsible_unit: str = pa.Field(
        nullable=True, description="Responsible spending unit (sorumlu harcama birimi), verbatim."
    )
    fiscal_year: int = pa.Field(
        nullable=True,
        in_range=YEAR,
        description="Fiscal year (mali yıl) of the amounts, from the `Kaynak İhtiyacı 2024` header.",
    )
    budget_try: float = amount_field(description="Budget amount in TL (bütçe).")
    budget_raw: str = raw_field(description="Cell text of the budget amount.")
    non_budget_try: float = amount_field(description="Non-budget amount in TL (bütçe dışı).")
    non_budget_raw: str = raw_field(description="Cell text of the non-budget amount.")
    total_try: float = amount_field(description="Total amount in TL (toplam).")
    total_raw: str = raw_field(description="Cell text of the total.")
    placement_note: str = pa.Field(
        nullable=True,
        description="Which amount cell was missing and what was derived from the identities; null when the row was complete.",
    )
    source_line: int = source_line_field(
        description='{{ doc("col_source_line") }} The activity row of the performance-target table.'
    )

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "performance_target_no", "activity_no"]

    @pa.dataframe_check
    def global_number_is_unique(cls, data: pa.PolarsData):
        """Global activity numbers (2.4) identify one activity per document."""
        duplicated = pl.struct("document_id", "activity_global_no").is_duplicated()
        return data.lazyframe.select(pl.col("activity_global_no").is_null() | ~duplicated)


class ActivityCostTablesSchema(pa.DataFrameModel):
    """One row per FAALİYET MALİYET TABLOSU (activity cost table) with its `Toplam Kaynak İhtiyacı` row; for
    reconciliation only, never summed with pp_activity_costs."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no(nullable=True, staged_not_null=False)
    activity_no: int = _activity_no(nullable=True, staged_not_null=False)
    activity_global_no: int = _activity_global_no()
    performance_target_text: str = pa.Field(
        nullable=True, description="Performance target text as written in the cost table."
    )
    activity_name: str = pa.Field(
        nullable=True, description="Activity name (faaliyet adı) as written in this table."
    )
    responsible_unit: str = pa.Field(
        nullable=True, description="Responsible spending unit (sorumlu harcama birimi), verbatim."
    )
    explanation: str = pa.Field(nullable=True, description="Explanation text (açıklamalar), verbatim.")
    fiscal_year: int = pa.Field(
        nullable=True,
        in_range=YEAR,
        description="Fiscal year (mali yıl) of the amounts, from the `Kaynak İhtiyacı 2024` header.",
    )
    budget_allocation_try: float = amount_field(description="Budget allocation in TL (bütçe ödeneği).")
    budget_allocation_raw: str = raw_field(description="Cell text of the budget allocation.")
    revolving_fund_try: float = amount_field(description="Revolving fund in TL (döner sermaye).")
    revolving_fund_raw: str = raw_field(description="Cell text of the revolving fund.")
    other_domestic_try: float = amount_field(description="Other domestic sources in TL (diğer yurt içi).")
    other_domestic_raw: str = raw_field(description="Cell text of the other domestic sources.")
    foreign_try: float = amount_field(description="Foreign sources in TL (yurt dışı).")
    foreign_raw: str = raw_field(description="Cell text of the foreign sources.")
    total_try: float = amount_field(
        description="The table's `Toplam Kaynak İhtiyacı` (total resource need) in TL."
    )
    total_raw: str = raw_field(description="Cell text of the total.")
    placement_note: str = pa.Field(
        nullable=True,
        description="Which amount cell was missing and what was derived from the identities; null when the row was complete.",
    )
    total_source_line: int = source_line_field(nullable=True, description="Line of the table's total row.")
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "source_line"]


class ActivityCostsSchema(pa.DataFrameModel):
    """Activity cost rows (faaliyet maliyeti), one per activity and economic code, with the four funding
    columns; `fct_budget` grain `activity` is their unpivot (`budget`, `revolving_fund`, `other_domestic`,
    `foreign`)."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no(nullable=True)
    activity_no: int = _activity_no(nullable=True)
    activity_global_no: int = _activity_global_no()
    fiscal_year: int = pa.Field(
        nullable=True,
        in_range=YEAR,
        description="Fiscal year (mali yıl) of the amounts, from the `Kaynak İhtiyacı 2024` header.",
    )
    economic_code: str = pa.Field(
        str_matches=r"^\d{2}$",
        description="Two-digit economic code as written (ekonomik kod), e.g. `06`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    economic_code_name: str = pa.Field(
        nullable=True, description="Economic code name as written (ekonomik kod adı)."
    )
    budget_allocation_try: float = amount_field(description="Budget allocation in TL (bütçe ödeneği).")
    budget_allocation_raw: str = raw_field(description="Cell text of the budget allocation.")
    revolving_fund_try: float = amount_field(description="Revolving fund in TL (döner sermaye).")
    revolving_fund_raw: str = raw_field(description="Cell text of the revolving fund.")
    other_domestic_try: float = amount_field(description="Other domestic sources in TL (diğer yurt içi).")
    other_domestic_raw: str = raw_field(description="Cell text of the other domestic sources.")
    foreign_try: float = amount_field(description="Foreign sources in TL (yurt dışı).")
    foreign_raw: str = raw_field(description="Cell text of the foreign sources.")
    total_try: float = amount_field(description="Total amount in TL (toplam).")
    total_raw: str = raw_field(description="Cell text of the total.")
    placement_note: str = pa.Field(
        nullable=True,
        description="Which amount cell was missing and what was derived from the identities; null when the row was complete.",
    )
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "performance_target_no", "activity_no", "economic_code"]


class AdministrationPerformanceSchema(pa.DataFrameModel):
    """Section 2.4 İdare Performans Tablosu (administration performance table): performance target and
    activity rows and the footer rows, as written."""

    document_id: str = _document_id()
    row_kind: str = pa.Field(
        isin=[
            "performance_target",
            "activity",
            "total_performance_targets",
            "general_administration",
            "transfers",
            "grand_total",
        ],
        description="`performance_target`, `activity`, `total_performance_targets` (Performans Hedefleri Maliyetleri Toplamı), `general_administration` (Genel Yönetim Giderleri), `transfers` (Diğer İdarelere Transfer Edilecek Kaynaklar) or `grand_total` (Genel Toplam).",
    )
    performance_target_no: int = _performance_target_no(nullable=True, staged_not_null=False)
    activity_no: int = _activity_no(nullable=True, staged_not_null=False)
    activity_global_no: int = _activity_global_no()
    label: str = pa.Field(
        nullable=True, description="Row label as written (satır etiketi).", metadata=staging(name="row_label")
    )
    budget_try: float = amount_field(description="Budget amount in TL (bütçe).")
    budget_raw: str = raw_field(description="Cell text of the budget amount.")
    budget_share_pct: float = _share_pct("Share of the budget amount in the grand total in percent (pay).")
    budget_share_raw: str = raw_field(description="Cell text of the budget share.")
    non_budget_try: float = amount_field(description="Non-budget amount in TL (bütçe dışı).")
    non_budget_raw: str = raw_field(description="Cell text of the non-budget amount.")
    non_budget_share_pct: float = _share_pct("Share of the non-budget amount in percent (pay).")
    non_budget_share_raw: str = raw_field(description="Cell text of the non-budget share.")
    total_try: float = amount_field(description="Total amount in TL (toplam).")
    total_raw: str = raw_field(description="Cell text of the total.")
    total_share_pct: float = _share_pct("Share of the total in the grand total in percent (pay).")
    total_share_raw: str = raw_field(description="Cell text of the total share.")
    placement_note: str = pa.Field(
        nullable=True,
        description="Which amount cell was missing and what was derived from the identities; null when the row was complete.",
    )
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "source_line"]

    @pa.dataframe_check
    def activity_rows_have_global_numbers(cls, data: pa.PolarsData):
        is_activity = pl.col("row_kind") == "activity"
        return data.lazyframe.select(~is_activity | pl.col("activity_global_no").is_not_null())


class ResourceNeedsSchema(pa.DataFrameModel):
    """Section 2.5 Toplam Kaynak İhtiyacı Tablosu (total resource needs): economic-code rows, non-budget rows
    and totals; `fct_budget` grain `general_administration` is the `economic_code` rows'
    general_administration_try."""

    document_id: str = _document_id()
    funding_group: str = pa.Field(
        isin=["budget", "non_budget", "all"],
        description="`budget` (bütçe), `non_budget` (bütçe dışı) or `all`.",
    )
    row_kind: str = pa.Field(
        isin=["economic_code", "budget_total", "funding_source", "non_budget_total", "grand_total"],
        description="`economic_code`, `budget_total`, `funding_source`, `non_budget_total` or `grand_total`.",
    )
    funding_source: str = pa.Field(
        nullable=True,
        description="Funding source (finansman kaynağı) whose amounts the row gives: `budget` for the budget's "
        "`economic_code` rows and its `budget_total`, the code of a `funding_source` row named in seed "
        "`export_labels` (`revolving_fund` Döner Sermaye, `other_domestic` Diğer Yurt İçi, `foreign` Yurt Dışı); "
        "null for the non-budget and grand totals.",
    )
    economic_code: str = pa.Field(
        nullable=True,
        str_matches=r"^\d{2}$",
        description="Two-digit economic code (ekonomik kod) of `economic_code` rows; null otherwise.",
    )
    label: str = pa.Field(
        nullable=True, description="Row label as written (satır etiketi).", metadata=staging(name="row_label")
    )
    activity_try: float = amount_field(description="Activity total in TL (faaliyet toplamı).")
    activity_raw: str = raw_field(description="Cell text of the activity total.")
    general_administration_try: float = amount_field(
        description="General administration expenses in TL (genel yönetim giderleri)."
    )
    general_administration_raw: str = raw_field(description="Cell text of the general administration amount.")
    transfers_try: float = amount_field(
        description="Resources to transfer to other administrations in TL (diğer idarelere transfer edilecek kaynaklar)."
    )
    transfers_raw: str = raw_field(description="Cell text of the transfers.")
    total_try: float = amount_field(description="Total amount in TL (toplam).")
    total_raw: str = raw_field(description="Cell text of the total.")
    placement_note: str = pa.Field(
        nullable=True,
        description="Which amount cell was missing and what was derived from the identities; null when the row was complete.",
    )
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "source_line"]


class ResponsibilitiesSchema(pa.DataFrameModel):
    """Section 2.6 responsible units (sorumlu birimler) per performance target and activity; a packed cell is
    split into one row per activity name. An activity may appear twice or not at all: see pp_findings."""

    document_id: str = _document_id()
    performance_target_no: int = _performance_target_no(nullable=True, staged_not_null=False)
    performance_target_text: str = pa.Field(
        nullable=True, description="Performance target text as written in 2.6."
    )
    activity_no: int = pa.Field(
        nullable=True,
        ge=1,
        description="Order of the matched activity inside its performance target; null when no name is ≥ 0.8 similar.",
    )
    activity_global_no: int = pa.Field(
        nullable=True, ge=1, description="Global number (2.4) of the matched activity; null when unmatched."
    )
    activity_name: str = pa.Field(description="Activity name (faaliyet adı) as written in this table.")
    name_match_score: float = pa.Field(
        nullable=True,
        in_range={"min_value": 0, "max_value": 1},
        description="Similarity of the 2.6 name to the matched activity's name (0..1).",
    )
    responsible_unit: str = pa.Field(
        nullable=True, description="Responsible unit (sorumlu birim), carried down over continuation rows."
    )
    unit_carried_down: bool = pa.Field(
        description="True when the unit cell was empty and the unit above was carried down."
    )
    packed_cell: bool = pa.Field(description="True when one 2.6 cell packs several activity names.")
    cell_part: int = pa.Field(
        ge=1, description="1-based part of a packed cell.", metadata=staging(tests=[NOT_NULL])
    )
    source_line: int = source_line_field(description='{{ doc("col_source_line") }}')

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        unique = ["document_id", "source_line", "cell_part"]


class DeclaredCountsSchema(pa.DataFrameModel):
    """Counts the narrative states (beyan edilen sayılar), as written: every `51 adet Performans Hedefi`
    (Kayseri's line 3990 states 51 targets and, twice, 154 activities). rpt_reconciliation compares them with
    the tables (`declared_count_vs_tables`)."""

    document_id: str = _document_id()
    item: str = pa.Field(
        isin=["performance_targets", "activities"],
        description="What is counted: `performance_targets` or `activities`.",
        metadata=staging(tests=[ACCEPTED_VALUES]),
    )
    declared_count: int = pa.Field(
        ge=0, description="The number the text states.", metadata=staging(tests=[NOT_NULL])
    )
    raw_text: str = pa.Field(description="The words the number was read from.")
    line_position: int = pa.Field(
        ge=1, description="Character position of those words in the line (a line may state a count twice)."
    )
    source_line: int = source_line_field(
        description='{{ doc("col_source_line") }}', metadata=staging(tests=[NOT_NULL])
    )

    class Config:
        unique = ["document_id", "source_line", "line_position"]


class FindingsSchema(pa.DataFrameModel):
    """Contradictions inside the document (belge içi tutarsızlıklar) the parser found; each is also a
    `warning` extraction issue."""

    document_id: str = _document_id()
    finding_type: str = pa.Field(
        str_matches=r"^[a-z_]+$",
        description="Kind of contradiction, e.g. `strategic_target_citation_mismatch`, `activity_name_differs`.",
        metadata=staging(tests=[NOT_NULL]),
    )
    table_name: str = pa.Field(description="Raw table the finding is about.")
    performance_target_no: int = _performance_target_no(nullable=True, staged_not_null=False)
    activity_no: int = _activity_no(nullable=True, staged_not_null=False)
    activity_global_no: int = _activity_global_no()
    economic_code: str = pa.Field(
        nullable=True, description="Two-digit economic code as written (ekonomik kod), e.g. `06`."
    )
    expected: str = pa.Field(
        nullable=True, description="What the reference table states (beklenen), as text."
    )
    found: str = pa.Field(nullable=True, description="What the checked table states (bulunan), as text.")
    message: str = pa.Field(description="Explanation of the finding.", metadata=staging(tests=[NOT_NULL]))
    source_line: int = source_line_field(nullable=True, description='{{ doc("col_source_line") }}')


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
