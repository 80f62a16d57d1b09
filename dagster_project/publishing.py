"""Write–audit–publish: the analysts' file is replaced only by a build that passed every check.

A refresh writes into `warehouse/build/plans.duckdb`; the checks (pandera, dbt tests) read that
file; only then is it moved over `warehouse/plans.duckdb` with an atomic rename, after the
previous published file has been kept in `warehouse/previous/`. A reader holding the published file
open keeps reading the old file (POSIX keeps an open file alive after a rename) and never sees a
half-built state; a new connection sees the new data. A failed run leaves the published file
byte-identical; the next run discards the stale build and starts again, so a crash needs no cleanup.

What blocks publishing and what is a finding (tests/test_refresh_safety.py proves each):

- Blocking, because the build cannot be trusted: a pandera schema failure on parser output
  (`extracted_tables`), on the raw tables (`raw_tables`) or on the marts (`mart_schemas`, a
  separate multi-asset check that Dagster runs before the assets downstream of the marts); a dbt
  test of severity `error`; any failed step (DuckDB, dbt, a crash outside the parsers).
- Findings, published with the build for analysts to read: rejected files and extraction issues of
  every severity (`marts.rpt_extraction_issues`; a parser that crashes on one document is an `error`
  issue of that document, the others still load), reconciliation mismatches
  (`marts.rpt_reconciliation`), dbt tests of severity `warn`, and the document inconsistencies that
  pandera checks as warnings (a code that does not continue its parent's, amounts that do not add
  up as written). A bad document therefore never costs the analysts the other documents.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class WarehouseFiles:
    """The published file and the files a refresh uses around it."""

    published: Path

    @property
    def build(self) -> Path:
        return self.published.parent / "build" / self.published.name

    @property
    def previous(self) -> Path:
        return self.published.parent / "previous" / self.published.name

    @property
    def lock(self) -> Path:
        return self.published.parent / "build" / "refresh.lock"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def start_build(files: WarehouseFiles) -> None:
    """Discard any stale build (a crashed or failed run) and start from a copy of the published file.

    Starting from the published file keeps objects that this run does not rebuild; every raw table
    and dbt model the run touches is replaced as a whole.
    """
    files.build.parent.mkdir(parents=True, exist_ok=True)
    for stale in (files.build, _wal(files.build)):
        stale.unlink(missing_ok=True)
    if files.published.exists():
        shutil.copyfile(files.published, files.build)


class PublishError(RuntimeError):
    """The build cannot be published (it is missing or still being written)."""


def publish(files: WarehouseFiles) -> Path:
    """Move the checked build over the published file atomically; keep the previous one.

    Returns the path of the published file.
    """
    if not files.build.exists():
        raise PublishError(f"nothing to publish: {files.build} does not exist (run the whole refresh)")
    # Fold the write-ahead log into the file so the single file we move is complete.
    with duckdb.connect(str(files.build)) as con:
        con.execute("checkpoint")
    if _wal(files.build).exists():
        raise PublishError(f"{_wal(files.build)} still exists after a checkpoint: is another writer open?")
    files.published.parent.mkdir(parents=True, exist_ok=True)
    if files.published.exists():
        files.previous.parent.mkdir(parents=True, exist_ok=True)
        staged = files.previous.with_name(files.previous.name + ".tmp")
        shutil.copyfile(files.published, staged)
        os.replace(staged, files.previous)
    os.replace(files.build, files.published)
    return files.published


class RefreshInProgress(RuntimeError):
    """Another refresh holds the warehouse's refresh lock."""


@contextmanager
def refresh_lock(files: WarehouseFiles) -> Iterator[None]:
    """Allow one refresh at a time; a second one is refused at once with a clear message."""
    files.lock.parent.mkdir(parents=True, exist_ok=True)
    with files.lock.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise RefreshInProgress(
                f"another refresh of {files.published} is running ({holder}); "
                "wait for it to finish, then run again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
