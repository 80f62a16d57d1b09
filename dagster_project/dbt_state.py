"""Whether a refresh may build the marts incrementally, and the project hash that decides it.

The incremental marts (`dbt/macros/incremental_by_document.sql`) rebuild only the documents of
`raw.document_changes` and keep every other document's rows from the published warehouse. That is
right only when the published marts were built by the same dbt project: a changed model, macro,
seed, var or dbt version can change any row of any document. So every build records the hash of
its project in `marts.meta_build.dbt_project_hash`, and a refresh asks dbt for a full build
(`--full-refresh`) when the build file (a copy of the published one) has no marts yet, or marts of
another project. dbt's tests are not part of the hash: they read the marts, they do not write them.

A run that builds only some models (a subset chosen in the Dagster UI) leaves the others as they
were, behind the raw tables it loaded: it forgets the hash, so the next refresh is a full build.

No refresh runs dbt's unit tests: their inputs are fixed in the project, so they pass or fail with
the project, never with the documents; `make test` runs them (`tests/test_dbt_unit_tests.py`), as
dbt Labs recommends ("only running unit tests in development or CI environments").

Because an incremental build runs the very project that built the published file, it also leaves
out the views (their definitions are already in the build file, a copy of the published one) and
the seeds. Every data test still runs, the views' too: they read the newly loaded raw rows. A full
build that runs again after documents were set aside (`assets/dbt.py`) leaves the same out, once its
first run made every view and seed pass. And dbt reuses its previous parse of the project
(`partial_parse.msgpack`, kept beside the build file) instead of parsing every file again; it
reparses whatever changed, and everything when the vars (the project hash), the profile (the build
file's path) or the dbt version differ.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.code_version import code_hash
from dagster_project.paths import DBT_DIR, PROJECT_ROOT

# What decides the marts' content: the SQL, its macros and configuration, the seeds, and dbt itself.
PROJECT_INPUTS = (DBT_DIR / "dbt_project.yml", DBT_DIR / "models", DBT_DIR / "macros", PROJECT_ROOT / "seeds")
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")
# What an incremental build keeps from the published file (dbt selectors; indirect selection off,
# so the views' data tests stay selected by dagster-dbt's `fqn:*`).
KEPT_BY_INCREMENTAL_BUILD = "config.materialized:view resource_type:seed"
# What no refresh builds (`dbt build --exclude-resource-type`): the unit tests, run by `make test`.
LEFT_TO_MAKE_TEST = "unit_test"
PARSE_CACHE = "partial_parse.msgpack"
RUN_RESULTS = "run_results.json"


def dbt_project_hash() -> str:
    """A short hash of the project inputs (paths and contents) and the dbt and DuckDB versions."""
    packages = [f"{package}=={version(package)}" for package in PACKAGES]
    return code_hash(PROJECT_INPUTS, PROJECT_ROOT, ("*",), packages)


HAS_HASH_SQL = (
    "select count(*) from duckdb_columns() "
    "where schema_name = 'marts' and table_name = 'meta_build' and column_name = 'dbt_project_hash'"
)


def _has_hash(con: duckdb.DuckDBPyConnection) -> bool:
    [(found,)] = con.execute(HAS_HASH_SQL).fetchall()
    return bool(found)


def published_project_hashes(build_db: Path) -> set[str]:
    """The project hashes `marts.meta_build` of the build file records (none without that mart)."""
    if not build_db.exists():
        return set()
    with duckdb.connect(str(build_db), read_only=True) as con:
        if not _has_hash(con):
            return set()
        return {
            row[0] for row in con.execute("select distinct dbt_project_hash from marts.meta_build").fetchall()
        }


@dataclass(frozen=True)
class DbtBuild:
    """The `dbt build` a refresh runs: incremental, or full with the reason."""

    project_hash: str
    full_refresh: bool
    reason: str

    @property
    def vars_args(self) -> list[str]:
        """`--vars` of every dbt invocation of the refresh: the same vars keep dbt's parse valid (a
        different value makes dbt parse the whole project again)."""
        return ["--vars", json.dumps({"dbt_project_hash": self.project_hash})]

    def args(self, whole_project: bool = True, views_built: bool = False) -> list[str]:
        """The dbt arguments. A run of some models only (`whole_project` false) builds all it selected.

        `views_built`: an earlier build of this refresh made every view and seed pass (the build
        again after documents were set aside): a full build leaves them out then, as an incremental
        build always does. Their definitions and rows are the same, only raw rows changed, and every
        data test, the views' too, still runs. No build runs the unit tests (`LEFT_TO_MAKE_TEST`).
        """
        args = ["build", *self.vars_args, "--exclude-resource-type", LEFT_TO_MAKE_TEST]
        if self.full_refresh:
            args.append("--full-refresh")
        if not whole_project or (self.full_refresh and not views_built):
            return args
        return [*args, "--exclude", KEPT_BY_INCREMENTAL_BUILD, "--indirect-selection", "empty"]


def built_views(run_results: Mapping[str, Any], manifest: Mapping[str, Any]) -> set[str]:
    """The unique ids of the views and seeds of `manifest` (the nodes `KEPT_BY_INCREMENTAL_BUILD`
    selects), when a build (its `run_results`) made every one of them pass; none otherwise (one that
    failed or was skipped must run again)."""
    kept = {
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "seed"
        or (node["resource_type"] == "model" and node["config"]["materialized"] == "view")
    }
    passed = {
        result["unique_id"] for result in run_results["results"] if result["status"] in ("success", "pass")
    }
    return kept if kept <= passed else set()


def plan_dbt_build(build_db: Path) -> DbtBuild:
    """Full when the build file's marts are missing or were built by another project, else incremental."""
    current = dbt_project_hash()
    recorded = published_project_hashes(build_db)
    if not recorded:
        return DbtBuild(current, True, "full build: no marts built by a known dbt project yet")
    if recorded != {current}:
        return DbtBuild(
            current, True, f"full build: the dbt project changed ({', '.join(sorted(recorded))} → {current})"
        )
    return DbtBuild(current, False, f"incremental build: dbt project {current} built the published marts")


def forget_project_hash(build_db: Path) -> None:
    """Make the next refresh build every mart in full (some marts of this build were not rebuilt)."""
    with duckdb.connect(str(build_db)) as con:
        if _has_hash(con):
            con.execute("update marts.meta_build set dbt_project_hash = ''")


def parse_cache(build_db: Path) -> Path:
    """Where dbt's parse of this project is kept between refreshes of the warehouse of `build_db`.

    The project folder is part of the name: the parse records absolute seed paths, which dbt does
    not check when it reuses a parse.
    """
    folder = hashlib.sha256(str(DBT_DIR).encode()).hexdigest()[:12]
    return build_db.parent / f"dbt-{folder}-{PARSE_CACHE}"


def restore_parse(cache: Path, target: Path) -> None:
    """Give a dbt invocation (its target folder) the previous parse, when there is one."""
    if cache.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache, target / PARSE_CACHE)


def _kept(cache: Path, name: str) -> Path:
    """Where the dbt artifact `name` is kept, beside the parse cache `cache`."""
    return cache.with_name(cache.name.replace(PARSE_CACHE, name))


def last_run_results(build_db: Path) -> Path:
    """The `run_results.json` of the last `dbt build` of the warehouse of `build_db`: which nodes
    ran and how (the run's own target folder is removed when its step ends)."""
    return _kept(parse_cache(build_db), RUN_RESULTS)


def keep_parse(target: Path, cache: Path) -> None:
    """Keep the parse a dbt invocation wrote for the next one, and its results beside it (each
    replaced atomically)."""
    for name in (PARSE_CACHE, RUN_RESULTS):
        if (target / name).exists():
            kept = _kept(cache, name)
            staged = kept.with_name(kept.name + ".tmp")
            shutil.copyfile(target / name, staged)
            os.replace(staged, kept)
