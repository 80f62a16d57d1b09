"""Section 4.6.5 "Mali Yapı": the 2014-2018 budget realisations and the 2020-2024 revenue forecast.

Both tables are small but they anchor the plan's money: the revenue forecast's TOPLAM per year
(line 1039) equals section 7's `Genel Toplam` (line 2674), which reconciliation checks. Amounts carry
a currency sign (`1.281.312.454 ₺`, line 1021) and the coverage ratio a percent sign (`%106,72`);
`parse_number` ignores both and the raw cell is kept.
"""

from __future__ import annotations

from dagster_project.parsers.base import Ledger, Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.strategic_plan.layout import (
    alias_keys,
    find_blocks,
    names_a_column,
    trim_trailing,
)
from dagster_project.parsers.strategic_plan.ledger import aligned_rows
from dagster_project.parsers.strategic_plan.yearly_amounts import amount_positions, yearly_amounts
from dagster_project.parsers.tables import Column, HeaderMap, map_header

BUDGET_TABLE = "sp_budget_realisations"
REVENUE_TABLE = "sp_revenue_forecast"

BUDGET_COLUMNS = [
    Column("year", ("Yıl", "Yıllar")),
    Column("revenue", ("Gelir Gerçekleşmesi", "Gelir Gerçekleşmesi (TL)", "Gelir Gerçekleşmeleri")),
    Column("expenditure", ("Gider Gerçekleşmesi", "Gider Gerçekleşmesi (TL)", "Gider Gerçekleşmeleri")),
    Column("coverage", ("Gelirin Gideri Karşılama Oranı", "Gelirin Gideri Karşılama Oranı (%)")),
]
REVENUE_COLUMNS = [
    Column("source", ("Kaynaklar", "Gelir Kaynakları", "Kaynak")),
    Column("total", ("Toplam Kaynak", "Toplam Kaynak (TL)", "Toplam", "Toplam (TL)")),
]
_TOTAL_LABELS = {name_key("Toplam"), name_key("Genel Toplam")}


def _is_number(cell: str) -> bool:
    return parse_number(cell).is_number


def _budget_header(line: Line) -> HeaderMap:
    return map_header(trim_trailing(line.cells), BUDGET_COLUMNS, year_columns=False)


_BUDGET_KEYS = alias_keys(BUDGET_COLUMNS)
_REVENUE_KEYS = alias_keys(REVENUE_COLUMNS)


def is_budget_header(line: Line) -> bool:
    return (
        names_a_column(line, _BUDGET_KEYS)
        and {"year", "revenue", "expenditure"} <= _budget_header(line).positions.keys()
    )


def _revenue_header(line: Line) -> HeaderMap:
    return map_header(trim_trailing(line.cells), REVENUE_COLUMNS)


def is_revenue_header(line: Line) -> bool:
    if not names_a_column(line, _REVENUE_KEYS):
        return False
    header = _revenue_header(line)
    return header.positions.get("source") == 0 and bool(header.years)


def _year(cell: str) -> int | None:
    number = parse_number(cell)
    if number.value is not None and number.value.is_integer() and 1900 <= number.value <= 2100:
        return int(number.value)
    return None


def parse_budget_realisations(lines: list[Line], ledger: Ledger) -> list[Row]:
    rows: list[Row] = []
    blocks = find_blocks(lines, is_budget_header)
    if not blocks:
        ledger.document_issue(BUDGET_TABLE, "warning", "no budget realisations table (Gelir/Gider) found")
    for start, end in blocks:
        header = _budget_header(lines[start])
        header_cells = trim_trailing(lines[start].cells)
        ledger.consume(lines[start], "budget realisations header")
        numbers = [
            header.positions[name]
            for name in ("revenue", "expenditure", "coverage")
            if name in header.positions
        ]

        def fits(cells: list[str], header: HeaderMap = header, numbers: list[int] = numbers) -> bool:
            label = header.cell(cells, "year") or ""
            is_label = _year(label) is not None or name_key(label) in _TOTAL_LABELS
            return is_label and all(_is_number(cells[position]) for position in numbers)

        for line, cells in aligned_rows(
            ledger,
            lines,
            start,
            end,
            is_budget_header,
            header_cells,
            fits,
            BUDGET_TABLE,
            "year or Toplam, revenue, expenditure, coverage",
        ):
            revenue = parse_number(header.cell(cells, "revenue") or "")
            expenditure = parse_number(header.cell(cells, "expenditure") or "")
            coverage = parse_number(header.cell(cells, "coverage") or "")
            year = _year(header.cell(cells, "year") or "")
            rows.append(
                {
                    "year": year,
                    "is_total": year is None,
                    "revenue_try": revenue.value,
                    "revenue_raw": revenue.raw,
                    "expenditure_try": expenditure.value,
                    "expenditure_raw": expenditure.raw,
                    "coverage_pct": coverage.value,
                    "coverage_raw": coverage.raw if "coverage" in header.positions else None,
                    "source_line": ledger.extract(line),
                }
            )
    return rows


def parse_revenue_forecast(lines: list[Line], ledger: Ledger) -> list[Row]:
    rows: list[Row] = []
    blocks = find_blocks(lines, is_revenue_header)
    if not blocks:
        ledger.document_issue(REVENUE_TABLE, "warning", "no revenue forecast table (Gelir Tahmini) found")
    for start, end in blocks:
        header = _revenue_header(lines[start])
        header_cells = trim_trailing(lines[start].cells)
        ledger.consume(lines[start], "revenue forecast header")
        if header.unknown:
            ledger.issue(
                lines[start],
                REVENUE_TABLE,
                "warning",
                f"unrecognised columns not extracted: {header.unknown!r}",
            )
        numbers = amount_positions(header)

        def fits(cells: list[str], header: HeaderMap = header, numbers: list[int] = numbers) -> bool:
            label = header.cell(cells, "source") or ""
            return bool(label) and not _is_number(label) and all(_is_number(cells[p]) for p in numbers)

        for line, cells in aligned_rows(
            ledger,
            lines,
            start,
            end,
            is_revenue_header,
            header_cells,
            fits,
            REVENUE_TABLE,
            "source, yearly amounts, total",
        ):
            source = header.cell(cells, "source") or ""
            row = {"source_name": source, "is_total": name_key(source) in _TOTAL_LABELS}
            rows += [{**row, **amounts} for amounts in yearly_amounts(header, cells, line)]
            ledger.extract(line)
    return rows
