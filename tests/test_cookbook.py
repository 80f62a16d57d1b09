"""Every cookbook query runs against a freshly built warehouse of everything `raw/` ships, and the
published page (`make run && make cookbook`) is current."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from conftest import RAW_DIR, PublishedRun
from test_financial_status_report_e2e import SHIPPED_REPORTS

from dagster_project.cookbook import COOKBOOK_MD, load_recipes, missing_marts, render, run

RECIPES = load_recipes()


@pytest.fixture(scope="module")
def warehouse(
    published_run: PublishedRun, tmp_path_factory: pytest.TempPathFactory
) -> duckdb.DuckDBPyConnection:
    """The warehouse `make run` builds from raw/: the shared refresh of the text documents, copied,
    then refreshed with the PDFs raw/ ships beside them (an incremental refresh: only the two new
    documents are extracted and built, which the incremental tests show equals a full build)."""
    # Imported here: a module that imports it is end-to-end as a whole (conftest `_is_e2e`), and
    # the test that reads no warehouse stays in `make test-fast`.
    from conftest import materialize_refresh

    root = tmp_path_factory.mktemp("cookbook")
    shutil.copytree(published_run.raw, root / "raw")
    shutil.copytree(published_run.db.parent, root / "warehouse")
    for name in SHIPPED_REPORTS:
        shutil.copy(RAW_DIR / name, root / "raw" / name)
    db = root / "warehouse" / "plans.duckdb"
    result = materialize_refresh(root / "raw", db)
    assert result.success
    with duckdb.connect(str(db), read_only=True) as con:
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
