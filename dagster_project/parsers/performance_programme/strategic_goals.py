"""Section 2.2.2: strategic goals ("STRATEJİK AMAÇ n") and targets ("Stratejik Hedef n.m").

This section is running text, not a table: each goal follows its service-area heading, and a text
line that is neither a goal, a target nor a heading continues the previous item (long targets wrap).
A goal or target label after the end of a sentence inside a line starts a new item: a PDF's
extraction joins a paragraph that ends on a full line at the foot of a page with the first one of
the next page (`… yardımcı olmak. Stratejik Hedef 10.5.: …`), as geometry cannot tell them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dagster_project.parsers.cells import Line
from dagster_project.parsers.performance_programme.layout import key
from dagster_project.parsers.performance_programme.state import ParseState

_GOAL = re.compile(r"^stratejik amac (\d+)\b")
_TARGET = re.compile(r"^stratejik hedef (\d+) (\d+)\b")
_JOINED_ITEM = re.compile(r"(?<=[.!?])\s+(?=(?:Stratejik|STRATEJİK) (?:Amaç|AMAÇ|Hedef|HEDEF) \d)")


@dataclass
class StrategicGoal:
    goal_no: int
    text: str
    service_area: str | None
    source_line: int


@dataclass
class StrategicTarget:
    goal_no: int
    target_no: int
    text: str
    source_line: int

    @property
    def code(self) -> str:
        return f"{self.goal_no}.{self.target_no}"


def _after_colon(text: str) -> str:
    _, sep, rest = text.partition(":")
    return rest.strip() if sep else ""


def _items(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    """The text lines of the section, a line holding two items (see the module doc) split in two."""
    for line in lines:
        if line.is_blank or line.is_table_row:
            continue  # a table row is reported by the line accounting: no table is expected here
        for text in _JOINED_ITEM.split(line.stripped):
            yield line, text


def parse_strategic_goals(
    state: ParseState, lines: list[Line]
) -> tuple[list[StrategicGoal], list[StrategicTarget]]:
    """Read goals and targets; the service area is the free line just before a goal."""
    goals: list[StrategicGoal] = []
    targets: list[StrategicTarget] = []
    pending: list[str] = []  # free lines since the last goal/target
    last: StrategicGoal | StrategicTarget | None = None

    def flush_into_last(keep_last_as_heading: bool) -> str | None:
        nonlocal pending
        heading = pending[-1] if keep_last_as_heading and pending else None
        extra = pending[:-1] if keep_last_as_heading else pending
        if last is not None and extra:
            last.text = " ".join([last.text, *extra])
        pending = []
        return heading

    for line, text in _items(lines):
        line_key = key(text)
        goal = _GOAL.match(line_key)
        target = _TARGET.match(line_key)
        if goal:
            service_area = flush_into_last(keep_last_as_heading=True)
            last = StrategicGoal(int(goal.group(1)), _after_colon(text), service_area, line.number)
            if any(g.goal_no == last.goal_no for g in goals):
                state.issue(line, "pp_strategic_goals", "error", f"strategic goal {last.goal_no} repeated")
                last = None
                continue
            goals.append(last)
        elif target:
            flush_into_last(keep_last_as_heading=False)
            last = StrategicTarget(
                int(target.group(1)), int(target.group(2)), _after_colon(text), line.number
            )
            if any(t.code == last.code for t in targets):
                state.issue(line, "pp_strategic_targets", "error", f"strategic target {last.code} repeated")
                last = None
                continue
            if not any(g.goal_no == last.goal_no for g in goals):
                state.issue(
                    line, "pp_strategic_targets", "warning", f"target {last.code} has no goal above it"
                )
            targets.append(last)
        else:
            pending.append(text)
    flush_into_last(keep_last_as_heading=False)
    return goals, targets
