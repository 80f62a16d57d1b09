"""Which marts exist and what to call them in Turkish.

The marts are discovered from the DuckDB catalog, never listed here, so a mart added by dbt appears
in every export on the next refresh. This module only names the known ones for the strategy unit
(sheet names, column headers); an unknown mart or column keeps its English identifier.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

MARTS_SCHEMA = "marts"

# The one table of Turkish names for the exports (`seeds/export_labels.csv`, also the dbt seed
# `seeds.export_labels` for SQL): marts (sheet names, ≤ 31 characters, in the order an analyst reads
# a document), columns (headers) and code values (`performance_programme` → `performans programı`).
LABELS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "export_labels.csv"


def _labels() -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    marts: dict[str, str] = {}
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "mart":
                marts[row["name"]] = row["label_tr"]
            elif row["kind"] == "column":
                columns[row["name"]] = row["label_tr"]
            else:
                values.setdefault(row["column_name"], {})[row["name"]] = row["label_tr"]
    return marts, columns, values


MART_LABELS, COLUMN_LABELS, VALUE_LABELS = _labels()


@dataclass(frozen=True)
class Mart:
    """A table of schema `marts` with its columns and DuckDB types, as the catalog reports them."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return MART_LABELS.get(self.name, self.name)

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    @property
    def per_document(self) -> bool:
        return "document_id" in self.column_names

    @property
    def sort_key(self) -> tuple[int, str]:
        """Known marts in reading order, then any new mart by name."""
        order = list(MART_LABELS)
        return (order.index(self.name), "") if self.name in MART_LABELS else (len(order), self.name)


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


def discover_marts(con: duckdb.DuckDBPyConnection) -> list[Mart]:
    """Every table and view of schema `marts`, in reading order."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? order by table_name, ordinal_position",
        [MARTS_SCHEMA],
    ).fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        columns.setdefault(table, []).append((column, dtype))
    return sorted((Mart(name, tuple(cols)) for name, cols in columns.items()), key=lambda mart: mart.sort_key)


def document_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("select document_id from marts.dim_document order by 1").fetchall()]


def sql_literal(text: str) -> str:
    """A SQL string literal of a label (from the seed, never document content)."""
    return "'" + text.replace("'", "''") + "'"


def quoted(identifier: str) -> str:
    """Quote a catalog identifier (a mart or column name, never document content)."""
    return '"' + identifier.replace('"', '""') + '"'
