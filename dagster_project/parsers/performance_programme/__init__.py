"""Performance programme (Performans Programı) parser: text extracted from PDF → `pp_*` tables.

`parse_performance_programme(text, document_id)` reads the official template's tables (sections
2.2.2, 2.3 performance-target and activity-cost tables, 2.4, 2.5, 2.6), places shifted or missing
amount cells with the amount identities, links activities across tables by position, and reports
every document contradiction as a finding. Every tab-separated line ends up in a table or in the
issues frame; it never raises on malformed input.
"""

from __future__ import annotations

from dagster_project.parsers.performance_programme.document import parse_performance_programme

__all__ = ["parse_performance_programme"]
