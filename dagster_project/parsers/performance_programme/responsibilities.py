"""Section 2.6: the spending units responsible for each performance target's activities.

Layout: `P.H. n ¦ target text ¦ activity ¦ unit`, then continuation rows `¦ ¦ activity ¦` whose
unit carries down from the row above. Some cells pack several activity names into one (Kayseri
2024, line 4298), and a continuation row can be shifted into the first column (line 4343). Names
are matched against the activities of the same performance target (Turkish-aware keys), a packed
cell is split where a sequence of that target's activity names covers it, and an activity listed
twice or not at all is reported as a finding by `linking`.
"""

from __future__ import annotations

import re

from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.performance_programme.layout import key, strip_html, values
from dagster_project.parsers.performance_programme.model import PerformanceTarget, Responsibility
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.similarity import best_similarity, similarity

TABLE = "pp_responsibilities"
_PH = re.compile(r"^p\s*h\s*(\d+)$")
MATCH_THRESHOLD = 0.8  # a name at least this similar (on name_key) is the same activity


def _best_match(name: str, target: PerformanceTarget | None) -> tuple[int | None, float]:
    if target is None or not target.activities:
        return None, 0.0
    score, number = best_similarity((name, a.name, a.activity_no) for a in target.activities)  # type: ignore[misc]
    return (number, score) if score >= MATCH_THRESHOLD else (None, score)


def _score_to_matter(
    total_before: float, best_here: tuple[float, object] | None, words: int, words_after: int, needed: float
) -> float:
    """The least score a piece of `words` words needs to change the split: the match threshold;
    once its end has a split, whatever beats that split's total (less a hair, so that rounding
    never skips a piece that would win); and whatever still lets the split reach `needed` with one
    point per word after the piece. Below it, `similarity` skips the exact ratio."""
    floor = max(MATCH_THRESHOLD, (needed - total_before - words_after) / words)
    if best_here is None:
        return floor
    return max(floor, (best_here[0] - total_before) / words - 1e-9)


def _greedy_total(words: list[str], keys: list[tuple[int, str, int]]) -> float:
    """Total of one split the dynamic programme also weighs, found greedily left to right: at each
    word, the best-scoring activity read over exactly its own number of words.

    The optimum is at least this total (it is one of the splits compared, summed in the same
    order), so a position whose split so far plus one point per word left stays below it can never
    lead to the optimum. That prunes most positions of a long packed cell: its names usually match
    almost exactly, so the greedy total is close to one point per word. -inf when the greedy
    reading gets stuck.
    """
    total, start = 0.0, 0
    while start < len(words):
        found = [
            (similarity(" ".join(words[start : start + length]), activity_key, MATCH_THRESHOLD), length)
            for _, activity_key, length in keys
            if 0 < length <= len(words) - start  # a nameless activity would never move on
        ]
        score, length = max(found, default=(0.0, 0))
        if score < MATCH_THRESHOLD:
            return float("-inf")
        total += score * length
        start += length
    return total


def split_packed(text: str, target: PerformanceTarget | None) -> list[tuple[str, int | None, float]]:
    """Split a cell into consecutive activity names of the target (dynamic programming on words).

    Returns [(name as written, activity_no, score)]; a single element when no split covers the
    cell better than reading it as one name.
    """
    whole_no, whole_score = _best_match(text, target)
    words = text.split()
    if target is None or len(target.activities) < 2 or whole_score >= 0.9 or len(words) < 4:
        return [(text, whole_no, whole_score)]
    keys = [(a.activity_no, name_key(a.name), len(a.name.split())) for a in target.activities]
    n = len(words)
    best: list[tuple[float, list[tuple[int, int, int, float]]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    # A split so far plus one point per word left must reach this (less a hair for rounding).
    needed = _greedy_total(words, keys) - 1e-9
    for end in range(1, n + 1):
        for activity_no, activity_key, length in keys:
            for start in range(max(0, end - length - 3), max(0, end - length + 4)):
                if start >= end or best[start] is None or best[start][0] + n - start < needed:  # type: ignore[index]
                    continue
                floor = _score_to_matter(best[start][0], best[end], end - start, n - end, needed)  # type: ignore[index]
                score = similarity(" ".join(words[start:end]), activity_key, floor)
                if score < MATCH_THRESHOLD:
                    continue
                total = best[start][0] + score * (end - start)  # type: ignore[index]
                if best[end] is None or total > best[end][0]:  # type: ignore[index]
                    best[end] = (total, [*best[start][1], (start, end, activity_no, score)])  # type: ignore[index]
    if best[n] is None or len(best[n][1]) < 2:  # type: ignore[index]
        return [(text, whole_no, whole_score)]
    return [(" ".join(words[s:e]), number, round(score, 3)) for s, e, number, score in best[n][1]]  # type: ignore[index]


def parse_responsibilities(
    state: ParseState, lines: list[Line], targets: list[PerformanceTarget]
) -> list[Responsibility]:
    by_no = {t.no: t for t in targets}
    out: list[Responsibility] = []
    current_pt: int | None = None
    current_text: str | None = None
    unit: str | None = None
    activity_column, unit_column = 2, 3
    for line in lines:
        if not line.is_table_row:
            continue
        cells = [strip_html(c) for c in line.cells]
        texts = values(line)
        keys = [key(c) for c in texts]
        if "faaliyetler" in keys and any(k.startswith("sorumlu") for k in keys):
            state.consume(line)  # header, repeated after every page break
            activity_column = next(i for i, c in enumerate(cells) if key(c) == "faaliyetler")
            unit_column = next(i for i, c in enumerate(cells) if key(c).startswith("sorumlu"))
            continue
        if not texts:
            continue
        filled = [(i, c) for i, c in enumerate(cells) if c]
        head = _PH.match(key(filled[0][1]))
        carried = True
        if head:
            current_pt = int(head.group(1))
            current_text, activity_cell, unit_cell = _target_row(filled[1:], activity_column, unit_column)
            unit = unit_cell if unit_cell else None
            carried = unit_cell is None
            if current_pt not in by_no:
                state.issue(
                    line, TABLE, "warning", f"P.H. {current_pt} is not a performance target of the 2.3 tables"
                )
        else:
            activity_cell, new_unit = _continuation_row(filled, unit_column)
            if filled[0][0] != activity_column:
                state.issue(
                    line,
                    TABLE,
                    "warning",
                    f"activity name sits in column {filled[0][0] + 1} instead of {activity_column + 1} (shifted row); read as a continuation of P.H. {current_pt}",
                )
            if new_unit:
                unit = new_unit
                carried = False
        state.consume(line)
        if activity_cell is None:
            state.issue(line, TABLE, "warning", f"P.H. {current_pt} row names no activity")
            continue
        target = by_no.get(current_pt) if current_pt is not None else None
        out.extend(_listings(state, line, activity_cell, target, current_pt, current_text, unit, carried))
    return out


def _target_row(
    rest: list[tuple[int, str]], activity_column: int, unit_column: int
) -> tuple[str | None, str | None, str | None]:
    """(target text, activity cell, unit cell) of a `P.H. n` row, after its first cell: with three
    cells or more, in order (the activity may span several); else by the header's columns."""
    if len(rest) >= 3:
        return rest[0][1], " ".join(c for _, c in rest[1:-1]), rest[-1][1]
    text = activity_cell = unit_cell = None
    for position, cell in rest:
        if position == unit_column:
            unit_cell = cell
        elif position == activity_column:
            activity_cell = cell
        else:
            text = cell
    return text, activity_cell, unit_cell


def _continuation_row(filled: list[tuple[int, str]], unit_column: int) -> tuple[str | None, str | None]:
    """(activity cell, new unit) of a continuation row: an activity (and sometimes a new unit)
    under the columns of the header."""
    activity_cell = new_unit = None
    for position, cell in filled:
        if position == unit_column and activity_cell is not None:
            new_unit = cell
        elif activity_cell is None:
            activity_cell = cell
        else:
            new_unit = cell
    return activity_cell, new_unit


def _listings(
    state: ParseState,
    line: Line,
    activity_cell: str,
    target: PerformanceTarget | None,
    current_pt: int | None,
    current_text: str | None,
    unit: str | None,
    carried: bool,
) -> list[Responsibility]:
    """The activities one cell names (a cell may pack several, split on the target's names)."""
    out: list[Responsibility] = []
    parts = split_packed(activity_cell, target)
    if len(parts) > 1:
        state.issue(
            line,
            TABLE,
            "info",
            f"one cell packs {len(parts)} activity names of P.H. {current_pt}; split on the target's activity names",
        )
    for index, (name, activity_no, score) in enumerate(parts, start=1):
        out.append(
            Responsibility(
                performance_target_no=current_pt,
                performance_target_text=current_text,
                activity_name=name,
                responsible_unit=unit,
                unit_carried_down=carried,
                packed_cell=len(parts) > 1,
                cell_part=index,
                source_line=line.number,
                activity_no=activity_no,
                match_score=round(score, 3),
            )
        )
        if activity_no is None:
            state.issue(
                line,
                TABLE,
                "warning",
                f"activity {name!r} of P.H. {current_pt} matches no activity of that target (best similarity {score:.2f})",
            )
    return out
