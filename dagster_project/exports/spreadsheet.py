"""A streaming .xlsx writer for the export workbooks: only what they use, ten times faster than openpyxl.

Measured on generated documents (about 118,000 cells per workbook): openpyxl 1.5 s per workbook,
openpyxl write-only 1.4 s (1.1 s with lxml), xlsxwriter 0.8 s; this writer 0.13 s, plus 0.07 s to
read the rows.
At 2,000 documents openpyxl would need most of an hour on two cores; this writer about three minutes. It writes the same SpreadsheetML parts openpyxl
writes (inline strings, one style sheet, frozen header row and leading columns, auto filter with its
hidden `_FilterDatabase` name, column widths, fill-in columns coloured down to their empty cells)
and nothing else; openpyxl reads the files back in the tests.

Values are written by column kind: numbers (`int`, `float`, `Decimal`; NaN and infinities, which a
cell cannot hold, as text), booleans, timestamps (Excel serial days, with a date format) and text.
Text that could be read as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`, so it stays
text also after Excel saves the sheet as CSV. Characters XML cannot carry (control characters) are written as Excel's `_xHHHH_` escapes, which
Excel turns back into the character. The bytes depend only on the content (fixed zip timestamps),
so an unchanged document gives an identical file.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# Cell styles (indexes into cellXfs below). INPUT and INPUT_HEADER mark a column a person fills in.
PLAIN, HEADER, INTEGER, AMOUNT, TIMESTAMP, INPUT, INPUT_HEADER, PERCENT, DECIMAL = range(9)
# Percentages are stored as the marts hold them (45.73 for 45,73 %), so the format writes the sign
# the Turkish way, before the number (`%45,7`), instead of Excel's `0.0%`, which would multiply by 100.
PERCENT_FORMAT = '"%"#,##0.0'
DECIMAL_FORMAT = "#,##0.00"
INPUT_COLOUR = "FFF2CC"
TEXT, NUMBER, BOOLEAN, DATETIME = "text", "number", "boolean", "datetime"
SHEET_NAME_LIMIT = 31
COMPRESS_LEVEL = 1
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# XML 1.0 cannot carry these; `_x` before four hex digits is escaped so Excel does not decode it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n\r")
_MARKS = (b"_x", "\ufffe".encode(), "\uffff".encode())


def number_format_styles(tl_format: str, timestamp_format: str) -> str:
    """styles.xml: default, header (bold, blue fill, top-aligned, wrapped), integer, TL, timestamp,
    fill-in (yellow) and its header, percent, two-decimal number."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="4"><numFmt numFmtId="164" formatCode={quoteattr(tl_format)}/>'
        f'<numFmt numFmtId="165" formatCode={quoteattr(timestamp_format)}/>'
        f'<numFmt numFmtId="166" formatCode={quoteattr(PERCENT_FORMAT)}/>'
        f'<numFmt numFmtId="167" formatCode={quoteattr(DECIMAL_FORMAT)}/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="4"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="00DDEBF7"/></patternFill></fill>'
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{INPUT_COLOUR}"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
        'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
        '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1" '
        'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


@dataclass(frozen=True)
class Column:
    """A sheet column. `width` fixes its width (a fill-in column is empty, so nothing to measure);
    `fill_in` colours every cell, empty ones too, so a person sees where to type."""

    header: str
    kind: str  # TEXT, NUMBER, BOOLEAN or DATETIME
    style: int = PLAIN
    width: int | None = None
    fill_in: bool = False


@dataclass(frozen=True)
class Sheet:
    """A sheet's columns and its rows (tuples, one value per column; None is an empty cell). The header
    row is frozen, and the first `frozen_columns` columns (the keys of a row) with it."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    frozen_columns: int = 0

    def widths(self, sample: int = 200, limit: int = 60) -> list[int]:
        """Column widths: a fixed one, else from the header and the first `sample` rows, at most `limit`."""
        return [
            column.width
            or min(
                limit,
                max(
                    [len(column.header)]
                    + [len(str(row[i])) for row in self.rows[:sample] if row[i] is not None]
                )
                + 2,
            )
            for i, column in enumerate(self.columns)
        ]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# A text cell starting with one of these is a formula once the workbook is saved as CSV and opened
# again (`=HYPERLINK(…)`, `=cmd|…`, `+`, `-`, `@`, and tab or carriage return before them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def defused(text: str) -> str:
    """`text` with a leading quote when it could be read as a formula, so it stays text in CSV too.

    A lone `-` (the documents' "no value") or `+` is no formula and is left alone.
    """
    return FORMULA_GUARD + text if len(text) > 1 and text.startswith(FORMULA_STARTS) else text


def _markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _encoded(xml: str) -> bytes:
    """UTF-8, with control characters (and a literal `_xHHHH_`) as Excel escapes them. The check runs
    once over a whole sheet in C (only cell text can match, the markup never does); the rare sheet
    that needs it goes through the regular expression."""
    data = xml.encode()
    if len(data.translate(None, _CONTROL_BYTES)) == len(data) and not any(mark in data for mark in _MARKS):
        return data
    return _NOT_XML.sub(lambda match: f"_x{ord(match.group()):04X}_", xml).encode()


def _cells(index: int, column: Column, values: Sequence[object]) -> list[str]:
    """The <c> elements of one column, rows 2…; '' for empty cells, but a fill-in column's empty
    cells carry its colour."""
    if not column.fill_in:
        return _value_cells(index, column, values, column.style)
    letter = column_letter(index)
    cells = _value_cells(index, column, values, INPUT)
    return [cell or f'<c r="{letter}{r}" s="{INPUT}"/>' for r, cell in enumerate(cells, start=2)]


def _value_cells(index: int, column: Column, values: Sequence[object], style_index: int) -> list[str]:
    letter = column_letter(index)
    style = f' s="{style_index}"' if style_index else ""
    text = f'<c r="{letter}%d"{style} t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
    rows = range(2, len(values) + 2)
    if column.kind == TEXT:
        return [
            "" if v is None else text % (r, _markup(defused(v))) for r, v in zip(rows, values, strict=True)
        ]
    if column.kind == BOOLEAN:
        return [
            "" if v is None else f'<c r="{letter}{r}"{style} t="b"><v>{int(v)}</v></c>'
            for r, v in zip(rows, values, strict=True)
        ]
    if column.kind == DATETIME:
        return [
            ""
            if v is None
            else f'<c r="{letter}{r}"{style}><v>{(v - _EXCEL_EPOCH).total_seconds() / 86400!r}</v></c>'
            for r, v in zip(rows, values, strict=True)
        ]
    number = f'<c r="{letter}%d"{style}><v>%s</v></c>'
    return [
        ""
        if v is None
        else number % (r, v)
        if not isinstance(v, float) or math.isfinite(v)
        else text % (r, v)
        for r, v in zip(rows, values, strict=True)
    ]


def _sheet_xml(sheet: Sheet) -> bytes:
    last_column = column_letter(len(sheet.columns) - 1)
    extent = f"A1:{last_column}{len(sheet.rows) + 1}"
    header = "".join(
        f'<c r="{column_letter(i)}1" s="{INPUT_HEADER if column.fill_in else HEADER}" t="inlineStr">'
        f"<is><t>{_markup(column.header)}</t></is></c>"
        for i, column in enumerate(sheet.columns)
    )
    by_column = list(zip(*sheet.rows, strict=True)) or [()] * len(sheet.columns)  # a sheet may have no rows
    columns = [
        _cells(i, column, values)
        for i, (column, values) in enumerate(zip(sheet.columns, by_column, strict=True))
    ]
    body = "".join(
        f'<row r="{r}">{"".join(cells)}</row>' for r, cells in enumerate(zip(*columns, strict=True), start=2)
    )
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
        for i, width in enumerate(sheet.widths(), start=1)
    )
    return _encoded(
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<dimension ref="{extent}"/><sheetViews><sheetView workbookViewId="0">'
        f"{_frozen_pane(sheet.frozen_columns)}</sheetView></sheetViews>"
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols>'
        f'<sheetData><row r="1">{header}</row>{body}</sheetData><autoFilter ref="{extent}"/>'
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'
    )


def _frozen_pane(columns: int) -> str:
    """The header row frozen, and `columns` columns beside it (Excel's pane for both is bottomRight)."""
    if not columns:
        return (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    corner = f"{column_letter(columns)}2"
    return (
        f'<pane xSplit="{columns}" ySplit="1" topLeftCell="{corner}" activePane="bottomRight" state="frozen"/>'
        f'<selection pane="topRight"/><selection pane="bottomLeft"/>'
        f'<selection pane="bottomRight" activeCell="{corner}" sqref="{corner}"/>'
    )


def unique_sheet_names(names: Sequence[str]) -> list[str]:
    """Names cut to Excel's 31 characters, a repeated one numbered (`bütçe (2)`)."""
    result: list[str] = []
    for name in names:
        candidate, number = name[:SHEET_NAME_LIMIT], 1
        while candidate in result:
            number += 1
            suffix = f" ({number})"
            candidate = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        result.append(candidate)
    return result


def _workbook_xml(sheets: Sequence[Sheet], names: Sequence[str]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        + escape("'" + name.replace("'", "''") + "'")
        + f"!$A$1:${column_letter(len(sheet.columns) - 1)}${len(sheet.rows) + 1}</definedName>"
        for i, (sheet, name) in enumerate(zip(sheets, names, strict=True))
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets>'
        f'<definedNames>{filters}</definedNames><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _package_parts(count: int) -> dict[str, str]:
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, count + 1)
    )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return {
        "[Content_Types].xml": f"{declaration}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>",
        "_rels/.rels": f'{declaration}<Relationships xmlns="{_PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": f'{declaration}<Relationships xmlns="{_PACKAGE_REL}">{relations}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
    }


def write_workbook(path: Path, sheets: Sequence[Sheet], tl_format: str, timestamp_format: str) -> list[str]:
    """Write the sheets (at least one) to `path`; returns the sheet names as written."""
    names = unique_sheet_names([sheet.name for sheet in sheets])
    parts = {
        **_package_parts(len(sheets)),
        "xl/workbook.xml": _workbook_xml(sheets, names),
        "xl/styles.xml": number_format_styles(tl_format, timestamp_format),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, xml in parts.items():
            _add(archive, name, xml)
        for number, sheet in enumerate(sheets, start=1):
            _add(archive, f"xl/worksheets/sheet{number}.xml", _sheet_xml(sheet))
    return names


def _add(archive: zipfile.ZipFile, name: str, xml: str | bytes) -> None:
    """A part with a fixed timestamp. Deflate level 1: 22 ms per workbook; level 6 takes 57 ms for files 20 % smaller."""
    archive.writestr(zipfile.ZipInfo(name, _ZIP_DATE), xml, zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
