"""A model's row rules are one dbt test (`dbt/tests/generic/row_rules.sql`): not null, unique,
accepted values and expressions, whose failing rows are the model's own and name the rules they
broke, so a document they break is set aside with its lines and those rules named.

The test's SQL is rendered by dbt's own Jinja environment and run on a small DuckDB file: no dbt
process, so it stays in the fast lane (a refresh runs the real test, tests/test_refresh_safety.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from dbt_common.clients.jinja import get_environment

from dagster_project.assets import dbt as dbt_assets
from dagster_project.document_scan import DOCUMENT_TYPES
from dagster_project.exports.catalog import LABELS_FILE
from dagster_project.paths import DBT_DIR
from dagster_project.quarantine import FailedTest, SetAside, attribute_failures
from dagster_project.resources import dbt_project

GENERIC_TEST = DBT_DIR / "tests" / "generic" / "row_rules.sql"
LABELLED_VALUE = DBT_DIR / "tests" / "generic" / "labelled_value.sql"
PLAN = "kocaeli-bb-sp-2020-2024"
PROGRAMME = "kayseri-bb-pp-2024"


def row_rules_sql(model: str, **rules: Any) -> str:
    """The test's SQL as dbt compiles it: dbt's Jinja turns `{% test row_rules %}` into the macro
    `dbt_macro__test_row_rules`."""
    template = get_environment().from_string(GENERIC_TEST.read_text(encoding="utf-8"))
    return template.module.dbt_macro__test_row_rules(model=model, **rules)


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Targets of a plan whose cards at lines 1271 and 1296 lost their goal (the second its code
    too), the card at 1321 repeating KE.1.1's code, beside a programme's intact ones."""
    con = duckdb.connect(str(tmp_path / "small.duckdb"))
    con.execute("create schema staging")
    con.execute(
        "create table staging.stg_raw__sp_targets as select * from (values "
        f"('{PLAN}', 'KE.1.1', 'KE.1', 1246), ('{PLAN}', 'KE.1.2', null, 1271), "
        f"('{PLAN}', null, null, 1296), ('{PLAN}', 'KE.1.1', 'KE.1', 1321), ('{PROGRAMME}', '1.1', '1', 40)"
        ") as targets(document_id, target_code, goal_code, source_line)"
    )
    return con


TARGET_RULES = {
    "not_null": ["document_id", "target_code", "goal_code"],
    "unique": [["document_id", "target_code"]],
}


def test_each_failing_row_names_the_rules_it_broke(con: duckdb.DuckDBPyConnection) -> None:
    sql = row_rules_sql("staging.stg_raw__sp_targets", **TARGET_RULES)
    rows = con.execute(
        f"select document_id, source_line, broken_rules from ({sql}) order by source_line"
    ).fetchall()
    assert rows == [
        (PLAN, 1246, "unique document_id+target_code"),
        (PLAN, 1271, "not_null goal_code"),
        (PLAN, 1296, "not_null target_code, not_null goal_code"),
        (PLAN, 1321, "unique document_id+target_code"),
    ]
    # the failing rows keep every column of the model, and nothing else
    assert [c[0] for c in con.execute(f"describe ({sql})").fetchall()] == [
        "document_id",
        "target_code",
        "goal_code",
        "source_line",
        "broken_rules",
    ]
    # dbt passes a test with a `where` config its model as a subquery
    programme = f"(select * from staging.stg_raw__sp_targets where document_id = '{PROGRAMME}')"
    assert con.execute(row_rules_sql(programme, **TARGET_RULES)).fetchall() == []


def test_nulls_pass_a_unique_column_and_accepted_values_and_fail_an_expression(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """As dbt's `unique` and `accepted_values`: a null is no duplicate and no unknown value. A grain
    key's nulls compare equal (two KE.1.2 cards without a goal: one grain). An expression that is
    null is not true."""
    con.execute(
        "create table staging.codes as select * from (values "
        "('01', 'a', 1), ('01', 'b', 2), (null, 'a', 3), (null, 'x', 4), ('02', null, 5), ('03', null, 6)"
        ") as codes(code, kind, n)"
    )
    sql = row_rules_sql(
        "staging.codes",
        unique=["code", ["kind"]],
        accepted_values={"kind": ["a", "b"]},
        expressions=["n < 6"],
    )
    rows = con.execute(f"select n, broken_rules from ({sql}) order by n").fetchall()
    assert rows == [
        (1, "unique code, unique kind"),
        (2, "unique code"),
        (3, "unique kind"),
        (4, "accepted_values kind"),
        (5, "unique kind"),
        (6, "unique kind, expression n < 6"),
    ]


def test_the_document_is_set_aside_with_its_lines_and_the_rules_it_broke(
    con: duckdb.DuckDBPyConnection,
) -> None:
    sql = row_rules_sql("staging.stg_raw__sp_targets", **TARGET_RULES)
    test = FailedTest(
        "rules_stg_raw__sp_targets",
        "test.plan_warehouse.rules_stg_raw__sp_targets.01",
        sql,
        "staging.stg_raw__sp_targets",
        None,
    )
    set_aside, whole = attribute_failures(con, test, {PLAN, PROGRAMME})
    assert whole
    assert set_aside == [
        SetAside(
            PLAN,
            "dbt",
            "rules_stg_raw__sp_targets",
            "stg_raw__sp_targets",
            4,
            (1246, 1271, 1296, 1321),
            "dbt test test.plan_warehouse.rules_stg_raw__sp_targets.01: not_null goal_code, not_null target_code, "
            "unique document_id+target_code",
        )
    ]


def test_broken_rules_in_a_model_without_documents_are_no_documents_failure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """A mart of codes (dim_economic_code) has no document_id: its failure stops the refresh."""
    con.execute("create table staging.codes as select * from (values ('01', null)) as codes(code, name)")
    sql = row_rules_sql("staging.codes", not_null=["code", "name"])
    test = FailedTest("rules_codes", "test.plan_warehouse.rules_codes.01", sql, "staging.codes", None)
    assert attribute_failures(con, test, {PLAN}) == ([], False)


def manifest_nodes() -> list[dict[str, Any]]:
    if not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)
    return list(json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"].values())


def test_the_ui_describes_the_test_with_its_rules() -> None:
    [node] = [node for node in manifest_nodes() if node["name"] == "rules_dim_indicator"]
    assert dbt_assets.test_description(node) == (
        "dbt test `row_rules`: no null in `indicator_id`, `document_id`, `indicator_code`, `target_id`; "
        "unique `indicator_id`; `weight_pct is null or weight_pct between 0 and 100` (a failing row's "
        "`broken_rules` names them). Severity error: a failure stops the refresh before publishing."
    )
    [node] = [node for node in manifest_nodes() if node["name"] == "rules_agg_budget_by_economic_code"]
    assert "`abs(activity_try + general_administration_try + transfers_try - total_try) < 0.005`" in (
        dbt_assets.test_description(node)
    )


def test_a_models_row_rules_are_one_test_named_after_it() -> None:
    """Each dbt test is a node and a Dagster check, and a build's time is mostly per node: a model's
    not null, unique, accepted values and expression rules are one test, `rules_<model>`, but for
    rules with a `where` of their own (fct_budget's codes by grain). dbt's own `not_null` selects only
    its column unless it stores failures, and a set-aside reads a failed test's rows with its
    compiled SQL: the one left only warns (fct_budget's amounts), and a warning sets nothing aside."""
    tests = [
        node for node in manifest_nodes() if node["resource_type"] == "test" and node.get("test_metadata")
    ]
    kinds = {(node["test_metadata"]["name"], node["config"]["severity"].lower()) for node in tests}
    assert kinds == {
        ("row_rules", "error"),
        ("relationships", "error"),
        ("relationships", "warn"),
        ("labelled_value", "error"),
        ("not_null", "warn"),
    }
    rules = {
        node["name"]: node["attached_node"].split(".")[-1]
        for node in tests
        if node["test_metadata"]["name"] == "row_rules"
    }
    assert len(rules) == 62
    assert {name for name, model in rules.items() if name != f"rules_{model}"} == {
        "rules_fct_budget_goal_rows",
        "rules_fct_budget_activity_rows",
    }
    assert rules["rules_stg_raw__sp_targets"] == "stg_raw__sp_targets"


# -- labelled_value: a code column's values are the label rows of seeds/export_labels.csv ---------


def labelled_value_sql(model: str, column_name: str) -> str:
    """`labelled_value`'s SQL as dbt compiles it, the seed at `seeds.export_labels`."""
    template = get_environment().from_string(
        LABELLED_VALUE.read_text(encoding="utf-8"), globals={"ref": lambda name: f"seeds.{name}"}
    )
    return template.module.dbt_macro__test_labelled_value(model=model, column_name=column_name)


def test_a_code_without_a_label_row_sets_its_document_aside_with_its_lines(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """The failing rows are the model's own, as `row_rules`': the document and its lines, not just
    the value (a value alone names no document, and the refresh would stop)."""
    con.execute("create schema seeds")
    con.execute(
        f"create table seeds.export_labels as select * from read_csv('{LABELS_FILE}', all_varchar = true)"
    )
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_budget as select * from (values "
        f"('{PROGRAMME}', 'budget', 812), ('{PROGRAMME}', 'grant', 813), ('{PROGRAMME}', null, 814), "
        f"('{PLAN}', null, 1512)) as budget(document_id, funding_source, source_line)"
    )
    name = "labelled_value_fct_budget_funding_source"
    sql = labelled_value_sql("marts.fct_budget", "funding_source")
    test = FailedTest(name, f"test.plan_warehouse.{name}.01", sql, "marts.fct_budget", "funding_source")
    set_aside, whole = attribute_failures(con, test, {PLAN, PROGRAMME})
    assert whole
    assert set_aside == [
        SetAside(PROGRAMME, "dbt", name, "fct_budget", 1, (813,), f"dbt test test.plan_warehouse.{name}.01")
    ]


def test_a_new_document_type_needs_only_its_label_row() -> None:
    """dim_document's types are checked against the seed (`labelled_value`), not a list of their
    own: every type the scanner knows has its label, and no row rule lists the types again."""
    with LABELS_FILE.open(encoding="utf-8") as handle:
        labels = {line.split(",")[2] for line in handle if line.startswith("value,document_type,")}
    assert (
        labels
        == set(DOCUMENT_TYPES)
        == {"strategic_plan", "performance_programme", "financial_status_report"}
    )
    tests = {node["name"]: node for node in manifest_nodes() if node["resource_type"] == "test"}
    assert "labelled_value_dim_document_document_type" in tests
    accepted = tests["rules_dim_document"]["test_metadata"]["kwargs"]["accepted_values"]
    assert set(accepted) == {"detected_from"}
