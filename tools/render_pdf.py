"""Render a text document of `raw/` as a published-looking PDF, to prove PDF extraction end to end.

Each run of tab-separated lines becomes a real bordered HTML table (a row with fewer cells ends in
a cell spanning the rest), every other line a paragraph; headless Chromium prints it with its
running header (date, title) and footer (file URL, "page/pages") on every page, long cells wrap,
tables cross page breaks, and `landscape=True` prints on A4 landscape. Each table's first row is its
header row (`<thead>`, bold): Chromium prints it again at the top of every page the table crosses,
as published documents do (Word's "repeat as header row"), and the parsers must read those repeats
as repeated headers, not data. The extractor must give the parsers back the same lines.

    python -m tools.render_pdf raw/kayseri_bb_performans_programi_2024.txt /tmp/kayseri.pdf --landscape
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import tempfile
from pathlib import Path

_STYLE = """
@page {{ size: A4 {orientation}; margin: 16mm 12mm; }}
body {{ font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 9.5pt; line-height: 1.25; }}
p {{ margin: 0 0 5pt 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 6pt 0; font-size: 7.5pt; }}
td, th {{ border: 0.6pt solid #000; padding: 1pt 3pt; vertical-align: top; }}
th {{ font-weight: bold; text-align: left; }}
tr {{ break-inside: avoid; }}
"""


def chromium() -> str:
    """The headless browser (`make browser` installs Debian's chromium)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    raise RuntimeError("chromium is not installed: run `make browser`")


def document_html(text: str, title: str, landscape: bool) -> str:
    """The document as HTML: tables for runs of tab-separated lines, paragraphs for the rest."""
    body: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if not table:
            return
        width = max(len(cells) for cells in table)
        body.append("<table>")
        for position, cells in enumerate(table):
            tag = "th" if position == 0 else "td"
            tds = [f"<{tag}>{html.escape(cell.strip())}</{tag}>" for cell in cells[:-1]]
            tds.append(f'<{tag} colspan="{width - len(cells) + 1}">{html.escape(cells[-1].strip())}</{tag}>')
            row = "<tr>" + "".join(tds) + "</tr>"
            body.append(f"<thead>{row}</thead><tbody>" if position == 0 else row)
        body.append("</tbody></table>")
        table.clear()

    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            body.append(f"<p>{html.escape(line.strip())}</p>")
    flush()
    style = _STYLE.format(orientation="landscape" if landscape else "portrait")
    return (
        f'<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


def render_pdf(source: Path, target: Path, landscape: bool = False, title: str | None = None) -> Path:
    """Print `source` (a tab-separated text document) to `target` as a PDF with Chromium."""
    text = source.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="render-pdf-") as work:
        page = Path(work) / f"{source.stem}.html"
        page.write_text(document_html(text, title or source.stem, landscape), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                f"--user-data-dir={work}/profile",
                f"--print-to-pdf={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    if not target.exists() or target.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {source}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--landscape", action="store_true")
    args = parser.parse_args()
    print(render_pdf(args.source, args.target, args.landscape))


if __name__ == "__main__":
    main()
