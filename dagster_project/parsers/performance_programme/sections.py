"""Find the sections of a performance programme by their headings, not by line numbers.

The official template (Performans Programı Hazırlama Rehberi) names the sections the same way in
every administration's programme; the numbers in front may differ. Table-of-contents entries are
skipped: they carry a page number after a tab or a dot leader (`.....`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.parsers.cells import Line
from dagster_project.parsers.performance_programme.layout import key

SECTION_TITLES: dict[str, str] = {
    "strategic_goals": "stratejik amac ve hedefler",
    "performance": "performans hedef ve gostergeleri ile faaliyetler",
    "administration": "idare performans tablosu",
    "resources": "toplam kaynak ihtiyaci tablosu",
    "responsibilities": "sorumlu harcama birimlerine",
}
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.*)$")


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    heading_line: int  # 1-based
    start: int  # 0-based index of the first line after the heading
    stop: int  # 0-based index, exclusive


def numbered_heading(line: Line) -> tuple[str, str] | None:
    """(`2.3.1`, title) for a numbered heading line without tabs, else None."""
    if line.is_table_row or "....." in line.text:
        return None
    match = _NUMBERED.match(line.stripped)
    if match is None or len(match.group(2)) > 150:
        return None
    return match.group(1), match.group(2)


def find_sections(lines: list[Line]) -> dict[str, Section]:
    """Locate each known section; a section runs until the next known section starts.

    A section starts at the first numbered heading naming it, else at the first plain line naming
    it; one pass over the lines looks for every title.
    """
    numbered: dict[str, int] = {}
    plain: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.is_table_row or "....." in line.text or len(line.stripped) > 150:
            continue
        line_key = key(line.stripped)
        for name, title in SECTION_TITLES.items():
            if name in numbered or title not in line_key:
                continue
            if numbered_heading(line) is not None:
                numbered[name] = index
            else:
                plain.setdefault(name, index)
    found = {**plain, **numbered}  # a numbered heading wins over a plain mention
    starts = {name: found[name] for name in SECTION_TITLES if name in found}
    ordered = sorted(starts.items(), key=lambda item: item[1])
    sections: dict[str, Section] = {}
    for position, (name, index) in enumerate(ordered):
        stop = ordered[position + 1][1] if position + 1 < len(ordered) else len(lines)
        sections[name] = Section(name, index + 1, index + 1, stop)
    return sections
