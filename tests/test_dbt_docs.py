"""Every dbt model and column is described, so the docs site and the Dagster UI explain the whole warehouse.

The manifest test covers models added later by anyone; the warehouse test also catches a column a
model selects but its YAML forgot (the manifest only knows declared columns).
"""

from __future__ import annotations

import json

import duckdb
import pytest
from conftest import PublishedRun

from dagster_project.resources import dbt_project


@pytest.fixture(scope="module")
def manifest() -> dict:
    if not dbt_project.manifest_path.exists():
        dbt_project.preparer.prepare(dbt_project)
    return json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def models(manifest: dict) -> list[dict]:
    return [node for node in manifest["nodes"].values() if node["resource_type"] in ("model", "seed")]


def test_every_model_and_declared_column_has_a_description(models: list[dict]) -> None:
    undescribed = [node["name"] for node in models if not node["description"].strip()]
    undescribed += [
        f"{node['name']}.{column}"
        for node in models
        for column, spec in node["columns"].items()
        if not spec.get("description", "").strip()
    ]
    assert len(models) > 30
    assert undescribed == []


def test_every_built_column_is_declared_in_yaml(models: list[dict], published_run: PublishedRun) -> None:
    with duckdb.connect(str(published_run.db), read_only=True) as con:
        built = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_schema in ('staging', 'intermediate', 'marts', 'seeds')"
        ).fetchall()
    declared = {(node["schema"], node["name"]): set(node["columns"]) for node in models}
    missing = sorted(
        f"{schema}.{table}.{column}"
        for schema, table, column in built
        if (schema, table) in declared and column not in declared[(schema, table)]
    )
    assert {(schema, table) for schema, table, _ in built} <= set(declared)
    assert missing == []
