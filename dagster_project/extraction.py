"""From scanned documents to the tables of the `raw` schema: dispatch, registry, crash safety.

Each document type has one parser on the parsers' skeleton (`parsers.base.DocumentParser`: pure
text → Polars, its tables declared by its pandera models), named by the type's one declaration
(`parsers.kinds`): a document is parsed by its kind's parser, and the raw tables are every kind's.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.document_scan import Document, Scan, read_text
from dagster_project.pages import split_pages
from dagster_project.parsers import kinds
from dagster_project.parsers.base import guard
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.result import ParsedDocument
from dagster_project.parsers.table_capture import capture_tables
from dagster_project.schemas.common import ExtractionIssuesSchema
from dagster_project.schemas.document_registry import (
    DocumentChangesSchema,
    DocumentsSchema,
    QuarantinedDocumentsSchema,
    QuarantinedExtractionIssuesSchema,
    RejectedFilesSchema,
)
from dagster_project.schemas.pages import PAGE_SCHEMAS
from dagster_project.schemas.table_capture import TABLE_CAPTURE_SCHEMAS
from dagster_project.validation import polars_schema

# Every table of the `raw` schema and the pandera model that checks it.
RAW_TABLE_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsSchema,
    "rejected_files": RejectedFilesSchema,
    "document_changes": DocumentChangesSchema,
    "quarantined_documents": QuarantinedDocumentsSchema,
    "quarantined_extraction_issues": QuarantinedExtractionIssuesSchema,
    "extraction_issues": ExtractionIssuesSchema,
    **{name: model for kind in kinds.DOCUMENT_KINDS for name, model in kind.parser.models().items()},
    **TABLE_CAPTURE_SCHEMAS,
    **PAGE_SCHEMAS,
}
# Written by the loader, not by a parser: the registry, what the load changed, what it set aside
# and the extraction issues of the versions set aside.
REGISTRY_TABLES = (
    "documents",
    "rejected_files",
    "document_changes",
    "quarantined_documents",
    "quarantined_extraction_issues",
)
EXTRACTED_TABLES = [name for name in RAW_TABLE_MODELS if name not in REGISTRY_TABLES]


def raw_table_schemas() -> dict[str, pl.Schema]:
    """Polars column types of every raw table, from the pandera models."""
    return {name: polars_schema(model) for name, model in RAW_TABLE_MODELS.items()}


def extract(document: Document) -> ParsedDocument:
    """Parse one document; a parser crash becomes an `error` issue instead of stopping the others.

    The parsers read the text without its page breaks (same lines, same numbers) and the page of
    each line; the pages are kept beside the tables as `raw.document_pages`.
    """
    log = IssueLog(document.document_id)
    parsed = guard(
        log,
        "document",
        lambda: _extract(document),
        None,
        context=f"{document.source_file}: nothing extracted from this document: ",
    )
    return parsed if parsed is not None else ParsedDocument(document.document_id, {}, log.frame())


def _extract(document: Document) -> ParsedDocument:
    paged = split_pages(read_text(document), paged_source=document.path.suffix.lower() == ".pdf")
    parser = kinds.kind_of(document.document_type).parser
    parsed = parser.parse(paged.text, document.document_id, paged.pages)
    # Every document, whatever its type: all of its tables as cells (marts.document_table_cell).
    extra = {
        "document_table_cells": capture_tables(paged.text, document.document_id, paged.pages),
        "document_pages": paged.pages_frame(document.document_id),
    }
    return ParsedDocument(
        parsed.document_id, {**parsed.tables, **extra}, without_cells(document, paged.text, parsed.issues)
    )


def without_cells(document: Document, text: str, issues: pl.DataFrame) -> pl.DataFrame:
    """The issues, and an error with the likely cause when the text has no tab at all: every table
    row of these documents is tab-separated cells, so the PDF was extracted as plain text."""
    if "\t" in text:
        return issues
    log = IssueLog(document.document_id)
    log.add(
        None,
        "document",
        "error",
        f"{document.source_file}: no tab-separated table rows: was the text extracted without cells? "
        "(expected table rows with cells separated by tabs, as the PDF extraction writes them)",
    )
    return pl.concat([issues, log.frame()], how="diagonal_relaxed")


def documents_frame(scan: Scan, parser_version: str) -> pl.DataFrame:
    """`raw.documents`: the registry of recognised documents and the parser version that read them."""
    schema = polars_schema(DocumentsSchema)
    fields = [name for name in schema if name != "parser_version"]
    rows = [
        {**{name: getattr(document, name) for name in fields}, "parser_version": parser_version}
        for document in scan.documents
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")


def rejected_frame(scan: Scan) -> pl.DataFrame:
    """`raw.rejected_files`: files that are not loaded, with the reason."""
    rows = [{"document_id": None, "source_file": r.source_file, "reason": r.reason} for r in scan.rejected]
    return pl.DataFrame(rows, schema=polars_schema(RejectedFilesSchema), orient="row")
