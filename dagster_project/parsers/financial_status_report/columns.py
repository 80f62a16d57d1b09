"""What a column of a budget execution table measures, read from its header text.

The Kurumsal Mali Durum ve Beklentiler Raporu has no fixed template: Gebze's 2021 report calls the
January–June spending `Gider Gerçekleşmeleri Ocak-Haziran Dönemi 2021`, its 2022 report
`2022 Ocak-Haziran Harcamaları`, the revenue tables `2021 Ocak-Haziran Gelirleri`. So a column is
classified by the words of its header (with the spanning headers above it), never by position:
measure (ölçü), period (dönem) and year.
"""

from __future__ import annotations

from dataclasses import dataclass

from dagster_project.parsers.normalise import ascii_key
from dagster_project.parsers.tables import header_year
from dagster_project.schemas.financial_status_report import Measure

# Amounts in TL; rates in percent as printed (45,73% → 45.73).
RATE_MEASURES = frozenset({"execution_rate", "expected_execution_rate", "change_rate"})

_MONTHS = (
    "ocak",
    "subat",
    "mart",
    "nisan",
    "mayis",
    "haziran",
    "temmuz",
    "agustos",
    "eylul",
    "ekim",
    "kasim",
    "aralik",
)


@dataclass(frozen=True, slots=True)
class ColumnMeaning:
    """One value column: what it measures, for which period and year, and its header as printed."""

    label: str
    measure: Measure
    period: str  # `year` (Ocak–Aralık), `h1` (Ocak–Haziran), `h2` (Temmuz–Aralık) or `m01`…`m12`
    year: int

    @property
    def unit(self) -> str:
        return "percent" if self.measure in RATE_MEASURES else "try"


def _period(key: str) -> str:
    """`ocak haziran` → h1, `temmuz aralik` → h2, a single month name → mNN, else the whole year.

    Looked for with the spaces removed, like the measures (`Döne mi`, `Ocak Haziran`)."""
    compact = key.replace(" ", "")
    # Gebze 2022's Ek-1 calls July–December `2. YARI YIL`.
    if any(words in compact for words in ("ocakhaziran", "ilk6ay", "ilkaltiay", "1yariyil", "ilkyariyil")):
        return "h1"
    if any(
        words in compact for words in ("temmuzaralik", "son6ay", "sonaltiay", "2yariyil", "ikinciyariyil")
    ):
        return "h2"
    months = [i for i, month in enumerate(_MONTHS, start=1) if month in compact]
    if len(months) == 1:
        return f"m{months[0]:02d}"
    return "year"


def _measure(key: str, period: str) -> Measure | None:
    """The measure a header names; None when the words name none of them.

    Words are also looked for with the spaces removed: the extraction splits `GERÇEKLEŞME` of a
    narrow annex column into `GERÇEKLEŞM E`.
    """
    compact = key.replace(" ", "")
    if "oran" in key.split() or "orani" in key or key.startswith("oran"):
        if "artis" in key or "degisim" in key:
            return "change_rate"
        if "tahmin" in key:
            return "expected_execution_rate"
        return "execution_rate"
    if "tahmin" in compact or "beklenti" in compact:
        return "forecast"
    if any(words in compact for words in ("yilsonuodenegi", "toplamodenek", "guncelodenek")):
        return "final_appropriation"
    if (
        "baslangicodenegi" in compact
        or "planlanan" in compact
        or "butce" in key.split()
        or key.endswith("odenegi")
    ):
        return "initial_appropriation"
    if any(word in compact for word in ("gerceklesme", "harcama", "gelirleri", "giderleri")):
        return "actual"
    if period != "year":
        # A bare `Ocak-Haziran Dönemi` (its spanning header lost) is what was spent or received.
        return "actual"
    return None


def classify(label: str, report_year: int) -> ColumnMeaning | None:
    """Classify a column from its whole header path (`Gider Gerçekleşmeleri Ocak-Haziran Dönemi
    2020`, see `header.column_labels`); None when its words name no measure. A header without a
    year is the report's year (`Temmuz-Aralık Dönemi (Tahmini)`).
    """
    key = ascii_key(label)
    period = _period(key)
    measure = _measure(key, period)
    if measure is None:
        return None
    return ColumnMeaning(label=label, measure=measure, period=period, year=header_year(label) or report_year)


def takes_subcolumns(label: str) -> bool:
    """Whether header cells of the line below may hang under this one: a cell without a year
    (`Gider Gerçekleşmeleri` over `2020 | 2021`) or a bare year (`2020` over `Gider
    Gerçekleşmeleri`), but not a change rate: it compares two years and is one column
    (`ARTIŞ ORANI * (%)` of the annexes, between the monthly and the rate pairs)."""
    key = ascii_key(label)
    measure = _measure(key, _period(key))
    if measure == "change_rate":
        return False
    return header_year(label) is None or measure is None
