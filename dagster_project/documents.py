"""Find plan documents in `raw/`, hash them, and identify them from their own text.

A document is identified by its administration ("KOCAELİ BÜYÜKŞEHİR BELEDİYESİ"), its type
(stratejik plan or performans programı) and its period or fiscal year, all read from the first
pages of the text. `raw/documents.csv` may override any detected field (for a document whose cover
page is unusual). A file that is not a recognisable plan document is rejected with a reason and
the others still load.

Reading, hashing and identifying 2,000 files costs seconds on every refresh, so a scan may be given
the documents of the previous one (the published registry): a file with the same size and
modification time (ns), identified from its own text and named by no override, is taken from it
without being read. Any write to a file changes its modification time, so its content is hashed
again, and an unchanged hash still parses nothing.

A PDF (`raw/*.pdf`) is read through its text (`dagster_project.pdf`), which is kept under the PDF's
sha256 in the text folder (`warehouse/text/<sha256>.txt`, a build output): an analyst sees what the
parser saw, an unchanged PDF is never extracted twice, and a parser change re-parses the kept text.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from dagster_project.pages import without_page_breaks
from dagster_project.parsers.normalise import ascii_key, turkish_lower, turkish_upper
from dagster_project.pdf import PdfRefused, extract_text

DocumentType = Literal["strategic_plan", "performance_programme", "financial_status_report"]

DOCUMENT_SUFFIXES = (".txt", ".pdf")
# `Document.encoding` of a PDF: its text comes from the extractor, kept as UTF-8.
PDF_ENCODING = "pdf"
OVERRIDES_FILE = "documents.csv"
# The cover and the first pages name the administration and the period; the rest is body text.
_HEAD_LINES = 400

# A cover line such as "KOCAELİ BÜYÜKŞEHİR BELEDİYESİ" (optionally after "T.C."): the name is one word.
_ADMINISTRATION = re.compile(
    r"^(?:T\.C\.\s+)?([A-ZÇĞİÖŞÜ]{3,})\s+(BÜYÜKŞEHİR\s+BELEDİYESİ|İL\s+ÖZEL\s+İDARESİ|BELEDİYESİ)\b"
)
_STRATEGIC_PLAN = re.compile(r"\b(20\d{2})\s*[-–]\s*(20\d{2})\s+(?:YILLARI\s+)?STRATEJİK\s+PLAN")
_PERFORMANCE_PROGRAMME = re.compile(r"\b(20\d{2})\s+(?:YILI\s+)?PERFORMANS\s+PROGRAMI")
# The mid-year budget execution report (Law 5018 art. 30): its year is the report year.
_FINANCIAL_STATUS_REPORT = re.compile(
    r"\b(20\d{2})\s+YILI\s+KURUMSAL\s+MALİ\s+DURUM\s+VE\s+BEKLENTİLER\s+RAPORU"
)
# Control characters other than tab, line feed, form feed and carriage return: binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_KIND_SLUG = {"BÜYÜKŞEHİR BELEDİYESİ": "bb", "İL ÖZEL İDARESİ": "ioi", "BELEDİYESİ": "bld"}
_TYPE_SLUG: dict[DocumentType, str] = {
    "strategic_plan": "sp",
    "performance_programme": "pp",
    "financial_status_report": "mdr",
}


@dataclass(frozen=True)
class Document:
    """A recognised plan document and where it came from."""

    document_id: str
    administration: str
    document_type: DocumentType
    period_start_year: int
    period_end_year: int
    fiscal_year: int | None
    source_file: str
    source_sha256: str
    size_bytes: int
    source_mtime_ns: int
    line_count: int
    encoding: str
    detected_from: Literal["text", "documents.csv"]
    path: Path
    # A PDF's extracted text (`<text_dir>/<sha256>.txt`); None for a text document.
    text_path: Path | None = None


@dataclass(frozen=True)
class RejectedFile:
    """A file in `raw/` that is not loaded, and why."""

    source_file: str
    reason: str


@dataclass(frozen=True)
class Scan:
    documents: list[Document]
    rejected: list[RejectedFile]


class UnreadableDocument(ValueError):
    """The bytes are not text in an encoding these documents use."""


def decode_document(data: bytes) -> tuple[str, str]:
    """Decode a document: UTF-8 first, then Windows-1254 (Turkish Windows exports).

    Binary files (NUL bytes or mostly control characters) are refused rather than guessed.
    """
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows "Unicode text": the byte-order mark says which UTF-16.
        return _checked(data.decode("utf-16")), "utf-16"
    if _looks_like_utf16(data[:65536]):
        raise UnreadableDocument("UTF-16 is not supported without a byte-order mark: save the file as UTF-8")
    if b"\x00" in data[:65536]:
        raise UnreadableDocument("binary file: it contains NUL bytes, expected plain text")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1254", errors="strict"), "cp1254"
    return _checked(text), encoding


def _looks_like_utf16(sample: bytes) -> bool:
    """Text saved as UTF-16 without a byte-order mark: every other byte of ASCII text is NUL."""
    half = len(sample) * 0.4
    return len(sample) >= 2 and (sample[1::2].count(0) > half or sample[::2].count(0) > half)


def _checked(text: str) -> str:
    """`text`, unless it is mostly control characters (a binary file that happened to decode)."""
    sample = text[:65536]
    control = len(_CONTROL.findall(sample))
    if control > len(sample) * 0.01:
        raise UnreadableDocument(f"binary file: {control} control characters in the first {len(sample)}")
    return text


def _title_case(text: str) -> str:
    """`KOCAELİ BÜYÜKŞEHİR BELEDİYESİ` → `Kocaeli Büyükşehir Belediyesi` (Turkish casing)."""
    return " ".join(turkish_upper(word[0]) + turkish_lower(word[1:]) for word in text.split())


def _slug(text: str) -> str:
    return "-".join(ascii_key(text).split())


def identify(text: str) -> dict[str, object]:
    """Read administration, type and period from the head of a document's text.

    Raises ValueError with the reason when the text is not a recognisable plan document.
    """
    head_lines = [
        " ".join(turkish_upper(line).replace("*", "").split()) for line in text.split("\n")[:_HEAD_LINES]
    ]
    upper = " ".join(head_lines)
    administration = next(filter(None, (_ADMINISTRATION.match(line) for line in head_lines)), None)
    if administration is None:
        raise ValueError(
            "no administration name in the first pages "
            "(expected e.g. 'KOCAELİ BÜYÜKŞEHİR BELEDİYESİ' or '… İL ÖZEL İDARESİ')"
        )
    name, kind = administration.group(1), " ".join(administration.group(2).split())
    plan = _STRATEGIC_PLAN.search(upper)
    programme = _PERFORMANCE_PROGRAMME.search(upper)
    report = _FINANCIAL_STATUS_REPORT.search(upper)
    first = min(
        (match for match in (plan, programme, report) if match), key=lambda match: match.start(), default=None
    )
    if first is not None and first is report:
        year = int(report.group(1))
        fields: dict[str, object] = {
            "document_type": "financial_status_report",
            "period_start_year": year,
            "period_end_year": year,
            "fiscal_year": year,
        }
    elif plan and (not programme or plan.start() < programme.start()):
        start, end = int(plan.group(1)), int(plan.group(2))
        fields = {
            "document_type": "strategic_plan",
            "period_start_year": start,
            "period_end_year": end,
            "fiscal_year": None,
        }
    elif programme:
        year = int(programme.group(1))
        fields = {
            "document_type": "performance_programme",
            "period_start_year": year,
            "period_end_year": year,
            "fiscal_year": year,
        }
    else:
        raise ValueError(
            "no document type in the first pages "
            "(expected '2020-2024 STRATEJİK PLANI', '2024 YILI PERFORMANS PROGRAMI' or "
            "'2024 YILI KURUMSAL MALİ DURUM VE BEKLENTİLER RAPORU')"
        )
    fields["administration"] = _title_case(f"{name} {kind}")
    fields["administration_slug"] = f"{_slug(name)}-{_KIND_SLUG[kind]}"
    return fields


def _document_id(fields: dict[str, object]) -> str:
    type_slug = _TYPE_SLUG[fields["document_type"]]  # type: ignore[index]
    if fields["document_type"] in ("performance_programme", "financial_status_report"):
        period = str(fields["fiscal_year"])
    else:
        period = f"{fields['period_start_year']}-{fields['period_end_year']}"
    return f"{fields['administration_slug']}-{type_slug}-{period}"


def read_overrides(raw_dir: Path) -> dict[str, dict[str, str]]:
    """`raw/documents.csv`: one row per file name; non-empty cells override detected fields."""
    path = raw_dir / OVERRIDES_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["source_file"]: {k: v for k, v in row.items() if v} for row in csv.DictReader(handle)}


def _apply_override(document: Document, override: dict[str, str]) -> Document:
    ints = {"period_start_year", "period_end_year", "fiscal_year"}
    allowed = ints | {"document_id", "administration", "document_type"}
    changes: dict[str, object] = {
        key: int(value) if key in ints else value for key, value in override.items() if key in allowed
    }
    if changes.get("document_type", document.document_type) not in _TYPE_SLUG:
        raise ValueError(f"documents.csv: unknown document_type {changes['document_type']!r}")
    return replace(document, **changes, detected_from="documents.csv") if changes else document


def candidate_files(raw_dir: Path) -> list[Path]:
    """Document files directly in `raw/` (sub-folders such as `raw/actuals/` hold other inputs)."""
    return sorted(path for path in raw_dir.iterdir() if path.suffix.lower() in DOCUMENT_SUFFIXES)


def kept_text_path(text_dir: Path, sha256: str) -> Path:
    """Where the extracted text of the PDF with this hash is kept."""
    return text_dir / f"{sha256}.txt"


def pdf_text(path: Path, sha256: str, text_dir: Path) -> str:
    """The PDF's text: the kept extraction of these bytes, else extracted now and kept (atomically).

    A refusal is kept too (`<sha256>.refused`, its reason), so an unchanged unreadable PDF is not
    read again every night either.
    """
    kept, refused = kept_text_path(text_dir, sha256), text_dir / f"{sha256}.refused"
    if kept.exists():
        return kept.read_text(encoding="utf-8")
    if refused.exists():
        raise PdfRefused(refused.read_text(encoding="utf-8"))
    try:
        text = extract_text(path)
    except PdfRefused as error:
        _write_atomically(refused, error.reason)
        raise
    _write_atomically(kept, text)
    return text


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def default_text_dir(raw_dir: Path) -> Path:
    """`warehouse/text/` beside `raw/` (the project's layout) when the caller names no folder."""
    return raw_dir.parent / "warehouse" / "text"


def load_document(
    path: Path, raw_dir: Path, override: dict[str, str] | None = None, text_dir: Path | None = None
) -> Document:
    """Read, hash and identify one file. Raises ValueError with the reason when it is not usable
    (a PDF that cannot be read: `PdfRefused`, a ValueError, whose reason names the file)."""
    root = raw_dir.resolve()
    if not path.resolve().is_relative_to(root):
        raise ValueError(f"refused: {path.name} resolves outside {root} (symlink or '..')")
    # Before reading: a write during the read leaves an older time, so the next scan reads it again.
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # Reading a named pipe waits for a writer for ever; a device may never end.
        raise ValueError(f"refused: {path.name} is not a regular file (a named pipe, device or folder)")
    mtime_ns = status.st_mtime_ns
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    text_path = None
    if path.suffix.lower() == ".pdf":
        text_path = kept_text_path(text_dir or default_text_dir(raw_dir), sha256)
        try:
            text, encoding = pdf_text(path, sha256, text_path.parent), PDF_ENCODING
        except ValueError as error:
            raise ValueError(f"{path.name}: {error}") from None
    else:
        text, encoding = decode_document(data)
    text = without_page_breaks(text)  # identified and counted by its lines; page breaks are not lines
    fields = identify(text)
    document = Document(
        document_id=_document_id(fields),
        administration=str(fields["administration"]),
        document_type=fields["document_type"],  # type: ignore[arg-type]
        period_start_year=int(fields["period_start_year"]),  # type: ignore[call-overload]
        period_end_year=int(fields["period_end_year"]),  # type: ignore[call-overload]
        fiscal_year=fields["fiscal_year"],  # type: ignore[arg-type]
        source_file=path.name,
        source_sha256=sha256,
        size_bytes=len(data),
        source_mtime_ns=mtime_ns,
        line_count=len(text.splitlines()),
        encoding=encoding,
        detected_from="text",
        path=path,
        text_path=text_path,
    )
    return _apply_override(document, override) if override else document


# A run tagged so (by the every-minute sensor) trusts size and modification time (`unchanged_document`).
TRUST_FILE_TIMES_TAG = "plan_warehouse/trust_file_times"


def unchanged_document(
    path: Path, known: Document | None, override: dict[str, str] | None, text_dir: Path | None = None
) -> Document | None:
    """`known` (a previous scan's document of this file) when the file has its size and modification
    time still, and neither that scan nor this one overrides its fields; else None (read it again)."""
    if known is None or override or known.detected_from != "text":
        return None
    stat = path.stat()
    if (stat.st_size, stat.st_mtime_ns) != (known.size_bytes, known.source_mtime_ns):
        return None
    if known.encoding != PDF_ENCODING:
        return replace(known, path=path)
    text_path = kept_text_path(text_dir or default_text_dir(path.parent), known.source_sha256)
    return replace(known, path=path, text_path=text_path) if text_path.exists() else None


def choose_among_copies(
    candidates: list[Document], published: Document | None
) -> tuple[Document, list[RejectedFile]]:
    """Of several files that claim one document_id, the one to load, and the others refused.

    Never by file name order (a Windows copy `… - Kopya.txt` of a partial download sorts first):
    the file whose content is the published document's wins, then the file the published document
    was read from, then the most complete one (most lines, then most bytes). Every refusal names
    both files, so the data team sees which copy was loaded.
    """

    def rank(document: Document) -> tuple[bool, bool, int, int, str]:
        """Smallest first: published content, published file, most lines, most bytes, first name."""
        same_content = published is not None and document.source_sha256 == published.source_sha256
        same_file = published is not None and document.source_file == published.source_file
        return (
            not same_content,
            not same_file,
            -document.line_count,
            -document.size_bytes,
            document.source_file,
        )

    chosen = min(candidates, key=rank)
    why = (
        "it is the published version"
        if published is not None and chosen.source_sha256 == published.source_sha256
        else "it was published from that file"
        if published is not None and chosen.source_file == published.source_file
        else "it is the more complete copy"
    )
    refused = [
        RejectedFile(
            other.source_file,
            f"duplicate document_id {chosen.document_id!r}: {chosen.source_file} is loaded instead "
            f"({why}: {chosen.line_count} lines, {chosen.size_bytes} bytes; this file "
            f"{other.line_count} lines, {other.size_bytes} bytes); set another id in raw/documents.csv "
            "if both are documents",
        )
        for other in candidates
        if other is not chosen
    ]
    return chosen, refused


def scan_raw_dir(
    raw_dir: Path, known: Mapping[str, Document] | None = None, text_dir: Path | None = None
) -> Scan:
    """Identify every candidate file; unusable ones are rejected with a reason, never fatal.

    `known`: the documents of a previous scan (the published registry) by file name; unchanged
    files are taken from it, and it decides between files that claim one document_id.
    `text_dir`: where PDFs' extracted text is kept (default `warehouse/text/` beside `raw/`).
    """
    known = known or {}
    overrides = read_overrides(raw_dir)
    published = {document.document_id: document for document in known.values()}
    by_id: dict[str, list[Document]] = {}
    rejected: list[RejectedFile] = []
    for path in candidate_files(raw_dir):
        override = overrides.get(path.name)
        try:
            document = unchanged_document(path, known.get(path.name), override, text_dir) or load_document(
                path, raw_dir, override, text_dir
            )
        except (ValueError, OSError) as error:
            rejected.append(RejectedFile(path.name, str(error)))
            continue
        by_id.setdefault(document.document_id, []).append(document)
    documents: list[Document] = []
    for document_id, candidates in by_id.items():
        chosen, refused = choose_among_copies(candidates, published.get(document_id))
        documents.append(chosen)
        rejected += refused
    return Scan(sorted(documents, key=lambda d: d.source_file), rejected)


def read_text(document: Document) -> str:
    """The decoded text of a scanned document (of a PDF: its kept extraction, the PDF is not read)."""
    if document.text_path is not None:
        return document.text_path.read_text(encoding="utf-8")
    return decode_document(document.path.read_bytes())[0]
