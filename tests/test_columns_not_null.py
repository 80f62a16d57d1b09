"""A model's not_null columns are one dbt test (`dbt/tests/generic/columns_not_null.sql`) whose
failing rows name the null column, so a document they break is set aside with that column named.

The test's SQL is rendered by dbt's own Jinja environment and run on a small DuckDB file: no dbt
process, so it stays in the fast lane (a refresh runs the real test, tests/test_refresh_safety.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from dbt_common.clients.jinja import get_environment

from dagster_project.assets import dbt as dbt_assets
from dagster_project.quarantine import FailedTest, SetAside, attribute_failures
from dagster_project.resources import DBT_DIR, dbt_project

GENERIC_TEST = DBT_DIR / "tests" / "generic" / "columns_not_null.sql"
PLAN = "kocaeli-bb-sp-2020-2024"
PROGRAMME = "kayseri-bb-pp-2024"


def columns_not_null_sql(model: str, columns: list[str]) -> str:
    """The test's SQL as dbt compiles it: dbt's Jinja turns `{% test columns_not_null %}` into
    the macro `dbt_macro__test_columns_not_null`."""
    template = get_environment().from_string(GENERIC_TEST.read_text(encoding="utf-8"))
    return template.module.dbt_macro__test_columns_not_null(model=model, columns=columns)


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Targets of a plan whose cards at lines 1271 and 1296 lost their goal (the second its code
    too), beside a programme's intact ones, and their failing rows stored as dbt stores them."""
    con = duckdb.connect(str(tmp_path / "small.duckdb"))
    con.execute("create schema staging")
    con.execute(
        "create table staging.stg_raw__sp_targets as select * from (values "
        f"('{PLAN}', 'KE.1.1', 'KE.1', 1246), ('{PLAN}', 'KE.1.2', null, 1271), "
        f"('{PLAN}', null, null, 1296), ('{PROGRAMME}', '1.1', '1', 40)"
        ") as targets(document_id, target_code, goal_code, source_line)"
    )
    sql = columns_not_null_sql("staging.stg_raw__sp_targets", ["document_id", "target_code", "goal_code"])
    con.execute("create schema dbt_test__audit")
    con.execute(f"create table dbt_test__audit.not_null_stg_raw__sp_targets as {sql}")
    return con


def test_a_null_in_one_column_fails_with_a_row_naming_that_column(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select document_id, source_line, null_columns from dbt_test__audit.not_null_stg_raw__sp_targets "
        "order by source_line"
    ).fetchall()
    assert rows == [(PLAN, 1271, "goal_code"), (PLAN, 1296, "target_code, goal_code")]
    # dbt passes a test with a `where` config its model as a subquery
    programme = f"(select * from staging.stg_raw__sp_targets where document_id = '{PROGRAMME}')"
    assert con.execute(columns_not_null_sql(programme, ["target_code", "goal_code"])).fetchall() == []


def test_the_document_is_set_aside_with_its_lines_and_the_null_columns(
    con: duckdb.DuckDBPyConnection,
) -> None:
    test = FailedTest(
        "not_null_stg_raw__sp_targets",
        "test.plan_warehouse.not_null_stg_raw__sp_targets.01",
        "select * from dbt_test__audit.not_null_stg_raw__sp_targets",
        "staging.stg_raw__sp_targets",
        None,
    )
    set_aside, whole = attribute_failures(con, test, {PLAN, PROGRAMME})
    assert whole
    assert set_aside == [
        SetAside(
            PLAN,
            "dbt",
            "not_null_stg_raw__sp_targets",
            "stg_raw__sp_targets",
            2,
            (1271, 1296),
            "dbt test test.plan_warehouse.not_null_stg_raw__sp_targets.01: null in goal_code, target_code",
        )
    ]


def test_nulls_in_a_model_without_documents_are_no_documents_failure(con: duckdb.DuckDBPyConnection) -> None:
    """A mart of codes (dim_economic_code) has no document_id: its failure stops the refresh."""
    con.execute("create table staging.codes as select * from (values ('01', null)) as codes(code, name)")
    sql = columns_not_null_sql("staging.codes", ["code", "name"])
    con.execute(f"create table dbt_test__audit.not_null_codes as {sql}")
    test = FailedTest(
        "not_null_codes",
        "test.plan_warehouse.not_null_codes.01",
        "select * from dbt_test__audit.not_null_codes",
        "staging.codes",
        None,
    )
    assert attribute_failures(con, test, {PLAN}) == ([], False)


def test_the_ui_describes_the_test_with_the_columns_it_checks() -> None:
    if not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)
    nodes = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"]
    [node] = [node for node in nodes.values() if node["name"] == "not_null_stg_raw__sp_targets"]
    assert dbt_assets.test_description(node) == (
        "dbt test `columns_not_null`: no null in `document_id`, `target_code`, `goal_code` (a failing "
        "row's `null_columns` names them). Severity error: a failure stops the refresh before publishing."
    )


def test_no_error_severity_test_is_dbts_own_not_null() -> None:
    """dbt's `not_null` selects only its column unless it stores failures, and a set-aside reads a
    failed test's rows with the test's compiled SQL (`quarantine`): a null there would lead to no
    document. Every error-severity not_null is `columns_not_null`, whose rows are the model's."""
    if not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)
    nodes = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    tests = [node for node in nodes if node["resource_type"] == "test" and node.get("test_metadata")]
    kinds = {(node["test_metadata"]["name"], node["config"]["severity"].lower()) for node in tests}
    assert ("columns_not_null", "error") in kinds
    assert ("not_null", "error") not in kinds
    assert [node["name"] for node in tests if node["test_metadata"]["name"] == "not_null"] == [
        "not_null_fct_budget_amount_try"  # severity warn: a finding, never a set-aside
    ]
