"""The Dagster code location: assets, checks, the refresh job, its schedule and sensor."""

from __future__ import annotations

from dagster import Definitions, load_asset_checks_from_modules, load_assets_from_modules

from dagster_project import automation
from dagster_project.assets import (
    dbt,
    exports,
    extraction,
    marts,
    monitoring,
    plan_documents,
    publish,
    warehouse,
)
from dagster_project.resources import build_resources

_modules = [plan_documents, extraction, warehouse, monitoring, dbt, marts, publish, exports]

defs = Definitions(
    assets=load_assets_from_modules(_modules),
    asset_checks=load_asset_checks_from_modules(_modules),
    jobs=[automation.refresh_warehouse, automation.rebuild_marts],
    schedules=[automation.nightly_refresh],
    sensors=[automation.raw_documents_sensor],
    resources=build_resources(),
)
