"""dagster-dbt's `dbt --version` is answered offline, and every other command is dbt's own."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from dagster_project.resources import build_resources

EXECUTABLE = Path(sys.executable).with_name("plan-warehouse-dbt")


def test_the_dbt_resource_runs_the_offline_executable() -> None:
    assert build_resources()["dbt"].dbt_executable == str(EXECUTABLE)  # type: ignore[attr-defined]


def test_version_is_the_installed_one_without_asking_pypi() -> None:
    answer = subprocess.run([EXECUTABLE, "--version"], capture_output=True, text=True, timeout=10, check=True)
    assert f"installed: {version('dbt-core')}" in answer.stdout
    assert "pypi" not in answer.stdout + answer.stderr


def test_other_commands_are_handed_to_dbt() -> None:
    answer = subprocess.run([EXECUTABLE, "--help"], capture_output=True, text=True, timeout=60, check=True)
    assert "build" in answer.stdout
