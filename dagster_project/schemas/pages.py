"""pandera schema of `raw.document_pages`: on which page of the PDF each line of a document is."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    KEY_TESTED_IN_STAGING,
    NOT_NULL,
    document_id_field,
    source_line_field,
    staging,
)


class DocumentPagesSchema(pa.DataFrameModel):
    """Page map of every document whose text marks its pages (sayfa haritası): one row per PDF page with text,
    the lines `first_line`..`last_line` it holds; written by dagster_project/pages.py from the form feeds of
    the extracted text. A document without page marks (a .txt saved without them) has no rows: its pages are
    unknown."""

    document_id: str = document_id_field(
        description="Document the page belongs to.", metadata=staging(tests=[NOT_NULL])
    )
    page_number: int = pa.Field(
        ge=1,
        description='Page of the PDF (sayfa), its 1-based page index as a PDF viewer\'s "go to page" takes it; not the number printed on the page.',
        metadata=staging(tests=[NOT_NULL]),
    )
    first_line: int = source_line_field(
        description="First line of the document's text on this page (1-based, the lines every source_line counts).",
        metadata=staging(tests=[NOT_NULL]),
    )
    last_line: int = source_line_field(
        description="Last line of the document's text on this page.", metadata=staging(tests=[NOT_NULL])
    )

    class Config:
        metadata = KEY_TESTED_IN_STAGING
        strict = True
        unique = ["document_id", "page_number"]

    @pa.dataframe_check
    def pages_hold_lines(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A page in the map holds at least one line (a blank page has no row)."""
        return data.lazyframe.select(pl.col("first_line") <= pl.col("last_line"))


PAGE_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {"document_pages": DocumentPagesSchema}
