"""PDF documents as the lines of tab-separated cells the parsers read.

The only package that knows PDF coordinates. `extract_text(path)` returns the text in the form of
the documents in `raw/*.txt`: one line per table row with a tab between cells, prose as plain lines,
and a form feed (pdftotext's convention) starting the first line of every page after the first, so
the page of any line can be counted back. `PdfRefused` says why a file cannot be read at all.
"""

from dagster_project.pdf.errors import PdfRefused
from dagster_project.pdf.extract import extract_pages, extract_text

__all__ = ["PdfRefused", "extract_pages", "extract_text"]
