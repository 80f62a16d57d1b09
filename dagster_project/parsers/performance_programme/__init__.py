"""Performance programme (Performans Programı) parser: text extracted from PDF → `pp_*` tables.

`parse_performance_programme(text, document_id)` reads the official template's tables (sections
2.2.2, 2.3 performance-target and activity-cost tables, 2.4, 2.5, 2.6), places shifted or missing
amount cells with the amount identities, links activities across tables by position, and reports
what it cannot read or place and the texts that disagree (numbers that disagree are dbt's
reconciliation, rpt_reconciliation). Every tab-separated line ends up in a table or in the
issues frame; it never raises on malformed input.
"""

from __future__ import annotations

from dagster_project.parsers.base import DocumentKind, IndicatorTable
from dagster_project.parsers.performance_programme.document import (
    PerformanceProgrammeParser,
    parse_performance_programme,
)

__all__ = ["KIND", "parse_performance_programme"]

KIND = DocumentKind(
    "performance_programme",
    title=r"PERFORMANS\s+PROGRAMI",
    example="2024 YILI PERFORMANS PROGRAMI",
    title_words=frozenset({"PERFORMANS", "PROGRAMI"}),
    slug="pp",
    yearly=True,
    parser=PerformanceProgrammeParser(),
    report="plan",
    # The `Gerçekleşen` column: last year's actuals of indicators the plan and earlier programmes set.
    reports_actuals=True,
    # A programme's indicators have no written code: the marts number them `PH{target}.{indicator}`
    # (docs/raw_tables_performance_programme.md), so that is the code a monitoring file uses.
    indicators=IndicatorTable(
        "pp_indicators", numbering="'PH' || performance_target_no || '.' || indicator_no"
    ),
)
