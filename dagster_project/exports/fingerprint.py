"""What each export is made of, as a hash: rewrite a document's files only when it changed.

DuckDB hashes every row of every mart and sums the hashes per document (one aggregate per mart,
about a second for 2,000 documents), so the fingerprint changes whenever a row the exports read
changes, whatever changed it: the source file, actuals, seeds or dbt code. Row order does not
matter. The mart's columns and types and the export code itself are part of every fingerprint, so
a new column or a new workbook layout rewrites everything once.

`built_at`, `dbt_invocation_id` and `dbt_build_mode` (meta_build) describe the build run, not the
document: they change from night to night (a full build, then incremental ones), so they are left
out. A document's files keep the values of the build that last
changed them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dagster_project.code_version import code_hash
from dagster_project.exports.catalog import (
    LABELS_FILE,
    MARTS_SCHEMA,
    Mart,
    discover_marts,
    document_ids,
    quoted,
)

BUILD_RUN_COLUMNS = frozenset({"built_at", "dbt_invocation_id", "dbt_build_mode"})
EXPORT_CODE = Path(__file__).resolve().parent
# Every writer is in `exports/` (workbooks, reports, fill-in templates), with the report's Jinja templates (html/).
EXPORT_FILES = ("*.py", "*.html.j2", "*.css")


def export_version() -> str:
    """A short hash of the export code, its HTML templates and its label table (file names and
    contents): a new layout or a new Turkish label rewrites every file."""
    return code_hash((EXPORT_CODE, LABELS_FILE), EXPORT_CODE.parent.parent, EXPORT_FILES)


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Fingerprints:
    """Hashes of the published marts, as the exports read them."""

    shared: dict[str, str]  # mart without documents → hash of all its rows
    by_document: dict[str, dict[str | None, str]]  # mart → document_id (None: rows of no document) → hash
    schemas: dict[str, str]  # mart → hash of its columns and types (and the export code)
    rows: dict[str, int]  # mart → rows
    documents: list[str]  # dim_document's documents, sorted

    def document(self, document_id: str) -> str:
        """Everything a document's workbook and report read: its rows of every mart, and the shared marts."""
        return _digest(
            *(f"{mart}={value}" for mart, value in sorted(self.shared.items())),
            *(f"{mart}={rows.get(document_id)}" for mart, rows in sorted(self.by_document.items())),
        )


def _signature(mart: Mart, version: str) -> str:
    return _digest(version, mart.name, *(f"{name}:{dtype}" for name, dtype in mart.columns))


def mart_fingerprints(
    con: duckdb.DuckDBPyConnection, mart: Mart, version: str
) -> dict[str | None, tuple[int, str]]:
    """document_id → (rows, hash of the mart's rows for it); for a mart without documents, None → all."""
    content = [name for name in mart.column_names if name not in BUILD_RUN_COLUMNS and name != "document_id"]
    row_hash = f"hash({', '.join(map(quoted, content))})" if content else "0"
    table = f"{MARTS_SCHEMA}.{quoted(mart.name)}"
    if mart.per_document:
        sql = f"select document_id, count(*), sum({row_hash}) from {table} group by all"
    else:
        sql = f"select null, count(*), coalesce(sum({row_hash}), 0) from {table}"
    signature = _signature(mart, version)
    return {
        document: (count, _digest(signature, count, hashes))
        for document, count, hashes in con.execute(sql).fetchall()
    }


def fingerprints(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> Fingerprints:
    version = export_version()
    shared, by_document, rows = {}, {}, {}
    for mart in marts:
        hashes = mart_fingerprints(con, mart, version)
        rows[mart.name] = sum(count for count, _ in hashes.values())
        if mart.per_document:
            by_document[mart.name] = {document: value for document, (_, value) in hashes.items()}
        else:
            shared[mart.name] = hashes[None][1]
    schemas = {mart.name: _signature(mart, version) for mart in marts}
    return Fingerprints(shared, by_document, schemas, rows, document_ids(con))


def marts_and_fingerprints(con: duckdb.DuckDBPyConnection) -> tuple[list[Mart], Fingerprints]:
    """Every mart of the file and its fingerprints: what each export (Parquet, workbooks, reports,
    fill-in templates) is written from."""
    marts = discover_marts(con)
    return marts, fingerprints(con, marts)
