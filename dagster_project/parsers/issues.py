"""Extraction issues: every table row that did not become a row of an extracted table.

Nothing is dropped silently: a parser either extracts a row or records why it could not, with the
document, the 1-based line and the raw text, so `rpt_extraction_issues` accounts for every line.
The columns are `raw.extraction_issues`' pandera model (`ExtractionIssuesSchema`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from dagster_project.parsers.cells import Line
from dagster_project.parsers.rows import Row, frame
from dagster_project.schemas.common import ExtractionIssuesSchema, Severity


@dataclass
class IssueLog:
    """Collects the issues of one document while it is parsed, one row of `raw.extraction_issues`
    each (an issue without a line is about the whole document)."""

    document_id: str
    rows: list[Row] = field(default_factory=list)

    def add(self, line: Line | None, table_name: str, severity: Severity, message: str) -> None:
        self.rows.append(
            {
                "source_line": line.number if line else None,
                "table_name": table_name,
                "severity": severity,
                "message": message,
                "raw_text": line.text if line else "",
            }
        )

    def frame(self) -> pl.DataFrame:
        return frame(ExtractionIssuesSchema, self.rows, self.document_id, "extraction_issues")
