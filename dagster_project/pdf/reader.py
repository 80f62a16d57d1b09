"""What PDFium gives for a page: its characters with their boxes, and its ruling lines.

Coordinates are turned into the page's reading frame (x to the right along the text, y downward),
so a landscape page, a page with /Rotate or a table printed sideways on a portrait page reads the
same way as an upright one: the frame follows the direction of most of the page's characters.
"""

from __future__ import annotations

import ctypes
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from dagster_project.pdf.errors import PdfRefused

# A filled or stroked path at most this thick (pt) along one axis is a ruling line.
_RULE_THICKNESS = 2.5
_MIN_RULE_LENGTH = 2.0

Transform = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Char:
    """One character in the reading frame: top-left (x0, y0) to bottom-right (x1, y1), in pt."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    # Position in PDFium's text stream, and whether whitespace (the PDF's own or one PDFium infers from
    # the glyph positions) separates it from the character before it there: the word boundaries.
    index: int
    after: int
    spaced: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: at `position` (y of a horizontal, x of a vertical) from `start` to `end`."""

    horizontal: bool
    position: float
    start: float
    end: float


@dataclass(frozen=True)
class RotatedText:
    """Text in another direction than most of the page's (a chart's sideways labels, an upright page
    number on a sideways table): each character in its own reading frame, with its top in the page's
    frame (where its line is placed among the page's lines)."""

    frame_height: float
    chars: list[tuple[Char, float]]


@dataclass(frozen=True)
class PageContent:
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    rotated: list[RotatedText]


@contextmanager
def open_pdf(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document, or PdfRefused saying why PDFium cannot open it."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfRefused("encrypted PDF: it needs a password to open") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PdfRefused("encrypted PDF: unsupported security handler") from None
        raise PdfRefused(f"corrupt PDF: PDFium cannot open it ({error})") from None
    try:
        yield document
    finally:
        document.close()


def read_page(document: pdfium.PdfDocument, index: int) -> PageContent:
    """Characters and ruling lines of page `index` (0-based), in the page's reading frame."""
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise PdfRefused(f"corrupt PDF: page {index + 1} cannot be read ({error})") from None
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            raw_chars = _raw_chars(textpage)
        finally:
            textpage.close()
        by_direction: dict[int, list[RawChar]] = defaultdict(list)
        for char in raw_chars:
            by_direction[char[0]].append(char)
        dominant = max(by_direction, key=lambda turns: len(by_direction[turns]), default=0)
        transform, frame_width, frame_height = _reading_frame(dominant, width, height)
        chars = [_char_in_frame(char, transform) for char in by_direction.pop(dominant, [])]
        rotated = []
        for turns, group in sorted(by_direction.items()):
            own, _, own_height = _reading_frame(turns, width, height)
            placed = [(_char_in_frame(char, own), _char_in_frame(char, transform).y0) for char in group]
            rotated.append(RotatedText(own_height, placed))
        rules = [rule for segment in _rule_segments(page) for rule in _rule_in_frame(segment, transform)]
        return PageContent(frame_width, frame_height, chars, rules, rotated)
    finally:
        page.close()


# (quarter turns counter-clockwise, character, (left, bottom, right, top) in user space, index,
# index of the character before it in the stream, whitespace between them)
RawChar = tuple[int, str, tuple[float, float, float, float], int, int, bool]
_QUARTER = math.pi / 2
_LINE_END_HYPHEN = (0x02, 0xFFFE)


def _raw_chars(textpage: pdfium.PdfTextPage) -> list[RawChar]:
    """The page's characters in PDF user space; whitespace and generated line breaks left out."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    rect = pdfium_c.FS_RECTF()
    get_box, get_angle = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharAngle
    chars = []
    spaced, last = False, -1
    for index in range(count):
        unit = buffer[index]
        if unit in _LINE_END_HYPHEN:
            unit = 0x2D  # PDFium marks a hyphen that ends a line; it is printed, so it is text
        elif unit <= 0x20 or unit in (0xA0, 0xFEFF):
            spaced = True
            continue
        if not get_box(handle, index, ctypes.byref(rect)):
            continue
        # PDFium measures the angle clockwise; 0 when it cannot tell.
        turns = (4 - round(max(get_angle(handle, index), 0.0) / _QUARTER)) % 4
        text = "\ufffd" if 0xD800 <= unit <= 0xDFFF else chr(unit)
        chars.append((turns, text, (rect.left, rect.bottom, rect.right, rect.top), index, last, spaced))
        spaced, last = False, index
    return chars


def _reading_frame(quarter_turns: int, width: float, height: float) -> tuple[Transform, float, float]:
    """User space (y up) → reading frame (y down), and the frame's width and height."""
    if quarter_turns == 1:  # text runs upward: lines follow each other rightward
        return (lambda x, y: (y, x)), height, width
    if quarter_turns == 2:
        return (lambda x, y: (width - x, y)), width, height
    if quarter_turns == 3:  # text runs downward: lines follow each other leftward
        return (lambda x, y: (height - y, width - x)), height, width
    return (lambda x, y: (x, height - y)), width, height


def _char_in_frame(char: RawChar, transform: Transform) -> Char:
    _, text, box, index, after, spaced = char
    (ax, ay), (bx, by) = transform(box[0], box[1]), transform(box[2], box[3])
    return Char(text, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), index, after, spaced)


def _rule_in_frame(segment: tuple[float, float, float, float], transform: Transform) -> Iterator[Rule]:
    (ax, ay), (bx, by) = transform(segment[0], segment[1]), transform(segment[2], segment[3])
    x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if y1 - y0 <= _RULE_THICKNESS and x1 - x0 >= max(_MIN_RULE_LENGTH, y1 - y0):
        yield Rule(True, (y0 + y1) / 2, x0, x1)
    elif x1 - x0 <= _RULE_THICKNESS and y1 - y0 >= max(_MIN_RULE_LENGTH, x1 - x0):
        yield Rule(False, (x0 + x1) / 2, y0, y1)


def _rule_segments(page: pdfium.PdfPage) -> Iterator[tuple[float, float, float, float]]:
    """Boxes (x0, y0, x1, y1, user space) of paths that may be ruling lines, form XObjects included.

    Word and Chromium draw cell borders as thin filled rectangles (one box each); a stroked path
    (a rectangle around a cell, a line) contributes each straight segment it draws.
    """
    yield from _path_boxes(
        (pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))),
        _IDENTITY,
    )


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Matrix = tuple[float, float, float, float, float, float]


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(handle: object) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _path_boxes(
    handles: Iterator, outer: Matrix, depth: int = 0
) -> Iterator[tuple[float, float, float, float]]:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for handle in handles:
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            inner = _compose(_matrix(handle), outer)
            count = pdfium_c.FPDFFormObj_CountObjects(handle)
            yield from _path_boxes(
                (pdfium_c.FPDFFormObj_GetObject(handle, i) for i in range(count)), inner, depth + 1
            )
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(
            handle, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        ):
            continue
        box = (left.value, bottom.value, right.value, top.value)
        if min(box[2] - box[0], box[3] - box[1]) <= _RULE_THICKNESS:
            yield _box_through(box, outer)
        else:
            yield from _stroked_segments(handle, outer)


def _box_through(box: tuple[float, float, float, float], matrix: Matrix) -> tuple[float, float, float, float]:
    if matrix == _IDENTITY:
        return box
    corners = [_apply(matrix, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _stroked_segments(handle: object, outer: Matrix) -> Iterator[tuple[float, float, float, float]]:
    """The straight segments a stroked path draws (a filled area wider than a rule is not a rule)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if (
        not pdfium_c.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
        or not stroke.value
    ):
        return
    matrix = _compose(_matrix(handle), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    current = start = None
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            yield (*current, *point)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield (*current, *start)
            current = start
