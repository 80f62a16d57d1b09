"""pandera checks on the marts, read through a read-only connection after dbt has built them."""

from collections.abc import Iterator

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSpec, AssetKey, multi_asset_check

from dagster_project.assets.extraction import check_result
from dagster_project.resources import Warehouse
from dagster_project.schemas.marts import MART_MODELS
from dagster_project.validation import validate
from dagster_project.warehouse import connect, read_table

MART_SCHEMA = "marts"


@multi_asset_check(
    specs=[
        AssetCheckSpec("pandera_schema", asset=AssetKey([MART_SCHEMA, mart]), blocking=True)
        for mart in MART_MODELS
    ]
)
def mart_schemas(context: AssetCheckExecutionContext, warehouse: Warehouse) -> Iterator[AssetCheckResult]:
    """Validate the analysts' main tables with pandera, read-only as an analyst would, before publishing."""
    with connect(warehouse.build_db, read_only=True) as con:
        for mart, model in MART_MODELS.items():
            result = validate(model, read_table(con, MART_SCHEMA, mart), mart)
            context.log.info(f"marts.{mart}: {result.rows} rows, {result.failures} failures")
            yield check_result(result, "pandera_schema", AssetKey([MART_SCHEMA, mart]))
