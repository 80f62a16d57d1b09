"""Headless refresh for `make run` and cron: run the refresh job, then print what was built.

Usage: `python -m dagster_project.cli refresh` (exit status 1 when any step or blocking check failed,
or when every document of raw/ was set aside: nothing new could be published; documents set aside
beside others that published are listed and the exit status is 0)
and `python -m dagster_project.cli summary` (read-only; works while others read the warehouse).
"""

from __future__ import annotations

import sys

import duckdb

from dagster_project.publishing import RefreshInProgress, WarehouseFiles, refresh_lock
from dagster_project.resources import warehouse_db_path
from dagster_project.warehouse import connect, quote_identifier

# Step-level progress without Dagster's debug chatter.
_INFO_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def refresh() -> int:
    """Run `refresh_warehouse` in this process, recorded in `$DAGSTER_HOME` like a UI run.

    One refresh at a time: a second one (from another shell, or while the UI runs one) is refused.
    """
    from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

    from dagster_project.definitions import defs

    job = defs.resolve_job_def("refresh_warehouse")
    try:
        with refresh_lock(WarehouseFiles(warehouse_db_path())), DagsterInstance.get() as instance:
            running = instance.get_run_records(
                RunsFilter(job_name=job.name, statuses=[DagsterRunStatus.STARTED, DagsterRunStatus.STARTING])
            )
            if running:
                print(f"refresh refused: run {running[0].dagster_run.run_id} of {job.name} is in progress")
                return 1
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=_INFO_LOGS)
    except RefreshInProgress as error:
        print(f"refresh refused: {error}")
        return 1
    if not result.success:
        failed = [event.step_key for event in result.all_events if event.is_step_failure]
        steps = ", ".join(map(str, failed)) or "see the run log"
        print(f"refresh FAILED (run {result.run_id}); failed steps: {steps}")
        return 1
    return summary()


def set_aside_documents(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    """(document_id, what failed, lines, published version) of every document the refresh set aside."""
    [(found,)] = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'marts' and table_name = 'rpt_quarantine'"
    ).fetchall()
    if not found:
        return []
    return con.execute(
        "select document_id, string_agg(check_name || ' (' || failing_rows || ' rows)', ', '), "
        "string_agg(source_lines, '; '), any_value(published_version) "
        "from marts.rpt_quarantine group by document_id order by document_id"
    ).fetchall()


def summary() -> int:
    """Print the warehouse path, every mart with its row count, and the findings to look at."""
    db_path = warehouse_db_path()
    with connect(db_path, read_only=True) as con:
        marts = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by table_name"
        ).fetchall()
        print(f"warehouse: {db_path}")
        print("open read-only: duckdb -readonly " + str(db_path))
        for (table,) in marts:
            count = con.execute(f"select count(*) from marts.{quote_identifier(table)}").fetchone()[0]
            print(f"  marts.{table:<32} {count:>7} rows")
        for label, sql in (
            (
                "reconciliation",
                "select status, count(*) from marts.rpt_reconciliation group by all order by all",
            ),
            (
                "extraction issues",
                "select severity, count(*) from marts.rpt_extraction_issues group by all order by all",
            ),
        ):
            counts = ", ".join(f"{key}: {value}" for key, value in con.execute(sql).fetchall())
            print(f"{label}: {counts or 'none'}")
        set_aside = set_aside_documents(con)
        published = con.execute("select count(*) from raw.documents").fetchone()[0]
    for document_id, checks, lines, version in set_aside:
        print(f"SET ASIDE {document_id}: {checks}; lines {lines or 'unknown'}; {version}")
    if set_aside and published <= sum(version != "left out" for *_, version in set_aside):
        print("refresh published nothing new: every document was set aside (see marts.rpt_quarantine)")
        return 1
    return 0


def main(argv: list[str]) -> int:
    commands = {"refresh": refresh, "summary": summary}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
