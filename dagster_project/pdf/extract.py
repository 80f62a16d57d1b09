"""A whole PDF → the text documents' form: pages of lines, running headers and footers dropped.

Each page is read on its own (ruled tables first, the rest as prose lines, all in top-to-bottom
order); then the document as a whole decides which lines near the top and bottom edge are running
headers and footers: the same text (digits aside) at the edge of several pages, or a bare page
number. Then a blank line goes between two ruled tables that meet with nothing between them (on a
page, or across a page break), as a text document leaves one. Only then are wrapped prose lines
joined into their paragraphs, so a header is never glued to the first line of a page.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import pypdfium2 as pdfium

from dagster_project.parsers.cells import Line, looks_like_header
from dagster_project.parsers.normalise import turkish_lower
from dagster_project.pdf.errors import PdfRefused
from dagster_project.pdf.integrity import check_bytes
from dagster_project.pdf.layout import TextLine, cell_text, continues, join_wrapped, visual_lines
from dagster_project.pdf.reader import PageContent, open_pdf, read_page
from dagster_project.pdf.tables import Table, beside, find_tables, reading_places, split_by_table

# Lines within this share of the page height from the top or bottom edge may be running headers/footers.
_EDGE_BAND = 0.1
# Only the first and last few lines of a page are looked at.
_EDGE_LINES = 3
# Lines that must end within 3 pt of the text column's right edge for it to count as the edge.
_EDGE_WITNESSES = 3
# Column rules of a table continued on the next page lie within this (pt) of where they were.
_COLUMN_SNAP = 2.0
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:sayfa|page|s\.)?\s*\d{1,4}(?:\s*(?:/|of|-|\\|sayfadan)\s*\d{1,4})?[\s\-–—|]*$"
)


@dataclass
class PageLine:
    """A line of a page: its text, where it is, and whether it is a table row (never a header)."""

    text: str
    top: float
    box: TextLine | None  # prose only: for joining wrapped lines and finding headers
    table: Table | None = None  # a table row: the ruled table it belongs to


def extract_text(path: Path) -> str:
    """The text of the PDF at `path`: lines, tab-separated cells, a form feed before each new page.

    Raises PdfRefused (with the reason) for a file that cannot be read into text.
    """
    pages = extract_pages(path.read_bytes())
    return "\n".join("\f" + "\n".join(page) if index else "\n".join(page) for index, page in enumerate(pages))


def extract_pages(data: bytes) -> list[list[str]]:
    """The lines of every page of the PDF `data` (running headers and footers dropped)."""
    with _no_cycle_collection():
        return _extract_pages(data)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: an extraction makes a few hundred thousand words, lines and
    cells and makes no reference cycles of its own, and the collector would walk all those still alive again and
    again (a sixth of the time of a long document); reference counting frees them as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _extract_pages(data: bytes) -> list[list[str]]:
    check_bytes(data)
    with open_pdf(data) as document:
        count = len(document)
        if count == 0:
            raise PdfRefused("corrupt PDF: it has no pages")
        try:
            contents = [read_page(document, index) for index in range(count)]
        except pdfium.PdfiumError as error:  # a page PDFium opens but cannot read the text of
            raise PdfRefused(f"corrupt PDF: {error}") from None
    if not any(content.chars for content in contents):
        pages = f"{count} page" + ("s" if count != 1 else "")
        raise PdfRefused(f"no text layer: OCR is not supported ({pages} of images or drawings only)")
    pages = [_page_lines(content) for content in contents]
    _drop_running_lines(pages, contents)
    _separate_tables(pages)
    right_edges = _right_edges(pages, contents)
    texts: list[list[str]] = []
    carried: TextLine | None = None
    for lines, content in zip(pages, contents, strict=True):
        carried = _join_paragraphs(lines, right_edges[round(content.width)], texts, carried)
    return texts


def _page_lines(content: PageContent) -> list[PageLine]:
    """Table rows and prose lines of one page, top to bottom (tables side by side one after the
    other, left to right: `tables.reading_places`)."""
    tables = find_tables(content.rules)
    loose, in_table = split_by_table(tables, content.chars)
    keyed = [((line.y0,), PageLine(line.text, line.y0, line)) for line in visual_lines(loose, columns=True)]
    for rotated in content.rotated:
        top_of = {id(char): top for char, top in rotated.chars}
        for line in visual_lines([char for char, _ in rotated.chars], columns=True):
            if _PAGE_NUMBER.match(line.text) and _band(line, rotated.frame_height):
                continue  # an upright page number under a sideways table
            top = min(top_of[id(char)] for char in line.chars)
            keyed.append(((top,), PageLine(line.text, top, None)))
    for table, chars, place in zip(tables, in_table, reading_places(tables), strict=True):
        for row in table.rows(chars):
            cells = [cell_text(cell) for cell in row.cells]
            if any(cells):
                keyed.append(((*place, row.top), PageLine("\t".join(cells), row.top, None, table)))
    keyed.sort(key=itemgetter(0))
    return [line for _, line in keyed]


def _edge_key(line: PageLine, content: PageContent) -> tuple[str, str] | None:
    """(band, text with digits masked) of a prose line near the top or bottom edge, else None."""
    band = _band(line.box, content.height) if line.box is not None else None
    if band is None:
        return None
    return band, re.sub(r"\d+", "#", " ".join(turkish_lower(line.text).split()))


def _band(line: TextLine, page_height: float) -> str | None:
    """ "top" or "bottom" for a line near that edge of the page, else None."""
    if line.y1 <= page_height * _EDGE_BAND:
        return "top"
    if line.y0 >= page_height * (1 - _EDGE_BAND):
        return "bottom"
    return None


def _drop_running_lines(pages: list[list[PageLine]], contents: list[PageContent]) -> None:
    """Remove running headers and footers: edge lines repeated on several pages, and page numbers."""
    candidates = []
    for lines, content in zip(pages, contents, strict=True):
        edge = {id(line) for line in [*lines[:_EDGE_LINES], *lines[-_EDGE_LINES:]]}
        candidates.append({id(line): _edge_key(line, content) for line in lines if id(line) in edge})
    pages_with: Counter[tuple[str, str]] = Counter()
    for keys in candidates:
        pages_with.update({key for key in keys.values() if key})
    repeated = min(3, len(pages))
    for lines, keys in zip(pages, candidates, strict=True):
        lines[:] = [
            line
            for line in lines
            if not (
                (key := keys.get(id(line)))
                and (
                    (len(pages) > 1 and pages_with[key] >= repeated)
                    or _PAGE_NUMBER.match(key[1].replace("#", "1"))
                )
            )
        ]


def _separate_tables(pages: list[list[PageLine]]) -> None:
    """A blank line between two ruled tables that follow each other with nothing between them.

    A text document leaves a blank line (or prose) between two tables, and the table capture and
    the parsers split tables there; a PDF draws two rule grids instead. On a page, the next grid is
    another table when it starts below the last rule of the one before or stands beside it (read
    after it, `tables.reading_places`); a grid that overlaps another both ways is not. Across a
    page break (the running header and footer dropped), the first grid of the page continues the
    last one of the page before when its column rules are the same, unless its first row is the
    table's first row printed again: that is the header repeated ("repeat as header row",
    `<thead>`) or a new table that starts with the same row, which only the rows after it tell; or
    unless its first row is another header (`_new_header`): a new table with the same columns. The
    blank line is written there too: the page-break rule (`parsers/page_breaks.py`) reads through blank lines, finds the
    repeat and continues the table, and a table that starts again is a table of its own. Only
    between two rows with cells (tabs): a row that is one cell (a grid's title or footnote, the
    text inside a chart's frame) reads as a line of prose, which ends a table anyway.
    """
    previous: Table | None = None  # the grid of the last line so far, None after prose
    last = ""  # the text of the last line so far
    first_row = ""  # the first row of the table `previous` belongs to (on its first page)
    page_before: list[PageLine] = []
    for lines in pages:
        separated: list[PageLine] = []
        for line in lines:
            table = line.table
            if table is not None and table is not previous:
                if previous is None:
                    starts = True
                elif separated:  # another grid on the same page
                    starts = table.ys[0] > previous.ys[-1] or beside(previous, table)
                else:  # the first grid of the page, after a table row on the page before
                    starts = (
                        line.text == first_row
                        or not _same_columns(previous, table)
                        or _new_header(line.text, first_row, last)
                    )
                if starts:
                    first_row = line.text
                    if previous is not None and "\t" in line.text and "\t" in last:
                        (separated or page_before).append(PageLine("", line.top, None))
            separated.append(line)
            previous, last = table, line.text
        lines[:] = separated
        page_before = lines


def _new_header(row: str, header: str, last: str) -> bool:
    """Whether `row`, the first row of a grid at the top of a page with the columns of the table
    that ended the page before, is the header of a new table rather than the table going on: the
    table's first row (`header`) and `row` both read as headers (`looks_like_header`: no digits but
    years), `row` names at least as many columns and differs from it, and the table's last row
    (`last`) reads as data. A continued table starts with its header again or with a row of its
    body, which holds amounts or codes like `last`; a table of text only, whose body rows read as
    headers too, is taken to go on, as before."""
    first, top, end = Line(0, header), Line(0, row), Line(0, last)
    return (
        row != header
        and looks_like_header(top)
        and looks_like_header(first)
        and not looks_like_header(end)
        and len(top.values) >= len(first.values)
    )


def _same_columns(table: Table, other: Table) -> bool:
    """Whether two tables have the same column rules (within the rules' snap)."""
    return len(table.xs) == len(other.xs) and all(
        abs(x - y) <= _COLUMN_SNAP for x, y in zip(table.xs, other.xs, strict=True)
    )


def _right_edges(pages: list[list[PageLine]], contents: list[PageContent]) -> dict[int, float]:
    """The right edge of the text column for each page width (portrait and landscape differ).

    The rightmost end that a few lines reach (justified or wrapped lines end there), so one stray
    mark near the paper's edge does not move it.
    """
    ends: dict[int, list[float]] = defaultdict(list)
    for lines, content in zip(pages, contents, strict=True):
        ends[round(content.width)].extend(line.box.x1 for line in lines if line.box is not None)
    edges = {}
    for width, values in ends.items():
        values.sort(reverse=True)
        needed = min(_EDGE_WITNESSES, len(values))
        edges[width] = next(
            (
                value
                for i, value in enumerate(values)
                if i + needed <= len(values) and values[i + needed - 1] >= value - 3
            ),
            values[0] if values else float(width),
        )
    for content in contents:
        edges.setdefault(round(content.width), content.width)
    return edges


def _join_paragraphs(
    lines: list[PageLine], right_edge: float, pages: list[list[str]], carried: TextLine | None
) -> TextLine | None:
    """Append the page's lines to `pages`, each wrapped paragraph joined into one line; a paragraph
    that goes on from the previous page (whose last prose line is `carried`) stays on that page.
    Returns the page's last line when it is prose (for the next page)."""
    texts: list[str] = []
    previous = carried if carried is not None and pages and pages[-1] else None
    for line in lines:
        box = line.box
        if previous is not None and box is not None and continues(previous, box, right_edge, not texts):
            if texts:
                texts[-1] = join_wrapped(texts[-1], line.text)
            else:
                pages[-1][-1] = join_wrapped(pages[-1][-1], line.text)
        else:
            texts.append(line.text)
        previous = box
    pages.append(texts)
    return previous
