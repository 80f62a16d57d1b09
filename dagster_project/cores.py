"""Work spread over every core, for the steps whose cost grows with the number of documents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# Below this many items a process pool costs more (start-up, imports) than it saves.
POOL_MIN_ITEMS = 8


def map_on_every_core(
    function: Callable[[Item], Result], items: Iterable[Item], workers: int | None = None
) -> Iterator[Result]:
    """`map(function, items)`, in order; with many items, in worker processes on every core.

    Workers are spawned (not forked) so no thread or open DuckDB handle of the caller is copied.
    """
    items = list(items)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) < POOL_MIN_ITEMS:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from pool.map(function, items, chunksize=4)
