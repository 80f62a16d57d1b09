"""Small Markdown tables, the one renderer: asset metadata and check samples (what a data engineer
reads in the Dagster UI), the SQL cookbook page (`cookbook.py`) and the raw tables' contract docs
(`tools/raw_contracts.py`). No Dagster here."""

from collections.abc import Iterable, Sequence

import polars as pl

PREVIEW_ROWS = 5


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]], width: int | None = 160) -> str:
    """A header row and one row per item; a cell is one line of at most `width` characters (None:
    whole), `|` escaped, and empty for None."""

    def cell(value: object) -> str:
        return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")[:width]

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def frame_preview(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """The first rows of a table as Markdown, so the Dagster UI shows what was loaded."""
    if frame.is_empty():
        return "no rows"
    return markdown_table(frame.columns, frame.head(rows).iter_rows())
