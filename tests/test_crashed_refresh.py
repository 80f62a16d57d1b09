"""A hard kill never wedges later refreshes: real `kill -9` of the CLI refresh at each moment.

One chain of CLI refreshes on a temporary Dagster home (with the project's pools) over a copy of
the shared published warehouse (`published_run`, the last good one) with the programme edited: the
first refresh is killed while parsing, the second (which must clean up after the first) while dbt
builds, the third while publishing; the fourth cleans up after the third and publishes. Each
refresh after a kill says which run it found dead and what it cleaned up, and the last good
warehouse stays as it was through the kills before publishing. (Incremental refreshes of one document: the
chain proves the kills and the clean-up, not the first build.)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from conftest import KOCAELI_PLAN, RAW_DIR, PublishedRun
from dagster import DagsterInstance, DagsterRun, DagsterRunStatus, RunsFilter

from dagster_project.crashed_runs import (
    OWNER_ENV,
    OWNER_TAG,
    WRITER_POOL,
    Owner,
    orphans,
    recover_crashed_runs,
)
from dagster_project.paths import dbt_run_target

PROJECT = Path(__file__).resolve().parent.parent
# What the refresh prints at each moment (assets' log lines and dbt's banner).
PARSING = "extracted_tables - parsing 1 documents"
DBT = "Running with dbt="
PUBLISHING = "published_warehouse - publishing "
LEFT_UNFINISHED = "was left unfinished: its process (pid {pid} on "
PROGRAMME = "kayseri_bb_performans_programi_2024.txt"


@dataclass
class Site:
    root: Path
    home: Path  # DAGSTER_HOME
    outputs: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in (OWNER_ENV, "PLAN_WAREHOUSE_BUILD_DB")
        }
        return env | {
            "PLAN_WAREHOUSE_DB": str(self.root / "warehouse" / "plans.duckdb"),
            "PLAN_WAREHOUSE_RAW_DIR": str(self.root / "raw"),
            "PLAN_WAREHOUSE_EXPORTS_DIR": str(self.root / "exports"),
            "DAGSTER_HOME": str(self.home),
            "DAGSTER_DISABLE_TELEMETRY": "true",
        }

    def start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "dagster_project.cli", "refresh"],
            env=self.env,
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill_at(self, marker: str) -> tuple[int, str]:
        """Start a refresh, `kill -9` it when `marker` appears; its pid and everything it printed."""
        process = self.start()
        lines = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if marker in line:
                process.send_signal(signal.SIGKILL)
                break
        lines.append(process.stdout.read())
        process.wait(timeout=30)
        output = "".join(lines)
        assert process.returncode == -signal.SIGKILL, f"{marker!r} never appeared:\n{output[-3000:]}"
        self.outputs.append(output)
        return process.pid, output

    @contextmanager
    def instance(self) -> Iterator[DagsterInstance]:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("DAGSTER_HOME", str(self.home))
            with DagsterInstance.get() as instance:
                yield instance


@pytest.fixture
def dagster_home(tmp_path: Path) -> Iterator[Path]:
    """A Dagster home with the project's `dagster.yaml`, in memory where the machine has
    `/dev/shm`: a CLI refresh commits its ~1,100 events to the SQLite storage one by one (2 s of a
    40 s refresh on this machine's disk, 2026-12-04), and the chain runs four. Where the storage
    lives is not what the chain tests: a killed run is found by its owner's pid, whatever the storage."""
    memory = Path("/dev/shm")
    parent = memory if memory.is_dir() and os.access(memory, os.W_OK) else tmp_path
    with tempfile.TemporaryDirectory(prefix="dagster-home-", dir=parent) as home:
        shutil.copyfile(PROJECT / "dagster.yaml", Path(home) / "dagster.yaml")
        yield Path(home)


@pytest.fixture
def site(tmp_path: Path, dagster_home: Path) -> Site:
    # The two text documents the assertions count (2 documents, 129 targets), whatever else raw/ holds.
    (tmp_path / "raw").mkdir()
    for name in (KOCAELI_PLAN, PROGRAMME):
        shutil.copy2(RAW_DIR / name, tmp_path / "raw" / name)
    return Site(tmp_path, dagster_home)


@pytest.fixture
def published_site(tmp_path: Path, dagster_home: Path, published_run: PublishedRun) -> Site:
    """A copy of the published warehouse of the shipped documents and its raw/, the programme
    edited since (a line appended: one document to parse, the same tables)."""
    shutil.copytree(published_run.raw, tmp_path / "raw")
    shutil.copytree(published_run.db.parent, tmp_path / "warehouse")
    with (tmp_path / "raw" / PROGRAMME).open("a", encoding="utf-8") as programme:
        programme.write("\n")
    return Site(tmp_path, dagster_home)


def run_of(instance: DagsterInstance, pid: int) -> DagsterRun:
    """The run the CLI process `pid` owned."""
    runs = [
        record.dagster_run
        for record in instance.get_run_records(RunsFilter(job_name="refresh_warehouse"))
        if (owner := Owner.parse(record.dagster_run.tags.get(OWNER_TAG))) and owner.pid == pid
    ]
    assert len(runs) == 1, runs
    return runs[0]


def writer_slot_holders(instance: DagsterInstance) -> set[str]:
    return instance.event_log_storage.get_concurrency_info(WRITER_POOL).active_run_ids


def test_a_refresh_killed_while_parsing_in_dbt_or_publishing_needs_no_cleanup(published_site: Site) -> None:
    site = published_site
    published = site.root / "warehouse" / "plans.duckdb"
    last_good = published.read_bytes()
    parsing_pid, _ = site.kill_at(PARSING)
    with site.instance() as instance:
        parsing = run_of(instance, parsing_pid)
        assert parsing.status == DagsterRunStatus.STARTED  # what wedged every later refresh

    dbt_pid, output = site.kill_at(DBT)
    assert f"refresh {parsing.run_id} {LEFT_UNFINISHED.format(pid=parsing_pid)}" in output
    with site.instance() as instance:
        dbt = run_of(instance, dbt_pid)
        assert writer_slot_holders(instance) == {dbt.run_id}  # the dead run still holds the slot
        left_behind = orphans(Owner.parse(dbt.tags[OWNER_TAG]))  # type: ignore[arg-type]
    commands = [(Path("/proc") / str(pid) / "cmdline").read_bytes() for pid in left_behind]
    assert any(b"dbt" in command and b"build" in command for command in commands), commands
    assert published.read_bytes() == last_good
    dbt_target = dbt_run_target(dbt.run_id)
    assert dbt_target.is_dir()  # the killed step could not remove its own

    publishing_pid, output = site.kill_at(PUBLISHING)
    assert f"refresh {dbt.run_id} {LEFT_UNFINISHED.format(pid=dbt_pid)}" in output
    assert "its concurrency slots freed, its processes ended: " in output
    assert f", its dbt target folder {dbt_target.name} removed" in output
    assert not dbt_target.exists()
    assert all(not (Path("/proc") / str(pid)).exists() for pid in left_behind)

    last = subprocess.run(
        [sys.executable, "-m", "dagster_project.cli", "refresh"],
        env=site.env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert last.returncode == 0, last.stdout[-3000:] + last.stderr[-3000:]
    with site.instance() as instance:
        publishing = run_of(instance, publishing_pid)
        assert f"refresh {publishing.run_id} {LEFT_UNFINISHED.format(pid=publishing_pid)}" in last.stdout
        statuses = {
            record.dagster_run.run_id: record.dagster_run.status
            for record in instance.get_run_records(RunsFilter(job_name="refresh_warehouse"))
        }
        assert sorted(statuses.values(), key=str) == sorted(
            [DagsterRunStatus.FAILURE] * 3 + [DagsterRunStatus.SUCCESS], key=str
        )
        failure = instance.all_logs(publishing.run_id)[-1]
        assert "its process (pid" in failure.message and "is gone" in failure.message
        assert writer_slot_holders(instance) == set()
    assert published.read_bytes() != last_good
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_document").fetchone() == (2,)
        assert con.execute("select count(*) from marts.dim_target").fetchone() == (129,)


def test_orphans_of_a_dead_refresh_are_ended_and_its_run_failed() -> None:
    """The parser pool's workers (and dbt) carry their refresh's mark: they end with the dead run."""
    gone = Owner(Owner.current().host, 2**22 + 7, "1")  # no such process
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)"], env={**os.environ, OWNER_ENV: str(gone)}
    )
    try:
        with DagsterInstance.ephemeral() as instance:
            run = instance.add_run(
                DagsterRun(
                    job_name="refresh_warehouse",
                    run_id=str(uuid.uuid4()),
                    status=DagsterRunStatus.STARTED,
                    tags={OWNER_TAG: str(gone)},
                )
            )
            for _ in range(50):  # the child's environment is readable once it started
                if orphans(gone):
                    break
                time.sleep(0.1)
            assert orphans(gone) == [child.pid]
            found = recover_crashed_runs(instance, "refresh_warehouse")
            assert found.running == []
            assert len(found.recovered) == 1 and f"processes ended: {child.pid} (" in found.recovered[0]
            assert child.wait(timeout=10) == -signal.SIGTERM
            assert instance.get_run_by_id(run.run_id).status == DagsterRunStatus.FAILURE
    finally:
        child.kill()


def test_a_live_refresh_is_left_alone_and_a_wait_for_its_slot_says_so_and_stops_on_sigterm(
    site: Site,
) -> None:
    """A run of another job (an asset materialized in the UI) holding the writer slot, its process
    alive: the CLI waits, says for what, and SIGTERM stops the wait without changing anything."""
    with site.instance() as instance:
        holder = instance.add_run(
            DagsterRun(
                job_name="__ASSET_JOB",
                run_id=str(uuid.uuid4()),
                status=DagsterRunStatus.STARTED,
                tags={OWNER_TAG: str(Owner.current())},
            )
        )
        storage = instance.event_log_storage
        assert storage.initialize_concurrency_limit_to_default(WRITER_POOL)  # dagster.yaml: 1 slot
        claim = storage.claim_concurrency_slot(WRITER_POOL, holder.run_id, "raw_tables")
        assert claim.is_claimed
    process = site.start()
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        rest = process.communicate(timeout=30)[0]
    finally:
        process.kill()
    assert first.startswith(
        f"waiting for the {WRITER_POOL} slot, held by run {holder.run_id} (step raw_tables)"
    )
    assert process.returncode == 1
    assert f"refresh stopped while waiting for the {WRITER_POOL} slot; nothing was changed" in rest
    assert not (site.root / "warehouse" / "plans.duckdb").exists()
    with site.instance() as instance:
        assert instance.get_run_by_id(holder.run_id).status == DagsterRunStatus.STARTED
        assert writer_slot_holders(instance) == {holder.run_id}
