"""Every mart as Parquet: one file per mart, or one folder per mart split by document.

Marts with a `document_id` are written with hive partitioning (`<mart>/document_id=<id>/…parquet`,
the column kept inside the files too), so a reader of one document opens only its files; the rest
are one `<mart>.parquet` file. DuckDB's COPY writes them straight from the published file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.exports.catalog import MARTS_SCHEMA, Mart, discover_marts, quoted


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, int]:
    """Write every mart under `directory`; returns rows written per mart."""
    written: dict[str, int] = {}
    for mart in discover_marts(con):
        source = f"select * from {MARTS_SCHEMA}.{quoted(mart.name)}"
        rows = con.execute(f"select count(*) from ({source})").fetchall()[0][0]
        if mart.per_document and rows:
            target = directory / mart.name
            options = "format parquet, partition_by (document_id), write_partition_columns true"
        elif mart.per_document:
            # No document has rows (e.g. no monitoring file yet): one empty file keeps the columns.
            (directory / mart.name).mkdir(parents=True, exist_ok=True)
            target = directory / mart.name / "empty.parquet"
            options = "format parquet"
        else:
            target = directory / f"{mart.name}.parquet"
            options = "format parquet"
        con.execute(f"copy ({source}) to {_sql_path(target)} ({options})")
        written[mart.name] = rows
    return written


def parquet_glob(directory: Path, mart: Mart) -> str:
    """The path pattern that reads a mart back (`read_parquet(…)`)."""
    return (
        str(directory / mart.name / "**" / "*.parquet")
        if mart.per_document
        else str(directory / f"{mart.name}.parquet")
    )
