"""Checks on a PDF's bytes before PDFium reads it: PDFium repairs what it can without saying so.

A truncated file opens with the pages it still has, and a Flate stream whose bytes were damaged
decodes to whatever came before the damage: both would load part of a document as if it were
whole. zlib's Adler-32 checksum at the end of every Flate stream catches any changed byte in it.
An image's stream is not inflated (it must still end): its pixels never reach the text, and they
are half the bytes of a scanned-in logo or chart (a tenth of the time of a short report). The rest
(content streams and embedded fonts: megabytes in a Word report) is inflated with zlib-ng, twice as
fast as zlib; a stream it does not find whole is inflated again with zlib, whose verdict and error
message the refusal gives, so a damaged file is refused exactly as before.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from types import ModuleType

from zlib_ng import zlib_ng

from dagster_project.pdf.errors import PdfRefused

# A stream keyword ends its dictionary's line; a single Flate filter is the common case we can verify
# (a filter chain such as [/ASCII85Decode /FlateDecode] is left to PDFium).
_STREAM = re.compile(rb"stream\r?\n")
_SINGLE_FLATE = re.compile(rb"/Filter\s*(?:\[\s*)?/FlateDecode\s*\]?\s*(?:/|>>)")
_OBJECT_START = re.compile(rb"\d+\s+\d+\s+obj\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_DICTIONARY_WINDOW = 4096
_NEAR_WINDOW = 512
_BLANK = re.compile(rb"\s*\Z")
_CHUNK = 1 << 20


def check_bytes(data: bytes) -> None:
    """Refuse a file that is not a PDF, ends before its end marker or has a damaged Flate stream."""
    if _BLANK.match(data):
        raise PdfRefused("the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise PdfRefused("not a PDF: no '%PDF-' header in the first 1024 bytes")
    if b"%%EOF" not in data[-2048:]:
        raise PdfRefused("truncated or corrupt PDF: no '%%EOF' end marker at the end of the file")
    if b"/Encrypt" in data:
        return  # encrypted streams are not zlib data; PDFium asks for the password (or decrypts)
    stream_bytes = memoryview(data)
    for match in _STREAM.finditer(data):
        if match.start() >= 3 and data[match.start() - 3 : match.start()] == b"end":
            continue  # the "stream" of an "endstream" keyword
        start = match.end()
        dictionary, in_object = _dictionary_before(data, match.start())
        if not _SINGLE_FLATE.search(dictionary):
            continue
        end = data.find(b"endstream", start)
        if end < 0:
            raise PdfRefused(f"truncated PDF: the stream at byte {start} has no 'endstream'")
        if in_object and _IMAGE.search(dictionary):
            continue
        try:
            complete = _inflates(stream_bytes[start:end])
        except zlib.error as error:
            raise PdfRefused(
                f"corrupt PDF: a compressed stream at byte {start} is damaged ({error})"
            ) from None
        if not complete:
            raise PdfRefused(f"corrupt or truncated PDF: a compressed stream at byte {start} ends early")


def _dictionary_before(data: bytes, keyword: int) -> tuple[bytes, bool]:
    """The stream dictionary before the `stream` keyword at `keyword`: what follows the last
    "N G obj" in the 4 KiB before it (whether there is one), else those 4 KiB. The last few hundred
    bytes are searched first: the last object start found there is the last in the whole window
    (a match ends in "obj", so none that ends later can overlap it), and that is nearly always."""
    for size in (_NEAR_WINDOW, _DICTIONARY_WINDOW):
        window = data[max(0, keyword - size) : keyword]
        last = deque(_OBJECT_START.finditer(window), maxlen=1)
        if last:
            return window[last[0].end() :], True
        if keyword <= size:
            break
    return window, False


def _inflates(stream: memoryview) -> bool:
    """Whether `stream` is one whole zlib stream (checksum verified), in bounded memory: zlib-ng
    answers for a whole stream; for any other, zlib answers (or raises `zlib.error`)."""
    try:
        if _inflates_with(zlib_ng, stream):
            return True
    except zlib_ng.error:
        pass
    return _inflates_with(zlib, stream)


def _inflates_with(library: ModuleType, stream: memoryview) -> bool:
    """Whether `library` (zlib or zlib-ng: the same interface) inflates `stream` to its end."""
    inflater = library.decompressobj()
    inflater.decompress(stream, _CHUNK)
    while inflater.unconsumed_tail and not inflater.eof:
        inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    return inflater.eof
