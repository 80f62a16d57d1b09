"""Run a pandera schema over a Polars frame and summarise the result for people.

Asset checks show the number of failures and a sample of failure cases rather than a traceback,
so a data engineer sees what failed without reading logs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

import pandera.polars as pa
import polars as pl

SAMPLE_ROWS = 10


@dataclass(frozen=True)
class ValidationResult:
    table: str
    rows: int
    failures: int
    sample: pl.DataFrame

    @property
    def passed(self) -> bool:
        return self.failures == 0

    def sample_markdown(self) -> str:
        if self.sample.is_empty():
            return "no failures"
        columns = [c for c in ("column", "check", "failure_case", "index") if c in self.sample.columns]
        header = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
        body = "\n".join(
            "| " + " | ".join(str(row[c]).replace("|", "\\|")[:120] for c in columns) + " |"
            for row in self.sample.iter_rows(named=True)
        )
        return header + body


def validate(model: type[pa.DataFrameModel], frame: pl.DataFrame, table: str) -> ValidationResult:
    """Validate lazily (all checks run) and return counts instead of raising."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return ValidationResult(table, frame.height, cases.height, cases.head(SAMPLE_ROWS))
    except pa.errors.SchemaError as error:
        cases = pl.DataFrame(
            {"column": [None], "check": [str(error)], "failure_case": [None], "index": [None]}
        )
        return ValidationResult(table, frame.height, 1, cases)
    return ValidationResult(table, frame.height, 0, pl.DataFrame())


def combine(first: ValidationResult, second: ValidationResult) -> ValidationResult:
    """Two batches' results as one: counts add up, the first failures are the sample."""
    sample = first.sample if not first.sample.is_empty() else second.sample
    return ValidationResult(first.table, first.rows + second.rows, first.failures + second.failures, sample)


def validate_batches(
    model: type[pa.DataFrameModel], frames: Iterable[pl.DataFrame], table: str
) -> ValidationResult:
    """Validate a table a batch at a time (so it never sits in memory whole); one result for all.

    Every check must hold within a batch: batches are whole documents, and the marts' and raw
    tables' keys all include the document.
    """
    return reduce(combine, (validate(model, frame, table) for frame in frames))


def polars_schema(model: type[pa.DataFrameModel]) -> pl.Schema:
    """The Polars column types a pandera model declares (used to create empty raw tables)."""
    return pl.Schema({name: column.dtype.type for name, column in model.to_schema().columns.items()})
