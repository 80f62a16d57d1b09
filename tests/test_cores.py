"""Work on every core gives what a plain `map` gives, in the same order."""

from __future__ import annotations

from dagster_project.cores import POOL_MIN_ITEMS, map_on_every_core


def test_the_pool_returns_map_results_in_order() -> None:
    items = [-5, 3, -1, 8, -13, 2, -21, 34, -55, 0]
    assert len(items) >= POOL_MIN_ITEMS  # the pool path, not the serial one
    assert list(map_on_every_core(abs, items, workers=2)) == [5, 3, 1, 8, 13, 2, 21, 34, 55, 0]
    assert list(map_on_every_core(abs, items[:3], workers=2)) == [5, 3, 1]
