"""Plan codes written in front of texts: `KE.1`, `KE.1.1`, `Ke/Pg.1.1.1`, `To/F.5.1.3`, `PG1.1.1`, `H1.2`.

Kocaeli writes the code and the text in one cell (`KE.1.1 Yayaların erişim ...`); the official
template often gives the code its own cell. Both are read here, and the numeric parts of a code are
what ties an indicator (`Ke/Pg.1.1.1`) to its target (`KE.1.1`) and a target to its goal (`KE.1`).
"""

from __future__ import annotations

import re

_LETTERS = "A-Za-zÇĞİÖŞÜçğıöşü"
_CODE = rf"[{_LETTERS}]{{1,6}}(?:/[{_LETTERS}]{{1,6}})?\s?\.?\s?\d+(?:\.\d+)*"
_CODE_ONLY = re.compile(rf"^(?P<code>{_CODE})\s*[:.]?$")
# A code then a separator (space, `:` or `-`) then the text.
_CODE_AND_TEXT = re.compile(rf"^(?P<code>{_CODE})(?:\s*[:\-–]\s*|\s+)(?P<text>\S.*)$")
_DIGITS = re.compile(r"\d+")


def split_code(cell: str) -> tuple[str | None, str]:
    """`KE.1.1 Yayaların ...` → (`KE.1.1`, `Yayaların ...`); a cell without a code → (None, cell)."""
    text = cell.strip()
    only = _CODE_ONLY.match(text)
    if only:
        return only.group("code"), ""
    match = _CODE_AND_TEXT.match(text)
    if match:
        return match.group("code"), match.group("text").strip()
    return None, text


def is_code(cell: str) -> bool:
    """True when the whole cell is a code (the official template's separate code column)."""
    return _CODE_ONLY.match(cell.strip()) is not None


def code_numbers(code: str) -> tuple[int, ...]:
    """The numeric path of a code: `Ke/Pg.1.10.2` → (1, 10, 2)."""
    return tuple(int(part) for part in _DIGITS.findall(code))


def continues(child: str, parent: str) -> bool:
    """True when `child` sits under `parent` by number: `Ke/Pg.1.1.3` under `KE.1.1`."""
    child_numbers, parent_numbers = code_numbers(child), code_numbers(parent)
    return len(child_numbers) == len(parent_numbers) + 1 and child_numbers[:-1] == parent_numbers
