"""Characters → words → lines: the text of a cell, a prose line, a paragraph.

Sizes are relative to the line's height (the characters' loose boxes, about 1.15 × the font
size), so the same rules read a 7 pt table and a 12 pt body text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter

from dagster_project.pdf.reader import Char

# A gap wider than this many line heights between two characters is a space between words…
_WORD_GAP = 0.1
_TIGHT_WORD_GAP = 0.3
# …and wider than this, on a line outside any ruled table, a gap between columns (a tab).
_COLUMN_GAP = 1.5
# Two characters are on one line when their vertical centres are closer than this × their height.
_SAME_LINE = 0.4
# A wrapped paragraph's next line follows within this × the line height (a new paragraph leaves more).
_WRAP_LEADING = 0.35


@dataclass
class TextLine:
    """One visual line: its text and its box in the reading frame."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    first_word_width: float
    chars: list[Char]

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def visual_lines(chars: list[Char], columns: bool) -> list[TextLine]:
    """The characters grouped into lines, top to bottom; `columns`: wide gaps become tabs."""
    return [_line(line, columns) for line in _line_groups(chars)]


def _line_groups(chars: list[Char]) -> list[list[Char]]:
    """The characters of each line, top to bottom (by their vertical centres), each line's by x0."""
    lines: list[list[Char]] = []
    centre = height = 0.0
    centres = [(char.y0 + char.y1) / 2 for char in chars]
    for index in sorted(range(len(chars)), key=centres.__getitem__):
        char = chars[index]
        char_centre, char_height = centres[index], char.y1 - char.y0
        if lines and abs(char_centre - centre) <= _SAME_LINE * (
            char_height if char_height > height else height
        ):
            lines[-1].append(char)
            continue
        lines.append([char])
        centre, height = char_centre, char_height
    for line in lines:
        line.sort(key=_X0)
    return lines


_X0 = attrgetter("x0")


def _line(chars: list[Char], columns: bool) -> TextLine:
    """The line of `chars` (sorted by x0): its text and its box."""
    if len(chars) == 1:  # most table cells and many lines: one word
        char = chars[0]
        return TextLine(char.text, char.x0, char.y0, char.x1, char.y1, char.x1 - char.x0, chars)
    text, first_word_end = _line_text(chars, columns)
    x0 = chars[0].x0
    return TextLine(
        text,
        x0,
        min([c.y0 for c in chars]),
        max([c.x1 for c in chars]),
        max([c.y1 for c in chars]),
        (first_word_end if first_word_end is not None else chars[-1].x1) - x0,
        chars,
    )


def _line_text(chars: list[Char], columns: bool) -> tuple[str, float | None]:
    """The text of a line of two or more words (sorted by x0), and where its first word ends (None
    when nothing separates its words)."""
    height = max([c.y1 - c.y0 for c in chars])
    column_gap = _COLUMN_GAP * height if columns else math.inf
    # The gap that separates two words: wider between two characters that follow each other in the
    # text stream with no whitespace (a bold heading set loosely stays one word), the usual one
    # otherwise; in pt for this line.
    tight_gap, word_gap = _TIGHT_WORD_GAP * height, _WORD_GAP * height
    previous = chars[0]
    parts: list[str] = [previous.text]
    append = parts.append
    first_word_end = None
    for char in islice(chars, 1, None):
        text, x0 = char.text, char.x0
        if text == previous.text and abs(x0 - previous.x0) < 0.3 * (char.x1 - x0):
            continue  # the same glyph drawn twice (fake bold)
        gap = x0 - previous.x1
        if gap > column_gap:
            append("\t")
        elif gap > (tight_gap if char.after == previous.index and not char.spaced else word_gap):
            append(" ")
        else:
            append(text)
            previous = char
            continue
        if first_word_end is None:
            first_word_end = previous.x1
        append(text)
        previous = char
    return "".join(parts), first_word_end


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its visual lines joined with a space (a label that wraps is one cell)."""
    if not chars:
        return ""
    if len(chars) == 1:
        return chars[0].text.strip()
    text = ""
    for line in _line_groups(chars):
        line_text = line[0].text if len(line) == 1 else _line_text(line, columns=False)[0]
        text = join_wrapped(text, line_text) if text else line_text
    return text.strip()


def join_wrapped(line: str, rest: str) -> str:
    """A line and its wrapped continuation: a space between them, none after a word's hyphen
    ("e-" + "Devlet": the browser or word processor broke the line at the hyphen)."""
    if len(line) >= 2 and line[-1] == "-" and line[-2].isalpha():
        return line + rest
    return f"{line} {rest}"


def continues(line: TextLine, following: TextLine, right_edge: float, next_page: bool = False) -> bool:
    """Whether `following` is the wrapped rest of `line`'s paragraph (`next_page`: the first line of
    the next page after the last of this one, where their distance says nothing).

    A line breaks early only when the next word does not fit, so a line followed closely by one
    whose first word would have fitted before the text's right edge ended its paragraph.
    """
    if "\t" in line.text or "\t" in following.text:
        return False
    if abs(following.height - line.height) > 0.2 * line.height:
        return False
    if not next_page and not 0 <= following.y0 - line.y1 <= _WRAP_LEADING * line.height + 0.5:
        return False
    space = 0.2 * line.height  # a space is about a quarter of the font size
    return line.x1 + space + following.first_word_width > right_edge - 0.5
