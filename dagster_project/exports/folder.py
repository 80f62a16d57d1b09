"""An export folder rewritten one file at a time, and only where the content changed.

Each file (a workbook, a report, a Parquet partition) is written beside its final name and renamed
over it (`os.replace`, atomic on one file system), so a reader opens the old file or the new one,
never half of one. `.manifest.json` records the fingerprint each file was written from and is
replaced last, the same way. A file is rewritten when its fingerprint differs from the manifest's or
the file is missing, so a night that failed half-way is caught up by the next one. Files nobody
wants any more (a document that left the warehouse) are deleted, listed in the manifest or not.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".manifest.json"
TEMPORARY = ".tmp-"


def temporary_path(target: Path) -> Path:
    """Where `target` is written before it is renamed into place: hidden, beside it, per process."""
    return target.with_name(f".{target.name}{TEMPORARY}{os.getpid()}")


def replace_atomically(written: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(written, target)


@dataclass
class Update:
    """The files to write (`stale`) and those written so far; only written ones enter the manifest."""

    stale: list[str]
    unchanged: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ExportFolder:
    """A folder of exported files named relative to `root`; `patterns` find them on disk."""

    root: Path
    patterns: tuple[str, ...]

    def manifest(self) -> dict[str, str]:
        try:
            recorded = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return recorded if isinstance(recorded, dict) else {}

    def stale(self, wanted: dict[str, str]) -> list[str]:
        recorded = self.manifest()
        return sorted(
            name
            for name, value in wanted.items()
            if recorded.get(name) != value or not (self.root / name).is_file()
        )

    @contextmanager
    def update(self, wanted: dict[str, str]) -> Iterator[Update]:
        """Yield what to write; afterwards (also after a failure) drop unwanted files, save the manifest."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._discard_temporary()
        stale = self.stale(wanted)
        update = Update(stale, len(wanted) - len(stale))
        try:
            yield update
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
            where = error.filename or self.root
            free = shutil.disk_usage(self.root).free / 1e6
            raise OSError(
                errno.ENOSPC,
                f"no space left on the device while writing {where} ({free:,.0f} MB free): "
                f"free space in {self.root} and run the refresh again (the warehouse itself was published)",
            ) from error
        finally:
            update.removed = self._prune(wanted)
            recorded = self.manifest()
            kept = {
                name: value
                for name, value in recorded.items()
                if name in wanted and (self.root / name).is_file()
            }
            kept.update({name: wanted[name] for name in update.written})
            manifest = self.root / MANIFEST
            temporary = temporary_path(manifest)
            temporary.write_text(json.dumps(kept, sort_keys=True, indent=0), encoding="utf-8")
            os.replace(temporary, manifest)

    def _discard_temporary(self) -> None:
        """Files and staging folders a crashed run left behind."""
        for path in sorted(self.root.rglob(f".*{TEMPORARY}*"), key=lambda p: len(p.parts)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def _prune(self, wanted: Iterable[str]) -> list[str]:
        present = {
            str(path.relative_to(self.root)) for pattern in self.patterns for path in self.root.glob(pattern)
        }
        removed = sorted(present - set(wanted))
        for name in removed:
            (self.root / name).unlink(missing_ok=True)
        for directory in sorted({(self.root / name).parent for name in removed}, key=lambda p: -len(p.parts)):
            while directory != self.root and directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
                directory = directory.parent
        return removed
