"""A `dbt build` again after documents were set aside (`assets/dbt.py`): what it leaves out and in
which order Dagster receives the nodes (no dbt run: the refresh itself is tests/test_quarantine.py)."""

from __future__ import annotations

from typing import Any

import pytest
from dagster import MetadataValue, Output

from dagster_project.assets.dbt import in_dependency_order
from dagster_project.dbt_state import KEPT_BY_INCREMENTAL_BUILD, DbtBuild, built_views

MANIFEST: dict[str, Any] = {
    "nodes": {
        "seed.p.bands": {"resource_type": "seed", "config": {"materialized": "seed"}},
        "model.p.stg": {"resource_type": "model", "config": {"materialized": "view"}},
        "model.p.mart": {"resource_type": "model", "config": {"materialized": "incremental"}},
        "model.p.int": {"resource_type": "model", "config": {"materialized": "view"}},
        "test.p.not_null_mart": {"resource_type": "test", "config": {}},
    },
    "parent_map": {
        "seed.p.bands": [],
        "model.p.stg": [],
        "model.p.mart": ["model.p.stg", "seed.p.bands"],
        "model.p.int": ["model.p.mart"],
        "test.p.not_null_mart": ["model.p.mart"],
    },
}


def results(**statuses: str) -> dict[str, Any]:
    """run_results.json of a build: every node passed but those named (`stg="skipped"`)."""
    passed = {"bands": "success", "stg": "success", "mart": "success", "int": "success"}
    return {
        "results": [
            {"unique_id": "seed.p.bands" if name == "bands" else f"model.p.{name}", "status": status}
            for name, status in (passed | statuses).items()
        ]
    }


def test_views_and_seeds_are_kept_only_when_every_view_and_seed_passed() -> None:
    assert built_views(results(), MANIFEST) == {"seed.p.bands", "model.p.stg", "model.p.int"}
    # A view skipped after a failed test upstream, or a seed that failed, must run again.
    assert built_views(results(int="skipped"), MANIFEST) == set()
    assert built_views(results(bands="error"), MANIFEST) == set()
    # A table that failed is built again anyway: it does not stop the views being kept.
    assert built_views(results(mart="error"), MANIFEST) != set()


@pytest.mark.parametrize(
    ("build", "whole_project", "views_built", "kept"),
    [
        (DbtBuild("h", True, ""), True, False, False),
        (DbtBuild("h", True, ""), True, True, True),
        (DbtBuild("h", True, ""), False, True, False),
        (DbtBuild("h", False, ""), True, False, True),
        (DbtBuild("h", False, ""), False, False, False),
    ],
)
def test_a_build_leaves_out_the_kept_nodes_when_incremental_or_built_again(
    build: DbtBuild, whole_project: bool, views_built: bool, kept: bool
) -> None:
    args = build.args(whole_project, views_built)
    # No refresh runs the unit tests: `make test` does (tests/test_dbt_unit_tests.py).
    assert args[args.index("--exclude-resource-type") + 1] == "unit_test"
    assert ("--full-refresh" in args) == build.full_refresh
    assert (KEPT_BY_INCREMENTAL_BUILD in args) == kept
    assert ("--indirect-selection" in args) == kept


def test_the_views_of_the_first_build_reach_dagster_after_the_tables_they_read() -> None:
    def output(node: str) -> Output:
        return Output(None, node.split(".")[-1], metadata={"unique_id": MetadataValue.text(node)})

    kept = [output("seed.p.bands"), output("model.p.stg"), output("model.p.int")]
    again = [output("model.p.mart"), output("test.p.not_null_mart")]
    ordered = [event.output_name for event in in_dependency_order(kept + again, MANIFEST)]
    assert ordered.index("int") > ordered.index("mart") > max(ordered.index("stg"), ordered.index("bands"))
    assert ordered.index("not_null_mart") > ordered.index("mart")
