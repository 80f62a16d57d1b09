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

import codecs
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from dagster_project.parsers.cells import clean_cell
from dagster_project.parsers.normalise import name_key, turkish_lower
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.tables import Column, HeaderMap, map_header
from dagster_project.schemas.monitoring import (
    UNIT_FAMILIES,
    ActualsIssuesSchema,
    ActualsRowRules,
    ActualsSchema,
)
from dagster_project.validation import polars_schema

Cell = str | int | float | None

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
KNOWN_COLUMNS = ("document_id", "indicator_code", "unit", "period_start_year", "period_end_year")
# What one delivery may hold: beyond this a file is refused whole, with the limit in the reason.
# A year of daily values for every indicator of a large administration is far below it.
MAX_ROWS = 2_000_000
MAX_CSV_BYTES = 256 * 1024 * 1024
# An .xlsx is a zip: its parts are measured before openpyxl inflates them (a 1 MB file can hold GBs).
MAX_XLSX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
# A file with more failing rows than this is refused whole (nothing of it loaded, one issue with the
# count per rule and its first failing row): a million issue rows would cost more memory than the
# file's actuals (1 GB at peak for a 1,000,000-row file that fails every row), and no one reads them.
MAX_FAILING_ROWS = 100_000


class FileRefused(ValueError):
    """The file is not read at all: too large, or of an encoding this reader does not take."""


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

    `known` has one row per indicator the warehouse holds: document_id, indicator_code, unit and
    the document's period_start_year / period_end_year. Only regular files are read: a named pipe
    or a device is reported, never opened (reading a pipe waits for a writer for ever).
    """
    paths = sorted(p for p in folder.iterdir() if not p.is_dir()) if folder.is_dir() else []
    return read_actuals_files(paths, known)


def read_actuals_files(paths: Iterable[Path], known: pl.DataFrame) -> ActualsRead:
    """Read the given files; see `read_actuals_dir`.

    Memory follows the files' size, not the square of repeated keys: cells are read into Polars
    columns (never a Python object per cell of a large CSV) and every rule is a column expression.
    """
    frames, file_issues, files = _read_files(paths)
    frame = pl.concat([pl.DataFrame(schema=_ROW_SCHEMA), *frames], how="vertical_relaxed")
    del frames  # every intermediate goes as soon as it is used: a large file's rows are most of memory
    rows_read = frame.height
    delivered = frame.filter(pl.col("actual_kind") != "missing")
    del frame
    rows_without_value = rows_read - delivered.height
    # The long texts stay out of the joins; rules keep the rows' order, so an index finds them.
    texts = delivered.select("raw_text", "note")
    rules, repeats = _enrich(delivered.drop("raw_text", "note"), known)
    del delivered
    failing = _failing_rows(rules)
    refused, refusals = _refused_files(rules, failing)
    in_refused = rules["source_file"].is_in(refused.implode()).arg_true().cast(pl.UInt32)
    failing = failing.filter(~pl.col("index").is_in(in_refused.implode()))
    issues = pl.concat(
        [
            pl.DataFrame(file_issues + refusals, schema=polars_schema(ActualsIssuesSchema), orient="row"),
            _issues(rules.with_columns(texts["raw_text"]), failing, repeats),
        ]
    )
    del repeats
    excluded = pl.concat([failing["index"], in_refused]).unique()
    passed = ~pl.int_range(pl.len(), dtype=pl.UInt32).is_in(excluded.implode())
    loaded = rules.with_columns(texts["note"]).filter(passed)
    del rules, texts
    # The loaded row carries the code as the warehouse's document writes it.
    schema = polars_schema(ActualsSchema)
    actuals = loaded.drop("indicator_code").rename({"canonical_code": "indicator_code"})
    actuals = actuals.select(schema.names()).cast(schema)  # type: ignore[arg-type]
    return ActualsRead(actuals, issues, files, rows_read, rows_without_value)


def _read_files(paths: Iterable[Path]) -> tuple[list[pl.DataFrame], list[dict[str, Any]], int]:
    """Each readable file's rows, an issue per file not read (or read with a file-level finding),
    and how many files were read. A file that cannot be read costs only itself."""
    frames: list[pl.DataFrame] = []
    file_issues: list[dict[str, Any]] = []
    files = 0
    for path in paths:
        if path.name.lower() in IGNORED_FILES or path.name.startswith(("~$", ".")):
            continue
        if not stat.S_ISREG(path.stat().st_mode):
            file_issues.append(_file_issue(path, "unsupported_file", "not read: not a regular file"))
            continue
        if path.suffix.lower() not in FILE_SUFFIXES:
            file_issues.append(_file_issue(path, "unsupported_file", "not read: only .csv and .xlsx"))
            continue
        files += 1
        try:
            cells = _read_cells(path)
        except FileRefused as error:
            file_issues.append(_file_issue(path, "file_too_large", str(error)))
            continue
        except Exception as error:  # a corrupt file must not cost the other files their load
            file_issues.append(_file_issue(path, "unreadable_file", f"{type(error).__name__}: {error}"))
            continue
        file_rows, issue = _rows_of(path, cells)
        del cells
        frames.append(file_rows)
        file_issues += [issue] if issue else []
    return frames, file_issues, files


# A row as read from a file: the columns of `raw.actuals` (declared by `ActualsSchema`) and what the
# rules and the issue messages need besides (the year and the row as written, parse_number's kind).
_ROW_SCHEMA = pl.Schema(
    {
        **polars_schema(ActualsSchema),
        "year_raw": pl.String(),
        "actual_kind": pl.String(),
        "raw_text": pl.String(),
    }
)


@dataclass(frozen=True)
class Cells:
    """A file's first sheet as columns: `text` (String, one column per sheet column, a row per
    sheet row) and, for .xlsx, `numbers` (the same shape, Float64 where the cell is a number)."""

    text: pl.DataFrame
    numbers: pl.DataFrame | None = None


def _read_cells(path: Path) -> Cells:
    """Every row of the file's first sheet (XLSX keeps numbers as numbers; CSV is text)."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise FileRefused(
            f"not read: {size:,} bytes, more than the {MAX_CSV_BYTES:,} a monitoring CSV may have"
        )
    data = _utf8(path.read_bytes())
    first_line = data[: data.find(b"\n")]
    # Turkish Excel writes `;` because the comma is the decimal separator.
    delimiter = max(";,\t", key=lambda separator: first_line.count(separator.encode()))
    text = pl.read_csv(
        data,
        has_header=False,
        infer_schema=False,
        separator=delimiter,
        truncate_ragged_lines=True,
        n_rows=MAX_ROWS + 1,
        raise_if_empty=False,
    )
    del data
    _check_rows(text.height)
    return Cells(text)


def _utf8(data: bytes) -> bytes:
    """The bytes as UTF-8 without a byte-order mark: UTF-8, UTF-16 with its BOM (Excel's "Unicode
    text"), else Windows-1254 (Turkish Excel's CSV)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16").encode()
    if b"\x00" in data[:65536]:
        raise FileRefused("not read: UTF-16 is not supported without a byte-order mark (or a binary file)")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1254").encode()
    return data


def _check_rows(rows: int) -> None:
    if rows > MAX_ROWS:
        raise FileRefused(f"not read: more than {MAX_ROWS:,} rows (split the delivery into several files)")


def _read_xlsx(path: Path) -> Cells:
    """The first sheet of a workbook, its size checked before anything is inflated."""
    with zipfile.ZipFile(path) as archive:
        inflated = sum(part.file_size for part in archive.infolist())
    if inflated > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            f"not read: the workbook inflates to {inflated:,} bytes, more than the "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES:,} a monitoring workbook may have (a zip bomb or a huge sheet)"
        )
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(row)
            _check_rows(len(rows))
    finally:
        workbook.close()
    width = max((len(row) for row in rows), default=0)
    padded = [tuple(row) + (None,) * (width - len(row)) for row in rows]
    columns = list(zip(*padded, strict=True)) if padded else [()] * width
    names = [f"column_{i}" for i in range(width)]
    text = pl.DataFrame(
        {n: [None if c is None else _text(c) for c in col] for n, col in zip(names, columns, strict=True)},
        schema=dict.fromkeys(names, pl.String),
    )
    numbers = pl.DataFrame(
        {
            n: [float(c) if _is_number(c) else None for c in col]
            for n, col in zip(names, columns, strict=True)
        },
        schema=dict.fromkeys(names, pl.Float64),
    )
    return Cells(text, numbers)


def _is_number(cell: object) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean_cell(str(cell))


def _mapped(column: pl.Series, function: Callable[[str], Any], dtype: pl.DataType) -> pl.Series:
    """`function` over the distinct values of `column` only (codes, years and documents repeat)."""
    distinct = column.unique()
    mapping = pl.DataFrame(
        {"key": distinct, "value": pl.Series([function(value) for value in distinct.to_list()], dtype=dtype)}
    )
    return column.to_frame("key").join(mapping, on="key", how="left", maintain_order="left")["value"]


def _cleaned(column: pl.Series) -> pl.Series:
    """`clean_cell` as a column expression: invisible characters out, white space collapsed."""
    return (
        column.str.replace_all("[\u200b\ufeff]", "")
        .str.replace_all(r"[\s\u00a0\u202f]+", " ")
        .str.strip_chars()
    )


def _parsed(text: str) -> dict[str, Any]:
    number = parse_number(text)
    return {"actual_raw": number.raw, "actual_value": number.value, "actual_kind": number.kind}


_PARSED = pl.Struct({"actual_raw": pl.String, "actual_value": pl.Float64, "actual_kind": pl.String})


def _rows_of(path: Path, cells: Cells) -> tuple[pl.DataFrame, dict[str, Any] | None]:
    """The data rows of one file, numbered as a spreadsheet shows them (the header is row 1).

    Only the header row and the mapped columns are cleaned (`clean_cell`, once per distinct value);
    `raw_text` joins the row's cells as written.
    """
    text = cells.text
    empty = pl.DataFrame(schema=_ROW_SCHEMA)
    # A cell of white space or invisible characters only is empty (as `clean_cell` makes it).
    blank = r"^[\s\u00a0\u200b\ufeff\u202f]*$"
    filled = text.select(pl.any_horizontal(~pl.all().fill_null("").str.contains(blank)).alias("filled"))[
        "filled"
    ]
    header_index = filled.arg_true().first() if text.width and filled.any() else None
    if header_index is None:
        return empty, _file_issue(path, "missing_column", "the file is empty: no header row")
    header = map_header([clean_cell(c or "") for c in text.row(header_index)], COLUMNS, year_columns=False)
    missing = [name for name in REQUIRED_COLUMNS if name not in header.positions]
    if missing:
        return empty, _file_issue(
            path,
            "missing_column",
            f"no column {', '.join(missing)} in the header row {header_index + 1} "
            f"(accepted headers: {', '.join(' / '.join(c.aliases) for c in COLUMNS)})",
        )
    numbered = cells.text.with_columns(
        source_row=pl.int_range(1, pl.len() + 1, dtype=pl.Int64), filled=filled
    )
    numbers = cells.numbers.with_columns(filled=filled) if cells.numbers is not None else None
    parts = [
        _data_rows(
            path,
            header,
            numbered.slice(start, CHUNK_ROWS),
            numbers.slice(start, CHUNK_ROWS) if numbers is not None else None,
        )
        for start in range(header_index + 1, numbered.height, CHUNK_ROWS)
    ]
    return pl.concat([empty, *parts]), None


# Rows are turned into typed columns (and issues into messages) this many at a time, so the
# temporary columns of a step never cover a whole large file.
CHUNK_ROWS = 50_000


def _data_rows(
    path: Path, header: HeaderMap, body: pl.DataFrame, numbers: pl.DataFrame | None
) -> pl.DataFrame:
    """Typed rows of a slice of the sheet (`body`: its text cells, `source_row` and `filled`)."""
    columns = [name for name in body.columns if name not in ("source_row", "filled")]
    keep = body["filled"]
    body = body.filter(keep).with_columns(pl.col(columns).fill_null(""))

    def cell(name: str) -> pl.Series:
        position = header.positions.get(name)
        if position is None:
            return pl.repeat("", body.height, dtype=pl.String, eager=True)
        return _cleaned(body[columns[position]])

    actual = _mapped(cell("actual_value"), _parsed, _PARSED).struct.unnest()
    if numbers is not None:  # a spreadsheet number is taken as is
        number = numbers.filter(keep)[numbers.columns[header.positions["actual_value"]]]
        actual = actual.with_columns(
            actual_value=pl.coalesce(number, "actual_value"),
            actual_kind=pl.when(number.is_not_null()).then(pl.lit("number")).otherwise("actual_kind"),
        )
    year = cell("year")
    frame = pl.DataFrame(
        {
            "source_file": pl.repeat(path.name, body.height, dtype=pl.String, eager=True),
            "source_row": body["source_row"],
            "document_id": cell("document_id"),
            "indicator_code": cell("indicator_code"),
            "year_raw": year,
            "year": year.str.extract(r"^(\d{4})$").cast(pl.Int64),
            "period": cell("period").replace("", None),
            "note": cell("note").replace("", None),
            "actual_raw": actual["actual_raw"],
            "actual_value": actual["actual_value"],
            "actual_kind": actual["actual_kind"],
            "raw_text": body.select(
                pl.concat_str(pl.col(columns).str.strip_chars(), separator=" | ").str.strip_chars(" |")
            ).to_series(),
        }
    )
    return frame.select(pl.col(name).cast(dtype) for name, dtype in _ROW_SCHEMA.items())


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


def _enrich(rows: pl.DataFrame, known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Add what the row rules look at: is the document / indicator known, what its unit allows,
    and is the row a duplicate.

    Codes compare on their Turkish-aware key (`ke/pg.1.2.4` finds `Ke/Pg.1.2.4`); the loaded row
    carries the code as the document writes it. Repeats are found per key with a group-by (the
    second frame: per key, how many values, the first row, the values delivered), so a key delivered
    a million times costs a million rows, not a million squared.
    """
    documents, codes = _known_keys(known.select(KNOWN_COLUMNS))
    enriched = (
        rows.with_columns(_mapped(rows["indicator_code"], name_key, pl.String()).alias("code_key"))
        .join(
            documents.with_columns(document_known=pl.lit(True)),
            on="document_id",
            how="left",
            maintain_order="left",
        )
        .join(codes, on=["document_id", "code_key"], how="left", maintain_order="left")
        .drop("code_key")
        .unnest("unit_range")
        .with_columns(
            pl.col("document_known").fill_null(False),
            pl.col("canonical_code").is_not_null().alias("indicator_known"),
        )
    )
    candidate = pl.col("indicator_known") & pl.col("year").is_not_null() & (pl.col("actual_kind") == "number")
    repeats = _repeats(enriched.filter(candidate))
    status = (
        pl.when(~candidate)
        .then(None)
        .when(pl.col("values") > 1)
        .then(pl.lit("conflict"))
        .when(pl.int_range(pl.len()).over(REPEAT_KEY) > 0)
        .then(pl.lit("repeat"))
        .otherwise(None)
    )
    rules = (
        enriched.join(
            repeats.select(*REPEAT_KEY, "values"),
            on=REPEAT_KEY,
            how="left",
            nulls_equal=True,
            maintain_order="left",
        )
        .with_columns(status.alias("duplicate_status"))
        .drop("values")
    )
    return rules, repeats.drop("values")


def _known_keys(known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The warehouse's documents with their period, and its indicators by Turkish-aware code key
    with the code as the document writes it and the range its unit allows."""
    documents = known.select("document_id", "period_start_year", "period_end_year").unique("document_id")
    codes = known.select(
        "document_id",
        _mapped(known["indicator_code"], name_key, pl.String()).alias("code_key"),
        pl.col("indicator_code").alias("canonical_code"),
        "unit",
        _mapped(known["unit"].fill_null(""), unit_range, _RANGE).alias("unit_range"),
    ).unique(["document_id", "code_key"])
    return documents, codes


_UNIT_WORD = re.compile(r"[\w²³%]+")


def unit_range(unit: str) -> dict[str, object]:
    """The family of `unit` and the range it allows (all None when the unit is of no family).

    In the reader, not beside `UNIT_FAMILIES` in the schemas: it needs the parsers' Turkish lower
    case (`SAYISI` → `sayısı`), and the schemas import nothing from the parsers."""
    words = set(_UNIT_WORD.findall(turkish_lower(unit)))
    for family in UNIT_FAMILIES:
        if words & family.words:
            return {"unit_family": family.name, "unit_min": family.minimum, "unit_max": family.maximum}
    return {"unit_family": None, "unit_min": None, "unit_max": None}


def _repeats(candidates: pl.DataFrame) -> pl.DataFrame:
    """Per key of the rows that could load: how many values, the first row, the values delivered.
    Rows stay in file and row order (files sorted, joins keep the left order): the first of a key is first."""
    return (
        candidates.group_by(REPEAT_KEY)
        .agg(
            pl.col("actual_value").n_unique().alias("values"),
            pl.col("source_file").first().alias("first_file"),
            pl.col("source_row").first().alias("first_row"),
            pl.col("actual_raw").unique(maintain_order=True).head(SHOWN_VALUES).alias("delivered"),
        )
        .with_columns(pl.col("delivered").list.join(", "))
    )


REPEAT_KEY = ["document_id", "canonical_code", "year", "period"]
# The columns an issue's message quotes.
_ISSUE_INPUTS = [
    *REPEAT_KEY,
    "source_file",
    "source_row",
    "indicator_code",
    "year_raw",
    "actual_raw",
    "unit",
    "unit_family",
    "unit_min",
    "unit_max",
    "period_start_year",
    "period_end_year",
    "raw_text",
]
# A conflict's message lists at most this many of the values delivered.
SHOWN_VALUES = 10
_ROW_RULES = ActualsRowRules.to_schema().checks
_RANGE = pl.Struct({"unit_family": pl.String, "unit_min": pl.Float64, "unit_max": pl.Float64})


def _quoted(column: str) -> pl.Expr:
    return pl.concat_str(pl.lit("'"), pl.col(column).fill_null(""), pl.lit("'"))


def _failing_rows(rules: pl.DataFrame) -> pl.DataFrame:
    """(index, issue_type) of every failed rule of ActualsRowRules and row.

    The rules' own pass/fail columns, not pandera's failure report (8 KB and 0.1 ms a failing row:
    1 GB for 100,000 of them).
    """
    parts = [pl.DataFrame(schema={"index": pl.UInt32, "issue_type": pl.String})]
    for check in _ROW_RULES:
        passed = check(rules.lazy()).check_output.collect().to_series().fill_null(True)
        parts.append(
            pl.DataFrame({"index": (~passed).arg_true().cast(pl.UInt32)}).with_columns(
                issue_type=pl.lit(check.error)
            )
        )
    return pl.concat(parts)


def _refused_files(rules: pl.DataFrame, failing: pl.DataFrame) -> tuple[pl.Series, list[dict[str, Any]]]:
    """The files with more than `MAX_FAILING_ROWS` failing rows, and the one issue that refuses each
    (counted per file and rule with group-bys: no list of a million rows is built)."""
    files = rules["source_file"]
    failed_rows = failing["index"].unique()
    per_file = (
        pl.DataFrame({"source_file": files.gather(failed_rows), "index": failed_rows})
        .group_by("source_file")
        .agg(pl.len().alias("rows"), pl.col("index").min().alias("first"))
        .filter(pl.col("rows") > MAX_FAILING_ROWS)
        .sort("source_file")
    )
    refused = per_file["source_file"]
    if refused.is_empty():
        return refused, []
    per_rule = (
        failing.with_columns(source_file=files.gather(failing["index"]))
        .filter(pl.col("source_file").is_in(refused.implode()))
        .group_by("source_file", "issue_type")
        .agg(pl.len().alias("count"))
        .sort("source_file", "count", "issue_type", descending=[False, True, False])
    )
    refusals = []
    for file, rows, first in per_file.iter_rows():
        counts = per_rule.filter(pl.col("source_file") == file).select("issue_type", "count").iter_rows()
        refusals.append(
            _file_issue(
                Path(file),
                "too_many_failing_rows",
                f"refused: {rows:,} of its {int((files == file).sum()):,} delivered rows fail the rules "
                f"({', '.join(f'{rule} {count:,}' for rule, count in counts)}; the first is row "
                f"{rules['source_row'][first]}), more than the {MAX_FAILING_ROWS:,} a monitoring file may "
                "have: none of its rows is loaded; fix the file and deliver it again",
            )
        )
    return refused, refusals


def _issues(rules: pl.DataFrame, failing: pl.DataFrame, repeats: pl.DataFrame) -> pl.DataFrame:
    """One issue per failed rule and row, with a message that quotes the row's own values (column
    expressions: a file of a million bad rows is a million issues, not a million Python dicts)."""
    schema = polars_schema(ActualsIssuesSchema)
    failing = failing.sort("index", "issue_type")  # the rules' rows are in file and row order
    inputs = rules.select(_ISSUE_INPUTS)
    parts = [pl.DataFrame(schema=schema)]
    for start in range(0, failing.height, CHUNK_ROWS):
        chunk = failing.slice(start, CHUNK_ROWS)
        failed = (
            inputs[chunk["index"]]
            .with_columns(issue_type=chunk["issue_type"])
            .join(repeats, on=REPEAT_KEY, how="left", nulls_equal=True, maintain_order="left")
        )
        parts.append(_messages(failed).cast(schema).sort("source_file", "source_row", "issue_type"))  # type: ignore[arg-type]
    return pl.concat(parts)


_WHEN_PERIOD = (
    pl.when(pl.col("period").is_not_null()).then(pl.concat_str(pl.lit(" "), "period")).otherwise(pl.lit(""))
)
# The message of each issue type, over the rule inputs `_ISSUE_INPUTS` and the repeats' columns.
_MESSAGES = {
    "unknown_document": pl.format("document_id {} is not a loaded document", _quoted("document_id")),
    "unknown_indicator": pl.format(
        "indicator code {} is not an indicator of {}", _quoted("indicator_code"), "document_id"
    ),
    "not_a_number": pl.format("actual value {} is not a number", _quoted("actual_raw")),
    "year_not_a_year": pl.format("year {} is not a year", _quoted("year_raw")),
    "year_outside_period": pl.format(
        "year {} is outside the plan period {}-{} of {}",
        "year",
        "period_start_year",
        "period_end_year",
        "document_id",
    ),
    "period_not_in_year": pl.format(
        "period {} is not a period of year {} (expected {}, {}-H1, {}-Q3 or {}-M04)",
        _quoted("period"),
        "year",
        "year",
        "year",
        "year",
        "year",
    ),
    "value_outside_unit_range": pl.format(
        "actual value {} is outside what its unit {} allows ({} from {} to {})",
        "actual_raw",
        _quoted("unit"),
        "unit_family",
        pl.col("unit_min").cast(pl.Int64),
        pl.col("unit_max").cast(pl.Int64),
    ),
    "duplicate": pl.format(
        "repeats {} row {} with the same value; loaded once from there",
        "first_file",
        "first_row",
    ),
    "conflicting_duplicate": pl.format(
        "{} {}{} is delivered with different values ({}); none loaded",
        "indicator_code",
        "year",
        _WHEN_PERIOD,
        "delivered",
    ),
}


def _messages(failed: pl.DataFrame) -> pl.DataFrame:
    """The issue rows of `failed` (rule inputs with `issue_type`), each with its message."""
    # Each message is built over its own rows only.
    parts = [
        failed.filter(pl.col("issue_type") == issue_type).select(
            "source_file",
            "source_row",
            pl.when(pl.col("document_id") != "").then("document_id").alias("document_id"),
            pl.when(pl.col("indicator_code") != "").then("indicator_code").alias("indicator_code"),
            pl.lit("warning" if issue_type == "duplicate" else "error").alias("severity"),
            "issue_type",
            text.alias("message"),
            "raw_text",
        )
        for issue_type, text in _MESSAGES.items()
    ]
    return pl.concat(parts)
