"""What PDFium gives for a page: its characters with their boxes, and its ruling lines.

Coordinates are turned into the page's reading frame (x to the right along the text, y downward),
so a landscape page, a page with /Rotate or a table printed sideways on a portrait page reads the
same way as an upright one: the frame follows the direction of most of the page's characters.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from dagster_project.pdf.errors import PdfRefused

# A filled or stroked path at most this thick (pt) along one axis is a ruling line.
_RULE_THICKNESS = 2.5
_MIN_RULE_LENGTH = 2.0

Transform = Callable[[float, float], tuple[float, float]]


def _unchecked(function: ctypes._CFuncPtr, restype: type = ctypes.c_int) -> ctypes._CFuncPtr:
    """`function` without ctypes' per-argument conversion against its declared types.

    The functions asked once per character or page object are called with arguments that already
    are the C types they take (handles, ints, `byref`s), and the checks cost more than PDFium's
    work: about three times the call. The result type stays declared (pointers are not ints)."""
    unchecked = ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)
    unchecked.argtypes = None
    return unchecked


_GET_LOOSE_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
_GET_CHAR_ANGLE = _unchecked(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
_GET_OBJECT = _unchecked(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT)
_GET_OBJECT_TYPE = _unchecked(pdfium_c.FPDFPageObj_GetType)
_GET_BOUNDS = _unchecked(pdfium_c.FPDFPageObj_GetBounds)


@dataclass(slots=True)
class Char:
    """A word (or a run of characters of one) in the reading frame: top-left (x0, y0) to
    bottom-right (x1, y1), in pt. Not frozen: a frozen dataclass takes five times as long to make,
    and a page makes hundreds."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    # Position in PDFium's text stream of its last character, of the character before its first, and
    # whether whitespace (the PDF's own or one PDFium infers from the glyph positions) separates them.
    index: int
    after: int
    spaced: bool


@dataclass(frozen=True)
class Rules:
    """Ruling lines as columns, one entry per line: at `position` (y of a horizontal, x of a
    vertical) from `start` to `end`. A page has hundreds of rule pieces: as arrays, the tables sort
    and compare them without a Python object each."""

    horizontal: np.ndarray  # bool
    position: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.position)

    def take(self, indices: np.ndarray) -> Rules:
        """The rules at `indices` (an index array or a mask), in that order."""
        return Rules(self.horizontal[indices], self.position[indices], self.start[indices], self.end[indices])


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
    rules: Rules
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
    """Words and ruling lines of page `index` (0-based), in the page's reading frame."""
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise PdfRefused(f"corrupt PDF: page {index + 1} cannot be read ({error})") from None
    try:
        width, height = page.get_size()
        frames = {turns: _reading_frame(turns, width, height) for turns in range(4)}
        textpage = page.get_textpage()
        try:
            words, boxes = _page_words(textpage, frames)
        finally:
            textpage.close()
        letters = _letters_by_direction(boxes.turns)
        # The direction of most letters (of the first of those with as many)
        dominant = max(letters, key=letters.__getitem__) if letters else 0
        transform, frame_width, frame_height = frames[dominant]
        if len(letters) <= 1:  # nearly every page: all its text one way
            chars, rotated = [word for _, word, _ in words], []
        else:
            by_direction: dict[int, list[tuple[Char, int]]] = defaultdict(list)
            for turns, word, first in words:
                by_direction[turns].append((word, first))
            chars = [word for word, _ in by_direction.pop(dominant)]
            rotated = [
                RotatedText(
                    frames[turns][2],
                    [(word, _top_in_frame(boxes, first, transform)) for word, first in group],
                )
                for turns, group in sorted(by_direction.items())
            ]
        rules = _rules_in_frame(_rule_segments(page), dominant, transform, height)
        return PageContent(frame_width, frame_height, chars, rules, rotated)
    finally:
        page.close()


_QUARTER = math.pi / 2
# A lone surrogate (no BMP character) is replaced.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that follow each other in the stream with no whitespace are one word while the gap
# between them stays under this × their height (the layout's tight word gap).
_IN_WORD_GAP = 0.3

# (direction in quarter turns counter-clockwise, the word in its reading frame, its first
# character's position in `_Boxes`)
Word = tuple[int, Char, int]


@dataclass(slots=True)
class _Boxes:
    """The loose boxes, in user space, of a page's characters that have one and are not whitespace,
    in stream order, and their directions."""

    left: np.ndarray
    bottom: np.ndarray
    right: np.ndarray
    top: np.ndarray
    turns: np.ndarray  # direction, quarter turns counter-clockwise


def _letters_by_direction(turns: np.ndarray) -> dict[int, int]:
    """How many characters run in each direction, the directions in the order they first appear."""
    directions, first = np.unique(turns, return_index=True)
    counts = np.bincount(turns, minlength=4)
    return {int(direction): int(counts[direction]) for direction in directions[np.argsort(first)]}


def _page_text(handle: object, count: int) -> tuple[str, np.ndarray]:
    """The page's text in one PDFium call, one code unit per character index, and which indices
    are whitespace (a word never spans it)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    units = ctypes.string_at(buffer, count * 2).decode("utf-16-le", "surrogatepass")
    if len(units) != count:  # a surrogate pair decoded into one character: index by code unit
        units = "".join(map(chr, buffer[:count]))
    # PDFium marks a hyphen that ends a line; it is printed, so it is text.
    units = _SURROGATE.sub("\ufffd", units.replace("\x02", "-").replace("\ufffe", "-"))
    codes = np.frombuffer(buffer, dtype=np.uint16, count=count)
    space = ((codes <= 0x20) & (codes != 0x02)) | (codes == 0xA0) | (codes == 0xFEFF)
    return units, space


def _char_boxes(handle: object, count: int, text: np.ndarray) -> tuple[np.ndarray, _Boxes]:
    """The characters of `text` (indices) that have a box, and their boxes. PDFium has no call for
    many boxes at once, so each character costs one call, made from `map`, not a Python loop."""
    floats = (ctypes.c_float * (4 * count))()
    refs = map(ctypes.byref, repeat(floats, len(text)), (text * 16).tolist())
    calls = map(_GET_LOOSE_CHAR_BOX, repeat(handle, len(text)), text.tolist(), refs)
    chars = text[np.fromiter(calls, dtype=bool, count=len(text))]
    rects = np.frombuffer(floats, dtype=np.float32).reshape(count, 4)[chars].astype(np.float64)
    # FS_RECTF: left, top, right, bottom
    empty = np.zeros(0)
    return chars, _Boxes(
        rects[:, 0].copy(), rects[:, 3].copy(), rects[:, 2].copy(), rects[:, 1].copy(), empty
    )


def _word_starts(
    spaces_before: np.ndarray,
    turns: np.ndarray,
    x0: np.ndarray,
    y0: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
) -> tuple[np.ndarray, set[int]]:
    """Where each word starts (index into the characters with a box), for all characters at once,
    and the words whose characters sit on different baselines (cut the slow way, `_cut_run`)."""
    height = y1[1:] - y0[1:]
    gap = x0[1:] - x1[:-1]
    joins = (
        (spaces_before[1:] == spaces_before[:-1])
        & (turns[1:] == turns[:-1])
        & (-0.25 * height <= gap)
        & (gap <= _IN_WORD_GAP * height)
    )
    starts = np.concatenate(([0], np.flatnonzero(~joins) + 1))
    uneven = set(np.searchsorted(starts, np.flatnonzero(joins & (y1[1:] != y1[:-1])) + 1, "right") - 1)
    return starts, uneven


def _page_words(
    textpage: pdfium.PdfTextPage, frames: dict[int, tuple[Transform, float, float]]
) -> tuple[list[Word], _Boxes]:
    """The page's words: runs of characters that follow each other in PDFium's text stream and on
    the line, as one `Char` each, whitespace and generated line breaks left out. The layout then
    handles a few hundred words a page instead of thousands of characters: where words start is
    worked out for all the characters at once (numpy), so Python objects are made per word."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    empty = np.zeros(0)
    if count <= 0:
        return [], _Boxes(empty, empty, empty, empty, empty.astype(np.int64))
    units, space = _page_text(handle, count)
    chars, boxes = _char_boxes(handle, count, np.flatnonzero(~space))
    if not len(chars):
        return [], _Boxes(empty, empty, empty, empty, empty.astype(np.int64))
    turns, x0, y0, x1, y1 = _in_frames(handle, chars, boxes, frames)
    boxes.turns = turns
    spaces_before = np.cumsum(space)[chars]
    starts, uneven = _word_starts(spaces_before, turns, x0, y0, x1, y1)
    ends = np.concatenate((starts[1:], [len(chars)]))
    spaced = np.concatenate(
        ([spaces_before[0] > 0], spaces_before[starts[1:]] != spaces_before[starts[1:] - 1])
    )
    after = np.concatenate(([-1], chars[starts[1:] - 1]))
    lasts = ends - 1
    contiguous = chars[lasts] - chars[starts] == lasts - starts
    firsts, last_chars, starts_list = chars[starts].tolist(), chars[lasts].tolist(), starts.tolist()
    texts = [units[first : last + 1] for first, last in zip(firsts, last_chars, strict=True)]
    for number in np.flatnonzero(~contiguous).tolist():  # a character without a box inside the word
        texts[number] = "".join(units[i] for i in chars[starts_list[number] : ends[number]].tolist())
    made = map(
        Char,
        texts,
        x0[starts].tolist(),
        np.minimum.reduceat(y0, starts).tolist(),
        x1[lasts].tolist(),
        y1[starts].tolist(),
        last_chars,
        after.tolist(),
        spaced.tolist(),
    )
    words: list[Word] = list(zip(turns[starts].tolist(), made, starts_list, strict=True))
    for number in sorted(uneven, reverse=True):  # from the last, so the numbers before stay where they are
        word, cut = words[number][1], []
        _cut_run(
            units,
            chars,
            (turns, x0, y0, x1, y1),
            starts_list[number],
            int(ends[number]),
            word.after,
            word.spaced,
            cut,
        )
        words[number : number + 1] = cut
    return words, boxes


def _in_frames(
    handle: object, chars: np.ndarray, boxes: _Boxes, frames: dict[int, tuple[Transform, float, float]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each character's direction (quarter turns counter-clockwise) and its box in the reading frame
    of that direction. An upright glyph's loose box is taller than wide, so only a wider one's angle
    is asked; PDFium measures it clockwise, and answers -1 when it cannot tell."""
    left, bottom, right, top = boxes.left, boxes.bottom, boxes.right, boxes.top
    page_height = frames[0][2]
    turns = np.zeros(len(chars), dtype=np.int64)
    wide = np.flatnonzero(right - left > top - bottom)
    if len(wide):
        angles = np.array(list(map(_GET_CHAR_ANGLE, repeat(handle, len(wide)), chars[wide].tolist())))
        turns[wide] = (4 - np.round(np.maximum(angles, 0.0) / _QUARTER).astype(np.int64)) % 4
    x0, y0, x1, y1 = left.copy(), page_height - top, right.copy(), page_height - bottom
    for quarter_turns in (1, 2, 3):  # the frames' transforms work on arrays as well
        turned = turns == quarter_turns
        if turned.any():
            transform = frames[quarter_turns][0]
            ax, ay = transform(left[turned], bottom[turned])
            bx, by = transform(right[turned], top[turned])
            x0[turned], y0[turned] = np.minimum(ax, bx), np.minimum(ay, by)
            x1[turned], y1[turned] = np.maximum(ax, bx), np.maximum(ay, by)
    return turns, x0, y0, x1, y1


def _cut_run(
    units: str,
    chars: np.ndarray,
    frame: tuple[np.ndarray, ...],
    start: int,
    end: int,
    after: int,
    spaced: bool,
    words: list[Word],
) -> None:
    """Cut characters `start`..`end` (in one direction, each close enough to the one before) into
    words where a character's bottom strays more than a quarter of its height from the highest
    bottom of the word so far, as a character-by-character reading would."""
    turns, x0s, y0s, x1s, y1s = (column[start:end].tolist() for column in frame)
    indices = chars[start:end].tolist()
    first, top, bottom = 0, y0s[0], y1s[0]
    for offset in range(1, end - start + 1):
        if offset < end - start:
            height = y1s[offset] - y0s[offset]
            if abs(y1s[offset] - bottom) <= 0.25 * height:
                top, bottom = min(top, y0s[offset]), max(bottom, y1s[offset])
                continue
        text = "".join(units[i] for i in indices[first:offset])
        word = Char(text, x0s[first], top, x1s[offset - 1], bottom, indices[offset - 1], after, spaced)
        words.append((turns[first], word, start + first))
        if offset < end - start:
            first, top, bottom = offset, y0s[offset], y1s[offset]
            after, spaced = indices[offset - 1], False


def _reading_frame(quarter_turns: int, width: float, height: float) -> tuple[Transform, float, float]:
    """User space (y up) → reading frame (y down), and the frame's width and height."""
    if quarter_turns == 1:  # text runs upward: lines follow each other rightward
        return (lambda x, y: (y, x)), height, width
    if quarter_turns == 2:
        return (lambda x, y: (width - x, y)), width, height
    if quarter_turns == 3:  # text runs downward: lines follow each other leftward
        return (lambda x, y: (height - y, width - x)), height, width
    return (lambda x, y: (x, height - y)), width, height


def _top_in_frame(boxes: _Boxes, index: int, transform: Transform) -> float:
    """The top (y0) in the frame `transform` makes of character `index`'s box."""
    _, ay = transform(float(boxes.left[index]), float(boxes.bottom[index]))
    _, by = transform(float(boxes.right[index]), float(boxes.top[index]))
    return min(ay, by)


def _rules_in_frame(segments: np.ndarray, turns: int, transform: Transform, page_height: float) -> Rules:
    """The ruling lines that segments or thin boxes (rows of x0, y0, x1, y1) draw, in the reading
    frame (of `turns`), in their order. A dense table page has a thousand path pieces: they are
    sorted out as arrays."""
    x0, y0, x1, y1 = segments.T
    if turns == 0:  # the upright frame's transform, written out
        ax, ay, bx, by = x0, page_height - y0, x1, page_height - y1
    else:  # the frames' transforms work on arrays as well
        (ax, ay), (bx, by) = transform(x0, y0), transform(x1, y1)
    left, right = np.where(ax <= bx, ax, bx), np.where(ax <= bx, bx, ax)
    top, bottom = np.where(ay <= by, ay, by), np.where(ay <= by, by, ay)
    width, height = right - left, bottom - top
    horizontal = (height <= _RULE_THICKNESS) & (width >= _MIN_RULE_LENGTH) & (width >= height)
    vertical = ~horizontal & (width <= _RULE_THICKNESS) & (height >= _MIN_RULE_LENGTH) & (height >= width)
    kept = np.flatnonzero(horizontal | vertical)
    horizontal = horizontal[kept]
    return Rules(
        horizontal,
        np.where(horizontal, (top[kept] + bottom[kept]) / 2, (left[kept] + right[kept]) / 2),
        np.where(horizontal, left[kept], top[kept]),
        np.where(horizontal, right[kept], bottom[kept]),
    )


def _rule_segments(page: pdfium.PdfPage) -> np.ndarray:
    """Boxes (x0, y0, x1, y1, user space; one row each) of paths that may be ruling lines, form
    XObjects included, in no particular order (the tables merge the pieces of a line by position).

    Word and Chromium draw cell borders as thin filled rectangles (one box each); a stroked path
    (a rectangle around a cell, a line) contributes each straight segment it draws.
    """
    handle = page.raw
    count = pdfium_c.FPDFPage_CountObjects(handle)
    objects = list(map(_GET_OBJECT, repeat(handle, count), range(count)))
    chunks = _object_segments(objects, _IDENTITY, 0)
    return np.concatenate(chunks) if chunks else np.zeros((0, 4))


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


def _object_segments(objects: list, outer: Matrix, depth: int) -> list[np.ndarray]:
    """The rule candidates among page objects `objects` (drawn through `outer`), as arrays of boxes.

    A table page has a thousand text and path objects or more: their types and the paths' bounds
    are asked with `map` (no Python loop per object) and the thin ones sorted out as an array."""
    kinds = np.fromiter(map(_GET_OBJECT_TYPE, objects), dtype=np.int32, count=len(objects))
    chunks: list[np.ndarray] = []
    if depth < 8:
        for form in (objects[i] for i in np.flatnonzero(kinds == pdfium_c.FPDF_PAGEOBJ_FORM).tolist()):
            inner = _compose(_matrix(form), outer)
            members = [
                pdfium_c.FPDFFormObj_GetObject(form, i)
                for i in range(pdfium_c.FPDFFormObj_CountObjects(form))
            ]
            chunks += _object_segments(members, inner, depth + 1)
    paths = [objects[i] for i in np.flatnonzero(kinds == pdfium_c.FPDF_PAGEOBJ_PATH).tolist()]
    if not paths:
        return chunks
    bounded, boxes = _bounds(paths)
    # boxes: left, bottom, right, top
    thin = (boxes[:, 2] - boxes[:, 0] <= _RULE_THICKNESS) | (boxes[:, 3] - boxes[:, 1] <= _RULE_THICKNESS)
    chunks.append(_boxes_through(boxes[bounded & thin], outer))
    for index in np.flatnonzero(bounded & ~thin).tolist():
        segments = list(_stroked_segments(paths[index], outer))
        if segments:
            chunks.append(np.array(segments, dtype=np.float64))
    return chunks


def _bounds(paths: list) -> tuple[np.ndarray, np.ndarray]:
    """Which of the page objects `paths` PDFium gives bounds for, and their bounds (left, bottom,
    right, top; one row each), from calls made by `map` into one buffer."""
    count = len(paths)
    floats = (ctypes.c_float * (4 * count))()
    refs = [map(ctypes.byref, repeat(floats, count), range(4 * side, 16 * count, 16)) for side in range(4)]
    bounded = np.fromiter(map(_GET_BOUNDS, paths, *refs), dtype=bool, count=count)
    return bounded, np.frombuffer(floats, dtype=np.float32).reshape(count, 4).astype(np.float64)


def _boxes_through(boxes: np.ndarray, matrix: Matrix) -> np.ndarray:
    """The boxes (rows of x0, y0, x1, y1) that bound `boxes` drawn through `matrix`."""
    if matrix == _IDENTITY:
        return boxes
    a, b, c, d, e, f = matrix
    corners_x = [a * x + c * y + e for x in (boxes[:, 0], boxes[:, 2]) for y in (boxes[:, 1], boxes[:, 3])]
    corners_y = [b * x + d * y + f for x in (boxes[:, 0], boxes[:, 2]) for y in (boxes[:, 1], boxes[:, 3])]
    return np.column_stack(
        (
            np.minimum.reduce(corners_x),
            np.minimum.reduce(corners_y),
            np.maximum.reduce(corners_x),
            np.maximum.reduce(corners_y),
        )
    )


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
