"""How similar two names are: difflib's `SequenceMatcher.ratio` on their Turkish-aware keys.

A performance programme compares thousands of name pairs (every cited text with every 2.2.2
target, every piece of a packed 2.6 cell with every activity of its target), and difflib's ratio
is a quadratic pure-Python loop. Most pairs cannot matter: they are far below the caller's
threshold or below the best match found so far. Each pair therefore first meets upper bounds of
the ratio, from cheap to tighter, and only a pair whose bound still matters gets the exact ratio.
The bounds never fall below the ratio, so every score and every decision is the plain ratio's:

- length: at most 2·min(len a, len b) / (len a + len b);
- characters: the matching blocks use each character at most as often as both names have it
  (difflib's `quick_ratio`);
- longest common subsequence: the matching blocks are in order in both names, so they are a
  common subsequence; its length is computed bit-parallel on a Python integer (Hyyrö 2004).

The exact ratio finds the same matching blocks as difflib with C-level substring search
(tests/test_similarity.py compares the two on the programme's names and on random strings).

Why not rapidfuzz (considered for issue 17): its `fuzz.ratio` is the normalised Indel similarity,
2·LCS / (len a + len b), which is this module's third *bound*, not difflib's Ratcliff/Obershelp
ratio (greedy longest blocks, never above the LCS); rapidfuzz has no scorer that gives difflib's
value. On the shipped documents and the 12-document generated corpus, 88 pairs reach the exact
ratio; 10 of them score differently (difflib 0.324 → Indel 0.437 for a Kartal cost-table activity
name, up to +0.113), none crosses the 0.8 thresholds, but findings print the score (56
extraction issues of the two shipped documents carry one, "(similarity 0.32)") and the
thresholds were chosen on difflib's scale. Switching would change published findings and the meaning of every threshold
for the larger world of documents, to save a pure-Python loop that the bounds already make rare
(88 exact ratios for 14 documents).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import TypeVar

from dagster_project.parsers.normalise import name_key

Key = TypeVar("Key", int, str)


def _ratio_of(matches: int, total: int) -> float:
    """difflib's own formula, so a bound and the ratio it bounds compare exactly."""
    return 2.0 * matches / total if total else 1.0


def _longest_common_substring(a: str, b: str) -> tuple[int, int, int]:
    """(i, j, size) of the longest common substring, the first in `a`, then the first in `b`.

    These are the block difflib's `find_longest_match` picks when nothing is junk. Growing one
    candidate with C-level substring search (`in`, `find`) replaces its per-character Python loop.
    """
    size = start = 0
    for i in range(len(a)):
        if len(a) - i <= size:
            break
        while i + size < len(a) and a[i : i + size + 1] in b:
            size += 1
            start = i
    return start, b.find(a[start : start + size]), size


def _matching_characters(a: str, b: str) -> int:
    """Characters in difflib's matching blocks: the longest common substring, then the same on
    the parts left of it and right of it (`SequenceMatcher.get_matching_blocks`)."""
    total = 0
    parts = [(a, b)]
    while parts:
        a_part, b_part = parts.pop()
        i, j, size = _longest_common_substring(a_part, b_part)
        if size:
            total += size
            if i and j:
                parts.append((a_part[:i], b_part[:j]))
            if i + size < len(a_part) and j + size < len(b_part):
                parts.append((a_part[i + size :], b_part[j + size :]))
    return total


@lru_cache(maxsize=1 << 12)
def _ratio(a_key: str, b_key: str) -> float:
    """Exactly `SequenceMatcher(None, a_key, b_key, autojunk=False).ratio()`, several times faster.

    Not symmetric: ties between equally long blocks go to the first in `a_key`. Cached: the best
    match a caller just found is often compared once more for its message.
    """
    return _ratio_of(_matching_characters(a_key, b_key), len(a_key) + len(b_key))


@lru_cache(maxsize=1 << 12)
def _characters(name: str) -> Counter[str]:
    """Character counts of a key (cached: one name meets many others)."""
    return Counter(name)


@lru_cache(maxsize=1 << 12)
def _positions(name: str) -> dict[str, int]:
    """For each character of a key, a bit mask of where it occurs (bit j = position j)."""
    masks: dict[str, int] = {}
    for position, char in enumerate(name):
        masks[char] = masks.get(char, 0) | (1 << position)
    return masks


def _common_subsequence(a_key: str, b_key: str) -> int:
    """Length of the longest common subsequence, one integer operation per character of `a_key`.

    Bit j of `row` is 0 where the subsequence grows at b's position j; the additions carry above
    the mask of b, which is why only its low bits are counted.
    """
    masks = _positions(b_key)
    width = (1 << len(b_key)) - 1
    row = width
    for char in a_key:
        matched = row & masks.get(char, 0)
        row = (row + matched) | (row - matched)
    return len(b_key) - (row & width).bit_count()


def _length_bound(a_key: str, b_key: str) -> float:
    return _ratio_of(min(len(a_key), len(b_key)), len(a_key) + len(b_key))


@lru_cache(maxsize=1 << 18)
def _character_bound(a_key: str, b_key: str) -> float:
    a_counts, b_counts = _characters(a_key), _characters(b_key)
    # min(count in a, count in b) per character of a, iterated in C (`Counter.__and__` is a Python loop)
    common = sum(map(min, a_counts.values(), map(b_counts.get, a_counts, repeat(0))))
    return _ratio_of(common, len(a_key) + len(b_key))


@lru_cache(maxsize=1 << 18)
def _subsequence_bound(a_key: str, b_key: str) -> float:
    return _ratio_of(_common_subsequence(a_key, b_key), len(a_key) + len(b_key))


# Upper bounds of the ratio, each tighter and dearer than the one before.
_BOUNDS = (_length_bound, _character_bound, _subsequence_bound)


def _may_reach(a_key: str, b_key: str, floor: float) -> bool:
    """False when some bound of the pair stays below `floor` (bounds tried cheapest first)."""
    return all(bound(a_key, b_key) >= floor for bound in _BOUNDS)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """Similarity of two names on their Turkish-aware keys (1.0 = same key).

    With `floor`, a pair whose upper bound stays below it returns 0.0 without the exact ratio:
    callers that keep only scores at or above a threshold pass it here.
    """
    a_key, b_key = name_key(a), name_key(b)
    if a_key == b_key:
        return 1.0
    if floor and not _may_reach(a_key, b_key, floor):
        return 0.0
    return _ratio(a_key, b_key)


def best_similarity(pairs: Iterable[tuple[str, str, Key]], floor: float = 0.0) -> tuple[float, Key] | None:
    """`max((similarity(a, b), key) for a, b, key in pairs)` among scores at or above `floor`.

    None when no pair reaches the floor. Pairs are tried from the longest-fitting down (the length
    bound costs nothing); the search stops as soon as no length bound can beat the best (score,
    key) found, and a pair whose tighter bounds cannot beat it is skipped, so typically only the
    winner gets an exact ratio. Ties go to the larger key, as `max` gives them.
    """
    candidates = []
    for a, b, key in pairs:
        a_key, b_key = name_key(a), name_key(b)
        candidates.append((_length_bound(a_key, b_key), key, a_key, b_key))
    candidates.sort(key=itemgetter(0, 1), reverse=True)  # by (bound, key)
    best: tuple[float, Key] | None = None
    for bound, key, a_key, b_key in candidates:
        if bound < floor or (best is not None and (bound, key) < best):
            break
        if a_key == b_key:
            score = 1.0
        elif _may_reach(a_key, b_key, floor if best is None else max(floor, best[0])):
            score = _ratio(a_key, b_key)
        else:
            continue
        if score >= floor and (best is None or (score, key) > best):
            best = (score, key)
    return best
