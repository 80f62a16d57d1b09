"""pandera schemas of the document registry (`raw.documents`, `raw.rejected_files`, `raw.quarantined_documents`)."""

from __future__ import annotations

from typing import get_args

import pandera.polars as pa
import polars as pl

from dagster_project.document_scan import DOCUMENT_TYPES, DetectedFrom
from dagster_project.schemas.common import (
    ACCEPTED_VALUES,
    NOT_NULL,
    UNIQUE,
    UNSTAGED_COLUMN,
    ExtractionIssuesSchema,
    staging,
)


class DocumentsSchema(pa.DataFrameModel):
    """Document registry (belge kaydı), one row per recognised document in `raw/`; written by
    dagster_project/document_scan.py."""

    document_id: str = pa.Field(
        unique=True,
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Stable slug of the document, e.g. `kocaeli-bb-sp-2020-2024`.",
        metadata=staging(tests=[UNIQUE, NOT_NULL]),
    )
    administration: str = pa.Field(
        description="Public administration that published the document (idare), e.g. `Kocaeli Büyükşehir Belediyesi`."
    )
    document_type: str = pa.Field(
        isin=DOCUMENT_TYPES,
        description="Document type, one of "
        + ", ".join(f"`{document_type}`" for document_type in DOCUMENT_TYPES)
        + " (the `KIND` each parser package of dagster_project/parsers/ declares; labels in seeds/export_labels.csv).",
        metadata=staging(tests=[NOT_NULL, ACCEPTED_VALUES]),
    )
    period_start_year: int = pa.Field(
        in_range={"min_value": 1990, "max_value": 2100},
        description="First year of the plan period (plan dönemi başlangıç yılı).",
    )
    period_end_year: int = pa.Field(
        in_range={"min_value": 1990, "max_value": 2100},
        description="Last year of the plan period (plan dönemi bitiş yılı).",
    )
    fiscal_year: int = pa.Field(
        nullable=True,
        in_range={"min_value": 1990, "max_value": 2100},
        description="Fiscal year of a performance programme (mali yıl); null for plans.",
    )
    source_file: str = pa.Field(unique=True, description="File name of the document in raw/.")
    source_sha256: str = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the source file's bytes."
    )
    size_bytes: int = pa.Field(
        gt=0, description="Size of the source file in bytes.", metadata=staging(sql_type="bigint")
    )
    source_mtime_ns: int = pa.Field(
        description="Modification time of the source file when it was read (ns since 1970); a file with the same size and time is not read again.",
        metadata=UNSTAGED_COLUMN,
    )
    line_count: int = pa.Field(
        gt=0, description="Number of lines of the source file.", metadata=staging(sql_type="bigint")
    )
    encoding: str = pa.Field(
        isin=["utf-8", "cp1254", "pdf"],
        description="Text encoding the file was decoded with (karakter kodlaması), e.g. `utf-8`; `pdf` for text extracted from a PDF (kept as warehouse/text/<sha256>.txt).",
        metadata=staging(name="source_encoding"),
    )
    detected_from: str = pa.Field(
        isin=get_args(DetectedFrom),
        description="Where the identification came from: `text` (the document's own text), `text+documents.csv` (fields overridden) or `documents.csv` (every field from raw/documents.csv).",
    )
    parser_version: str = pa.Field(
        str_matches=r"^[0-9a-f]{16}$",
        description="Hash of the parser, schema and dispatch code that produced the document's rows (16 hex digits); a refresh parses a document again only when its sha256 or this version differs from the published file.",
        metadata=UNSTAGED_COLUMN,
    )

    @pa.dataframe_check
    def period_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A plan period starts before it ends; a programme's period is its fiscal year."""
        return data.lazyframe.select(pl.col("period_start_year") <= pl.col("period_end_year"))


class RejectedFilesSchema(pa.DataFrameModel):
    """Files in raw/ that are not loaded as documents (reddedilen dosyalar), with the reason; written by the
    loader (`document_id` is always null)."""

    document_id: str = pa.Field(
        nullable=True, description="Always null (the file did not become a document)."
    )
    source_file: str = pa.Field(description="File name in raw/.")
    reason: str = pa.Field(description="Why the file is not a recognisable plan document.")


class DocumentChangesSchema(pa.DataFrameModel):
    """Documents whose rows the last load replaced (belge değişiklikleri), against the published warehouse:
    added, changed (parsed again, or their registry row differs) or removed. Written by the raw_tables asset
    in the same transaction as the rows it loads; empty when nothing changed. The incremental marts rebuild
    exactly these documents and keep every other document's rows (dbt/macros/incremental_by_document.sql)."""

    document_id: str = pa.Field(unique=True, description="Document the load added, changed or removed.")
    change: str = pa.Field(
        isin=["added", "changed", "removed"],
        description="`added` (not in the published warehouse), `changed` (parsed again or registry row differs) or `removed` (its file left raw/).",
    )


class QuarantinedExtractionIssuesSchema(ExtractionIssuesSchema):
    """The extraction issues of the versions the last refresh set aside (karantinadaki belgelerin
    ayrıştırma sorunları): their rows in extraction_issues are those of the published version, or none.
    Written by raw_tables (documents set aside at extraction) and by the dbt step (set aside by a dbt
    test or a mart schema), replaced whole every refresh."""


class QuarantinedDocumentsSchema(pa.DataFrameModel):
    """Documents the last refresh set aside (karantinadaki belgeler), one row per failed check: their own rows
    failed a pandera schema of the parser output or of a mart, or a dbt test of severity error, so their new
    rows were not loaded and the warehouse keeps their previously published version (or leaves them out).
    Written by raw_tables (pandera failures of the parser output) and by the dbt step (test failures, mart
    pandera failures)."""

    document_id: str = pa.Field(description="Document set aside.", metadata=staging(tests=[NOT_NULL]))
    source_file: str = pa.Field(description="File name in raw/.")
    stage: str = pa.Field(
        isin=["extraction", "dbt", "marts"],
        description="`extraction` (pandera schema of the parser output), `dbt` (a dbt test of severity error) "
        "or `marts` (a pandera schema of a mart).",
    )
    check_name: str = pa.Field(description="The failed check (`<table>_schema`) or dbt test.")
    table_name: str = pa.Field(nullable=True, description="Raw table or dbt model the check reads.")
    failing_rows: int = pa.Field(
        ge=0, description="Rows of the document that fail the check.", metadata=staging(sql_type="bigint")
    )
    source_lines: str = pa.Field(
        nullable=True,
        description="The failing rows' lines in the source file, comma-separated; null when the rows carry no line.",
    )
    published_version: str = pa.Field(
        isin=["previous version kept", "left out"],
        description="`previous version kept` or `left out` (the document had no published version).",
    )
    detail: str = pa.Field(
        nullable=True,
        description="What failed (pandera checks, or the dbt test's id and what it found: a not_null test's null "
        "columns, a singular test's values compared).",
    )

    class Config:
        unique = ["document_id", "stage", "check_name"]
