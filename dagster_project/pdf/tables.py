"""Ruled tables: ruling lines → a grid → merged cells → rows of cell text.

A table is a set of horizontal and vertical rules that cross each other. Its row boundaries are the
distinct heights of its horizontal rules, its column boundaries the distinct positions of its
vertical rules; two neighbouring grid cells are one merged cell where no rule separates them (a
header spanning columns, a label spanning rows). A row is written as one cell per merged cell that
starts in it, left to right, and an empty cell where a cell from a row above spans into it, so the
columns below a spanning label stay where they are.

Rules and grids are arrays (numpy): a page of tables has hundreds of rule pieces and grid cells, and
comparing them all at once costs less than a Python step each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from dagster_project.pdf.reader import Char, Rules

# Rules closer than this (pt) are one line (a double border, the width of a stroke).
_SNAP = 2.0
_CORNERS = tuple(attrgetter(corner) for corner in ("x0", "y0", "x1", "y1"))


@dataclass(frozen=True)
class TableRow:
    top: float
    cells: list[list[Char]]


@dataclass(frozen=True, eq=False)
class Table:
    """A ruled table: its grid, the area it covers, each grid cell's merged cell (the flat index,
    row × columns + column, of the merge's top-left grid cell), and for each grid row the merged
    cells written in it, left to right, with whether each starts in that row."""

    x0: float
    y0: float
    x1: float
    y1: float
    xs: list[float]
    ys: list[float]
    cell_of: np.ndarray
    written: list[list[tuple[int, bool]]]

    def rows(self, chars: Iterable[Char]) -> list[TableRow]:
        """The table's rows with the characters of each cell (in the order given)."""
        chars = list(chars)
        content: dict[int, list[Char]] = defaultdict(list)
        for char, cell in zip(chars, self._cells_of(chars), strict=True):
            content[cell].append(char)
        return [
            TableRow(top, [content[cell] if starts else [] for cell, starts in cells])
            for top, cells in zip(self.ys[:-1], self.written, strict=True)
        ]

    def _cells_of(self, chars: list[Char]) -> list[int]:
        """The merged cell of each character: that of the grid cell of its centre, the outer rows and
        columns taking what lies beyond."""
        x, y = _centres(chars)
        rows = np.clip(np.searchsorted(self.ys, y, side="right") - 1, 0, len(self.ys) - 2)
        columns = np.clip(np.searchsorted(self.xs, x, side="right") - 1, 0, len(self.xs) - 2)
        return self.cell_of[rows * (len(self.xs) - 1) + columns].tolist()


def _centres(chars: list[Char]) -> tuple[np.ndarray, np.ndarray]:
    """The centres (x, y) of the characters' boxes."""
    x0, y0, x1, y1 = (
        np.fromiter(map(corner, chars), dtype=np.float64, count=len(chars)) for corner in _CORNERS
    )
    return (x0 + x1) / 2, (y0 + y1) / 2


def split_by_table(tables: list[Table], chars: list[Char]) -> tuple[list[Char], list[list[Char]]]:
    """The characters outside every table, and each table's (the first whose area holds a
    character's centre takes it), each in the order given. Asked for every word of a page: the
    centres are tested against each table's area at once."""
    if not tables:
        return chars, []
    x, y = _centres(chars)
    owner = np.full(len(chars), len(tables))
    for number in range(len(tables) - 1, -1, -1):  # the first table's claim is written last
        table = tables[number]
        owner[(table.x0 <= x) & (x <= table.x1) & (table.y0 <= y) & (y <= table.y1)] = number
    groups: list[list[Char]] = [[] for _ in range(len(tables) + 1)]
    for char, number in zip(chars, owner.tolist(), strict=True):
        groups[number].append(char)
    return groups[-1], groups[:-1]


def beside(table: Table, other: Table) -> bool:
    """Whether two tables stand side by side: their rows share heights, their columns do not."""
    return (
        table.ys[0] < other.ys[-1]
        and other.ys[0] < table.ys[-1]
        and (table.xs[-1] < other.xs[0] or other.xs[-1] < table.xs[0])
    )


def reading_places(tables: list[Table]) -> list[tuple[float, ...]]:
    """Where each table's rows go among the page's lines, as the start of their sort key (a row's
    own top follows it): a table alone by its rows' heights, `()`; tables side by side (a band: the
    tables linked by `beside`) at the band's top, one after the other from left to right, so each is
    read whole, as its own table, instead of row by row across the page."""
    pairs = [
        (other, number)
        for number, table in enumerate(tables)
        for other in range(number)
        if beside(table, tables[other])
    ]
    members: dict[int, list[int]] = defaultdict(list)
    for number, band in enumerate(_merged_cells(len(tables), pairs).tolist()):  # band: its least table
        members[band].append(number)
    places: list[tuple[float, ...]] = [()] * len(tables)
    for group in members.values():
        if len(group) > 1:
            top = min(tables[number].ys[0] for number in group)
            for rank, number in enumerate(sorted(group, key=lambda number: tables[number].xs[0]), start=1):
                places[number] = (top, rank)
    return places


def find_tables(rules: Rules) -> list[Table]:
    """Every ruled table on a page (at least two rules each way that cross)."""
    tables = []
    for group in _crossing_groups(_merge(rules)):
        horizontals, verticals = group.take(group.horizontal), group.take(~group.horizontal)
        ys, xs = _positions(horizontals.position), _positions(verticals.position)
        if len(ys) >= 2 and len(xs) >= 2:
            tables.append(_grid(xs, ys, horizontals, verticals))
    return tables


def _merge(rules: Rules) -> Rules:
    """Join pieces of one line (Word and Chromium draw a border cell by cell) into one rule: the
    lines in order of position (verticals first), each one's pieces by where they start (then by
    position); a piece that starts within the snap of the end reached so far on its line extends
    the rule, any other starts the next one."""
    if not len(rules):
        return rules
    line = np.round(rules.position / _SNAP)
    order = np.lexsort((rules.position, rules.start, line, rules.horizontal))
    pieces, line = rules.take(order), line[order]
    new_line = np.ones(len(pieces), dtype=bool)
    new_line[1:] = (line[1:] != line[:-1]) | (pieces.horizontal[1:] != pieces.horizontal[:-1])
    reached = _running_max(pieces.end, np.cumsum(new_line) - 1)
    firsts = np.flatnonzero(new_line | (pieces.start > np.concatenate(([0.0], reached[:-1])) + _SNAP))
    first = pieces.take(firsts)
    return Rules(first.horizontal, first.position, first.start, np.maximum.reduceat(pieces.end, firsts))


def _running_max(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """The greatest of `values` so far within each run of equal (ascending) `groups`, exactly: the
    values' ranks are offset by their group so that one accumulate does every group. (On a line
    the running end is the end of the rule being joined: a piece that starts a rule ends past every
    piece before it.)"""
    order = np.argsort(values, kind="stable")
    rank = np.empty(len(values), dtype=np.int64)
    rank[order] = np.arange(len(values))
    offset = groups * len(values)
    return values[order][np.maximum.accumulate(offset + rank) - offset]


def _crossing_groups(rules: Rules) -> list[Rules]:
    """The groups of rules connected by crossings that hold at least two rules each way, in order of
    their first rule; each group's rules in their order. Every horizontal × vertical pair is tested
    at once; a rule's group is the least index it reaches through crossings (spread until none
    changes)."""
    horizontal = np.flatnonzero(rules.horizontal)
    vertical = np.flatnonzero(~rules.horizontal)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    across = rules.take(horizontal)
    down = rules.take(vertical)
    crosses = (
        (down.position >= across.start[:, None] - _SNAP)
        & (down.position <= across.end[:, None] + _SNAP)
        & (down.start - _SNAP <= across.position[:, None])
        & (across.position[:, None] <= down.end + _SNAP)
    )
    none = len(rules)  # above every index: what a rule that crosses none takes from the other side
    group = np.arange(len(rules))
    while True:
        across_group = np.minimum(group[horizontal], np.where(crosses, group[vertical], none).min(axis=1))
        down_group = np.minimum(group[vertical], np.where(crosses, across_group[:, None], none).min(axis=0))
        if (across_group == group[horizontal]).all() and (down_group == group[vertical]).all():
            break
        group[horizontal], group[vertical] = across_group, down_group
    counts_across = np.bincount(group[horizontal], minlength=len(rules))
    counts_down = np.bincount(group[vertical], minlength=len(rules))
    tables = np.flatnonzero((counts_across >= 2) & (counts_down >= 2))
    return [rules.take(group == label) for label in tables.tolist()]


def _positions(positions: np.ndarray) -> list[float]:
    """Distinct positions of the rules, nearby ones snapped together."""
    kept: list[float] = []
    for value in np.sort(positions).tolist():
        if kept and value - kept[-1] <= _SNAP:
            continue
        kept.append(value)
    return kept


def _covered(rules: Rules, boundaries: list[float], middles: np.ndarray) -> np.ndarray:
    """For each grid boundary (a row) and each cell middle across it (a column): whether a rule on
    that boundary passes the middle, i.e. separates the two grid cells on either side."""
    on = np.abs(rules.position - np.array(boundaries)[:, None]) <= _SNAP
    passes = (rules.start - _SNAP <= middles[:, None]) & (middles[:, None] <= rules.end + _SNAP)
    return (on[:, None, :] & passes[None, :, :]).any(axis=2)


def _grid(xs: list[float], ys: list[float], horizontals: Rules, verticals: Rules) -> Table:
    """Merge neighbouring grid cells that no rule separates; each cell maps to its merge's top-left."""
    rows, columns = len(ys) - 1, len(xs) - 1
    x, y = np.array(xs), np.array(ys)
    middle_x, middle_y = (x[:-1] + x[1:]) / 2, (y[:-1] + y[1:]) / 2
    joined_right = ~_covered(verticals, xs[1:-1], middle_y).T  # (rows, columns - 1)
    joined_down = ~_covered(horizontals, ys[1:-1], middle_x)  # (rows - 1, columns)
    right = np.flatnonzero(joined_right)
    left_cells = right // (columns - 1) * columns + right % (columns - 1) if columns > 1 else right
    pairs = [(cell, cell + 1) for cell in left_cells.tolist()]
    pairs += [(cell, cell + columns) for cell in np.flatnonzero(joined_down).tolist()]
    cell_of = _merged_cells(rows * columns, pairs)
    return Table(
        xs[0] - _SNAP,
        ys[0] - _SNAP,
        xs[-1] + _SNAP,
        ys[-1] + _SNAP,
        xs,
        ys,
        cell_of,
        _written(cell_of, rows, columns),
    )


def _merged_cells(cells: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Each of `cells` items' group as its least item, joining the `pairs` (union-find over the few
    that join a neighbour; the others are their own): grid cells into merged cells (the top-left),
    tables side by side into one band (`reading_places`)."""
    parent: dict[int, int] = {}

    def find(cell: int) -> int:
        while (up := parent.get(cell, cell)) != cell:
            parent[cell] = parent.get(up, up)
            cell = up
        return cell

    for a, b in pairs:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    merged = np.arange(cells)
    for cell in list(parent):
        merged[cell] = find(cell)
    return merged


def _written(cell_of: np.ndarray, rows: int, columns: int) -> list[list[tuple[int, bool]]]:
    """For each grid row, the merged cells it writes, left to right: each once, at its first grid
    cell in the row, and whether it starts in that row (a cell from a row above is written empty)."""
    grid = cell_of.reshape(rows, columns)
    row_of = np.arange(rows)[:, None]
    _, firsts = np.unique((row_of * cell_of.size + grid).ravel(), return_index=True)
    first = np.zeros(cell_of.size, dtype=bool)
    first[firsts] = True
    starts = (grid // columns == row_of).ravel().tolist()
    cells, first = cell_of.tolist(), first.tolist()
    return [
        [(cells[i], starts[i]) for i in range(row * columns, (row + 1) * columns) if first[i]]
        for row in range(rows)
    ]
