"""Turn the stacked header lines of a budget execution table into one label per value column.

The tables span headers over several lines: `Gider Gerçekleşmeleri` over `Ocak-Haziran Dönemi` and
`Oran (İlk 6 Ay)`, each over `2020 | 2021`; or `2020 | 2021` over `Gider Gerçekleşmeleri |
Başlangıç Ödeneği`. Extracted text keeps the header lines but not which cell spans which, so the
header is rebuilt as a tree: each line's cells become children of the open cells of the line above
(the caller's vocabulary says which cells are open: `columns.takes_subcolumns`), contiguous and in order, and the tree whose
leaves are as many as the values of the table's rows wins; among several, the one where the lower
line spans the fewest and the leftmost cells (a spanning header spans many children).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import combinations, islice, pairwise

from dagster_project.parsers.tables import header_year

_YEAR_ONLY = re.compile(r"^(19|20)\d{2}$")
# Arrangements kept per header line: these headers have a handful of cells per line.
_MAX_ARRANGEMENTS = 256


def is_year_only(cell: str) -> bool:
    return bool(_YEAR_ONLY.match(cell.strip()))


def _cuts(parents: list[str], cells: list[str]) -> Iterator[list[list[str]]]:
    """Every way to cut `cells` into one contiguous non-empty group per parent, in order, where each
    parent can hold its group (`_valid_group`); in the order of the cut positions (lexicographic).

    A group its parent cannot hold ends the search below it, so the (combinatorially many) cuts
    after a bad first group are never built.
    """

    def cut(start: int, k: int) -> Iterator[list[list[str]]]:
        if k == len(parents) - 1:
            if _valid_group(parents[k], cells[start:]):
                yield [cells[start:]]
            return
        for end in range(start + 1, len(cells) - (len(parents) - 1 - k) + 1):
            if _valid_group(parents[k], cells[start:end]):
                for rest in cut(end, k + 1):
                    yield [cells[start:end], *rest]

    yield from cut(0, 0)


def _valid_group(parent: str, children: list[str]) -> bool:
    """Years under a year make no sense; a run of years under one parent increases."""
    years = [int(child) for child in children if is_year_only(child)]
    if years and header_year(parent) is not None:
        return False
    if years and len(years) != len(children):
        return False
    return all(a < b for a, b in pairwise(years))


def _expand(leaves: list[str], cells: list[str], is_open: Callable[[str], bool]) -> Iterator[list[str]]:
    """Every way to hang `cells` under the open leaves, fewest and leftmost parents first."""
    open_positions = [i for i, leaf in enumerate(leaves) if is_open(leaf)]
    for parents in range(1, min(len(cells), len(open_positions)) + 1):
        for chosen in combinations(open_positions, parents):
            for groups in _cuts([leaves[p] for p in chosen], cells):
                expanded: list[str] = []
                by_parent = dict(zip(chosen, groups, strict=True))
                for position, leaf in enumerate(leaves):
                    children = by_parent.get(position)
                    expanded.extend([f"{leaf} {child}" for child in children] if children else [leaf])
                yield expanded


def column_labels(
    header_lines: list[list[str]], value_count: int, is_open: Callable[[str], bool]
) -> list[str] | None:
    """One label per value column, parents' words first (`Gider Gerçekleşmeleri Ocak-Haziran Dönemi
    2020`); None when no arrangement of the header lines gives `value_count` columns.

    `header_lines`: the non-empty header cells of each line, top to bottom, without the label
    column's own header. `is_open`: whether a header cell takes sub-columns below it.
    """
    lines = [cells for cells in header_lines if cells]
    if not lines:
        return None
    frontier = [lines[0]]
    for cells in lines[1:]:
        # The first arrangements in order, without generating the others (they grow combinatorially).
        arrangements = (expanded for leaves in frontier for expanded in _expand(leaves, cells, is_open))
        frontier = list(islice(arrangements, _MAX_ARRANGEMENTS))
    fitting = [leaves for leaves in frontier if len(leaves) == value_count]
    return fitting[0] if fitting else None
