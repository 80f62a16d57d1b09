"""One hash of code files, for the versions that decide what a refresh may keep.

Three things are rebuilt when their code changes, each deciding by a hash of its files: the parser
version (`incremental.parser_version`: documents parsed again), the dbt project hash
(`dbt_state.dbt_project_hash`: a full dbt build) and the export version
(`exports.fingerprint.export_version`: every workbook, report and template written again). They
hash the same way, here: each file's path relative to `base` and its bytes, in a fixed order, so a
renamed file counts as a change and the result does not depend on where the project is checked out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def code_files(roots: Iterable[Path], patterns: tuple[str, ...]) -> list[Path]:
    """Every file under each root (a folder, searched recursively, or a single file) whose name
    matches one of `patterns`, sorted within each root."""
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            found = {path for pattern in patterns for path in root.rglob(pattern) if path.is_file()}
            files += sorted(found)
        else:
            files.append(root)
    return files


def code_hash(
    roots: Iterable[Path], base: Path, patterns: tuple[str, ...] = ("*.py",), preamble: Iterable[str] = ()
) -> str:
    """A short hash of `preamble` (e.g. package versions) and of every file of `code_files`, named
    relative to `base`."""
    digest = hashlib.sha256()
    for line in preamble:
        digest.update(f"{line}\n".encode())
    for path in code_files(roots, patterns):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
