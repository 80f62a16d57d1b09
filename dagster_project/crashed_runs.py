"""A refresh whose process is gone (kill -9, the OOM killer, a reboot) never wedges the next one.

Dagster records a run as "started" until its process reports the end, and a step in the
`duckdb_writer` pool holds its slot until then: a killed refresh would keep both for ever, and
its worker processes and `dbt build` would keep running. So every refresh records its owner (host,
pid and the process's start time, which tells a reused pid apart) as a run tag and in an
environment variable that its child processes inherit. The next refresh, holding the refresh
lock, finds the runs whose owner is gone, marks them failed with a line that says so, frees
their concurrency slots, ends the processes that still carry the dead owner's mark and removes
the dead run's dbt target folder (up to 130 MB; a step that ends removes its own).

Processes are looked up in `/proc` (Linux); elsewhere a dead run is still detected and marked
failed (`os.kill(pid, 0)`), but its orphans are not searched.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dagster import DagsterInstance, DagsterRun, DagsterRunStatus, RunsFilter

from dagster_project.paths import dbt_run_target

OWNER_TAG = "plan_warehouse/owner"
OWNER_ENV = "PLAN_WAREHOUSE_REFRESH_OWNER"
WRITER_POOL = "duckdb_writer"
_PROC = Path("/proc")
_IN_PROGRESS = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.CANCELING]
# A process that ignores SIGTERM this long is killed.
TERMINATE_GRACE_SECONDS = 5.0


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (`/proc/<pid>/stat` field 22), or ""."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


@dataclass(frozen=True)
class Owner:
    """The process that runs a refresh: `host:pid:start time`."""

    host: str
    pid: int
    started: str

    @classmethod
    def current(cls) -> Owner:
        return cls(socket.gethostname(), os.getpid(), _start_time(os.getpid()))

    @classmethod
    def parse(cls, text: str | None) -> Owner | None:
        host, _, rest = (text or "").rpartition(":")
        host, _, pid = host.rpartition(":")
        return cls(host, int(pid), rest) if host and pid.isdigit() else None

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}:{self.started}"

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}"

    @property
    def local(self) -> bool:
        return self.host == socket.gethostname()

    def alive(self) -> bool:
        """Is the process still running? (Only asked of a local owner.)"""
        if _PROC.is_dir():
            return bool(self.started) and _start_time(self.pid) == self.started
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def mark_this_process() -> Owner:
    """Record this process as a refresh owner; child processes (parser workers, dbt) inherit the mark."""
    owner = Owner.current()
    os.environ[OWNER_ENV] = str(owner)
    return owner


def claim_run(instance: DagsterInstance, run: DagsterRun) -> None:
    """Tag `run` with this process as its owner (a run launched from the UI is tagged when it starts)."""
    owner = mark_this_process()
    if OWNER_TAG not in run.tags:
        instance.add_run_tags(run.run_id, {OWNER_TAG: str(owner)})


def orphans(owner: Owner) -> list[int]:
    """The processes that carry `owner`'s mark (the owner itself excluded)."""
    mark = f"{OWNER_ENV}={owner}".encode()
    found = []
    for entry in _PROC.glob("[0-9]*") if _PROC.is_dir() else []:
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or another user's
            continue
        if mark in environ.split(b"\0") and int(entry.name) != owner.pid:
            found.append(int(entry.name))
    return sorted(found)


def _command(pid: int) -> str:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:80]
    except OSError:
        return "?"


def end_processes(pids: Iterable[int]) -> list[str]:
    """SIGTERM, then SIGKILL after `TERMINATE_GRACE_SECONDS`; returns "pid (command)" of each."""
    ended = []
    for pid in pids:
        ended.append(f"{pid} ({_command(pid).strip()})")
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    deadline = time.monotonic() + TERMINATE_GRACE_SECONDS
    for pid in pids:
        while _alive_pid(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive_pid(pid):
            os.kill(pid, signal.SIGKILL)
    return ended


def _alive_pid(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by its parent) is gone for our purposes.
    try:
        return (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass(frozen=True)
class RunsInProgress:
    """What `recover_crashed_runs` found: what it cleaned up, and the runs that are really running."""

    recovered: list[str]
    running: list[str]


def recover_crashed_runs(instance: DagsterInstance, job_name: str) -> RunsInProgress:
    """Fail every in-progress run whose local owner is gone, free its slots and end its orphans.

    Call it holding the refresh lock. A run of `job_name` with no owner tag (from before owners
    were recorded), or owned by another host, or whose owner lives, is reported as running and
    left alone (runs of other jobs are only waited for, by the slot they hold).
    """
    recovered, running = [], []
    for record in instance.get_run_records(RunsFilter(statuses=_IN_PROGRESS)):
        run = record.dagster_run
        owner = Owner.parse(run.tags.get(OWNER_TAG))
        if owner is None or not owner.local or owner.alive():
            if run.job_name != job_name:
                continue
            where = (
                owner.describe() if owner else "owner not recorded: cancel it in the Dagster UI if it is gone"
            )
            running.append(f"run {run.run_id} of {run.job_name} ({where})")
            continue
        ended = end_processes(orphans(owner))
        target = dbt_run_target(run.run_id)
        removed = target.is_dir()
        shutil.rmtree(target, ignore_errors=True)
        line = (
            f"refresh {run.run_id} was left unfinished: its process ({owner.describe()}) is gone "
            "(killed, out of memory or a reboot)"
        )
        instance.report_run_failed(run, f"{line}; marked failed by the refresh of pid {os.getpid()}")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(
            f"{line}: marked failed, its concurrency slots freed"
            + (f", its processes ended: {', '.join(ended)}" if ended else "")
            + (f", its dbt target folder {target.name} removed" if removed else "")
        )
    recovered += _free_slots_of_finished_runs(instance)
    return RunsInProgress(recovered, running)


def _free_slots_of_finished_runs(instance: DagsterInstance) -> list[str]:
    """Slots still held by runs that are over (a run failed from outside keeps them)."""
    storage = instance.event_log_storage
    holders: set[str] = set()
    for key in storage.get_concurrency_keys():
        info = storage.get_concurrency_info(key)
        holders |= info.active_run_ids | info.pending_run_ids
    freed = []
    for run_id in sorted(holders):
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            storage.free_concurrency_slots_for_run(run_id)
            freed.append(f"freed the concurrency slots of finished run {run_id}")
    return freed


def wait_for_writer_slot(
    instance: DagsterInstance, say: Callable[[str], None], poll_seconds: float = 2.0
) -> None:
    """Return once no other run holds the `duckdb_writer` slot, saying what it waits for.

    Waiting happens here, before Dagster starts (whose own wait cannot be interrupted): Ctrl-C or
    SIGTERM stop it with KeyboardInterrupt.
    """
    said = ""
    while holders := sorted(
        f"run {slot.run_id} (step {slot.step_key})"
        for slot in instance.event_log_storage.get_concurrency_info(WRITER_POOL).claimed_slots
    ):
        message = (
            f"waiting for the {WRITER_POOL} slot, held by {', '.join(holders)}; "
            "Ctrl-C stops waiting (nothing is changed)"
        )
        if message != said:
            say(message)
            said = message
        time.sleep(poll_seconds)
