"""The bounded name similarity gives exactly the plain `SequenceMatcher.ratio` decisions.

`parsers.similarity` skips the exact ratio for pairs whose upper bound cannot matter. These tests
compare it with the plain ratio on the programme's own names (every cited strategic-target text
against every 2.2.2 target) and on random strings over a tiny alphabet, where equally long
matching blocks, and so difflib's tie-breaking, are common.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.performance_programme import parse_performance_programme
from dagster_project.parsers.similarity import best_similarity, similarity

CITATION_MATCH = 0.8


def plain(a: str, b: str) -> float:
    """The ratio as the parsers computed it before any bound."""
    a_key, b_key = name_key(a), name_key(b)
    return 1.0 if a_key == b_key else SequenceMatcher(None, a_key, b_key, autojunk=False).ratio()


@pytest.fixture(scope="module")
def citations(read_raw) -> tuple[list[tuple[str, str]], list[str]]:
    """(code, text) of the 47 strategic targets of 2.2.2 and the 51 texts the performance targets quote."""
    tables = parse_performance_programme(
        read_raw("kayseri_bb_performans_programi_2024.txt"), "kayseri"
    ).tables
    strategic = tables["pp_strategic_targets"].select("target_code", "target_text").rows()
    quoted = tables["pp_performance_targets"]["target_text"].to_list()
    return strategic, quoted


def test_best_citation_match_is_the_plain_maximum(citations) -> None:
    strategic, quoted = citations
    assert (len(strategic), len(quoted)) == (47, 51)
    matched = {}
    for number, text in enumerate(quoted, start=1):
        expected = max((plain(target, text), code) for code, target in strategic)
        found = best_similarity(((target, text, code) for code, target in strategic), CITATION_MATCH)
        assert found == (expected if expected[0] >= CITATION_MATCH else None)
        matched[number] = found[1] if found else None
    # P.H. 3 cites 1.2 but quotes the text of 1.3 (a finding of the parser); every text matches one.
    assert matched[3] == "1.3"
    assert None not in matched.values()


def test_scores_are_the_plain_ratio_and_a_floor_only_skips_scores_below_it(citations) -> None:
    strategic, quoted = citations
    skipped = 0
    for _, target in strategic:
        for text in quoted:
            expected = plain(target, text)
            assert similarity(target, text) == expected
            found = similarity(target, text, CITATION_MATCH)
            assert found == expected or (found == 0.0 and expected < CITATION_MATCH)
            skipped += found != expected
    assert skipped > len(strategic) * len(quoted) // 2  # most pairs never need the exact ratio


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    name=st.text("abc ", max_size=20),
    candidates=st.lists(st.tuples(st.text("abc ", max_size=20), st.integers(0, 3)), max_size=6),
    floor=st.sampled_from([0.0, 0.5, 0.8]),
    name_first=st.booleans(),
)
def test_random_names_give_the_plain_scores_and_ties(
    name: str, candidates: list[tuple[str, int]], floor: float, name_first: bool
) -> None:
    pairs = [((name, other, key) if name_first else (other, name, key)) for other, key in candidates]
    scored = [(plain(a, b), key) for a, b, key in pairs]
    reaching = [score for score in scored if score[0] >= floor]
    assert best_similarity(pairs, floor) == (max(reaching) if reaching else None)
    for (a, b, _), (expected, _) in zip(pairs, scored, strict=True):
        assert similarity(a, b) == expected
        assert similarity(a, b, floor) in ({expected} if expected >= floor else {expected, 0.0})
