"""Progress of a long step: documents done / total, rate and time left.

A line at most every `every` seconds (and one at the end) goes to the step's log, so the Dagster run
log and `make run` show that thousands of documents are moving; on a terminal a tqdm bar on stderr
shows it continuously. No Dagster import: the step hands in its logger's `info`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")
EVERY_SECONDS = 10.0


def duration(seconds: float) -> str:
    """`7 min 38 s`, `42 s`."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


class Progress:
    """Counts done items of `total` and reports them through `log`."""

    def __init__(
        self,
        label: str,
        total: int,
        log: Callable[[str], None],
        every: float = EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        bar: bool | None = None,
    ) -> None:
        self.label, self.total, self.log, self.every, self.clock = label, total, log, every, clock
        self.done = 0
        self.started = self.last = clock()
        show_bar = sys.stderr.isatty() if bar is None else bar
        self.bar = tqdm(total=total, desc=label, unit="doc", leave=False) if show_bar and total else None

    def line(self) -> str:
        elapsed = self.clock() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"{self.label}: {self.done}/{self.total} documents, {rate:.1f}/s"
        if self.done < self.total:
            left = f"{duration((self.total - self.done) / rate)} left" if rate else "time left unknown"
            return f"{text}, {left}"
        return f"{text}, done in {duration(elapsed)}"

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
        if self.clock() - self.last >= self.every and self.done < self.total:
            self.last = self.clock()
            self.log(self.line())

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        if self.total:
            self.log(self.line())

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield the items, counting each one; report the end when they run out."""
        try:
            for item in items:
                yield item
                self.advance()
        finally:
            self.close()
