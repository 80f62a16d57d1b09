"""pandera schemas of the document registry (`raw.documents`, `raw.rejected_files`, `raw.quarantined_documents`)."""

from __future__ import annotations

from typing import get_args

import pandera.polars as pa
import polars as pl

from dagster_project.documents import DOCUMENT_TYPES, DetectedFrom
from dagster_project.schemas.common import ExtractionIssuesSchema


class DocumentsSchema(pa.DataFrameModel):
    """One row per recognised document in `raw/`."""

    document_id: str = pa.Field(unique=True, str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    administration: str
    document_type: str = pa.Field(isin=DOCUMENT_TYPES)
    period_start_year: int = pa.Field(in_range={"min_value": 1990, "max_value": 2100})
    period_end_year: int = pa.Field(in_range={"min_value": 1990, "max_value": 2100})
    fiscal_year: int = pa.Field(nullable=True, in_range={"min_value": 1990, "max_value": 2100})
    source_file: str = pa.Field(unique=True)
    source_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    size_bytes: int = pa.Field(gt=0)
    # Modification time of the file (ns since the epoch) when it was read: unchanged, with the same
    # size, the next refresh does not read it again (documents.py).
    source_mtime_ns: int
    line_count: int = pa.Field(gt=0)
    # "pdf": the text was extracted from a PDF (kept as warehouse/text/<sha256>.txt).
    encoding: str = pa.Field(isin=["utf-8", "cp1254", "pdf"])
    detected_from: str = pa.Field(isin=get_args(DetectedFrom))
    # Hash of the parser code that produced the document's rows: a new parser re-reads every document.
    parser_version: str = pa.Field(str_matches=r"^[0-9a-f]{16}$")

    @pa.dataframe_check
    def period_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A plan period starts before it ends; a programme's period is its fiscal year."""
        return data.lazyframe.select(pl.col("period_start_year") <= pl.col("period_end_year"))


class RejectedFilesSchema(pa.DataFrameModel):
    """Files in `raw/` that are not loaded, with the reason (`document_id` is always null)."""

    document_id: str = pa.Field(nullable=True)
    source_file: str
    reason: str


class DocumentChangesSchema(pa.DataFrameModel):
    """What the last load changed against the published warehouse: one row per document loaded
    (`added`, `changed`) or removed; dbt's incremental marts rebuild exactly these documents."""

    document_id: str = pa.Field(unique=True)
    change: str = pa.Field(isin=["added", "changed", "removed"])


class QuarantinedExtractionIssuesSchema(ExtractionIssuesSchema):
    """The extraction issues of the version of a document that was set aside (its
    `raw.extraction_issues` rows are those of the published version, or none): what the parsers
    could not take from the file that failed, so the analyst sees why it failed."""


class QuarantinedDocumentsSchema(pa.DataFrameModel):
    """Documents set aside by this refresh (karantinadaki belgeler): one row per failed check of a
    document whose own rows broke a pandera schema (parser output or mart) or a dbt test of severity error. The document's
    new rows are not published: the warehouse keeps its previously published version, if any."""

    document_id: str
    source_file: str
    # `extraction` (a pandera schema of the parser output), `dbt` (a dbt test of severity error)
    # or `marts` (a pandera schema of a mart).
    stage: str = pa.Field(isin=["extraction", "dbt", "marts"])
    check_name: str
    # Raw table (extraction) or dbt model the check reads.
    table_name: str = pa.Field(nullable=True)
    failing_rows: int = pa.Field(ge=0)
    # The failing rows' source lines, comma-separated (null when the rows carry no line).
    source_lines: str = pa.Field(nullable=True)
    # `previous version kept` or `left out` (the document had no published version).
    published_version: str = pa.Field(isin=["previous version kept", "left out"])
    detail: str = pa.Field(nullable=True)

    class Config:
        unique = ["document_id", "stage", "check_name"]
