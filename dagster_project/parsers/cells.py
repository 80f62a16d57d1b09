"""Split PDF-to-text lines into table cells.

The source documents are text extracted from PDF: a table row is one line whose cells are separated
by tabs. Cells are often shifted (empty cells before or after a value), so callers usually want the
non-empty cells in order, while header mapping wants the positions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# PDF extraction leaves non-breaking and zero-width spaces inside cells.
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u200b": "", "\ufeff": "", "\u202f": " "})


def clean_cell(text: str) -> str:
    """Return the cell text with invisible characters removed and white space collapsed."""
    return " ".join(text.translate(_INVISIBLE).split())


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document, 1-based `number` as an editor shows it."""

    number: int
    text: str

    @property
    def is_table_row(self) -> bool:
        """A line with a tab is a table row in these PDF extracts."""
        return "\t" in self.text

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def cells(self) -> list[str]:
        """All cells, cleaned, keeping empty ones so positions stay meaningful."""
        return [clean_cell(cell) for cell in self.text.split("\t")]

    @property
    def values(self) -> list[str]:
        """Non-empty cells in order: robust to cells shifted left or right."""
        return [cell for cell in self.cells if cell]

    @property
    def stripped(self) -> str:
        return clean_cell(self.text)


def document_lines(text: str) -> list[Line]:
    """Number the lines of a document (1-based, like an editor), keeping tabs intact."""
    return [Line(number, raw.rstrip("\r")) for number, raw in enumerate(text.split("\n"), start=1)]


def iter_table_rows(lines: list[Line], start: int = 0, stop: int | None = None) -> Iterator[Line]:
    """Yield the tab-separated lines between two indexes of `lines`."""
    for line in lines[start:stop]:
        if line.is_table_row:
            yield line
