"""A content hash of every mart of a published warehouse, to prove a refactoring changed no value.

    python -m tools.mart_hashes warehouse/plans.duckdb > before.txt
    ... change the code, refresh ...
    python -m tools.mart_hashes warehouse/plans.duckdb | diff before.txt -

One line per mart: name, row count, a hash of its columns and types, and a hash of its rows that
does not depend on row order. The columns that describe the build run rather than the documents
(`exports.fingerprint.BUILD_RUN_COLUMNS`: `built_at`, …) and the hash of the dbt code
(`dbt_project_hash`) are left out, so two builds of the same documents print the same lines whatever
the code that built them looks like.
"""

from __future__ import annotations

import argparse
import hashlib

import duckdb

from dagster_project.exports.catalog import MARTS_SCHEMA, quoted
from dagster_project.exports.fingerprint import BUILD_RUN_COLUMNS

LEFT_OUT = BUILD_RUN_COLUMNS | {"dbt_project_hash"}


def mart_hashes(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """`name rows columns-hash rows-hash` for every table of schema `marts`, by name."""
    tables = connection.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1",
        [MARTS_SCHEMA],
    ).fetchall()
    lines = []
    for (table,) in tables:
        columns = connection.execute(
            "select column_name, data_type from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [MARTS_SCHEMA, table],
        ).fetchall()
        kept = [name for name, _ in columns if name not in LEFT_OUT]
        row = ", ".join(f"{quoted(name)} := {quoted(name)}" for name in kept)
        rows, content = connection.execute(
            f"select count(*), coalesce(sum(hash(struct_pack({row})::varchar)::hugeint), 0)"
            f" from {MARTS_SCHEMA}.{quoted(table)}"
        ).fetchone()
        shape = hashlib.sha256(repr(columns).encode()).hexdigest()[:12]
        lines.append(f"{table} {rows} {shape} {content}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a DuckDB file (opened read-only)")
    args = parser.parse_args()
    with duckdb.connect(args.database, read_only=True) as connection:
        print("\n".join(mart_hashes(connection)))


if __name__ == "__main__":
    main()
