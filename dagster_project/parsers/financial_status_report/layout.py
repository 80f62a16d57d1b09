"""Recognise the lines of a budget execution report: table headers, economic-code rows, totals,
footnotes, and the loose data labels of charts.

Word's charts leave their data labels on the page as lines of bare numbers and their axis as a line
of economic-code names; they repeat a table's figures (sometimes differently) and are not tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.parsers.cells import Line
from dagster_project.parsers.financial_status_report.header import is_year_only
from dagster_project.parsers.normalise import ascii_key
from dagster_project.parsers.numbers import parse_number

# `01-Personel Giderleri`, `09-Yedek Ödenek*`, `01 Vergi Gelirleri`, `03. Teşebbüs…`
_CODE_LABEL = re.compile(r"^(\d{2})\s*[-–.]?\s*([^\W\d_].*)$")
# Ek-2 of Gebze 2021 writes `4 | 4 | Kurumlardan …` for 04.4, Ek-1 of 2022 `1 | MEMURLAR`: one digit.
_SHORT_CODE = re.compile(r"^\d{1,2}$")
_SUB_CODE = re.compile(r"^\d$")
# The label column's header: `Bütçe Tertibi`, `Gelir Ekonomik Kod`, `GİDER KODLARI`, `Ekonomik Kod`.
# The annexes (Ek-1, Ek-2) head it `BÜTÇE GİDERLERİ` / `GELİR KODLARI`.
# Compared without spaces: the extraction splits letter-spaced words (`Bütçe Te rtibi`).
_LABEL_HEADER_WORDS = (
    "tertib",
    "ekonomikkod",
    "kodlari",
    "giderkod",
    "gelirkod",
    "butcegiderleri",
    "butcegelirleri",
)
_TOTAL_WORDS = ("toplam", "genel toplam")


@dataclass(frozen=True, slots=True)
class CodeRow:
    """A row of an economic-code table: code (`01`, `01.2`) or a total, its label and value cells."""

    line: Line
    economic_code: str | None
    label: str
    is_total: bool
    values: list[str]
    # The cells after the label with the empty ones kept: ruled tables leave a cell empty where
    # the value is missing (Ek-1's `09 6 YEDEK ÖDENEK`), so positions count there.
    positional: list[str]

    def values_for(self, count: int) -> list[str] | None:
        """The row's `count` value cells: the non-empty ones when there are exactly `count`, else
        the positional ones when they are `count` (trailing empty cells aside); None otherwise."""
        if len(self.values) == count:
            return self.values
        cells = list(self.positional)
        while len(cells) > count and not cells[-1]:
            cells.pop()
        return cells if len(cells) == count else None

    @property
    def marked(self) -> bool:
        """The label carries a footnote mark (`09-Yedek Ödenek*`)."""
        return self.label.rstrip().endswith("*")


def label_header_position(cells: list[str]) -> int | None:
    """Where the label column's header sits on a header line, if it does."""
    for position, cell in enumerate(cells):
        key = ascii_key(cell).replace(" ", "")
        if cell and any(word in key for word in _LABEL_HEADER_WORDS):
            return position
    return None


def _numeric(cell: str) -> bool:
    return parse_number(cell).kind != "invalid"


def code_row(line: Line) -> CodeRow | None:
    """Read a line as an economic-code or total row with at least one number, else None."""
    values = line.values
    if len(values) < 2:
        return None
    first = values[0]
    code: str | None = None
    is_total = False
    if (
        _SHORT_CODE.match(first)
        and len(values) > 2
        and _SUB_CODE.match(values[1])
        and not _numeric(values[2])
    ):
        code, label, rest = f"{int(first):02d}.{values[1]}", values[2], values[3:]
    elif _SHORT_CODE.match(first) and not _numeric(values[1]):
        code, label, rest = f"{int(first):02d}", values[1], values[2:]
    elif match := _CODE_LABEL.match(first):
        code, label, rest = match.group(1), match.group(2).strip(), values[1:]
    elif any(ascii_key(first).endswith(word) for word in _TOTAL_WORDS) and not _numeric(first):
        label, rest, is_total = first, values[1:], True
    else:
        return None
    if not rest or not any(_numeric(cell) and cell.strip() not in ("", "-") for cell in rest):
        return None
    # A row whose every "value" is text is an axis or a heading, not a table row.
    if sum(_numeric(cell) for cell in rest) < len(rest) / 2:
        return None
    cells = line.cells
    label_position = next(
        i for i, cell in enumerate(cells) if cell and (cell == label or cell.endswith(label))
    )
    return CodeRow(line, code, label, is_total, rest, cells[label_position + 1 :])


def unlabelled_code(line: Line) -> str | None:
    """The economic code of a row whose label cell is empty (`6 | 7 | | | ₺5.000,00 …`), else None.

    Gebze 2022's Ek-1 prints 06.7, 09.1, 09.4 and 09.6 with a code and figures but a blank label
    cell (page 10); such a row is no `CodeRow` (it has no label) but belongs to the table it sits in.
    """
    cells = line.cells
    first = next((position for position, cell in enumerate(cells) if cell), None)
    if first is None or len(cells) < first + 4:
        return None
    code, sub_code, label = cells[first : first + 3]
    if not (_SHORT_CODE.match(code) and _SUB_CODE.match(sub_code)) or label:
        return None
    rest = [cell for cell in cells[first + 3 :] if cell]
    # Figures, as in `code_row`; a spreadsheet error among them (`#SAYI/0!`, line 290) is still a row.
    if not any(parse_number(cell).is_number for cell in rest) or sum(map(_numeric, rest)) < len(rest) / 2:
        return None
    return f"{int(code):02d}.{sub_code}"


def is_chart_label_line(line: Line) -> bool:
    """Bare numbers only (a chart's data labels), or several economic-code names (its axis)."""
    values = line.values
    if not values:
        return False
    if all(_numeric(cell) and parse_number(cell).is_number for cell in values):
        # `2020 | 2021` under a spanning header is a header line, not data labels.
        return not all(is_year_only(cell) for cell in values)
    return len(values) >= 2 and sum(bool(_CODE_LABEL.match(cell)) for cell in values) >= 2


def is_empty_total(line: Line) -> bool:
    """A total heading with no figures (`BÜTÇE GELİRLERİ TOPLAMI` above Ek-2's rows)."""
    values = line.values
    return len(values) == 1 and ascii_key(values[0]).endswith("toplami")


def is_footnote(line: Line) -> bool:
    return line.stripped.startswith("*")


def footnote_excludes_marked(text: str) -> bool:
    """`*Yedek Ödenek gerçekleşmeleri … toplama dâhil edilmemiştir`: the marked row's actuals are
    not in the total (they are spent through the other codes)."""
    return "toplama dahil edilmemis" in ascii_key(text)
