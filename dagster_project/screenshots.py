"""Screenshots of the Dagster UI pages a user works with, in headless Chromium, offline.

Usage: `python -m dagster_project.screenshots [OUT_DIR] [PORT]` (`make screenshots`). Starts
`dagster dev` on 127.0.0.1:PORT (3017 by default, beside `make ui` on 3000) with the project's
`$DAGSTER_HOME`, waits for it, saves one PNG per page, and stops the server it started. Chromium
resolves no host but 127.0.0.1, so a page that tried to reach the internet would show it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dagster_project.paths import PROJECT_ROOT

LOCATION = "plan_warehouse"
PAGES = {
    "asset_graph": "/asset-groups",
    "mart_overview": "/assets/marts/fct_budget",
    "mart_checks": "/assets/marts/fct_budget?view=checks",
    "raw_table": "/assets/raw/sp_goals",
    "jobs": f"/locations/{LOCATION}/jobs",
    "rebuild_marts_job": f"/locations/{LOCATION}/jobs/rebuild_marts",
    "sensor": f"/locations/{LOCATION}/sensors/raw_documents_sensor",
    "runs": "/runs",
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--window-size=1600,1000",
    "--virtual-time-budget=20000",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # localhost only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(2)
    raise TimeoutError(f"the Dagster UI did not answer at {url} within {seconds:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the `dagster dev` this script started and its children (it answers Ctrl-C, not always TERM)."""
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


def take(out_dir: Path, port: int) -> list[Path]:
    """Start the UI, screenshot every page, stop the UI; the paths of the PNG files."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium not found: run `make browser` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    dagster = Path(sys.executable).parent / "dagster"
    server = subprocess.Popen(
        [str(dagster), "dev", "-h", "127.0.0.1", "-p", str(port)],
        cwd=PROJECT_ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    written = []
    try:
        wait_for(f"{base}/server_info")
        time.sleep(10)  # the code location loads after the server answers
        for name, page in PAGES.items():
            target = out_dir / f"{name}.png"
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--screenshot={target}", base + page],
                check=True,
                capture_output=True,
                timeout=120,
            )
            written.append(target)
    finally:
        stop(server)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else PROJECT_ROOT / "docs" / "screenshots"
    port = int(argv[1]) if len(argv) > 1 else 3017
    for path in take(out_dir, port):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
