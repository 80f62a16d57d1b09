"""The size-and-modification-time shortcut, in one place: a file whose size and modification time
(nanoseconds) are what they were when it was last read is taken to hold what it held then, so it is
not read or hashed again. The registry's scan (`document_scan.unchanged_document`, for runs that trust
file times), the sensor's input states (`input_files.file_states`) and the publish fingerprint
(`publishing`) all decide so; any write changes the modification time, and a copy that keeps it
keeps the content too.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

# (size in bytes, modification time in nanoseconds)
Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def unchanged(path: Path, size: int, mtime_ns: int) -> bool:
    """Whether the file still has the size and modification time it had when it was read."""
    return stamp(path) == (size, mtime_ns)


def file_sha256(path: Path) -> str:
    """The file's sha256, read in 1 MB chunks (a warehouse file is gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def cached_sha256(path: Path) -> str:
    """`file_sha256`, computed once per version (stamp) of the file: a refresh asks several times."""
    return _sha256_of(str(path), *stamp(path))


@lru_cache(maxsize=8)
def _sha256_of(path: str, size: int, mtime_ns: int) -> str:
    del size, mtime_ns  # the cache key
    return file_sha256(Path(path))
