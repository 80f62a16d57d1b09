"""pandera schema of `raw.document_table_cells`: every cell of every tab-separated table of a document."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from dagster_project.schemas.common import (
    document_id_field,
    implies,
    source_line_field,
    text_field,
)


class DocumentTableCellsSchema(pa.DataFrameModel):
    """Every non-empty cell of every tab-separated table of every document (belgedeki tüm tablolar), captured
    generically by dagster_project/parsers/table_capture.py; `row_no` 0 is a header row."""

    document_id: str = document_id_field(description="Document the table belongs to.")
    table_no: int = pa.Field(
        ge=1, description="Number of the table within the document, in reading order (tablo no), from 1."
    )
    table_title: str = pa.Field(
        nullable=True,
        description="Title detected from the text (tablo başlığı); null when none precedes the table.",
    )
    row_no: int = pa.Field(
        ge=0, description="Row within the table (satır); 0 is the header row, data rows from 1."
    )
    column_no: int = pa.Field(
        ge=1, description="Position of the cell in its tab-separated line (sütun), from 1."
    )
    header: str = pa.Field(
        nullable=True,
        description="Header cell text above this cell (sütun başlığı); null on the header row or when the table has none.",
    )
    value: str = text_field(description="Cell text as written (değer), never converted.")
    source_line: int = source_line_field(description="Line of the table row.")

    class Config:
        strict = True
        unique = ["document_id", "table_no", "row_no", "column_no"]

    @pa.dataframe_check
    def header_rows_have_no_header(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A header row's cells are the headers of the rows below, so they have none themselves."""
        return data.lazyframe.select(implies(pl.col("row_no") == 0, pl.col("header").is_null()))


TABLE_CAPTURE_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {"document_table_cells": DocumentTableCellsSchema}
