"""Small Markdown tables for asset metadata (what a data engineer reads in the Dagster UI)."""

from collections.abc import Iterable, Sequence

import polars as pl

PREVIEW_ROWS = 5


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")[:160]

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def frame_preview(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """The first rows of a table as Markdown, so the Dagster UI shows what was loaded."""
    if frame.is_empty():
        return "no rows"
    return markdown_table(frame.columns, frame.head(rows).iter_rows())
