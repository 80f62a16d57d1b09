"""Every cookbook query runs against a freshly built warehouse, and the published page is current."""

from __future__ import annotations

import duckdb
import pytest
from conftest import PublishedRun

from dagster_project.cookbook import COOKBOOK_MD, load_recipes, missing_marts, render, run

RECIPES = load_recipes()


@pytest.fixture(scope="module")
def warehouse(published_run: PublishedRun) -> duckdb.DuckDBPyConnection:
    with duckdb.connect(str(published_run.db), read_only=True) as con:
        yield con


def test_the_cookbook_answers_at_least_ten_questions() -> None:
    assert len(RECIPES) >= 10
    assert all(recipe.question and recipe.sql for recipe in RECIPES)


@pytest.mark.parametrize("recipe", RECIPES, ids=[recipe.path.stem for recipe in RECIPES])
def test_cookbook_query_runs(warehouse: duckdb.DuckDBPyConnection, recipe) -> None:
    missing = missing_marts(warehouse, recipe)
    if missing:
        pytest.skip(f"needs marts not on this branch yet: {missing}")
    columns, _ = run(warehouse, recipe)
    assert columns


def test_where_a_number_comes_from_names_the_line(warehouse: duckdb.DuckDBPyConnection) -> None:
    recipe = next(r for r in RECIPES if r.path.stem == "07_where_a_number_comes_from")
    _, rows = run(warehouse, recipe)
    assert [(where, line, page) for where, _, line, page, _ in rows] == [
        ("document_table_cell", 2548, None),
        ("fct_budget", 2548, None),
    ]


def test_sql_cookbook_page_is_current(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert COOKBOOK_MD.read_text(encoding="utf-8") == render(warehouse, RECIPES), (
        "docs/sql_cookbook.md is out of date: run `make run && make cookbook`"
    )
