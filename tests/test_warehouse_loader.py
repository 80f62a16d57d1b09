"""Loading into DuckDB `raw`: a document's rows are replaced as a whole, stale documents go away."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from dagster_project.warehouse import connect, replace_documents

SCHEMAS = {
    "items": pl.Schema({"document_id": pl.String(), "source_line": pl.Int64(), "amount": pl.Float64()})
}


def frame(document_id: str, *amounts: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "document_id": [document_id] * len(amounts),
            "source_line": list(range(1, len(amounts) + 1)),
            "amount": list(amounts),
        },
        schema=SCHEMAS["items"],
    )


def rows(db: Path) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute("select document_id, amount from raw.items order by all").fetchall()


def test_reload_replaces_only_the_loaded_document_and_drops_documents_that_left_raw(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        replace_documents(con, {"items": [frame("a", 1, 2), frame("b", 5)]}, SCHEMAS, ["a", "b"], ["a", "b"])
    assert rows(db) == [("a", 1.0), ("a", 2.0), ("b", 5.0)]
    with connect(db) as con:
        counts = replace_documents(con, {"items": [frame("a", 3)]}, SCHEMAS, ["a"], ["a", "b"])
    assert counts == {"items": 2}
    assert rows(db) == [("a", 3.0), ("b", 5.0)]
    with connect(db) as con:
        replace_documents(con, {"items": [frame("a", 3)]}, SCHEMAS, ["a"], ["a"])
    assert rows(db) == [("a", 3.0)]


def test_a_failed_load_leaves_the_previous_rows(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        replace_documents(con, {"items": [frame("a", 1)]}, SCHEMAS, ["a"], ["a"])
    broken = pl.DataFrame({"document_id": ["a"], "source_line": [1], "amount": ["not a number"]})
    with connect(db) as con, pytest.raises((duckdb.Error, pl.exceptions.PolarsError)):
        replace_documents(con, {"items": [broken]}, SCHEMAS, ["a"], ["a"])
    assert rows(db) == [("a", 1.0)]


def test_every_known_table_exists_even_without_rows(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    schemas = {**SCHEMAS, "other": pl.Schema({"document_id": pl.String(), "source_line": pl.Int64()})}
    with connect(db) as con:
        counts = replace_documents(con, {}, schemas, [], [])
    assert counts == {"items": 0, "other": 0}
