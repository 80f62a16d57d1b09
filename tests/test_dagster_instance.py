"""The shipped Dagster configuration (`dagster.yaml`, copied to $DAGSTER_HOME by make) calls no one."""

from __future__ import annotations

import shutil
from pathlib import Path

from dagster import DagsterInstance

SHIPPED = Path(__file__).resolve().parent.parent / "dagster.yaml"


def test_the_ui_sends_no_telemetry_and_loads_no_community_frame(tmp_path: Path) -> None:
    shutil.copy(SHIPPED, tmp_path / "dagster.yaml")
    with DagsterInstance.from_config(str(tmp_path)) as instance:
        assert not instance.telemetry_enabled
        # The community pop-up is a frame from dagster.io: off, so a new user's first page stays local.
        assert not instance.nux_enabled
