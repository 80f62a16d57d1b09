"""Shared state of one performance-programme parse: issues, findings and consumed lines.

Every tab-separated line must end up in a table or in the issues frame, so each sub-parser marks
the lines it used (`consume`) and the package entry point reports whatever nobody claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dagster_project.parsers.cells import Line
from dagster_project.parsers.issues import IssueLog, Severity


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
class ParseState:
    """Issues, findings and the set of consumed line numbers of one document."""

    document_id: str
    lines: list[Line]
    issues: IssueLog = field(init=False)
    findings: list[Finding] = field(default_factory=list)
    # Counts the narrative states ("51 adet Performans Hedefi"), compared with the tables in dbt.
    declared_counts: list[dict[str, Any]] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    issue_lines: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.issues = IssueLog(self.document_id)

    def line(self, number: int | None) -> Line | None:
        """The line with a 1-based number, or None when out of range."""
        if number is None or number < 1 or number > len(self.lines):
            return None
        return self.lines[number - 1]

    def consume(self, line: Line) -> None:
        self.consumed.add(line.number)

    def issue(self, line: Line | None, table_name: str, severity: Severity, message: str) -> None:
        self.issues.add(line, table_name, severity, message)
        if line is not None:
            self.issue_lines.add(line.number)

    def finding(self, finding: Finding) -> None:
        """Record a document contradiction as a finding and as a `warning` issue."""
        self.findings.append(finding)
        self.issue(self.line(finding.source_line), finding.table_name, "warning", finding.message)

    def finding_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "document_id": self.document_id,
                "finding_type": f.finding_type,
                "table_name": f.table_name,
                "performance_target_no": f.performance_target_no,
                "activity_no": f.activity_no,
                "activity_global_no": f.activity_global_no,
                "economic_code": f.economic_code,
                "expected": f.expected,
                "found": f.found,
                "message": f.message,
                "source_line": f.source_line,
            }
            for f in self.findings
        ]
