"""Long steps say how far they are: documents done / total, rate, time left, every 10 s at most."""

from __future__ import annotations

from dagster_project.progress import Progress


def test_a_line_every_ten_seconds_with_rate_and_time_left_and_one_at_the_end() -> None:
    now = [0.0]
    lines: list[str] = []
    progress = Progress("parsing", 2000, lines.append, clock=lambda: now[0], bar=False)
    for _ in range(2000):
        now[0] += 0.25  # 4 documents a second
        progress.advance()
    progress.close()
    # 500 s of work: a line at 10 s, 20 s, … 490 s (49 lines), and the closing line.
    assert len(lines) == 50
    assert lines[0] == "parsing: 40/2000 documents, 4.0/s, 8 min 10 s left"
    assert lines[-1] == "parsing: 2000/2000 documents, 4.0/s, done in 8 min 20 s"


def test_track_counts_what_it_yields_and_nothing_is_said_of_an_empty_step() -> None:
    lines: list[str] = []
    assert list(Progress("writing xlsx", 3, lines.append, bar=False).track(iter("abc"))) == ["a", "b", "c"]
    assert len(lines) == 1 and lines[0].startswith("writing xlsx: 3/3 documents")
    silent: list[str] = []
    assert list(Progress("writing report", 0, silent.append, bar=False).track([])) == []
    assert silent == []
