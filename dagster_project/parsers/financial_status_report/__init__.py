"""Kurumsal Mali Durum ve Beklentiler Raporu (mid-year budget execution report, Law 5018 art. 30)
parser: text extracted from PDF → `fsr_tables`, `fsr_values`.

`parse_financial_status_report(text, document_id)` reads every economic-code table of expenditure
(gider) and revenue (gelir) from its own header, tells charts from tables, and reports every
other table row as an issue; it never raises on malformed input.
"""

from __future__ import annotations

from dagster_project.parsers.base import DocumentKind
from dagster_project.parsers.financial_status_report.document import (
    FinancialStatusReportParser,
    parse_financial_status_report,
)

__all__ = ["KIND", "parse_financial_status_report"]

KIND = DocumentKind(
    "financial_status_report",
    title=r"(?:KURUMSAL\s+)?MALİ\s+DURUM\s+VE\s+BEKLENTİLER\s+RAPORU",
    example="2023 YILI KURUMSAL MALİ DURUM VE BEKLENTİLER RAPORU",
    title_words=frozenset({"KURUMSAL", "MALİ", "RAPORU"}),
    slug="mdr",
    yearly=True,
    parser=FinancialStatusReportParser(),
    report="execution",
)
