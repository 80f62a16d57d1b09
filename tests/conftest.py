"""Shared fixtures: the raw documents committed in `raw/`, read as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

RAW_DIR = Path(__file__).resolve().parent.parent / "raw"
KOCAELI_PLAN = "kocaeli_bb_stratejik_plan_2020_2024.txt"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def read_raw() -> Callable[[str], str]:
    """Read a document of `raw/` by file name (UTF-8, as the parsers receive it)."""

    def read(file_name: str) -> str:
        return (RAW_DIR / file_name).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def kocaeli_plan_text(read_raw: Callable[[str], str]) -> str:
    """The Kocaeli 2020-2024 strategic plan (2,691 lines, tabs between cells)."""
    return read_raw(KOCAELI_PLAN)
