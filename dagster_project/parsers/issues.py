"""Extraction issues: every table row that did not become a row of an extracted table.

Nothing is dropped silently: a parser either extracts a row or records why it could not, with the
document, the 1-based line and the raw text, so `rpt_extraction_issues` accounts for every line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

import polars as pl

from dagster_project.parsers.cells import Line

Severity = Literal["error", "warning", "info"]

ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "source_line": pl.Int64(),
    "table_name": pl.String(),
    "severity": pl.String(),
    "message": pl.String(),
    "raw_text": pl.String(),
}


@dataclass(frozen=True, slots=True)
class ExtractionIssue:
    """A problem found while extracting one line (or a whole document when `source_line` is None).

    `error`: data was lost or could not be placed; `warning`: extracted, but the document is
    inconsistent or ambiguous here; `info`: a table row outside the tables this parser models.
    """

    document_id: str
    source_line: int | None
    table_name: str
    severity: Severity
    message: str
    raw_text: str


@dataclass
class IssueLog:
    """Collects the issues of one document while it is parsed."""

    document_id: str
    issues: list[ExtractionIssue] = field(default_factory=list)

    def add(self, line: Line | None, table_name: str, severity: Severity, message: str) -> None:
        self.issues.append(
            ExtractionIssue(
                document_id=self.document_id,
                source_line=line.number if line else None,
                table_name=table_name,
                severity=severity,
                message=message,
                raw_text=line.text if line else "",
            )
        )

    def frame(self) -> pl.DataFrame:
        # Column by column: a large document has hundreds of thousands of issues, and
        # `dataclasses.asdict` per issue would dominate its parse time.
        columns = {f.name: [getattr(issue, f.name) for issue in self.issues] for f in fields(ExtractionIssue)}
        return pl.DataFrame(columns, schema=ISSUE_SCHEMA)
