"""Headless refresh for `make run` and cron: run the refresh job, then print what was built.

Usage: `python -m dagster_project.cli refresh` (exit status 1 when any step or blocking check failed,
or when every document of raw/ was set aside: nothing new could be published; documents set aside
beside others that published are listed and the exit status is 0)
and `python -m dagster_project.cli summary` (read-only; works while others read the warehouse).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from dagster_project.crashed_runs import (
    OWNER_TAG,
    WRITER_POOL,
    mark_this_process,
    recover_crashed_runs,
    wait_for_writer_slot,
)
from dagster_project.exports.status import set_aside_documents
from dagster_project.paths import default_environment, warehouse_db_path
from dagster_project.publishing import RefreshInProgress, WarehouseFiles, discard_build, refresh_lock
from dagster_project.quarantine import LEFT_OUT
from dagster_project.warehouse import connect, quote_identifier

# Step-level progress without Dagster's debug chatter.
_INFO_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def refresh() -> int:
    """Run `refresh_warehouse` in this process, recorded in `$DAGSTER_HOME` like a UI run.

    One refresh at a time: a second one (from another shell, or while the UI runs one) is refused.
    A refresh that was killed needs no cleanup: this one finds it and cleans up (`crashed_runs`).
    The paths Dagster's resources and dbt read are set here when the caller did not set them.
    """
    for name, value in default_environment().items():
        os.environ.setdefault(name, value)
    try:
        # The lock first: a second refresh is refused at once, not after Dagster has loaded.
        with refresh_lock(WarehouseFiles(warehouse_db_path())):
            return run_refresh_job()
    except RefreshInProgress as error:
        print(f"refresh refused: {error}")
        return 1


def run_refresh_job() -> int:
    """The refresh job in this process, after cleaning up runs whose process is gone, unless the
    Dagster instance is running one (the UI's)."""
    from dagster import DagsterInstance

    from dagster_project.definitions import defs

    job = defs.resolve_job_def("refresh_warehouse")
    owner = mark_this_process()
    with DagsterInstance.get() as instance:
        runs = recover_crashed_runs(instance, job.name)
        for line in runs.recovered:
            print(line, flush=True)
        if runs.running:
            print(f"refresh refused: {runs.running[0]} is in progress")
            return 1
        try:
            with _sigterm_as_interrupt():
                wait_for_writer_slot(instance, lambda line: print(line, flush=True))
        except KeyboardInterrupt:
            print(f"refresh stopped while waiting for the {WRITER_POOL} slot; nothing was changed")
            return 1
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, run_config=_INFO_LOGS, tags={OWNER_TAG: str(owner)}
        )
    if not result.success:
        failures = [event for event in result.all_events if event.is_step_failure]
        steps = ", ".join(str(event.step_key) for event in failures) or "see the run log"
        print(f"refresh FAILED (run {result.run_id}); failed steps: {steps}")
        for event in failures:
            error = event.step_failure_data.error
            cause = error.cause if error and error.cause else error
            if cause:
                print(f"  {event.step_key}: {cause.message.strip()}")
        discard_build(WarehouseFiles(warehouse_db_path()))  # a failed build must not keep a full disk full
        return 1
    return summary()


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, `kill`) stops a wait the way Ctrl-C does."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    for document_id, status in set_aside.items():
        print(
            f"SET ASIDE {document_id}: {status.checks}; lines {status.lines or 'unknown'}; {status.published_version}"
        )
    if set_aside and published <= sum(status.published_version != LEFT_OUT for status in set_aside.values()):
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
