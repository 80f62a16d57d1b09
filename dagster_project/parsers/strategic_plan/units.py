"""Split the packed "Sorumlu Birim(ler)" cell into unit names.

The PDF cell lists several units one after another with no separator, e.g. line 1248:
`Fen İşleri Dairesi Başkanlığı Ulaşım ve Trafik Yönetimi Dairesi Başkanlığı`. Every unit name of a
Turkish administration ends in an organisational noun (`Başkanlığı`, `Müdürlüğü`, `Kurulu`, ...),
so the cell is cut after each of them (unless another unit noun follows: `Teftiş Kurulu Başkanlığı`). Kocaeli only uses `Dairesi Başkanlığı`; the others are the
usual endings in other administrations' plans.
"""

from __future__ import annotations

import re

from dagster_project.parsers.normalise import name_key

_UNIT_ENDINGS = frozenset(
    name_key(word)
    for word in (
        "Başkanlığı",
        "Müdürlüğü",
        "Kurulu",
        "Müşavirliği",
        "Amirliği",
        "Sekreterliği",
        "Yardımcılığı",
        "Koordinatörlüğü",
        "Şefliği",
    )
)
_EXPLICIT_SEPARATORS = re.compile(r"\s*[,;\n]\s*|\s+-\s+")


def split_units(cell: str) -> tuple[list[str], str | None]:
    """Unit names in order, and a note when trailing words did not end in a known unit noun."""
    units: list[str] = []
    leftovers: list[str] = []
    for part in _EXPLICIT_SEPARATORS.split(cell.strip()):
        words: list[str] = []
        tokens = part.split()
        for position, word in enumerate(tokens):
            words.append(word)
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            # `Teftiş Kurulu Başkanlığı` is one unit: cut only where no unit noun follows.
            if name_key(word) in _UNIT_ENDINGS and name_key(following) not in _UNIT_ENDINGS:
                units.append(" ".join(words))
                words = []
        if words:
            units.append(" ".join(words))
            leftovers.append(" ".join(words))
    note = None
    if leftovers:
        note = "responsible unit text without a unit ending (Başkanlığı, Müdürlüğü, ...): " + "; ".join(
            repr(text) for text in leftovers
        )
    return units, note
