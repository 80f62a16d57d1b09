"""What the UI says about a raw table and a pandera check, from where each is documented once.

A raw table is described once, by its pandera model's docstring; `make contracts` writes it into dbt's
sources (`dbt/models/staging/_sources.yml`, what analysts read in the dbt docs), where the UI reads it.
"""

from __future__ import annotations

import json
from functools import cache

import pandera.polars as pa
from dagster import AssetCheckSpec, AssetKey

from dagster_project.resources import dbt_project


@cache
def source_descriptions() -> dict[str, str]:
    """raw table → its description in dbt's sources (the manifest is prepared before import)."""
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    return {
        source["name"]: source["description"]
        for source in manifest["sources"].values()
        if source["source_name"] == "raw" and source.get("description")
    }


def raw_table_description(table: str, model: type[pa.DataFrameModel]) -> str:
    """The dbt source's description (the pandera model's docstring, as `make contracts` wrote it)."""
    return (
        source_descriptions().get(table)
        or (model.__doc__ or "").strip()
        or f"raw.{table} (pandera model {model.__name__})"
    )


def pandera_check_spec(name: str, asset: str | AssetKey, model: type[pa.DataFrameModel]) -> AssetCheckSpec:
    """A blocking check of one table against its pandera model, described for the UI."""
    return AssetCheckSpec(
        name,
        asset=asset,
        blocking=True,
        description=(
            f"pandera model `{model.__name__}`: every column's type and nullability and the model's "
            "rules. Blocking: a failure stops the refresh before publishing (rule-level warnings are "
            "findings)."
        ),
    )
