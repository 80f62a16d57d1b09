"""Numbers written the way the documents write them (`1.234.567,89`), for every text a person reads:
the HTML report, its charts, the SQL cookbook and the reasons a document was set aside."""

from __future__ import annotations

from decimal import Decimal


def turkish_number(value: float | Decimal, decimals: int = 0) -> str:
    """`1234567.5` → `1.234.567` (or `1.234.567,50`)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def amount_text(value: float | Decimal | None) -> str:
    """An amount or count the Turkish way, with kuruş only where it has them; empty when absent."""
    if value is None:
        return ""
    return turkish_number(value, 0 if float(value).is_integer() else 2)
