"""The page of every line of a document, from the form feeds in its text.

Text pulled out of a PDF marks a page break with a form feed (`\\f`) at the start of the first line
of every page after the first: pdftotext's convention, and the one `dagster_project/pdf/` writes.
An analyst who reads "line 1,272" in a mart needs "page 41" to open the PDF there, so the extraction
turns a document's text into the text the parsers read (the same lines without the form feeds:
parsers split on `\\n` and must never see `\\f`, and every line keeps its number) and a page map,
stored once as `raw.document_pages` and joined to the lines in dbt (`macros/page_number.sql`).

Each form feed counts one page, so a blank page (pdftotext writes `\\f\\f`) is skipped in the
numbering like the PDF skips it, and a page number is the PDF's own page index (1-based), not a
number printed on the page. A form feed that ends the text (pdftotext ends every page with one)
closes the last page rather than opening an empty one. A text without form feeds has one page when
it was extracted from a PDF, and else (a `.txt` saved without them) no page map: its pages are
unknown, shown as null, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from dagster_project.schemas.pages import DocumentPagesSchema
from dagster_project.validation import polars_schema

FORM_FEED = "\f"
_FORM_FEEDS = re.compile(FORM_FEED)


@dataclass(frozen=True)
class Page:
    """The lines `first_line`..`last_line` (1-based, inclusive) of the PDF's page `page_number`."""

    page_number: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class PagedText:
    """A document's text without form feeds and the pages of its lines (empty: pages unknown)."""

    text: str
    pages: tuple[Page, ...]

    def pages_frame(self, document_id: str) -> pl.DataFrame:
        """`raw.document_pages` rows of the document."""
        return pl.DataFrame(
            [(document_id, page.page_number, page.first_line, page.last_line) for page in self.pages],
            schema=polars_schema(DocumentPagesSchema),
            orient="row",
        )


def split_pages(text: str, *, paged_source: bool = False) -> PagedText:
    """Remove the form feeds of `text` and record on which page each line starts.

    Only `\\f` characters are removed, so the lines (split on `\\n`) keep their numbers and their
    other characters: `"a\\n\\fb"` → `"a\\nb"`, line 1 on page 1 and line 2 on page 2.
    `paged_source`: the text was extracted from a PDF, so a text without form feeds is one page
    (a one-page PDF), not a text whose pages are unknown.
    """
    if FORM_FEED not in text and not paged_source:
        return PagedText(text, ())
    content_end = len(text.rstrip())  # form feeds from here on end the text: they open no page
    starts: list[tuple[int, int]] = []  # (page_number, first_line) of every page with lines
    page, line, position = 1, 1, 0
    for feed in (match.start() for match in _FORM_FEEDS.finditer(text, 0, content_end)):
        line += text.count("\n", position, feed)
        position, page = feed, page + 1
        if starts and starts[-1][1] == line:
            starts[-1] = (page, line)  # several form feeds before a line: blank pages in between
        else:
            starts.append((page, line))
    last_line = text.count("\n") + 1
    if not starts or starts[0][1] > 1:
        starts.insert(0, (1, 1))
    ends = [first - 1 for _, first in starts[1:]] + [last_line]
    pages = tuple(Page(number, first, end) for (number, first), end in zip(starts, ends, strict=True))
    return PagedText(without_page_breaks(text), pages)


def without_page_breaks(text: str) -> str:
    """The text with its form feeds removed: the lines the parsers and the identification read."""
    return text.replace(FORM_FEED, "")
