"""Every mart as Parquet, one file per mart and document, rewritten only where the document changed.

Layout (`exports/parquet/`):
- `<mart>/document_id=<id>/data_0.parquet`: marts with a `document_id`, hive-partitioned (the column
  is kept inside the files too), so a reader of one document opens only its files;
  `document_id=__HIVE_DEFAULT_PARTITION__` holds rows of no document (rejected files);
- `<mart>/empty.parquet`: a mart with a `document_id` but no rows yet keeps its columns;
- `<mart>.parquet`: marts without documents (economic codes, success bands).

One file per partition makes the partition the unit of change: DuckDB writes the stale partitions
of a mart with one `COPY … PARTITION_BY` into a staging folder, and each file is renamed over the
old one. A night where one document changed rewrites its 19 files and nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import duckdb

from dagster_project.exports.catalog import MARTS_SCHEMA, Mart, quoted
from dagster_project.exports.fingerprint import Fingerprints
from dagster_project.exports.folder import ExportFolder, Update, replace_atomically, temporary_path

PARTITION_FILE = "data_0.parquet"
EMPTY_FILE = "empty.parquet"
NO_DOCUMENT = "__HIVE_DEFAULT_PARTITION__"
# DuckDB keeps a buffer per open partition: at 2,000 documents an unbounded COPY peaks at 4 GB.
MEMORY_LIMIT = "1GB"


def parquet_folder(root: Path) -> ExportFolder:
    return ExportFolder(root, ("*.parquet", f"*/{EMPTY_FILE}", "*/document_id=*/*.parquet"))


def partition_file(mart: str, document_id: str | None) -> str:
    """The file of a document's rows, named as DuckDB's hive partitioning names it (URL-encoded)."""
    value = NO_DOCUMENT if document_id is None else quote(document_id, safe="")
    return f"{mart}/document_id={value}/{PARTITION_FILE}"


def wanted_files(marts: list[Mart], prints: Fingerprints) -> dict[str, str]:
    """Every file the export should hold → the fingerprint of its content."""
    wanted: dict[str, str] = {}
    for mart in marts:
        if not mart.per_document:
            wanted[f"{mart.name}.parquet"] = prints.shared[mart.name]
        elif prints.by_document[mart.name]:
            for document_id, value in prints.by_document[mart.name].items():
                wanted[partition_file(mart.name, document_id)] = value
        else:
            wanted[f"{mart.name}/{EMPTY_FILE}"] = prints.schemas[mart.name]
    return wanted


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy_partitions(
    con: duckdb.DuckDBPyConnection, mart: Mart, documents: list[str | None], staging: Path
) -> dict[str, Path]:
    """Write the documents' rows of a per-document mart under `staging`; returns name → staged file."""
    con.execute(
        f"copy (select * from {MARTS_SCHEMA}.{quoted(mart.name)} "
        "where document_id in (select unnest(?::varchar[])) or (document_id is null and ?)) "
        f"to {_sql_path(staging / mart.name)} "
        "(format parquet, partition_by (document_id), write_partition_columns true)",
        [[d for d in documents if d is not None], None in documents],
    )
    staged = {}
    for document_id in documents:
        name = partition_file(mart.name, document_id)
        directory = (staging / name).parent
        files = sorted(directory.glob("*.parquet")) if directory.is_dir() else []
        if not files:
            raise RuntimeError(f"DuckDB wrote no partition {directory.name} for {mart.name}")
        if len(files) > 1:  # one file per partition keeps the swap atomic
            merged = directory / f"merged.{PARTITION_FILE}"
            con.execute(
                f"copy (from read_parquet(?, hive_partitioning = false)) to {_sql_path(merged)} (format parquet)",
                [[str(f) for f in files]],
            )
            files = [merged]
        staged[name] = files[0]
    return staged


def export_parquet(
    con: duckdb.DuckDBPyConnection, marts: list[Mart], prints: Fingerprints, root: Path
) -> Update:
    """Bring `root` up to date with the published marts; returns the files written and removed."""
    wanted = wanted_files(marts, prints)
    staging = temporary_path(root / "staging")
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    with parquet_folder(root).update(wanted) as update:
        stale = set(update.stale)
        staging.mkdir()
        try:
            for mart in marts:
                documents = [
                    document_id
                    for document_id in prints.by_document.get(mart.name, {})
                    if partition_file(mart.name, document_id) in stale
                ]
                if documents:
                    for name, staged in _copy_partitions(con, mart, documents, staging).items():
                        replace_atomically(staged, root / name)
                        update.written.append(name)
                for name in (f"{mart.name}.parquet", f"{mart.name}/{EMPTY_FILE}"):
                    if name in stale:
                        temporary = temporary_path(root / name)
                        temporary.parent.mkdir(parents=True, exist_ok=True)
                        con.execute(
                            f"copy (select * from {MARTS_SCHEMA}.{quoted(mart.name)}) "
                            f"to {_sql_path(temporary)} (format parquet)"
                        )
                        replace_atomically(temporary, root / name)
                        update.written.append(name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return update


def require_current(marts: list[Mart], prints: Fingerprints, root: Path) -> None:
    """Workbooks and reports are read from the Parquet export: it must match the published marts."""
    stale = parquet_folder(root).stale(wanted_files(marts, prints))
    if stale:
        raise RuntimeError(
            f"the Parquet export is behind the published warehouse ({len(stale)} files, e.g. {stale[0]}): "
            "materialize warehouse_exports first"
        )
