"""Pandera (polars) schemas of the extracted tables, validated at each stage of the pipeline.

A raw table's model is the one declaration of its columns (name, dtype, nullability, `description`,
staging in `metadata`; the docstring describes the table): `make contracts` (tools/raw_contracts.py)
writes dbt's sources and staging YAML and the column tables of docs/raw_tables*.md from the models.
"""

from dagster_project.schemas.common import ExtractionIssuesSchema
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS

__all__ = ["STRATEGIC_PLAN_SCHEMAS", "ExtractionIssuesSchema"]
