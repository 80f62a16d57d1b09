"""`make bench NS="2 200 2000"`: how the refresh scales with the number of documents.

For each N it generates N documents (`tools.corpus`) into a scratch folder and times, each
stage in a fresh process so its peak memory is its own:

- `parse`: every document parsed (process pool on every core when there are many), nothing stored;
- `load`: plan_documents + extracted_tables + raw tables + monitoring tables (parse, pandera, DuckDB,
  indicator links) into an empty build, everything dbt reads;
- `dbt`: `dbt build` on that build file (seeds, models, tests);
- `full`: the whole refresh job from an empty warehouse, publishing and exports included;
- `incremental`: the whole refresh job again after one document changed.

`--actuals ROWS` measures instead one monitoring CSV of ROWS rows (the Kocaeli plan's indicators,
every key delivered many times, some with conflicting values: the case whose memory once grew with
the square of the repeats): wall time and peak memory of reading it (`read_actuals_dir`).

It prints documents/s, MB/s, raw rows/s, wall time and peak memory (the stage's process and its
largest child: a parser worker or dbt), and for `parse` the ratio to the time DuckDB needs to scan
the same files as tab-separated text (`read_csv`), a floor for reading them at all.

Usage: python -m tools.benchmark [N ...] [--root DIR] | --actuals ROWS
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tools.corpus.generate import DEFAULT_SEED, generate_document, write_corpus

DEFAULT_ROOT = Path("/tmp/plan-warehouse-bench")
STAGES = ("parse", "load", "dbt", "full", "incremental")
# The document the incremental stage changes (a performance programme: the slower parser).
CHANGED_DOCUMENT = 1
CSV_COLUMNS = 32


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _environment(root: Path) -> None:
    from dagster_project.paths import BUILD_DB_ENV, DB_ENV, EXPORTS_DIR_ENV, RAW_DIR_ENV
    from dagster_project.publishing import WarehouseFiles

    db = root / "warehouse" / "plans.duckdb"
    os.environ[DB_ENV] = str(db)
    os.environ[BUILD_DB_ENV] = str(WarehouseFiles(db).build)
    os.environ[RAW_DIR_ENV] = str(root / "raw")
    os.environ[EXPORTS_DIR_ENV] = str(root / "exports")


def _materialize(root: Path, asset_names: set[str] | None) -> dict[str, object]:
    """Run assets (all, or those named) as the refresh job does; return what they report."""
    from dagster import DagsterInstance, materialize

    from dagster_project.definitions import defs
    from dagster_project.resources import build_resources

    _environment(root)
    everything = [*defs.assets, *defs.asset_checks]  # type: ignore[list-item]
    selection = everything
    if asset_names is not None:
        selection = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & asset_names]  # type: ignore[union-attr]
    instance = DagsterInstance.ephemeral()
    result = materialize(selection, resources=build_resources(), instance=instance, raise_on_error=False)
    if not result.success:
        failed = [str(event.step_key) for event in result.all_events if event.is_step_failure]
        raise RuntimeError(f"refresh failed: {failed}")
    parsed = None
    for event in result.get_asset_materialization_events():
        materialization = event.event_specific_data.materialization  # type: ignore[union-attr]
        if materialization.asset_key.to_user_string() == "extracted_tables":
            parsed = materialization.metadata["documents_parsed"].value
    return {"documents_parsed": parsed, "steps": _step_seconds(instance, result.run_id)}


def _step_seconds(instance: object, run_id: str) -> dict[str, float]:
    """Wall seconds of every step (asset or check) of the run: where the refresh spends its time."""
    stats = instance.get_run_step_stats(run_id)  # type: ignore[attr-defined]
    return {s.step_key: round(s.end_time - s.start_time, 1) for s in stats if s.end_time and s.start_time}


def _raw_rows(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute("select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()
        return sum(con.execute(f'select count(*) from raw."{t}"').fetchone()[0] for (t,) in tables)  # type: ignore[index]


def _stage_parse(root: Path) -> dict[str, object]:
    from dagster_project.document_scan import scan_raw_dir
    from dagster_project.incremental import parse_documents

    documents = scan_raw_dir(root / "raw").documents
    start = time.perf_counter()
    rows = sum(
        sum(frame.height for frame in result.tables.values()) + result.issues.height
        for result in parse_documents(documents)
    )
    wall = time.perf_counter() - start
    return {"wall": wall, "rows": rows, "floor": _read_csv_floor(root / "raw")}


def _read_csv_floor(raw: Path) -> float:
    """Seconds DuckDB needs to scan the files as tab-separated text (every line, every cell)."""
    import duckdb

    files = [str(path) for path in sorted(raw.glob("*.txt"))]
    # Explicit columns: the files are ragged (tables of 2 to 20 cells between prose), nothing to sniff.
    columns = {f"c{i}": "varchar" for i in range(CSV_COLUMNS)}
    start = time.perf_counter()
    with duckdb.connect() as con:
        con.execute(
            "select count(*), sum(length(c0)) from read_csv(?, delim = '\t', header = false, columns = ?, "
            "auto_detect = false, null_padding = true, quote = '', escape = '', strict_mode = false, ignore_errors = true, "
            "max_line_size = 10000000)",
            [files, columns],
        ).fetchall()
    return time.perf_counter() - start


def _stage_load(root: Path) -> dict[str, object]:
    start = time.perf_counter()
    _materialize(root, {"plan_documents", "extracted_tables", "raw/documents", "raw/monitoring_changes"})
    wall = time.perf_counter() - start
    from dagster_project.publishing import WarehouseFiles

    return {"wall": wall, "rows": _raw_rows(WarehouseFiles(root / "warehouse" / "plans.duckdb").build)}


def _stage_dbt(root: Path) -> dict[str, object]:
    from dagster_project.paths import DBT_DIR
    from dagster_project.resources import DBT_FLAGS, dbt_executable

    _environment(root)
    start = time.perf_counter()
    subprocess.run(
        [
            dbt_executable(),
            *DBT_FLAGS,
            "build",
            "--project-dir",
            str(DBT_DIR),
            "--profiles-dir",
            str(DBT_DIR),
            "--quiet",
        ],
        check=True,  # a failed build is no measurement
    )
    return {"wall": time.perf_counter() - start}


def _stage_full(root: Path) -> dict[str, object]:
    shutil.rmtree(root / "warehouse", ignore_errors=True)
    start = time.perf_counter()
    reported = _materialize(root, None)
    wall = time.perf_counter() - start
    return {"wall": wall, "rows": _raw_rows(root / "warehouse" / "plans.duckdb"), **reported}


def _stage_incremental(root: Path) -> dict[str, object]:
    text, name = generate_document(CHANGED_DOCUMENT, DEFAULT_SEED, revision=1)
    (root / "raw" / name).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    reported = _materialize(root, None)
    return {"wall": time.perf_counter() - start, **reported}


ACTUALS_FILE = "izleme.csv"


def write_actuals_csv(path: Path, rows: int) -> None:
    """`rows` monitoring rows over the Kocaeli plan's indicators and years: every key repeats, and
    one row in seven carries a different value (a conflict)."""
    from dagster_project.parsers.strategic_plan import parse_strategic_plan

    plan = "kocaeli_bb_stratejik_plan_2020_2024.txt"
    text = (Path(__file__).resolve().parent.parent / "raw" / plan).read_text(encoding="utf-8")
    codes = parse_strategic_plan(text, "kocaeli-bb-sp-2020-2024").tables["sp_indicators"]["indicator_code"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Belge;Gösterge Kodu;Yıl;Gerçekleşen;Not\n")
        for row in range(rows):
            code, year = codes[row % len(codes)], 2020 + row // len(codes) % 5
            value = f"{row if row % 7 == 0 else 12},5"
            handle.write(f"kocaeli-bb-sp-2020-2024;{code};{year};{value};satır {row}\n")


def _stage_actuals(root: Path) -> dict[str, object]:
    import polars as pl

    from dagster_project.monitoring.actuals import read_actuals_dir
    from dagster_project.parsers.strategic_plan import parse_strategic_plan

    plan = Path(__file__).resolve().parent.parent / "raw" / "kocaeli_bb_stratejik_plan_2020_2024.txt"
    indicators = parse_strategic_plan(plan.read_text(encoding="utf-8"), "kocaeli-bb-sp-2020-2024")
    known = indicators.tables["sp_indicators"].select("document_id", "indicator_code", "unit")
    known = known.with_columns(period_start_year=pl.lit(2020), period_end_year=pl.lit(2024))
    start = time.perf_counter()
    read = read_actuals_dir(root / "actuals", known)
    return {"wall": time.perf_counter() - start, "rows": read.rows_read, "issues": read.issues.height}


def bench_actuals(rows: int, base: Path) -> None:
    """Print the wall time and peak memory of reading one monitoring CSV of `rows` rows."""
    root = base / f"actuals{rows}"
    path = root / "actuals" / ACTUALS_FILE
    write_actuals_csv(path, rows)
    measured = _run_child("actuals", root)
    print(
        f"actuals: {measured['rows']:,} rows ({path.stat().st_size / 1e6:.0f} MB) read in {measured['wall']:.1f} s, "
        f"{measured['issues']:,} issues; peak memory {measured['peak_mb']:.0f} MB"
    )


def run_stage(stage: str, root: Path) -> None:
    """Child process: run one stage and print its measurements as one JSON line."""
    measured = globals()[f"_stage_{stage}"](root)
    own, child = _peak_mb()
    print("BENCH " + json.dumps({**measured, "peak_mb": own, "child_peak_mb": child}))


def _run_child(stage: str, root: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-m", "tools.benchmark", "--stage", stage, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("BENCH ")]
    if completed.returncode or not lines:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-5000:])
        raise RuntimeError(f"stage {stage} failed in {root}")
    return json.loads(lines[-1][len("BENCH ") :])


def bench(count: int, base: Path) -> list[dict[str, object]]:
    root = base / f"n{count}"
    shutil.rmtree(root, ignore_errors=True)
    paths = write_corpus(count, root / "raw")
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    rows: list[dict[str, object]] = []
    for stage in STAGES:
        measured = _run_child(stage, root)
        wall = float(measured["wall"])  # type: ignore[arg-type]
        documents = 1 if stage == "incremental" else count
        row = {"N": count, "stage": stage, "MB": megabytes, **measured, "docs_per_s": documents / wall}
        row["MB_per_s"] = (megabytes / count * documents) / wall
        if "rows" in measured:
            row["rows_per_s"] = float(measured["rows"]) / wall  # type: ignore[arg-type]
        rows.append(row)
        print(format_row(row), flush=True)
        if measured.get("steps"):
            print(format_steps(measured["steps"]), flush=True)  # type: ignore[arg-type]
    return rows


HEADER = (
    f"{'N':>5} {'stage':<12} {'wall s':>8} {'docs/s':>8} {'MB/s':>7} {'rows/s':>10} "
    f"{'peak MB':>8} {'child MB':>8}  notes"
)


def format_row(row: dict[str, object]) -> str:
    notes = []
    if "floor" in row:
        notes.append(
            f"read_csv {row['floor']:.2f} s, parse/read_csv = {float(row['wall']) / float(row['floor']):.0f}x"
        )  # type: ignore[arg-type]
    if row.get("documents_parsed") is not None:
        notes.append(f"parsed {row['documents_parsed']}")
    rows_per_s = f"{row['rows_per_s']:>10,.0f}" if "rows_per_s" in row else f"{'':>10}"
    return (
        f"{row['N']:>5} {row['stage']:<12} {row['wall']:>8.1f} {row['docs_per_s']:>8.1f} {row['MB_per_s']:>7.2f} "
        f"{rows_per_s} {row['peak_mb']:>8.0f} {row['child_peak_mb']:>8.0f}  {'; '.join(notes)}"
    )


def format_steps(steps: dict[str, float], shown: int = 8) -> str:
    """The slowest steps of a refresh, so a regression or a bottleneck is named, not guessed."""
    slowest = sorted(steps.items(), key=lambda item: -item[1])[:shown]
    return "      slowest steps: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in slowest)


def growth_table(rows: list[dict[str, object]]) -> str:
    """Milliseconds per document of every stage at every N: a constant column is linear growth.

    The incremental stage parses one document whatever N is, so its column is its wall time.
    """
    counts = sorted({int(row["N"]) for row in rows})  # type: ignore[call-overload]
    lines = ["", "ms per document (linear growth = the same number across a row; incremental: s per run)"]
    lines.append(f"{'stage':<12}" + "".join(f"{f'N={n}':>12}" for n in counts))
    for stage in STAGES:
        cells = []
        for count in counts:
            row = next((r for r in rows if r["N"] == count and r["stage"] == stage), None)
            wall = float(row["wall"]) if row else float("nan")  # type: ignore[arg-type]
            cells.append(f"{wall:>12.1f}" if stage == "incremental" else f"{wall / count * 1000:>12.0f}")
        lines.append(f"{stage:<12}" + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[2, 200, 2000])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--actuals", type=int, metavar="ROWS", help="measure one monitoring CSV instead")
    parser.add_argument("--stage", choices=(*STAGES, "actuals"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        run_stage(args.stage, args.root)
        return 0
    if args.actuals:
        bench_actuals(args.actuals, args.root)
        return 0
    print(f"cores: {os.cpu_count()}; corpus and warehouses under {args.root}")
    print(HEADER, flush=True)
    rows = [row for count in args.counts for row in bench(count, args.root)]
    print(growth_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
