"""Replace an export directory as a whole, so a reader never sees half an export.

Everything is written into a hidden sibling directory first; only when it is complete is the old
directory moved aside and the new one renamed into place (two renames on the same file system),
then the old one is deleted. A reader sees the old complete export or the new one; a failed build
leaves the old export untouched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_directory(target: Path) -> Iterator[Path]:
    """Yield an empty directory to write into; on success it replaces `target`."""
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)
