"""From scanned documents to the tables of the `raw` schema: dispatch, registry, crash safety.

Each document type has one parser (pure text → Polars) and one set of pandera schemas; this module
is the only place that knows which goes with which, so adding a document type is one entry here.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

import pandera.polars as pa
import polars as pl

from dagster_project.documents import Document, RejectedFile, Scan, read_text
from dagster_project.pages import split_pages
from dagster_project.parsers.financial_status_report import parse_financial_status_report
from dagster_project.parsers.issues import IssueLog
from dagster_project.parsers.performance_programme import parse_performance_programme
from dagster_project.parsers.result import ParsedDocument
from dagster_project.parsers.strategic_plan import parse_strategic_plan
from dagster_project.parsers.table_capture import capture_tables
from dagster_project.schemas.common import ExtractionIssuesSchema
from dagster_project.schemas.documents import (
    DocumentChangesSchema,
    DocumentsSchema,
    QuarantinedDocumentsSchema,
    QuarantinedExtractionIssuesSchema,
    RejectedFilesSchema,
)
from dagster_project.schemas.financial_status_report import FINANCIAL_STATUS_REPORT_SCHEMAS
from dagster_project.schemas.pages import PAGE_SCHEMAS
from dagster_project.schemas.performance_programme import PERFORMANCE_PROGRAMME_SCHEMAS
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS
from dagster_project.schemas.table_capture import TABLE_CAPTURE_SCHEMAS
from dagster_project.validation import polars_schema

Parser = Callable[[str, str], ParsedDocument]

PARSERS: dict[str, Parser] = {
    "strategic_plan": parse_strategic_plan,
    "performance_programme": parse_performance_programme,
    "financial_status_report": parse_financial_status_report,
}

# Every table of the `raw` schema and the pandera model that checks it.
RAW_TABLE_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsSchema,
    "rejected_files": RejectedFilesSchema,
    "document_changes": DocumentChangesSchema,
    "quarantined_documents": QuarantinedDocumentsSchema,
    "quarantined_extraction_issues": QuarantinedExtractionIssuesSchema,
    "extraction_issues": ExtractionIssuesSchema,
    **STRATEGIC_PLAN_SCHEMAS,
    **PERFORMANCE_PROGRAMME_SCHEMAS,
    **FINANCIAL_STATUS_REPORT_SCHEMAS,
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


def refuse_unparsed_types(scan: Scan) -> Scan:
    """Documents identified as a type that no parser reads yet (e.g. a Kurumsal Mali Durum ve
    Beklentiler Raporu before its parser is registered) are refused with the reason, not crashed on."""
    unparsed = [document for document in scan.documents if document.document_type not in PARSERS]
    if not unparsed:
        return scan
    return Scan(
        [document for document in scan.documents if document.document_type in PARSERS],
        scan.rejected
        + [
            RejectedFile(
                document.source_file,
                f"identified as {document.document_type} ({document.document_id}), a document type the "
                f"warehouse does not parse yet (parsed types: {', '.join(PARSERS)})",
            )
            for document in unparsed
        ],
    )


def extract(document: Document) -> ParsedDocument:
    """Parse one document; a parser crash becomes an `error` issue instead of stopping the others.

    The parsers read the text without its page breaks (same lines, same numbers); the page of each
    line is kept beside the tables as `raw.document_pages`.
    """
    parser = PARSERS[document.document_type]
    try:
        paged = split_pages(read_text(document), paged_source=document.path.suffix.lower() == ".pdf")
        parsed = parser(paged.text, document.document_id)
        # Every document, whatever its type: all of its tables as cells (marts.document_table_cell).
        extra = {
            "document_table_cells": capture_tables(paged.text, document.document_id),
            "document_pages": paged.pages_frame(document.document_id),
        }
        return ParsedDocument(
            parsed.document_id, {**parsed.tables, **extra}, without_cells(document, paged.text, parsed.issues)
        )
    except Exception as error:  # a parser bug must not cost the other documents their load
        log = IssueLog(document.document_id)
        log.add(
            None,
            "document",
            "error",
            f"{document.source_file}: parser crashed ({type(error).__name__}: {error}); "
            f"nothing extracted from this document. {traceback.format_exc(limit=3)}",
        )
        return ParsedDocument(document.document_id, {}, log.frame())


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
