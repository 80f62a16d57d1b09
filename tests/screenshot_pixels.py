"""Read the pixels of a PNG screenshot without an imaging library (only what Chromium writes:
8-bit RGB or RGBA, not interlaced), to check a rendered page is not blank."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def png_rows(path: Path) -> tuple[int, list[bytes]]:
    """Bytes per pixel and the unfiltered rows of a PNG file."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and not interlace, "unexpected PNG layout"
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            predictor = (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return bpp, rows


def colour_counts(path: Path) -> tuple[int, float]:
    """Distinct colours and the share of pixels that are not white."""
    bpp, rows = png_rows(path)
    colours: set[bytes] = set()
    coloured = total = 0
    for row in rows:
        for i in range(0, len(row), bpp):
            pixel = row[i : i + 3]
            colours.add(pixel)
            coloured += pixel != b"\xff\xff\xff"
            total += 1
    return len(colours), coloured / total
