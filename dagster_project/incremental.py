"""Incremental extraction: parse only what changed since the published warehouse, on every core.

A document is parsed again when its `document_id` is new, its content changed (sha256 of the file
against the published `raw.documents.source_sha256`) or the parser changed (`parser_version`, a
hash of the parser, schema and dispatch code, stored beside it). Every other document keeps the
rows the published file already holds: the build starts as a copy of it (`publishing.start_build`)
and only the parsed documents' rows are replaced. Content hashes rather than Dagster partitions:
the registry already hashes every file, one run still loads in one transaction, and 2,000 documents
need no 2,000 partition runs.

What a load changed is written beside it, in the same transaction: `raw.document_changes` lists
every document added, changed (parsed again, or its registry row differs) or removed against the
published file, and dbt's incremental marts rebuild exactly those documents (`dbt/macros/
incremental_by_document.sql`).

Parsed tables travel between the extraction and the load as Parquet files in the build folder
(one file per table and batch), not through Dagster's IO manager: a full refresh of thousands of
documents never holds them all in memory or pickles them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from itertools import islice
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.code_version import code_hash
from dagster_project.cores import map_on_every_core
from dagster_project.document_scan import Document, Scan
from dagster_project.extraction import extract
from dagster_project.parsers.performance_programme.funding_sources import LABELS_FILE
from dagster_project.parsers.result import ParsedDocument
from dagster_project.schemas.document_registry import DocumentChangesSchema
from dagster_project.schemas.monitoring import MonitoringChangesSchema
from dagster_project.validation import DocumentFailure, polars_schema
from dagster_project.warehouse import connect

PACKAGE = Path(__file__).resolve().parent
# The code whose change changes the raw tables of an unchanged document.
# Indicator linking is included: unchanged pairs of documents keep their published links; so is
# the seed the programme parser reads the funding sources' names from.
PARSER_CODE = (
    PACKAGE / "parsers",
    PACKAGE / "schemas",
    PACKAGE / "extraction.py",
    PACKAGE / "pages.py",
    PACKAGE / "monitoring" / "linking.py",
    LABELS_FILE,
)
BATCH_DOCUMENTS = 100


def parser_version() -> str:
    """A short hash of the parser, schema and dispatch code (file names and contents)."""
    return code_hash(PARSER_CODE, PACKAGE.parent)


def published_state(db_path: Path | None) -> dict[str, tuple[str, str | None]]:
    """document_id → (source_sha256, parser_version) of the published warehouse; empty without one."""
    if db_path is None or not db_path.exists():
        return {}
    with connect(db_path, read_only=True) as con:
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = 'documents'"
            ).fetchall()
        }
        if "parser_version" not in columns:
            return {}
        rows = con.execute("select document_id, source_sha256, parser_version from raw.documents").fetchall()
    return {document_id: (sha, version) for document_id, sha, version in rows}


def published_documents(db_path: Path | None, raw_dir: Path) -> dict[str, Document]:
    """source_file → the document as the published registry records it (a scan takes the unchanged
    files from it); empty without a published registry that records modification times."""
    if db_path is None or not db_path.exists():
        return {}
    names = [field.name for field in fields(Document) if field.name not in ("path", "text_path")]
    with connect(db_path, read_only=True) as con:
        [(found,)] = con.execute(
            "select count(*) from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'documents' and column_name = 'source_mtime_ns'"
        ).fetchall()
        if not found:
            return {}
        rows = con.execute(f"select {', '.join(names)} from raw.documents").fetchall()
    recorded = [dict(zip(names, row, strict=True)) for row in rows]
    return {row["source_file"]: Document(**row, path=raw_dir / row["source_file"]) for row in recorded}


@dataclass(frozen=True)
class ExtractionPlan:
    """Which documents of a scan are parsed in this run and which keep their published rows."""

    to_parse: list[Document]
    unchanged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Extraction:
    """What `extracted_tables` hands to `raw_tables`: the staged Parquet of the parsed documents and which ones they are."""

    directory: Path
    parsed_ids: list[str]
    unchanged_ids: list[str]
    parser_version: str
    # Documents whose own rows failed a schema: set aside, none of their rows staged.
    set_aside: list[DocumentFailure]


def plan_extraction(scan: Scan, published: dict[str, tuple[str, str | None]], version: str) -> ExtractionPlan:
    to_parse, unchanged = [], []
    for document in scan.documents:
        if published.get(document.document_id) == (document.source_sha256, version):
            unchanged.append(document.document_id)
        else:
            to_parse.append(document)
    return ExtractionPlan(to_parse, unchanged)


def parse_documents(documents: list[Document], workers: int | None = None) -> Iterator[ParsedDocument]:
    """Parse documents in order; with many documents, on every core (`extract` stays pure)."""
    return map_on_every_core(extract, documents, workers)


def batches(parsed: Iterable[ParsedDocument], size: int = BATCH_DOCUMENTS) -> Iterator[list[ParsedDocument]]:
    iterator = iter(parsed)
    while batch := list(islice(iterator, size)):
        yield batch


def batch_tables(batch: list[ParsedDocument], schemas: dict[str, pl.Schema]) -> dict[str, pl.DataFrame]:
    """One frame per raw table for a batch of parsed documents, in the raw table's column types."""
    frames: dict[str, list[pl.DataFrame]] = {}
    for result in batch:
        for table, frame in [*result.tables.items(), ("extraction_issues", result.issues)]:
            if frame.height:
                frames.setdefault(table, []).append(frame.select(list(schemas[table])).cast(schemas[table]))
    return {table: pl.concat(parts) for table, parts in frames.items()}


def reset_directory(directory: Path) -> Path:
    """An empty staging folder (a crashed run's files are discarded)."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def write_batch(directory: Path, number: int, tables: dict[str, pl.DataFrame]) -> None:
    for table, frame in tables.items():
        (directory / table).mkdir(exist_ok=True)
        frame.write_parquet(directory / table / f"batch-{number:05d}.parquet")


def staged_files(directory: Path) -> dict[str, list[Path]]:
    """table → its staged Parquet files, in batch order."""
    if not directory.exists():
        return {}
    return {
        path.name: sorted(path.glob("*.parquet")) for path in sorted(directory.iterdir()) if path.is_dir()
    }


def registry_before_load(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """`raw.documents` of the build before this load (a copy of the published file's); empty without one."""
    [(found,)] = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'documents'"
    ).fetchall()
    return con.sql("select * from raw.documents").pl() if found else pl.DataFrame()


def documents_with_other_rows(before: pl.DataFrame, after: pl.DataFrame) -> set[str]:
    """Documents whose rows differ between two versions of a table (as a multiset of rows over the
    columns both have); every document of `after` when `before` has no document_id (no table yet)."""
    if "document_id" not in before.columns:
        return set(after["document_id"].to_list()) if "document_id" in after.columns else set()
    shared = [name for name in after.columns if name in before.columns]
    old = before.select(shared).cast(after.select(shared).schema).group_by(shared).len()
    new = after.select(shared).group_by(shared).len()
    changed = new.join(old, on=[*shared, "len"], how="anti", nulls_equal=True)["document_id"]
    gone = old.join(new, on=[*shared, "len"], how="anti", nulls_equal=True)["document_id"]
    return set(changed.to_list()) | set(gone.to_list())


def document_changes(previous: pl.DataFrame, current: pl.DataFrame, loaded_ids: list[str]) -> pl.DataFrame:
    """`raw.document_changes`: every document whose rows this load replaces, against the published file.

    `added`: not in the published registry; `changed`: parsed again, or its registry row differs (a
    `documents.csv` override or a renamed file changes the marts without a new parse); `removed`: its
    file left `raw/`. Every other document keeps its published rows, in `raw` and in the marts.
    """
    current_ids = current["document_id"].to_list()
    before = set(previous["document_id"].to_list()) if "document_id" in previous.columns else set()
    # When a file was last written is not what it holds: a touched file changes no mart.
    contents = [frame.drop("source_mtime_ns", strict=False) for frame in (previous, current)]
    rebuilt = set(loaded_ids) | documents_with_other_rows(*contents)
    rows = [
        (document_id, "changed" if document_id in before else "added")
        for document_id in current_ids
        if document_id not in before or document_id in rebuilt
    ]
    rows += [(document_id, "removed") for document_id in sorted(before - set(current_ids))]
    return pl.DataFrame(rows, schema=polars_schema(DocumentChangesSchema), orient="row")


def monitoring_changes(
    before: dict[str, pl.DataFrame],
    after: dict[str, pl.DataFrame],
    changed_documents: set[str],
    current_documents: set[str],
) -> pl.DataFrame:
    """`raw.monitoring_changes`: documents whose achievements may change although their own rows did not.

    `before` / `after` map `actuals` and `indicator_links` to the published and the new rows. A
    document is listed when its rows of either table differ (a monitoring file changed, a link was
    made or lost) or when a programme linked to it is in `changed_documents` (its `Gerçekleşen`
    values, this document's linked actuals, may have changed). Only current documents: a removed
    one is already in `raw.document_changes`.
    """
    rows = {
        (document_id, table)
        for table in ("actuals", "indicator_links")
        for document_id in documents_with_other_rows(before[table], after[table])
    }
    links = after["indicator_links"]
    rows |= {
        (document_id, "linked_source")
        for document_id in links.filter(pl.col("source_document_id").is_in(sorted(changed_documents)))[
            "document_id"
        ].to_list()
    }
    kept = sorted(row for row in rows if row[0] in current_documents)
    return pl.DataFrame(kept, schema=polars_schema(MonitoringChangesSchema), orient="row")
