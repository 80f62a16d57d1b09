"""pandera schema of `raw.document_pages`: on which page of the PDF each line of a document is."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import document_id_field, source_line_field


class DocumentPagesSchema(pa.DataFrameModel):
    """One row per page with text of a document whose text marks its pages (`dagster_project/pages.py`):
    lines `first_line`..`last_line` are on the PDF's page `page_number` (1-based page index, not the
    number printed on the page). A document without page marks has no rows: its pages are unknown."""

    document_id: str = document_id_field()
    page_number: int = pa.Field(ge=1)
    first_line: int = source_line_field()
    last_line: int = source_line_field()

    class Config:
        strict = True
        unique = ["document_id", "page_number"]

    @pa.dataframe_check
    def pages_hold_lines(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A page in the map holds at least one line (a blank page has no row)."""
        return data.lazyframe.select(pl.col("first_line") <= pl.col("last_line"))


PAGE_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {"document_pages": DocumentPagesSchema}
