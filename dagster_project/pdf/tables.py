"""Ruled tables: ruling lines → a grid → merged cells → rows of cell text.

A table is a set of horizontal and vertical rules that cross each other. Its row boundaries are the
distinct heights of its horizontal rules, its column boundaries the distinct positions of its
vertical rules; two neighbouring grid cells are one merged cell where no rule separates them (a
header spanning columns, a label spanning rows). A row is written as one cell per merged cell that
starts in it, left to right, and an empty cell where a cell from a row above spans into it, so the
columns below a spanning label stay where they are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from dagster_project.pdf.reader import Char, Rule

# Rules closer than this (pt) are one line (a double border, the width of a stroke).
_SNAP = 2.0


@dataclass(frozen=True)
class TableRow:
    top: float
    cells: list[list[Char]]


@dataclass(frozen=True)
class Table:
    """A ruled table: its rows (cells as their characters) and the area it covers."""

    x0: float
    y0: float
    x1: float
    y1: float
    xs: list[float]
    ys: list[float]
    cell_of: dict[tuple[int, int], tuple[int, int]]

    def contains(self, char: Char) -> bool:
        cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        return self.x0 <= cx <= self.x1 and self.y0 <= cy <= self.y1

    def rows(self, chars: Iterable[Char]) -> list[TableRow]:
        """The table's rows with the characters of each cell (in the order given)."""
        content: dict[tuple[int, int], list[Char]] = defaultdict(list)
        xs, ys, cell_of = self.xs, self.ys, self.cell_of
        last_row, last_column = len(ys) - 2, len(xs) - 2
        for char in chars:  # the grid cell of its centre, the outer ones taking what lies beyond
            cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
            row, column = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
            row = 0 if row < 0 else last_row if row > last_row else row
            column = 0 if column < 0 else last_column if column > last_column else column
            content[cell_of[row, column]].append(char)
        rows = []
        for row in range(len(self.ys) - 1):
            cells: list[list[Char]] = []
            written: set[tuple[int, int]] = set()
            for column in range(len(self.xs) - 1):
                origin = self.cell_of[row, column]
                if origin in written:
                    continue  # inside a cell that spans columns: written once
                written.add(origin)
                cells.append(content[origin] if origin[0] == row else [])
            rows.append(TableRow(self.ys[row], cells))
        return rows


def find_tables(rules: list[Rule]) -> list[Table]:
    """Every ruled table on a page (at least two rules each way that cross)."""
    merged = _merge(rules)
    tables = []
    for group in _crossing_groups(merged):
        horizontals = [rule for rule in group if rule.horizontal]
        verticals = [rule for rule in group if not rule.horizontal]
        ys, xs = _positions(horizontals), _positions(verticals)
        if len(ys) >= 2 and len(xs) >= 2:
            tables.append(_grid(xs, ys, horizontals, verticals))
    return tables


def _merge(rules: list[Rule]) -> list[Rule]:
    """Join pieces of one line (Word and Chromium draw a border cell by cell) into one rule: the
    lines in order of position, each one's pieces by where they start (then by position)."""
    by_line: dict[tuple[bool, int], list[Rule]] = defaultdict(list)
    for rule in rules:
        by_line[rule.horizontal, round(rule.position / _SNAP)].append(rule)
    merged = []
    for line in sorted(by_line):
        pieces = by_line[line]
        pieces.sort(key=attrgetter("start", "position"))
        current = pieces[0]
        end = current.end
        for piece in pieces[1:]:
            if piece.start <= end + _SNAP:
                if piece.end > end:
                    end = piece.end
                continue
            merged.append(Rule(current.horizontal, current.position, current.start, end))
            current, end = piece, piece.end
        merged.append(Rule(current.horizontal, current.position, current.start, end))
    return merged


def _crossing_groups(rules: list[Rule]) -> list[list[Rule]]:
    """Rules connected by crossings (union-find over horizontal × vertical pairs)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, rule in enumerate(rules) if rule.horizontal]
    # Verticals by position: a horizontal rule can only cross those between its ends.
    verticals = sorted(
        (i for i, rule in enumerate(rules) if not rule.horizontal), key=lambda i: rules[i].position
    )
    positions = [rules[v].position for v in verticals]
    for h in horizontals:
        hr = rules[h]
        first = bisect_left(positions, hr.start - _SNAP)
        for v in verticals[first : bisect_right(positions, hr.end + _SNAP)]:
            vr = rules[v]
            if vr.start - _SNAP <= hr.position <= vr.end + _SNAP:
                parent[find(h)] = find(v)
    groups: dict[int, list[Rule]] = defaultdict(list)
    for i, rule in enumerate(rules):
        groups[find(i)].append(rule)
    return list(groups.values())


def _positions(rules: list[Rule]) -> list[float]:
    """Distinct positions of the rules, nearby ones snapped together."""
    positions: list[float] = []
    for value in sorted(rule.position for rule in rules):
        if positions and value - positions[-1] <= _SNAP:
            continue
        positions.append(value)
    return positions


def _near(rules: list[Rule], positions: list[float]) -> list[list[Rule]]:
    """For each grid position, the rules that lie on it (asked once per grid cell, found once)."""
    return [[rule for rule in rules if abs(rule.position - position) <= _SNAP] for position in positions]


def _covers(rules: list[Rule], at: float) -> bool:
    return any(rule.start - _SNAP <= at <= rule.end + _SNAP for rule in rules)


def _grid(xs: list[float], ys: list[float], horizontals: list[Rule], verticals: list[Rule]) -> Table:
    """Merge neighbouring grid cells that no rule separates; each cell maps to its merge's top-left."""
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = {(row, column): (row, column) for row in range(rows) for column in range(columns)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        root_a, root_b = find(a), find(b)
        parent[max(root_a, root_b)] = min(root_a, root_b)

    on_x, on_y = _near(verticals, xs), _near(horizontals, ys)
    for row in range(rows):
        middle_y = (ys[row] + ys[row + 1]) / 2
        for column in range(columns):
            middle_x = (xs[column] + xs[column + 1]) / 2
            if column + 1 < columns and not _covers(on_x[column + 1], middle_y):
                union((row, column), (row, column + 1))
            if row + 1 < rows and not _covers(on_y[row + 1], middle_x):
                union((row, column), (row + 1, column))
    cell_of = {cell: find(cell) for cell in parent}
    return Table(xs[0] - _SNAP, ys[0] - _SNAP, xs[-1] + _SNAP, ys[-1] + _SNAP, xs, ys, cell_of)
