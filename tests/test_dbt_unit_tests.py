"""dbt's unit tests (the `unit_tests:` beside the models) in the fast lane, without a refresh.

A unit test needs its model's parents to exist (dbt reads their column types), not their rows:
the raw tables are created empty from their pandera models and dbt builds every parent with
`--empty`, then runs the unit tests. This is their one home: no refresh runs them (fixed inputs;
`dbt_state.LEFT_TO_MAKE_TEST`). The scratch warehouse and target folder stay in
`dbt/target/unit_tests/`, at one path, so the next run reuses dbt's parse of the project (a new
path would change the profile and parse it all again).
"""

from __future__ import annotations

import json
import os
import subprocess

import duckdb

from dagster_project.extraction import raw_table_schemas
from dagster_project.paths import BUILD_DB_ENV, DBT_DIR
from dagster_project.resources import DBT_FLAGS, dbt_executable
from dagster_project.schemas.monitoring import MONITORING_SCHEMAS
from dagster_project.validation import polars_schema
from dagster_project.warehouse import RAW_SCHEMA, ensure_table

# Every reconciliation model, rpt_reconciliation's status rules included, has a unit test of its own
# (one YAML beside it).
RECONCILIATION_MODELS = {
    path.stem for path in (DBT_DIR / "models").rglob("*.sql") if "reconciliation" in path.stem
}


def test_every_dbt_unit_test_passes_on_an_empty_warehouse() -> None:
    target = DBT_DIR / "target" / "unit_tests"
    target.mkdir(parents=True, exist_ok=True)
    db = target / "unit.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with duckdb.connect(str(db)) as con:
        con.execute(f"create schema {RAW_SCHEMA}")
        schemas = raw_table_schemas() | {
            table: polars_schema(model) for table, model in MONITORING_SCHEMAS.items()
        }
        for table, schema in schemas.items():
            ensure_table(con, table, schema)
    completed = subprocess.run(
        [
            dbt_executable(),
            *DBT_FLAGS,
            "build",
            "--empty",
            "--select",
            "+test_type:unit",
            "--exclude",
            "test_type:data",
            "--project-dir",
            str(DBT_DIR),
            "--profiles-dir",
            str(DBT_DIR),
            "--target-path",
            str(target),
        ],
        env={**os.environ, BUILD_DB_ENV: str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        capture_output=True,
        text=True,
        check=False,
    )
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    unit_tests = {r["unique_id"]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    failed = {uid: status for uid, status in unit_tests.items() if status != "pass"}
    assert completed.returncode == 0 and failed == {}, completed.stdout[-4000:]
    tested = {uid.split(".")[2] for uid in unit_tests}
    assert len(RECONCILIATION_MODELS) == 14
    assert RECONCILIATION_MODELS - tested == set()
    assert len(unit_tests) >= 15
