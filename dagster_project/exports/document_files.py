"""Write one file per document (workbook, report) from the Parquet export, on every core when many.

Each document is read from its own Parquet files through an in-memory DuckDB whose schema `marts`
holds views with the published column types: the workbook and report code query `marts.…` as if
it were the warehouse, but a document costs the same at 2 or 2,000 documents (querying the
published file `where document_id = ?` scans every document's rows: more than twice as slow per
document at 2,000). Workers are spawned (not forked), like the parser pool, so no DuckDB handle is copied.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

import duckdb

from dagster_project.exports.catalog import MARTS_SCHEMA, Mart, quoted
from dagster_project.exports.fingerprint import Fingerprints
from dagster_project.exports.folder import ExportFolder, Update, replace_atomically, temporary_path
from dagster_project.exports.parquet import partition_file, require_current
from dagster_project.progress import Progress

POOL_MIN_DOCUMENTS = 8
Result = TypeVar("Result")
# (connection showing one document, document_id, file to write) → what to report about it
DocumentWriter = Callable[[duckdb.DuckDBPyConnection, str, Path], Result]


def _typed(mart: Mart, source: str | None) -> str:
    """The mart's columns in their published types (Parquet stores HUGEINT as DOUBLE); no rows without a source."""
    if source is None:
        return (
            "select "
            + ", ".join(f"cast(null as {dtype}) as {quoted(name)}" for name, dtype in mart.columns)
            + " where false"
        )
    columns = ", ".join(f"cast({quoted(name)} as {dtype}) as {quoted(name)}" for name, dtype in mart.columns)
    return f"select {columns} from {source}"


def _parquet(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "', hive_partitioning = false)"


class DocumentReader:
    """An in-memory DuckDB whose `marts` show one document at a time, read from the Parquet export."""

    def __init__(self, parquet: Path, marts: list[Mart]) -> None:
        self.parquet = parquet
        self.marts = marts
        self.con = duckdb.connect()
        self.con.execute("set threads = 1")
        self.con.execute(f"create schema {MARTS_SCHEMA}")
        for mart in marts:
            if not mart.per_document:
                self._view(mart, _parquet(parquet / f"{mart.name}.parquet"))

    def _view(self, mart: Mart, source: str | None) -> None:
        self.con.execute(
            f"create or replace view {MARTS_SCHEMA}.{quoted(mart.name)} as {_typed(mart, source)}"
        )

    def select(self, document_id: str) -> duckdb.DuckDBPyConnection:
        for mart in self.marts:
            if mart.per_document:
                path = self.parquet / partition_file(mart.name, document_id)
                self._view(mart, _parquet(path) if path.is_file() else None)
        return self.con

    def close(self) -> None:
        self.con.close()


_reader: DocumentReader | None = None


def _open(parquet: Path, marts: list[Mart]) -> None:
    global _reader
    _reader = DocumentReader(parquet, marts)


def _write(writer: DocumentWriter[Result], document_id: str, target: Path) -> Result:
    assert _reader is not None
    written = temporary_path(target)
    result = writer(_reader.select(document_id), document_id, written)
    replace_atomically(written, target)
    return result


def write_documents(
    writer: DocumentWriter[Result],
    parquet: Path,
    marts: list[Mart],
    targets: dict[str, Path],
    workers: int | None = None,
) -> Iterator[tuple[str, Result]]:
    """Write `targets[document_id]` for each document with `writer`; yields (document_id, result) in order."""
    global _reader
    workers = workers or os.cpu_count() or 1
    documents = list(targets)
    if workers == 1 or len(documents) < POOL_MIN_DOCUMENTS:
        _open(parquet, marts)
        try:
            for document_id in documents:
                yield document_id, _write(writer, document_id, targets[document_id])
        finally:
            assert _reader is not None
            _reader.close()
            _reader = None
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=_open, initargs=(parquet, marts)
    ) as pool:
        results = pool.map(_write, [writer] * len(documents), documents, targets.values(), chunksize=4)
        yield from zip(documents, results, strict=True)


def export_documents(
    writer: DocumentWriter[object],
    suffix: str,
    marts: list[Mart],
    prints: Fingerprints,
    parquet: Path,
    directory: Path,
    log: Callable[[str], None] | None = None,
) -> Update:
    """`<document_id><suffix>` in `directory` for every document whose marts changed (from the Parquet
    export, which must be current); the files of documents no longer in the warehouse are removed.
    Every writer lives in `exports/`, whose code every fingerprint holds: a new layout rewrites its
    files. `log` receives progress lines (documents written / to write, rate, time left)."""
    require_current(marts, prints, parquet)
    wanted = {f"{document_id}{suffix}": prints.document(document_id) for document_id in prints.documents}
    with ExportFolder(directory, (f"*{suffix}",)).update(wanted) as update:
        targets = {name.removesuffix(suffix): directory / name for name in update.stale}
        progress = Progress(f"writing {directory.name}", len(targets), log or (lambda _: None))
        for document_id, _ in progress.track(write_documents(writer, parquet, marts, targets)):
            update.written.append(f"{document_id}{suffix}")
    return update
