"""Pandera (polars) schemas of the extracted tables, validated at each stage of the pipeline."""

from dagster_project.schemas.common import ExtractionIssuesSchema
from dagster_project.schemas.strategic_plan import STRATEGIC_PLAN_SCHEMAS

__all__ = ["STRATEGIC_PLAN_SCHEMAS", "ExtractionIssuesSchema"]
