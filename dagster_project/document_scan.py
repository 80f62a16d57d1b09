"""Find plan documents in `raw/`, hash them, and identify them from their own text.

A document is identified by its administration ("KOCAELİ BÜYÜKŞEHİR BELEDİYESİ"), its type
(stratejik plan, performans programı, …: the title a parser package's `KIND` declares, see
`parsers.kinds`) and its period or fiscal year, all read from the first pages of the text. `raw/documents.csv` may override any detected field (for a document whose cover
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
from functools import cache
from pathlib import Path
from typing import Literal

from dagster_project.file_stamps import unchanged
from dagster_project.pages import without_page_breaks
from dagster_project.parsers import kinds
from dagster_project.parsers.base import DocumentKind
from dagster_project.parsers.normalise import ascii_key, turkish_lower, turkish_upper
from dagster_project.pdf import PdfRefused, extract_text

# A declared type (`kinds.document_types()`): a parser package declares it, so no list of them here;
# a type is checked where it enters (a cover's title, a row of raw/documents.csv).
DocumentType = str
DetectedFrom = Literal["text", "text+documents.csv", "documents.csv"]

DOCUMENT_SUFFIXES = (".txt", ".pdf")
# `Document.encoding` of a PDF: its text comes from the extractor, kept as UTF-8.
PDF_ENCODING = "pdf"
OVERRIDES_FILE = "documents.csv"
# The cover and the first pages name the administration and the period; the rest is body text.
_HEAD_LINES = 400
_HEAD_PAGES = 5  # when the text marks its pages with form feeds (\f)


@dataclass(frozen=True)
class AdministrationKind:
    """A kind of public administration as its cover names it: `<name> <kind words>`.

    `pattern` matches the kind words (upper-cased, Turkish), `display` is how the warehouse writes
    them after the title-cased name, `slug` ends the administration's part of the document_id.
    """

    kind: str
    pattern: str
    display: str
    slug: str


# Tried in this order at every word of a cover line: the longer kinds first ("BÜYÜKŞEHİR BELEDİYESİ"
# before "BELEDİYESİ", "GENEL MÜDÜRLÜĞÜ" and "BAKANLIĞI" before "… BAŞKANLIĞI"). A new kind is one row.
ADMINISTRATION_KINDS = (
    AdministrationKind(
        "metropolitan_municipality",
        r"BÜYÜKŞEHİR\s+BELEDİYE(?:Sİ|\s+BAŞKANLIĞI)",
        "Büyükşehir Belediyesi",
        "bb",
    ),
    AdministrationKind(
        "special_provincial_administration",
        r"İL\s+ÖZEL\s+İDARESİ(?:\s+GENEL\s+SEKRETERLİĞİ)?",
        "İl Özel İdaresi",
        "ioi",
    ),
    AdministrationKind("municipality", r"BELEDİYE(?:Sİ|\s+BAŞKANLIĞI)", "Belediyesi", "bld"),
    AdministrationKind("development_agency", r"KALKINMA\s+AJANSI", "Kalkınma Ajansı", "kalkinma-ajansi"),
    AdministrationKind("university", r"ÜNİVERSİTESİ(?:\s+REKTÖRLÜĞÜ)?", "Üniversitesi", "universitesi"),
    AdministrationKind("ministry", r"BAKANLIĞI", "Bakanlığı", "bakanligi"),
    AdministrationKind("general_directorate", r"GENEL\s+MÜDÜRLÜĞÜ", "Genel Müdürlüğü", "genel-mudurlugu"),
    # Sayıştay Başkanlığı, Diyanet İşleri Başkanlığı, Cumhurbaşkanlığı Strateji ve Bütçe Başkanlığı, …
    AdministrationKind("presidency", r"BAŞKANLIĞI", "Başkanlığı", "baskanligi"),
)


# The declared types, for the pandera models' accepted values.
DOCUMENT_TYPES: tuple[str, ...] = kinds.document_types()

# A name word: Turkish capitals (with â î û: "KÂHTA"), or a day number ("19 MAYIS"); "ÇEVRE," keeps
# its comma. Years, "T.C." and the words of kinds and titles (`DocumentKind.title_words`) are not
# name words.
_NAME_WORD = r"(?:[A-ZÇĞİÖŞÜÂÎÛ][A-ZÇĞİÖŞÜÂÎÛ'’-]*,?|\d{1,2})"
_NOT_NAME_WORDS = frozenset(
    ["BÜYÜKŞEHİR", "BELEDİYE", "BELEDİYESİ", "BAŞKANLIĞI", "BAKANLIĞI", "ÜNİVERSİTESİ", "MÜDÜRLÜĞÜ", "YILI"]
)
_T_C = re.compile(r"^T\.?\s?C\.?(?:\s+|$)")
_ADMINISTRATION = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}?)\s+"
    rf"(?P<kind>{'|'.join(f'(?P<k{i}>{kind.pattern})' for i, kind in enumerate(ADMINISTRATION_KINDS))})"
    r"(?![\wÂÎÛ'’])\s*(?P<rest>.*)$"
)
# Units of an administration named on its cover ("MALİ HİZMETLER DAİRESİ BAŞKANLIĞI", "STRATEJİ
# GELİŞTİRME BAŞKANLIĞI"): they say who wrote the document inside the administration.
_UNIT = re.compile(r"(?:\bDAİRE(?:Sİ)?|\bSTRATEJİ\s+GELİŞTİRME|\bKOORDİNATÖRLÜĞÜ)$")
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = rf"\(?(?P<start>{_YEAR})\s*[-–—/]\s*(?P<end>{_YEAR})\)?(?:\s+(?:YILLARI|DÖNEMİ))?"
_ONE_YEAR = rf"\(?(?P<year>{_YEAR})\)?(?:\s+(?:MALİ\s+)?YILI)?"
_TITLE_END = r"(?![\wÂÎÛ'’])"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_MARKUP = re.compile(r"<[^>]*>|\*")
# Lower-case inside a title-cased name: "Çevre, Şehircilik ve İklim Değişikliği Bakanlığı".
_CONJUNCTIONS = frozenset({"VE", "İLE"})


def _titles(kind: DocumentKind) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The title with its period or year before it ("2024 YILI PERFORMANS PROGRAMI") or after it
    ("STRATEJİK PLAN (2025-2029)"), and the bare title (a cover that gives no period)."""
    when = _ONE_YEAR if kind.yearly else _PERIOD
    title = rf"(?:{kind.title}){_TITLE_END}"
    return (
        re.compile(rf"(?<!\d){when}\s+{title}|\b{title}\s+{when.replace('?P<', '?P<after_')}\b"),
        re.compile(rf"\b{title}"),
    )


@dataclass(frozen=True)
class _Titles:
    """What the declared kinds make of a cover: each kind's title patterns, the words no name has."""

    patterns: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]
    not_name_words: frozenset[str]


@cache
def _compiled(declared: tuple[DocumentKind, ...]) -> _Titles:
    return _Titles(
        {kind.document_type: _titles(kind) for kind in declared},
        _NOT_NAME_WORDS.union(*(kind.title_words for kind in declared)),
    )


def _declared_titles() -> _Titles:
    """The titles of the kinds declared now (`kinds.DOCUMENT_KINDS`), compiled once."""
    return _compiled(kinds.DOCUMENT_KINDS)


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
    # `text` (the cover), `text+documents.csv` (the cover, fields overridden) or `documents.csv` (only).
    detected_from: DetectedFrom
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
    """`ÇEVRE, ŞEHİRCİLİK VE İKLİM` → `Çevre, Şehircilik ve İklim` (Turkish casing)."""
    return " ".join(
        turkish_lower(word)
        if word in _CONJUNCTIONS and index
        else turkish_upper(word[0]) + turkish_lower(word[1:])
        for index, word in enumerate(text.split())
    )


def _slug(text: str) -> str:
    return "-".join(ascii_key(text).split())


@dataclass(frozen=True)
class Administration:
    """An administration named on a cover: `KÂHTA BELEDİYE BAŞKANLIĞI` → Kâhta Belediyesi, `kahta-bld`."""

    name_words: tuple[str, ...]
    kind: AdministrationKind

    @property
    def name(self) -> str:
        return f"{_title_case(' '.join(self.name_words))} {self.kind.display}"

    @property
    def slug(self) -> str:
        return f"{_slug(' '.join(self.name_words))}-{self.kind.slug}"

    def same_as(self, other: Administration) -> bool:
        """One administration written with and without a leading part of its name (a university
        with or without its city: `KIRŞEHİR AHİ EVRAN ÜNİVERSİTESİ`, `AHİ EVRAN ÜNİVERSİTESİ`)."""
        shorter, longer = sorted((self.name_words, other.name_words), key=len)
        return self.kind == other.kind and longer[len(longer) - len(shorter) :] == shorter


def _is_title(text: str) -> bool:
    """`2020-2024 STRATEJİK PLANI` and the like: what may follow a name on its cover line."""
    return len(text.split()) <= 10 and any(
        dated.search(text) or bare.match(text) for dated, bare in _declared_titles().patterns.values()
    )


def administration_named(line: str) -> Administration | None:
    """The administration a cover line names, or None when the line is not a name line.

    A name line is only the name (after "T.C."), optionally followed by the document's title
    (`GEBZE BELEDİYESİ 2022 YILI KURUMSAL MALİ DURUM VE BEKLENTİLER RAPORU`): a sentence that starts
    with a name ("Kocaeli Büyükşehir Belediyesi olarak …") is body text. Units of an administration
    ("MALİ HİZMETLER DAİRESİ BAŞKANLIĞI") are not administrations.
    """
    text = _T_C.sub("", " ".join(turkish_upper(line).split()))
    match = _ADMINISTRATION.match(text)
    if match is None:
        return None
    words = tuple(match.group("name").split())
    not_name_words = _declared_titles().not_name_words
    if not_name_words.intersection(word.rstrip(",") for word in words) or _UNIT.search(match.group("name")):
        return None
    rest = match.group("rest")
    if rest and not _is_title(rest):
        return None
    kind = next(k for i, k in enumerate(ADMINISTRATION_KINDS) if match.group(f"k{i}"))
    return Administration(words, kind)


def _head(text: str) -> list[str]:
    """The cover and first pages: the first pages when the text marks them (\f), at most
    `_HEAD_LINES` lines; markup (`**`, `<i>`) removed."""
    pages = text.split("\f", _HEAD_PAGES)
    head = "\n".join(pages[:_HEAD_PAGES]) if len(pages) > 1 else text
    return [_MARKUP.sub("", line).strip() for line in head.split("\n")[:_HEAD_LINES]]


def _cover_lines(lines: list[str]) -> list[str]:
    """Each line without table cells, and each short paragraph joined: covers stack a name on
    several lines (`KOCAELİ` / `BÜYÜKŞEHİR` / `BELEDİYESİ`)."""
    cover = [line if "\t" not in line else "" for line in lines]
    paragraphs: list[list[str]] = [[]]
    for line in cover:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    joined = [
        " ".join(p) for p in paragraphs if 1 < len(p) <= 6 and all(len(line.split()) <= 8 for line in p)
    ]
    return [line for line in cover if line] + joined


def _administration(lines: list[str]) -> Administration:
    found: list[Administration] = []
    for candidate in filter(None, map(administration_named, _cover_lines(lines))):
        same = next((i for i, known in enumerate(found) if known.same_as(candidate)), None)
        if same is None:
            found.append(candidate)
        elif len(candidate.name_words) > len(found[same].name_words):
            found[same] = candidate  # the fuller name: with the city
    if not found:
        raise ValueError(
            "no administration name in the first pages (expected a cover line such as 'KOCAELİ "
            "BÜYÜKŞEHİR BELEDİYESİ', '… BELEDİYE BAŞKANLIĞI', '… İL ÖZEL İDARESİ', '… BAKANLIĞI', "
            "'… ÜNİVERSİTESİ', '… KALKINMA AJANSI', '… GENEL MÜDÜRLÜĞÜ' or '… BAŞKANLIĞI'); "
            f"if this is a plan document, name it in a row of raw/{OVERRIDES_FILE}"
        )
    if len(found) > 1:
        names = ", ".join(f"'{a.name}'" for a in found)
        raise ValueError(
            f"the first pages name {len(found)} different administrations ({names}); "
            f"say which one published it in a row of raw/{OVERRIDES_FILE} (column administration)"
        )
    return found[0]


def _period(text: str) -> dict[str, object]:
    """Type and period of the earliest title in the head ("2024 YILI PERFORMANS PROGRAMI")."""
    patterns = _declared_titles().patterns
    dated = [
        (match.start(), document_type, match)
        for document_type, (pattern, _) in patterns.items()
        if (match := pattern.search(text))
    ]
    if not dated:
        bare = [
            (match.start(), document_type)
            for document_type, (_, pattern) in patterns.items()
            if (match := pattern.search(text))
        ]
        if bare:
            kind = kinds.kind_of(min(bare)[1])
            raise ValueError(
                f"document type {kind.document_type} named in the first pages, but no "
                f"{'year' if kind.yearly else 'period'} beside its title "
                f"(expected e.g. '2020-2024 STRATEJİK PLANI' or '2024 YILI PERFORMANS PROGRAMI'); "
                f"give it in a row of raw/{OVERRIDES_FILE}"
            )
        examples = [f"'{kind.example}'" for kind in kinds.DOCUMENT_KINDS]
        raise ValueError(
            f"no document type in the first pages (expected {', '.join(examples[:-1])} or {examples[-1]}); "
            f"if this is a plan document, give its type and period in a row of raw/{OVERRIDES_FILE}"
        )
    _, document_type, match = min(dated, key=lambda found: found[0])
    groups = {name.removeprefix("after_"): value for name, value in match.groupdict().items() if value}
    if kinds.kind_of(document_type).yearly:
        year = int(groups["year"])
        return {
            "document_type": document_type,
            "period_start_year": year,
            "period_end_year": year,
            "fiscal_year": year,
        }
    start, end = int(groups["start"]), int(groups["end"])
    if not start < end <= start + 10:
        raise ValueError(f"plan period {match.group(0)!r} does not run forwards over at most ten years")
    return {
        "document_type": document_type,
        "period_start_year": start,
        "period_end_year": end,
        "fiscal_year": None,
    }


def _detect(text: str) -> tuple[dict[str, object], str | None]:
    """What the cover and first pages say (administration; type and period), and why not the rest."""
    lines = _head(text)
    fields: dict[str, object] = {}
    problems: list[str] = []
    try:
        administration = _administration(lines)
        fields |= {"administration": administration.name, "administration_slug": administration.slug}
    except ValueError as problem:
        problems.append(str(problem))
    try:
        fields |= _period(" ".join(turkish_upper(line) for line in lines if line))
    except ValueError as problem:
        problems.append(str(problem))
    return fields, "; ".join(problems) or None


def identify(text: str) -> dict[str, object]:
    """Read administration, type and period from the cover and first pages of a document's text.

    Raises ValueError with the reason (and the fix) when the text is not a recognisable plan
    document; never guesses a name from body text.
    """
    fields, problem = _detect(text)
    if problem:
        raise ValueError(problem)
    return fields


def administration_slug(administration: str) -> str:
    """The document_id part of an administration written in raw/documents.csv."""
    named = administration_named(administration)
    return named.slug if named else _slug(administration)


def _document_id(fields: Mapping[str, object]) -> str:
    kind = kinds.kind_of(str(fields["document_type"]))
    if kind.yearly:
        period = str(fields["fiscal_year"])
    else:
        period = f"{fields['period_start_year']}-{fields['period_end_year']}"
    return f"{fields['administration_slug']}-{kind.slug}-{period}"


_YEAR_FIELDS = ("period_start_year", "period_end_year", "fiscal_year")
OVERRIDE_FIELDS = ("source_file", "document_id", "administration", "document_type", *_YEAR_FIELDS)
_DOCUMENT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Override:
    """One row of raw/documents.csv: its line, the fields it sets, or why it cannot be used."""

    line: int
    fields: dict[str, object]
    error: str | None = None


@dataclass(frozen=True)
class Overrides:
    """raw/documents.csv by file name, and the problems that belong to no file of raw/."""

    rows: dict[str, Override]
    errors: list[str]


def _override_fields(row: dict[str, str]) -> dict[str, object]:
    """The non-empty cells of a row, typed; ValueError says which cell is wrong."""
    fields: dict[str, object] = {}
    for column, value in row.items():
        value = (value or "").strip()
        if column == "source_file" or not value:
            continue
        if column in _YEAR_FIELDS:
            if not re.fullmatch(r"\d{4}", value) or not 1990 <= int(value) <= 2100:
                raise ValueError(f"{column} {value!r} is not a year (expected e.g. 2024)")
            fields[column] = int(value)
        elif column == "document_type" and value not in kinds.document_types():
            raise ValueError(
                f"unknown document_type {value!r} (expected one of {', '.join(kinds.document_types())})"
            )
        elif column == "document_id" and not _DOCUMENT_ID.match(value):
            raise ValueError(
                f"document_id {value!r} is not lower-case words joined by '-' (e.g. antalya-bb-pp-2024)"
            )
        else:
            fields[column] = value
    return fields


def read_overrides(raw_dir: Path) -> Overrides:
    """`raw/documents.csv`: one row per file name; its non-empty cells set the file's fields.

    A row that cannot be used (unknown column, unknown type, a year that is not a year, a file
    named twice) is kept as an error with its line number: the file it names is then refused, never
    loaded with fields the row did not mean.
    """
    path = raw_dir / OVERRIDES_FILE
    if not path.exists():
        return Overrides({}, [])
    where = f"raw/{OVERRIDES_FILE}"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        if "source_file" not in columns:
            return Overrides(
                {}, [f"{where} line 1: no source_file column (columns: {', '.join(OVERRIDE_FIELDS)})"]
            )
        unknown = [column for column in columns if column not in OVERRIDE_FIELDS]
        rows: dict[str, Override] = {}
        errors: list[str] = []
        for row in reader:
            line, name = reader.line_num, (row.get("source_file") or "").strip()
            if not name:
                errors.append(f"{where} line {line}: no source_file")
                continue
            error = None
            try:
                if unknown:
                    raise ValueError(f"unknown column {unknown[0]!r} (columns: {', '.join(OVERRIDE_FIELDS)})")
                if None in row:
                    raise ValueError(f"more cells than the {len(columns)} columns of the header")
                if name in rows:
                    raise ValueError(f"{name} is named again (first on line {rows[name].line})")
                fields = _override_fields(row)
            except ValueError as problem:
                error, fields = f"{where} line {line}: {problem}", {}
            rows[name] = rows[name] if name in rows and error is None else Override(line, fields, error)
    return Overrides(rows, errors)


def _identified(fields: dict[str, object], detected: bool, override: Override | None) -> dict[str, object]:
    """The detected fields with the override's on top, completed and checked: a programme's or a
    report's period is its fiscal year; the document_id follows the fields unless the row sets it."""
    given = override.fields if override else {}
    merged = {**fields, **given}
    kind = kinds.kind_of(str(merged["document_type"])) if merged.get("document_type") else None
    if kind is not None and kind.yearly:
        year = next(
            (
                source[name]
                for source in (given, fields)
                for name in ("fiscal_year", "period_start_year")
                if source.get(name)
            ),
            None,
        )
        merged |= {"period_start_year": year, "period_end_year": year, "fiscal_year": year}
    elif kind is not None:
        merged["fiscal_year"] = None
    needed = ["administration", "document_type", "period_start_year", "period_end_year"]
    missing = [name for name in needed if merged.get(name) is None]
    if missing:
        where = f"raw/{OVERRIDES_FILE} line {override.line}" if override else "raw/" + OVERRIDES_FILE
        raise ValueError(f"{where} does not give {', '.join(missing)}, and the text does not either")
    if not merged["period_start_year"] <= merged["period_end_year"]:  # type: ignore[operator]
        raise ValueError(f"period {merged['period_start_year']}-{merged['period_end_year']} runs backwards")
    if "administration" in given:
        merged["administration_slug"] = administration_slug(str(merged["administration"]))
    merged.setdefault("document_id", _document_id(merged))
    merged["detected_from"] = ("text+" if detected else "") + OVERRIDES_FILE if given else "text"
    return merged


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
    path: Path, raw_dir: Path, override: Override | None = None, text_dir: Path | None = None
) -> Document:
    """Read, hash and identify one file. Raises ValueError with the reason when it is not usable
    (a PDF that cannot be read: `PdfRefused`, a ValueError, whose reason names the file).

    A row of raw/documents.csv sets the fields it gives over the detected ones, and all of them
    when the text names no administration, type or period.
    """
    root = raw_dir.resolve()
    if not path.resolve().is_relative_to(root):
        raise ValueError(f"refused: {path.name} resolves outside {root} (symlink or '..')")
    if override and override.error:
        raise ValueError(override.error)
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
    detected, problem = _detect(text)
    if problem and override is None:
        raise ValueError(problem)
    try:
        fields = _identified(detected, bool(detected), override)
    except ValueError as incomplete:
        raise ValueError(f"{problem}; {incomplete}" if problem else str(incomplete)) from None
    return Document(
        document_id=str(fields["document_id"]),
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
        detected_from=fields["detected_from"],  # type: ignore[arg-type]
        path=path,
        text_path=text_path,
    )


# A run tagged so (by the every-minute sensor) trusts size and modification time (`unchanged_document`).
TRUST_FILE_TIMES_TAG = "plan_warehouse/trust_file_times"


def unchanged_document(
    path: Path, known: Document | None, override: Override | None, text_dir: Path | None = None
) -> Document | None:
    """`known` (a previous scan's document of this file) when the file has its size and modification
    time still, and neither that scan nor this one overrides its fields; else None (read it again)."""
    if known is None or override or known.detected_from != "text":
        return None
    if not unchanged(path, known.size_bytes, known.source_mtime_ns):
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
    was read from, then the PDF (the document as the administration published it, over a text copy
    of it), then the most complete one (most lines, then most bytes). Every refusal names both
    files, so the data team sees which copy was loaded.
    """

    def rank(document: Document) -> tuple[bool, bool, bool, int, int, str]:
        """Smallest first: published content, published file, a PDF, most lines, most bytes, first name."""
        same_content = published is not None and document.source_sha256 == published.source_sha256
        same_file = published is not None and document.source_file == published.source_file
        return (
            not same_content,
            not same_file,
            document.encoding != PDF_ENCODING,
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
        else "it is the PDF as published"
        if chosen.encoding == PDF_ENCODING and any(other.encoding != PDF_ENCODING for other in candidates)
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
    files = candidate_files(raw_dir)
    names = {path.name for path in files}
    published = {document.document_id: document for document in known.values()}
    by_id: dict[str, list[Document]] = {}
    rejected = [RejectedFile(OVERRIDES_FILE, error) for error in overrides.errors] + [
        RejectedFile(
            OVERRIDES_FILE,
            f"raw/{OVERRIDES_FILE} line {row.line}: {name} is not a document file in raw/ "
            f"(expected one of: {', '.join(sorted(names)) or 'none'})",
        )
        for name, row in overrides.rows.items()
        if name not in names
    ]
    for path in files:
        override = overrides.rows.get(path.name)
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
