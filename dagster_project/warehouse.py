"""Write extracted tables into the DuckDB `raw` schema, one document at a time, atomically.

Every raw table always exists (empty when no document of its type is loaded) so dbt sources
resolve. Loading replaces all rows of the loaded documents and removes the rows of documents that
are no longer in `raw/`, inside one transaction: a reader never sees half of a document.
Values always travel as bound parameters or Arrow frames, never pasted into SQL text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import polars as pl

RAW_SCHEMA = "raw"


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file open for writing."""


# DuckDB: `Could not set lock on file "…": Conflicting lock is held in /usr/bin/python3 (PID 1234) by user x`
_LOCK_HOLDER = re.compile(
    r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)(?: by user (?P<user>\S+))?"
)


def connect(db_path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; readers should pass read_only=True so writers are never blocked by them.

    DuckDB's lock error (a read-write connection open elsewhere) becomes a message that says who
    holds the file and what to do.
    """
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as error:
        holder = _LOCK_HOLDER.search(str(error))
        if holder is None:
            raise
        user = f" of user {holder['user']}" if holder["user"] else ""
        raise WarehouseLocked(
            f"{db_path} is held open for writing by {holder['program']} (PID {holder['pid']}){user}: "
            f"close that connection (or `kill {holder['pid']}`), and open the warehouse read-only "
            f"(`duckdb -readonly {db_path}`, or read_only=True), then run again; nothing was changed"
        ) from error


def quote_identifier(identifier: str) -> str:
    """Quote a table or schema name we own as a SQL identifier; anything else is refused.

    The only names pasted into SQL text: they come from code (pandera models, dbt models), never
    from document content or file names, which always travel as bound parameters.
    """
    if not identifier.replace("_", "").isalnum():
        raise ValueError(f"unexpected table name {identifier!r}")
    return f'"{identifier}"'


def _existing_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [RAW_SCHEMA, table],
    ).fetchall()
    return [(name, dtype) for name, dtype in rows]


def ensure_table(con: duckdb.DuckDBPyConnection, table: str, schema: pl.Schema) -> None:
    """Create the raw table from a Polars schema; recreate it when the parser's columns changed.

    Raw tables are derived from the files in `raw/` and fully reloaded on every refresh, so
    recreating one after a parser change loses nothing.
    """
    empty = pl.DataFrame(schema=schema)
    probe = con.from_arrow(empty.to_arrow())
    wanted = list(zip(probe.columns, [str(t) for t in probe.types], strict=True))
    existing = _existing_columns(con, table)
    if existing == wanted:
        return
    con.register("_empty_frame", empty.to_arrow())
    try:
        con.execute(
            f"create or replace table {RAW_SCHEMA}.{quote_identifier(table)} as select * from _empty_frame"
        )
    finally:
        con.unregister("_empty_frame")


def replace_documents(
    con: duckdb.DuckDBPyConnection,
    frames: Mapping[str, Iterable[pl.DataFrame]],
    schemas: Mapping[str, pl.Schema],
    loaded_ids: list[str],
    current_ids: list[str],
    parquet: Mapping[str, Sequence[Path]] | None = None,
    full_tables: Collection[str] = (),
) -> dict[str, int]:
    """Replace the rows of the `loaded_ids` documents in every raw table, in one transaction.

    `frames` maps table name → frames of the loaded documents, `parquet` table name → Parquet files
    of them (staged by the extraction, read by DuckDB without passing through Python); `schemas`
    names every raw table (each has a `document_id` column). Rows of documents not in
    `current_ids` are deleted: their file left `raw/`. `full_tables` (the registry) are replaced
    as a whole. Returns the row count of each table after loading.
    """
    con.execute(f"create schema if not exists {RAW_SCHEMA}")
    for table, schema in schemas.items():
        ensure_table(con, table, schema)
    counts: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        for table, schema in schemas.items():
            target = f"{RAW_SCHEMA}.{quote_identifier(table)}"
            if table in full_tables:
                con.execute(f"delete from {target}")
            else:
                # Semi-joins, not list_contains: thousands of ids against millions of rows.
                con.execute(
                    f"delete from {target} where document_id is null"
                    " or document_id in (select unnest(?::varchar[]))"
                    " or document_id not in (select unnest(?::varchar[]))",
                    [loaded_ids, current_ids],
                )
            files = [str(path) for path in (parquet or {}).get(table, [])]
            if files:
                con.execute(f"insert into {target} by name select * from read_parquet(?)", [files])
            parts = [frame for frame in frames.get(table, []) if frame.height]
            if parts:
                combined = pl.concat([frame.select(list(schema)).cast(schema) for frame in parts])
                con.register("_load_frame", combined.to_arrow())
                try:
                    con.execute(f"insert into {target} by name select * from _load_frame")
                finally:
                    con.unregister("_load_frame")
            counts[table] = con.execute(f"select count(*) from {target}").fetchone()[0]
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def read_table(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, document_ids: list[str] | None = None
) -> pl.DataFrame:
    """Read a table as Polars (for validation of loaded tables and marts), or only some documents' rows."""
    sql = f"select * from {quote_identifier(schema)}.{quote_identifier(table)}"
    if document_ids is None:
        return con.sql(sql).pl()
    return con.sql(f"{sql} where document_id in (select unnest(?::varchar[]))", params=[document_ids]).pl()


def read_document_batches(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, document_ids: Sequence[str], size: int
) -> Iterator[pl.DataFrame]:
    """The rows without a document (always, possibly none: the table's columns), then the rows of
    `document_ids`, `size` documents at a time, so a table of thousands of documents never sits in
    memory whole."""
    sql = f"select * from {quote_identifier(schema)}.{quote_identifier(table)} where document_id is null"
    yield con.sql(sql).pl()
    for start in range(0, len(document_ids), size):
        yield read_table(con, schema, table, list(document_ids[start : start + size]))
