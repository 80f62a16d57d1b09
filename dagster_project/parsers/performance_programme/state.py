"""Shared state of one performance-programme parse: the skeleton's ledger plus the findings.

Every tab-separated line must end up in a table or in the issues frame, so each sub-parser marks
the lines it used (`consume`) and the skeleton reports whatever nobody claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dagster_project.parsers.base import Ledger, Section


@dataclass
class Finding:
    """A contradiction or mismatch inside the document (not a parsing failure).

    Kept as structured rows (`pp_findings`) so the reconciliation report can show them next to the
    amount checks; each one is also mirrored into the issues frame as a `warning`.
    """

    finding_type: str
    table_name: str
    message: str
    source_line: int | None
    performance_target_no: int | None = None
    activity_no: int | None = None
    activity_global_no: int | None = None
    economic_code: str | None = None
    expected: str | None = None
    found: str | None = None


@dataclass
class ParseState(Ledger):
    """The skeleton's ledger of one programme, plus its findings and the counts its narrative states."""

    findings: list[Finding] = field(default_factory=list)
    # Counts the narrative states ("51 adet Performans Hedefi"), compared with the tables in dbt.
    declared_counts: list[dict[str, Any]] = field(default_factory=list)
    # The sections found, so that an unclaimed row inside one is told from a row outside them all.
    sections: dict[str, Section] = field(default_factory=dict)

    def finding(self, finding: Finding) -> None:
        """Record a document contradiction as a finding and as a `warning` issue."""
        self.findings.append(finding)
        self.issue(self.line(finding.source_line), finding.table_name, "warning", finding.message)
