"""The amounts of a plan table with one column per year and a total column (section 7's cost
distribution, the revenue forecast): where its numbers are, and one row per year of a table row.

Both tables write a row's amount for each year and its total (`Toplam`); each row is kept per year
beside the row's total as written, so dbt checks that the years add up to it.
"""

from __future__ import annotations

from dagster_project.parsers.base import Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.tables import HeaderMap


def amount_positions(header: HeaderMap) -> list[int]:
    """The cells that must hold a number: every year's and the total's, when the table has one."""
    return list(header.years.values()) + ([header.positions["total"]] if "total" in header.positions else [])


def yearly_amounts(header: HeaderMap, cells: list[str], line: Line) -> list[Row]:
    """Per year column, in year order: the year's amount and cell text, the row's total and its
    cell text (null when the table has no total column), and the row's line."""
    total = parse_number(header.cell(cells, "total") or "")
    rows: list[Row] = []
    for year, position in sorted(header.years.items()):
        amount = parse_number(cells[position])
        rows.append(
            {
                "year": year,
                "amount_try": amount.value,
                "amount_raw": amount.raw,
                "row_total_try": total.value,
                "row_total_raw": total.raw if "total" in header.positions else None,
                "source_line": line.number,
            }
        )
    return rows
