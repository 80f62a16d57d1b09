"""Read monitoring files (izleme verisi) from `raw/actuals/`: CSV or XLSX, one actual value a row.

Columns are found by header text (`document_id` or `Belge`, `indicator_code` or `Gösterge Kodu`,
`year` or `Yıl`, `actual_value` or `Gerçekleşen`, optional `period`/`Dönem` and `note`/`Not`), so
the exported fill-in template and a hand-made CSV read the same way; other columns (name, unit,
baseline, target in the template) are ignored. Values may be Turkish numbers (`1.234,5`).

Every row either becomes a row of `raw.actuals` or is reported (file, row number, reason) by the
pandera rules in `schemas.monitoring.ActualsRowRules`; one bad row never stops its file. A row whose
actual cell is empty (or `-`) has not been delivered yet and is only counted: a template full of
blank rows is normal.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl

from dagster_project.parsers.cells import clean_cell
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import ParsedNumber, parse_number
from dagster_project.parsers.tables import Column, map_header
from dagster_project.schemas.monitoring import ActualsIssuesSchema, ActualsRowRules, ActualsSchema
from dagster_project.validation import polars_schema

FILE_SUFFIXES = (".csv", ".xlsx")
# Files that document the folder rather than deliver data.
IGNORED_FILES = ("readme.md", ".gitkeep")
COLUMNS = [
    Column("document_id", ("document_id", "Belge", "Belge Kimliği")),
    Column("indicator_code", ("indicator_code", "Gösterge Kodu")),
    Column("year", ("year", "Yıl")),
    Column("actual_value", ("actual_value", "Gerçekleşen", "Gerçekleşme Değeri")),
    Column("period", ("period", "Dönem")),
    Column("note", ("note", "Not", "Açıklama")),
]
REQUIRED_COLUMNS = ("document_id", "indicator_code", "year", "actual_value")
KNOWN_COLUMNS = ("document_id", "indicator_code", "period_start_year", "period_end_year")
_YEAR = re.compile(r"^\d{4}$")

Cell = str | int | float | None


@dataclass(frozen=True)
class ActualsRead:
    """What a folder of monitoring files gave: loadable actuals, issues, and counts for people."""

    actuals: pl.DataFrame
    issues: pl.DataFrame
    files: int
    rows_read: int
    rows_without_value: int


def read_actuals_dir(folder: Path, known: pl.DataFrame) -> ActualsRead:
    """Read every monitoring file directly in `folder` (a missing folder is an empty delivery).

    `known` has one row per indicator the warehouse holds: document_id, indicator_code and the
    document's period_start_year / period_end_year.
    """
    paths = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return read_actuals_files(paths, known)


def read_actuals_files(paths: Iterable[Path], known: pl.DataFrame) -> ActualsRead:
    """Read the given files; see `read_actuals_dir`."""
    rows: list[dict[str, Any]] = []
    file_issues: list[dict[str, Any]] = []
    files = 0
    for path in paths:
        if path.name.lower() in IGNORED_FILES or path.name.startswith(("~$", ".")):
            continue
        if path.suffix.lower() not in FILE_SUFFIXES:
            file_issues.append(_file_issue(path, "unsupported_file", "not read: only .csv and .xlsx"))
            continue
        files += 1
        try:
            table = _read_cells(path)
        except Exception as error:  # a corrupt file must not cost the other files their load
            file_issues.append(_file_issue(path, "unreadable_file", f"{type(error).__name__}: {error}"))
            continue
        file_rows, issue = _rows_of(path, table)
        rows += file_rows
        file_issues += [issue] if issue else []
    frame = pl.DataFrame(rows, schema=_ROW_SCHEMA, orient="row")
    delivered = frame.filter(pl.col("actual_kind") != "missing")
    rules = _enrich(delivered, known)
    failed = _failed_rules(rules)
    issues = pl.concat(
        [pl.DataFrame(file_issues, schema=polars_schema(ActualsIssuesSchema), orient="row"), failed]
    )
    loaded = rules.join(
        failed.select("source_file", "source_row").unique(), on=["source_file", "source_row"], how="anti"
    )
    actuals = loaded.select(
        "document_id",
        pl.col("canonical_code").alias("indicator_code"),
        "year",
        "period",
        "actual_value",
        "actual_raw",
        "note",
        "source_file",
        "source_row",
    ).cast(polars_schema(ActualsSchema))  # type: ignore[arg-type]
    return ActualsRead(actuals, issues, files, frame.height, frame.height - delivered.height)


_ROW_SCHEMA = {
    "source_file": pl.String,
    "source_row": pl.Int64,
    "document_id": pl.String,
    "indicator_code": pl.String,
    "year_raw": pl.String,
    "year": pl.Int64,
    "period": pl.String,
    "note": pl.String,
    "actual_raw": pl.String,
    "actual_value": pl.Float64,
    "actual_kind": pl.String,
    "raw_text": pl.String,
}


def _read_cells(path: Path) -> list[list[Cell]]:
    """All rows of the file's first sheet (XLSX keeps numbers as numbers; CSV is text)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1254")  # Turkish Excel saves CSV as Windows-1254
    first_line = text.split("\n", 1)[0]
    # Turkish Excel writes `;` because the comma is the decimal separator.
    delimiter = max(";,\t", key=first_line.count)
    return [list(row) for row in csv.reader(text.splitlines(), delimiter=delimiter)]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean_cell(str(cell))


def _number(cell: Cell) -> ParsedNumber:
    """A spreadsheet number is taken as is; text goes through the Turkish number reader."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return ParsedNumber(_text(cell), float(cell), "number")
    return parse_number(_text(cell))


def _year(cell: Cell) -> int | None:
    text = _text(cell)
    return int(text) if _YEAR.match(text) else None


def _rows_of(path: Path, table: list[list[Cell]]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The data rows of one file, numbered as a spreadsheet shows them (the header is row 1)."""
    header_index = next((i for i, row in enumerate(table) if any(_text(c) for c in row)), None)
    if header_index is None:
        return [], _file_issue(path, "missing_column", "the file is empty: no header row")
    header = map_header([_text(c) for c in table[header_index]], COLUMNS, year_columns=False)
    missing = [name for name in REQUIRED_COLUMNS if name not in header.positions]
    if missing:
        return [], _file_issue(
            path,
            "missing_column",
            f"no column {', '.join(missing)} in the header row {header_index + 1} "
            f"(accepted headers: {', '.join(' / '.join(c.aliases) for c in COLUMNS)})",
        )
    rows = []
    for index, cells in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(_text(c) for c in cells):
            continue

        def cell(name: str, cells: list[Cell] = cells) -> Cell:
            position = header.positions.get(name)
            return cells[position] if position is not None and position < len(cells) else None

        actual = _number(cell("actual_value"))
        rows.append(
            {
                "source_file": path.name,
                "source_row": index,
                "document_id": _text(cell("document_id")),
                "indicator_code": _text(cell("indicator_code")),
                "year_raw": _text(cell("year")),
                "year": _year(cell("year")),
                "period": _text(cell("period")) or None,
                "note": _text(cell("note")) or None,
                "actual_raw": actual.raw,
                "actual_value": actual.value,
                "actual_kind": actual.kind,
                "raw_text": " | ".join(_text(c) for c in cells).strip(" |"),
            }
        )
    return rows, None


def _file_issue(path: Path, issue_type: str, message: str) -> dict[str, Any]:
    return {
        "source_file": path.name,
        "source_row": None,
        "document_id": None,
        "indicator_code": None,
        "severity": "error",
        "issue_type": issue_type,
        "message": message,
        "raw_text": "",
    }


def _enrich(rows: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """Add what the row rules look at: is the document / indicator known, and is the row a duplicate.

    Codes compare on their Turkish-aware key (`ke/pg.1.2.4` finds `Ke/Pg.1.2.4`); the loaded row
    carries the code as the document writes it.
    """
    known = known.select(KNOWN_COLUMNS)
    documents = known.select("document_id", "period_start_year", "period_end_year").unique("document_id")
    codes = known.select(
        "document_id",
        pl.col("indicator_code").map_elements(name_key, return_dtype=pl.String).alias("code_key"),
        pl.col("indicator_code").alias("canonical_code"),
    ).unique(["document_id", "code_key"])
    enriched = (
        rows.with_columns(
            pl.col("indicator_code").map_elements(name_key, return_dtype=pl.String).alias("code_key")
        )
        .join(documents.with_columns(document_known=pl.lit(True)), on="document_id", how="left")
        .join(codes, on=["document_id", "code_key"], how="left")
        .with_columns(
            pl.col("document_known").fill_null(False),
            pl.col("canonical_code").is_not_null().alias("indicator_known"),
        )
    )
    key = ["document_id", "canonical_code", "year", "period"]
    candidate = pl.col("indicator_known") & pl.col("year").is_not_null() & (pl.col("actual_kind") == "number")
    ordered = pl.int_range(pl.len()).over(key, order_by=["source_file", "source_row"])
    values = pl.col("actual_value").n_unique().over(key)
    status = (
        pl.when(~candidate)
        .then(None)
        .when(values > 1)
        .then(pl.lit("conflict"))
        .when(ordered > 0)
        .then(pl.lit("repeat"))
        .otherwise(None)
    )
    candidates = enriched.filter(candidate).with_columns(
        status.alias("duplicate_status"),
        pl.struct("source_file", "source_row")
        .first()
        .over(key, order_by=["source_file", "source_row"])
        .alias("first"),
        pl.col("actual_raw").over(key, mapping_strategy="join").alias("conflicting_values"),
    )
    others = enriched.filter(~candidate).with_columns(
        pl.lit(None, pl.String).alias("duplicate_status"),
        pl.lit(None, candidates.schema["first"]).alias("first"),
        pl.lit(None, pl.List(pl.String)).alias("conflicting_values"),
    )
    return pl.concat([candidates, others]).sort("source_file", "source_row")


def _failed_rules(rules: pl.DataFrame) -> pl.DataFrame:
    """One issue per failed rule and row, with a message that quotes the row's own values."""
    schema = polars_schema(ActualsIssuesSchema)
    try:
        ActualsRowRules.validate(rules, lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases.select(pl.col("check").alias("issue_type"), pl.col("index"))
    else:
        return pl.DataFrame(schema=schema)
    failed = rules.with_row_index("index").join(
        failures.with_columns(pl.col("index").cast(pl.UInt32)), on="index"
    )
    issues = [
        {
            "source_file": row["source_file"],
            "source_row": row["source_row"],
            "document_id": row["document_id"] or None,
            "indicator_code": row["indicator_code"] or None,
            "severity": "warning" if row["issue_type"] == "duplicate" else "error",
            "issue_type": row["issue_type"],
            "message": _message(row),
            "raw_text": row["raw_text"],
        }
        for row in failed.sort("source_file", "source_row", "issue_type").iter_rows(named=True)
    ]
    return pl.DataFrame(issues, schema=schema, orient="row")


def _message(row: dict[str, Any]) -> str:
    document, code = row["document_id"], row["indicator_code"]
    first = row["first"] or {}
    messages = {
        "unknown_document": f"document_id {document!r} is not a loaded document",
        "unknown_indicator": f"indicator code {code!r} is not an indicator of {document}",
        "not_a_number": f"actual value {row['actual_raw']!r} is not a number",
        "year_not_a_year": f"year {row['year_raw']!r} is not a year",
        "year_outside_period": (
            f"year {row['year']} is outside the plan period "
            f"{row['period_start_year']}-{row['period_end_year']} of {document}"
        ),
        "period_not_in_year": (
            f"period {row['period']!r} is not a period of year {row['year']} "
            f"(expected {row['year']}, {row['year']}-H1, {row['year']}-Q3 or {row['year']}-M04)"
        ),
        "duplicate": (
            f"repeats {first.get('source_file')} row {first.get('source_row')} with the same value; "
            "loaded once from there"
        ),
        "conflicting_duplicate": (
            f"{code} {row['year']}{' ' + row['period'] if row['period'] else ''} is delivered with "
            f"different values ({', '.join(row['conflicting_values'] or [])}); none loaded"
        ),
    }
    return messages[row["issue_type"]]
