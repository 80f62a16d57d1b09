"""Asset keys more than one asset module names: each module reads them here, not from the module
that defines the asset."""

from dagster import AssetKey

from dagster_project.extraction import RAW_TABLE_MODELS
from dagster_project.warehouse import RAW_SCHEMA

# The raw tables `raw_tables` writes (assets/warehouse.py), keyed like dbt's sources (`raw/<table>`).
RAW_KEYS = {table: AssetKey([RAW_SCHEMA, table]) for table in RAW_TABLE_MODELS}
