"""Write–audit–publish: the analysts' file is replaced only by a build that passed every check.

A refresh writes into `warehouse/build/plans.duckdb`; the checks (pandera, dbt tests) read that
file; only then is it moved over `warehouse/plans.duckdb` with an atomic rename, after the
previous published file has been kept in `warehouse/previous/`. A reader holding the published file
open keeps reading the old file (POSIX keeps an open file alive after a rename) and never sees a
half-built state; a new connection sees the new data. A failed run leaves the published file
byte-identical; the next run discards the stale build and starts again, so a crash needs no cleanup.

The published file is read-only on disk (mode 0444), and its sha256 is recorded beside the build
(`build/published.sha256`): a file changed since it was published (an analyst's read-write
connection) is not used as the base of an incremental build; the refresh starts from nothing and
says why. A refresh checks free space first (about 3 times the database's size) and removes its
build after a failure (`discard_build`), so a full disk is not kept full.

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

import errno
import fcntl
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dagster_project.file_stamps import cached_sha256


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

    @property
    def fingerprint(self) -> Path:
        """The sha256 of the published file as publishing wrote it."""
        return self.published.parent / "build" / "published.sha256"


# A build needs room for the copy of the published file, DuckDB's write-ahead log and what dbt
# rebuilds beside the old tables until it drops them; publishing keeps a copy in previous/.
SPACE_FACTOR = 3
MIN_FREE_BYTES = 64 * 1024 * 1024


class InsufficientSpace(OSError):
    """Not enough free space to build or publish: nothing was changed."""


def check_free_space(files: WarehouseFiles, needed: int, doing: str) -> None:
    """Refuse to start `doing` when the warehouse's file system has less than `needed` bytes free."""
    folder = files.published.parent
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise InsufficientSpace(
            errno.ENOSPC,
            f"{doing} needs about {needed / 1e6:,.0f} MB free in {folder}, only {free / 1e6:,.0f} MB are: "
            "free space (or move PLAN_WAREHOUSE_DB to a larger disk) and run again; nothing was changed",
        )


def published_alteration(files: WarehouseFiles) -> str | None:
    """Why the published file cannot be trusted as a base (changed since it was published), or None.

    A file published before fingerprints were recorded is trusted.
    """
    if not files.published.exists() or not files.fingerprint.exists():
        return None
    if cached_sha256(files.published) == files.fingerprint.read_text().strip():
        return None
    return (
        f"{files.published} was changed since it was published (a read-write connection?): "
        "it is not used as the base of this build, every document is read and built again"
    )


def trusted_published(files: WarehouseFiles) -> Path | None:
    """The published file when it is unchanged since publishing (the base of an incremental build)."""
    return files.published if files.published.exists() and published_alteration(files) is None else None


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def discard_build(files: WarehouseFiles) -> None:
    """Remove the build file and its write-ahead log (after a failure, or before a new build)."""
    for stale in (files.build, _wal(files.build)):
        stale.unlink(missing_ok=True)


def start_build(files: WarehouseFiles) -> str | None:
    """Discard any stale build (a crashed or failed run) and start from a copy of the published file.

    Starting from the published file keeps objects that this run does not rebuild; every raw table
    and dbt model the run touches is replaced as a whole. A published file changed since publishing
    is not copied: the build starts empty, and the reason is returned.
    """
    files.build.parent.mkdir(parents=True, exist_ok=True)
    discard_build(files)
    size = files.published.stat().st_size if files.published.exists() else 0
    check_free_space(files, max(SPACE_FACTOR * size, MIN_FREE_BYTES), "building the warehouse")
    altered = published_alteration(files)
    if files.published.exists() and altered is None:
        shutil.copyfile(files.published, files.build)
        os.chmod(files.build, 0o644)
    return altered


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
        check_free_space(files, files.published.stat().st_size + MIN_FREE_BYTES, "publishing")
        files.previous.parent.mkdir(parents=True, exist_ok=True)
        staged = files.previous.with_name(files.previous.name + ".tmp")
        shutil.copyfile(files.published, staged)
        os.replace(staged, files.previous)
    # Read-only on disk: an analyst's `duckdb plans.duckdb` cannot take the writer's lock or write.
    os.chmod(files.build, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    fingerprint = cached_sha256(files.build)
    os.replace(files.build, files.published)
    staged_fingerprint = files.fingerprint.with_name(files.fingerprint.name + ".tmp")
    staged_fingerprint.write_text(fingerprint + "\n")
    os.replace(staged_fingerprint, files.fingerprint)
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
