"""Write–audit–publish: the analysts' file changes only by an atomic publish of a finished build."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dagster_project import publishing
from dagster_project.exports.folder import ExportFolder
from dagster_project.publishing import (
    InsufficientSpace,
    PublishError,
    RefreshInProgress,
    WarehouseFiles,
    discard_build,
    publish,
    refresh_lock,
    start_build,
    trusted_published,
)
from dagster_project.warehouse import WarehouseLocked, connect


def write_version(path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create or replace table build_info as select ? as version", [version])


def version_of(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select version from build_info").fetchone()[0]


def test_publish_replaces_the_published_file_and_keeps_the_previous_one(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "warehouse" / "plans.duckdb")
    write_version(files.published, 1)
    start_build(files)
    assert version_of(files.build) == 1  # a build starts from the published state
    write_version(files.build, 2)
    publish(files)
    assert (version_of(files.published), version_of(files.previous)) == (2, 1)
    assert not files.build.exists()


def test_a_stale_build_from_a_crashed_run_is_discarded(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    write_version(files.published, 1)
    write_version(files.build, 99)  # a run crashed after writing half a build
    files.build.with_name(files.build.name + ".wal").write_bytes(b"garbage")
    start_build(files)
    assert version_of(files.build) == 1
    assert not files.build.with_name(files.build.name + ".wal").exists()


def test_publishing_nothing_is_refused_and_the_published_file_is_untouched(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    write_version(files.published, 1)
    before = files.published.read_bytes()
    with pytest.raises(PublishError, match="nothing to publish"):
        publish(files)
    assert files.published.read_bytes() == before


READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("select version from build_info").fetchone()[0], flush=True)
    sys.stdin.readline()  # hold the connection open while the refresh publishes
    print(con.execute("select version from build_info").fetchone()[0], flush=True)
    """
)


def test_a_reader_in_another_process_neither_blocks_publishing_nor_sees_a_half_state(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    write_version(files.published, 1)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(files.published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        start_build(files)
        write_version(files.build, 2)
        publish(files)  # does not wait for the reader
        assert version_of(files.published) == 2  # a new connection sees the new data
        out, _ = reader.communicate("\n", timeout=30)
        assert out.strip() == "1"  # the open connection still reads the complete old version
    finally:
        reader.kill()


def test_a_second_refresh_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom pathlib import Path\nfrom dagster_project.publishing import WarehouseFiles, refresh_lock\n"
            f"with refresh_lock(WarehouseFiles(Path({str(files.published)!r}))):\n"
            "    print('locked', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with (
            pytest.raises(RefreshInProgress, match=r"another refresh of .* is running \(pid \d+ since"),
            refresh_lock(files),
        ):
            pass
    finally:
        holder.communicate("\n", timeout=30)
    with refresh_lock(files):  # free again once the first refresh ended
        pass


def test_a_second_cli_refresh_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    """`python -m dagster_project.cli refresh` started during a refresh exits 1 with a clear message."""
    files = WarehouseFiles(tmp_path / "warehouse" / "plans.duckdb")
    env = {
        **os.environ,
        "PLAN_WAREHOUSE_DB": str(files.published),
        "PLAN_WAREHOUSE_RAW_DIR": str(tmp_path / "raw"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    (tmp_path / "dagster_home").mkdir()
    (tmp_path / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    with refresh_lock(files):  # the first refresh
        second = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "dagster_project.cli", "refresh"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,  # a refresh that waited for the lock would hang here
        )
    assert second.returncode == 1
    # At once, whatever the machine's load: the lock is taken before the definitions (and dbt) load,
    # which the interpreter's import trace shows (a clock bound failed on a busy machine).
    imported = {line.rsplit("|", 1)[-1].strip() for line in second.stderr.splitlines() if "|" in line}
    assert "dagster_project.publishing" in imported
    assert "dagster_project.definitions" not in imported
    assert not {name for name in imported if name.split(".")[0] == "dbt"}
    assert re.search(
        rf"refresh refused: another refresh of {re.escape(str(files.published))} is running "
        r"\(pid \d+ since .* UTC\); wait for it to finish, then run again",
        second.stdout,
    ), second.stdout + second.stderr[-2000:]
    assert not files.published.exists() and not files.build.exists()  # it touched nothing


# -- crashes, locks and full disks ----------------------------------------------------------------


def test_the_published_file_is_read_only_and_an_altered_one_is_not_the_base_of_a_build(
    tmp_path: Path,
) -> None:
    files = WarehouseFiles(tmp_path / "warehouse" / "plans.duckdb")
    write_version(files.build, 1)
    publish(files)
    assert files.published.stat().st_mode & 0o777 == 0o444
    assert start_build(files) is None and version_of(files.build) == 1  # unchanged: the base
    os.chmod(files.published, 0o644)  # an analyst's read-write connection writes through
    with duckdb.connect(str(files.published)) as con:
        con.execute("update build_info set version = 666")
    reason = start_build(files)
    assert reason == (
        f"{files.published} was changed since it was published (a read-write connection?): "
        "it is not used as the base of this build, every document is read and built again"
    )
    assert not files.build.exists()  # the build starts from nothing
    assert trusted_published(files) is None


def test_a_read_write_connection_elsewhere_is_named_with_its_pid(tmp_path: Path) -> None:
    db = tmp_path / "plans.duckdb"
    write_version(db, 1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys\ncon = duckdb.connect({str(db)!r})\nprint('open', flush=True)\nsys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseLocked) as raised:
            connect(db, read_only=True)
    finally:
        holder.communicate("\n", timeout=30)
    message = str(raised.value)
    assert message.startswith(f"{db} is held open for writing by ")
    assert f"(PID {holder.pid})" in message
    assert f"`kill {holder.pid}`" in message and f"`duckdb -readonly {db}`" in message


def test_a_build_or_publish_without_three_times_the_space_is_refused_saying_how_much(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    write_version(files.published, 1)
    before = files.published.read_bytes()
    size = files.published.stat().st_size
    monkeypatch.setattr(
        publishing.shutil,
        "disk_usage",
        lambda _path: shutil._ntuple_diskusage(10**12, 10**12 - 5_000_000, 5_000_000),
    )
    with pytest.raises(InsufficientSpace) as raised:
        start_build(files)
    needed = max(3 * size, publishing.MIN_FREE_BYTES)
    assert str(raised.value) == (
        f"[Errno 28] building the warehouse needs about {needed / 1e6:,.0f} MB free in {tmp_path}, only 5 MB are: "
        "free space (or move PLAN_WAREHOUSE_DB to a larger disk) and run again; nothing was changed"
    )
    assert files.published.read_bytes() == before and not files.build.exists()


def test_a_failed_build_is_removed(tmp_path: Path) -> None:
    files = WarehouseFiles(tmp_path / "plans.duckdb")
    write_version(files.build, 1)
    files.build.with_name(files.build.name + ".wal").write_bytes(b"log")
    discard_build(files)
    assert not any(files.build.parent.iterdir())


def test_exports_on_a_full_disk_name_the_path(tmp_path: Path) -> None:
    folder = ExportFolder(tmp_path / "exports", ("*.xlsx",))
    target = folder.root / "kocaeli.xlsx"
    with (
        pytest.raises(
            OSError, match=r"no space left on the device while writing .*kocaeli\.xlsx \("
        ) as raised,
        folder.update({"kocaeli.xlsx": "1"}),
    ):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    assert raised.value.errno == errno.ENOSPC
    assert str(raised.value).endswith("run the refresh again (the warehouse itself was published)")
