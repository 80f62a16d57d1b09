"""What every document parser returns."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class ParsedDocument:
    """Extracted tables of one document (name → frame, each with document_id and source_line)
    and the extraction issues (`ExtractionIssuesSchema`'s columns)."""

    document_id: str
    tables: dict[str, pl.DataFrame]
    issues: pl.DataFrame
