"""The dbt executable dagster-dbt runs: dbt itself, except that `dbt --version` answers offline.

dagster-dbt runs `dbt --version` before every invocation (to tell dbt-core from the Fusion engine),
and dbt-core answers it by asking pypi.org for the newest dbt-core and dbt-duckdb (a 1 s timeout
each, a few seconds of start-up per refresh). The warehouse calls nothing on the internet at run
time, so this executable (`plan-warehouse-dbt`, a console script of the package, passed to
`DbtCliResource(dbt_executable=…)`) prints the installed versions from the package metadata and
hands every other command to dbt unchanged.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import version
from pathlib import Path


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(f"Core:\n  - installed: {version('dbt-core')}\n\nPlugins:\n  - duckdb: {version('dbt-duckdb')}")
        return
    dbt = Path(sys.executable).with_name("dbt")
    os.execv(dbt, [str(dbt), *sys.argv[1:]])
