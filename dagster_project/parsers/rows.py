"""Rows to a raw table's frame: its columns and types are the table's pandera model, nowhere else.

Every parser's rows (and the extraction issues) become frames here, so the model is the single
declaration of a raw table's columns: a row key the model does not declare is a programming error
(a misspelt column would otherwise load as a column of nulls), raised, never reported as an issue
of the document being parsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import pandera.polars as pa
import polars as pl

from dagster_project.validation import polars_schema

Row = dict[str, Any]


class UndeclaredColumn(TypeError):
    """A row names a column its table's model does not declare: the code is wrong, not the document."""


@cache
def _schema(model: type[pa.DataFrameModel]) -> pl.Schema:
    return polars_schema(model)


def frame(model: type[pa.DataFrameModel], rows: Iterable[Row], document_id: str, table: str) -> pl.DataFrame:
    """Rows as a frame of `table` with the model's columns, in its order and types; `document_id`
    filled in.

    A column no row gives is null (an empty document still yields every table, empty but typed,
    and a nullable column a parser never writes stays null); a key the model does not declare
    raises `UndeclaredColumn`. Built column by column: Polars reads a list per column much faster
    than a dict per row.
    """
    schema = _schema(model)
    rows = rows if isinstance(rows, list) else list(rows)
    keys: set[str] = set()
    for row in rows:
        keys.update(row)
    undeclared = sorted(keys.difference(schema))
    if undeclared:
        raise UndeclaredColumn(
            f"{table}: {model.__name__} declares no column {', '.join(map(repr, undeclared))}, "
            f"a key of its rows (its columns: {', '.join(schema)})"
        )
    columns = {name: [row.get(name) for row in rows] for name in schema}
    if "document_id" in columns:
        columns["document_id"] = [document_id] * len(rows)
    return pl.DataFrame(columns, schema=schema)
