"""The `published_warehouse` asset: the last step of a refresh, run only when every check passed."""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from dagster_project.assets.dbt import dbt_models
from dagster_project.markdown import markdown_table
from dagster_project.publishing import publish
from dagster_project.resources import Warehouse
from dagster_project.run_scope import require_built_here
from dagster_project.warehouse import connect

# The marts, not every dbt asset: an incremental build keeps the published views and seeds
# (dagster_project/dbt_state.py), and the step still waits for every dbt test.
MARTS = [key for key in dbt_models.keys if key.path[0] == "marts"]


@asset(
    group_name="publish",
    deps=MARTS,
    kinds={"duckdb"},
    owners=["team:strategy-data"],
    pool="duckdb_writer",
)
def published_warehouse(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    """Move the checked build over the analysts' file (atomic rename), keeping the previous version.

    Blocking checks upstream (pandera on parser output, raw tables and marts; dbt tests of severity
    `error`) stop the run before this step, so a failed night leaves the analysts' file untouched;
    findings never stop it (see `publishing` for the rule).
    """
    require_built_here(context)
    context.log.info(f"publishing {warehouse.build_db} over {warehouse.files.published}")
    # The first publish has no previous file to keep: say so rather than name a file that is not there.
    had_published = warehouse.files.published.exists()
    path = publish(warehouse.files)
    with connect(path, read_only=True) as con:
        built = con.sql(
            "select document_id, source_file, source_sha256, built_at from marts.meta_build order by document_id"
        ).fetchall()
    previous = str(warehouse.files.previous) if had_published else "none (first publish)"
    context.log.info(f"published {path} ({len(built)} documents); previous version kept: {previous}")
    return MaterializeResult(
        metadata={
            "published": str(path),
            "previous": previous,
            "documents": len(built),
            "built_from": MetadataValue.md(
                markdown_table(
                    ["document_id", "file", "sha256", "built_at"], [(d, f, h[:12], b) for d, f, h, b in built]
                )
            ),
        }
    )
