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

from dagster_project.markdown import markdown_table

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
        return markdown_table(columns, self.sample.select(columns).iter_rows())


def failure_cases(model: type[pa.DataFrameModel], frame: pl.DataFrame) -> pl.DataFrame:
    """Every failure of a lazy validation (all checks run), one row each; empty when the frame passes.

    `index` is the failing row of `frame`; it is null for a failure of the table as a whole (a
    missing column, a wrong type).
    """
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return errors.failure_cases
    except pa.errors.SchemaError as error:
        return pl.DataFrame(
            {"column": [None], "check": [str(error)], "failure_case": [None], "index": [None]}
        )
    return pl.DataFrame()


def validate(model: type[pa.DataFrameModel], frame: pl.DataFrame, table: str) -> ValidationResult:
    """Validate lazily (all checks run) and return counts instead of raising."""
    cases = failure_cases(model, frame)
    return ValidationResult(table, frame.height, cases.height, cases.head(SAMPLE_ROWS))


@dataclass(frozen=True)
class DocumentFailure:
    """The rows of one document that fail a table's schema: which checks, how many rows, which lines."""

    document_id: str
    table: str
    checks: tuple[str, ...]
    rows: int
    source_lines: tuple[int, ...]


@dataclass(frozen=True)
class DocumentValidation:
    """A table's validation split by document: the documents whose own rows fail it, and the result
    for every other document's rows (failures left there are not one document's)."""

    documents: list[DocumentFailure]
    rest: ValidationResult

    @property
    def failing_ids(self) -> set[str]:
        return {failure.document_id for failure in self.documents}


def validate_by_document(
    model: type[pa.DataFrameModel], frame: pl.DataFrame, table: str
) -> DocumentValidation:
    """Validate, then name the documents whose rows fail (pandera's failing row `index` → its
    `document_id` and `source_line`) and validate the other documents' rows again.

    A failure is one document's when its rows alone carry it: once they are left out, what remains
    is validated again, so a failure that needs several documents, or the table as a whole, stays
    in `rest` (and blocks the refresh).
    """
    cases = failure_cases(model, frame)
    if cases.is_empty() or "document_id" not in frame.columns:
        return DocumentValidation(
            [], ValidationResult(table, frame.height, cases.height, cases.head(SAMPLE_ROWS))
        )
    located = cases.filter(pl.col("index").is_not_null())
    rows = frame.with_row_index("index").select(
        pl.col("index").cast(pl.Int64),
        "document_id",
        pl.col("source_line")
        if "source_line" in frame.columns
        else pl.lit(None, pl.Int64).alias("source_line"),
    )
    failing = (
        located.with_columns(pl.col("index").cast(pl.Int64))
        .join(rows, on="index")
        .filter(pl.col("document_id").is_not_null())
    )
    documents = [
        DocumentFailure(
            document_id,
            table,
            tuple(sorted(set(group["check"].cast(pl.String).to_list()))),
            group["index"].n_unique(),
            tuple(sorted(set(group["source_line"].drop_nulls().to_list()))),
        )
        for (document_id,), group in failing.group_by("document_id", maintain_order=True)
    ]
    ids = sorted(failure.document_id for failure in documents)
    rest = frame.filter(~pl.col("document_id").is_in(ids))
    return DocumentValidation(documents, validate(model, rest, table))


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
