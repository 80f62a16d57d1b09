"""A document set aside by a singular dbt test says where and what: the line of the figure the
test checks and the values it compared, read from the test's failing rows (its compiled SQL, run
again on the build file), so the data team needs no SQL to see why (the brief: which file, which
line, what was expected). A small DuckDB file holds the failing rows each test's SQL selects.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dagster_project.quarantine import FailedTest, SetAside, attribute_failures, failed_tests

GRAND_TOTAL = "assert_fct_budget_matches_performance_programme_grand_total"
PROGRAMME = "tokat-bb-pp-2024"


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "small.duckdb"))
    con.execute("create schema dbt_test__audit")
    return con


def singular(name: str) -> FailedTest:
    return FailedTest(
        name,
        f"test.plan_warehouse.{name}",
        f"select * from dbt_test__audit.{name}",
        None,
        None,
        singular=True,
    )


def test_the_grand_total_failure_names_its_line_and_both_amounts(con: duckdb.DuckDBPyConnection) -> None:
    # Kayseri's programme with lines 2000-2400 cut: section 2.5 still states 11.500.000.000,00.
    con.execute(
        f"create table dbt_test__audit.{GRAND_TOTAL} as select * from (values "
        f"('{PROGRAMME}', 11500000000.00::decimal(18, 2), 11221560000.50::decimal(38, 2), 4032)"
        ") as failures(document_id, stated_total_try, fact_total_try, source_line)"
    )
    assert attribute_failures(con, singular(GRAND_TOTAL), {PROGRAMME}) == (
        [
            SetAside(
                PROGRAMME,
                "dbt",
                GRAND_TOTAL,
                None,
                1,
                (4032,),
                f"dbt test test.plan_warehouse.{GRAND_TOTAL}: stated_total_try 11.500.000.000, "
                "fact_total_try 11.221.560.000,50",
            )
        ],
        True,
    )


def test_the_first_three_findings_are_listed_by_line_then_how_many_more(
    con: duckdb.DuckDBPyConnection,
) -> None:
    name = "assert_fct_budget_activity_rows_match_cost_rows"
    con.execute(
        f"create table dbt_test__audit.{name} as select * from (values "
        f"('{PROGRAMME}', 'F9', 30.0, null, 1500), ('{PROGRAMME}', 'F1', 10.0, 9.5, 1200), "
        f"('{PROGRAMME}', 'F2', 20.0, 0.0, 1300), ('{PROGRAMME}', 'F3', 5.0, 5.25, 1400), "
        "('kocaeli-bb-sp-2020-2024', 'F1', 1.0, 2.0, 10)"
        ") as failures(document_id, activity_id, cost_rows_try, fact_try, source_line)"
    )
    [item], whole = attribute_failures(con, singular(name), {PROGRAMME})
    assert not whole  # a row of a document this refresh did not load: not one document's failure
    assert (item.failing_rows, item.source_lines) == (4, (1200, 1300, 1400, 1500))
    assert item.detail == (
        f"dbt test test.plan_warehouse.{name}: activity_id F1, cost_rows_try 10, fact_try 9,50; "
        "activity_id F2, cost_rows_try 20, fact_try 0; activity_id F3, cost_rows_try 5, fact_try 5,25"
        " … (+1 more rows)"
    )


def test_a_generic_tests_failing_rows_are_not_listed(con: duckdb.DuckDBPyConnection) -> None:
    """A generic test's rows are the model's (`select *`): only a singular test chose its columns."""
    name = "rules_dim_target"
    con.execute(
        f"create table dbt_test__audit.{name} as select * from (values "
        f"('{PROGRAMME}', 'H1', -5.0, 88)) as failures(document_id, target_code, cost_estimate_try, source_line)"
    )
    generic = FailedTest(
        name, f"test.plan_warehouse.{name}.1", f"select * from dbt_test__audit.{name}", None, None
    )
    [item], whole = attribute_failures(con, generic, {PROGRAMME})
    assert (whole, item.source_lines, item.detail) == (True, (88,), f"dbt test test.plan_warehouse.{name}.1")


def test_a_generic_tests_model_is_found_in_a_build_file_of_any_name(con: duckdb.DuckDBPyConnection) -> None:
    """The prepared manifest names the models in the database `plans` (the build file `make manifest`
    parsed for); a warehouse at another path (`PLAN_WAREHOUSE_DB=/srv/w.duckdb`) is another database."""
    con.execute("create schema marts")
    con.execute(
        "create table marts.dim_activity as select * from (values "
        f"('{PROGRAMME}', 'F1', 'H9', 43), ('{PROGRAMME}', 'F2', 'H1', 44)"
        ") as activities(document_id, activity_code, target_id, source_line)"
    )
    name = "relationships_dim_activity_target_id__target_id__ref_dim_target_"
    con.execute(f"create table dbt_test__audit.{name} as select 'H9' as from_field")
    manifest = {
        "nodes": {
            f"test.plan_warehouse.{name}.1": {
                "name": name,
                "attached_node": "model.plan_warehouse.dim_activity",
                "column_name": "target_id",
                "test_metadata": {"name": "relationships"},
            },
            "model.plan_warehouse.dim_activity": {
                "relation_name": '"plans"."marts"."dim_activity"',
                "schema": "marts",
                "alias": "dim_activity",
            },
        }
    }
    run_results = {
        "results": [
            {
                "status": "fail",
                "unique_id": f"test.plan_warehouse.{name}.1",
                "compiled_code": f'select * from "small"."dbt_test__audit"."{name}"',
            }
        ]
    }
    [test] = failed_tests(run_results, manifest)
    assert (test.model_relation, test.singular) == ('"marts"."dim_activity"', False)
    [item], whole = attribute_failures(con, test, {PROGRAMME})
    assert (whole, item.table_name, item.source_lines) == (True, "dim_activity", (43,))
