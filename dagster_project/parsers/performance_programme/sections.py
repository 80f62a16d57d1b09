"""The sections of a performance programme, found by their headings (see `parsers.base.find_sections`).

The official template (Performans Programı Hazırlama Rehberi) names the sections the same way in
every administration's programme; the numbers in front may differ.
"""

from __future__ import annotations

SECTION_TITLES: dict[str, str] = {
    "strategic_goals": "stratejik amac ve hedefler",
    "performance": "performans hedef ve gostergeleri ile faaliyetler",
    "administration": "idare performans tablosu",
    "resources": "toplam kaynak ihtiyaci tablosu",
    "responsibilities": "sorumlu harcama birimlerine",
}
# The sections whose table rows this parser models (2.2.2 is read for its goals and targets only).
MODELLED_SECTIONS = ("performance", "administration", "resources", "responsibilities")
