"""The input files a published warehouse was built from, recorded in it for the `raw/` sensor.

A refresh reads the documents (`raw/*.txt`…), `raw/documents.csv` and the monitoring files
(`raw/actuals/*.csv|xlsx`). The steps that read them record each file's size, modification time and
sha256 in `meta.published_inputs` of the build, so the table travels with the published file (and
with `previous/` when it is restored). The sensor compares `raw/` with it: a fresh Dagster UI over
an up-to-date warehouse starts nothing, and a file whose refresh failed is still not recorded, so
the next tick asks again. A file modified after the step started is left out: the build may hold
its older content, so the sensor must still see it as changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import duckdb

from dagster_project.document_scan import OVERRIDES_FILE, candidate_files
from dagster_project.file_stamps import file_sha256, stamp, unchanged
from dagster_project.monitoring.actuals import FILE_SUFFIXES as ACTUALS_SUFFIXES

INPUTS_SCHEMA = "meta"
INPUTS_TABLE = f"{INPUTS_SCHEMA}.published_inputs"
ACTUALS_DIR = "actuals"
Kind = Literal["documents", "actuals"]
# name relative to raw/ → {"size", "mtime_ns", "sha256"}
States = dict[str, dict[str, object]]


def input_paths(raw_dir: Path, kind: Kind) -> list[Path]:
    """The files of `raw/` a refresh reads for one kind of input."""
    if kind == "documents":
        overrides = raw_dir / OVERRIDES_FILE
        return [*candidate_files(raw_dir), *([overrides] if overrides.is_file() else [])]
    folder = raw_dir / ACTUALS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ACTUALS_SUFFIXES)


def file_states(raw_dir: Path, paths: Iterable[Path], known: Mapping[str, Mapping[str, object]]) -> States:
    """sha256, size and modification time of each file, by name relative to `raw/`.

    A file whose size and modification time match `known` keeps its hash without being read again
    (the sensor looks at thousands of files every minute).
    """
    states: States = {}
    for path in paths:
        name = path.relative_to(raw_dir).as_posix()
        size, mtime_ns = stamp(path)
        state: dict[str, object] = {"size": size, "mtime_ns": mtime_ns}
        previous = known.get(name)
        if previous and unchanged(path, previous.get("size"), previous.get("mtime_ns")):  # type: ignore[arg-type]
            state["sha256"] = previous["sha256"]
        else:
            state["sha256"] = file_sha256(path)
        states[name] = state
    return states


def current_states(raw_dir: Path, known: Mapping[str, Mapping[str, object]]) -> States:
    """Every input file of `raw/` now."""
    paths = [*input_paths(raw_dir, "documents"), *input_paths(raw_dir, "actuals")]
    return file_states(raw_dir, paths, known)


def record_inputs(con: duckdb.DuckDBPyConnection, raw_dir: Path, kind: Kind, read_since_ns: int) -> int:
    """Replace the recorded files of one kind with those of `raw/` unchanged since `read_since_ns`."""
    states = file_states(raw_dir, input_paths(raw_dir, kind), {})
    rows = [
        (kind, name, state["size"], state["mtime_ns"], state["sha256"])
        for name, state in states.items()
        if int(state["mtime_ns"]) <= read_since_ns  # type: ignore[call-overload]
    ]
    con.execute(f"create schema if not exists {INPUTS_SCHEMA}")
    con.execute(
        f"create table if not exists {INPUTS_TABLE} "
        "(kind varchar, name varchar, size bigint, mtime_ns bigint, sha256 varchar)"
    )
    con.execute(f"delete from {INPUTS_TABLE} where kind = ?", [kind])
    if rows:
        con.executemany(f"insert into {INPUTS_TABLE} values (?, ?, ?, ?, ?)", rows)
    return len(rows)


def published_inputs(db_path: Path) -> States:
    """The files the published warehouse was built from; empty when it records none."""
    if not db_path.exists():
        return {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        [(found,)] = con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = 'published_inputs'",
            [INPUTS_SCHEMA],
        ).fetchall()
        if not found:
            return {}
        rows = con.execute(f"select name, size, mtime_ns, sha256 from {INPUTS_TABLE}").fetchall()
    return {name: {"size": size, "mtime_ns": mtime, "sha256": sha} for name, size, mtime, sha in rows}


def changed_inputs(current: States, published: States) -> list[str]:
    """Files added or changed since the published warehouse, and files it holds that are gone."""
    changed = {
        name for name, state in current.items() if published.get(name, {}).get("sha256") != state["sha256"]
    }
    return sorted(changed | (published.keys() - current.keys()))
