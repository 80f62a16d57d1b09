"""The document registry: each file in raw/ identified from its own text, or rejected with a reason."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import copy_shipped_raw

from dagster_project.documents import decode_document, identify, scan_raw_dir

RAW = Path(__file__).resolve().parent.parent / "raw"
KOCAELI = RAW / "kocaeli_bb_stratejik_plan_2020_2024.txt"
KAYSERI = RAW / "kayseri_bb_performans_programi_2024.txt"


def test_both_shipped_documents_are_identified_from_their_text(tmp_path: Path) -> None:
    scan = scan_raw_dir(copy_shipped_raw(tmp_path))
    by_id = {document.document_id: document for document in scan.documents}
    assert scan.rejected == []
    assert sorted(by_id) == ["kayseri-bb-pp-2024", "kocaeli-bb-sp-2020-2024"]

    plan = by_id["kocaeli-bb-sp-2020-2024"]
    assert plan.administration == "Kocaeli Büyükşehir Belediyesi"
    assert (plan.document_type, plan.period_start_year, plan.period_end_year, plan.fiscal_year) == (
        "strategic_plan",
        2020,
        2024,
        None,
    )
    assert plan.source_sha256 == hashlib.sha256(KOCAELI.read_bytes()).hexdigest()
    assert plan.line_count == 2691  # the last line (the "% 0-44 Çok Zayıf" band) has no newline

    programme = by_id["kayseri-bb-pp-2024"]
    assert programme.administration == "Kayseri Büyükşehir Belediyesi"
    assert (programme.document_type, programme.fiscal_year) == ("performance_programme", 2024)
    assert programme.line_count == 4427


def test_turkish_capitals_are_title_cased_the_turkish_way() -> None:
    fields = identify("T.C.\nISPARTA İL ÖZEL İDARESİ\n2025-2029 STRATEJİK PLANI\n")
    assert fields["administration"] == "Isparta İl Özel İdaresi"
    assert fields["administration_slug"] == "isparta-ioi"


def copy_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(KOCAELI, raw / KOCAELI.name)
    return raw


def test_files_that_are_not_plans_are_rejected_with_a_reason_and_the_rest_still_load(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    (raw / "empty.txt").write_text("")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "recipe.txt").write_text("Mercimek çorbası\nMalzemeler\tmiktar\n", encoding="utf-8")
    scan = scan_raw_dir(raw)
    assert [document.document_id for document in scan.documents] == ["kocaeli-bb-sp-2020-2024"]
    reasons = {rejected.source_file: rejected.reason for rejected in scan.rejected}
    assert reasons["empty.txt"] == "the file is empty"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["recipe.txt"].startswith("no administration name")


def test_windows_1254_copy_is_decoded_to_the_same_text() -> None:
    text = KOCAELI.read_text(encoding="utf-8")
    # cp1254 cannot encode every character of the PDF extract (e.g. ✓); those become '?'.
    decoded, encoding = decode_document(text.encode("cp1254", errors="replace"))
    assert encoding == "cp1254"
    assert "KOCAELİ BÜYÜKŞEHİR BELEDİYESİ" in decoded
    assert identify(decoded)["document_type"] == "strategic_plan"


def test_a_second_copy_of_a_document_is_rejected_as_a_duplicate(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    shutil.copy(KOCAELI, raw / "copy.txt")
    scan = scan_raw_dir(raw)
    assert len(scan.documents) == 1
    assert scan.rejected[0].reason.startswith("duplicate document_id 'kocaeli-bb-sp-2020-2024'")


def test_documents_csv_overrides_detected_fields(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    (raw / "documents.csv").write_text(
        f"source_file,document_id,administration\n{KOCAELI.name},kocaeli-sp-2020,Kocaeli BB\n",
        encoding="utf-8",
    )
    (document,) = scan_raw_dir(raw).documents
    assert (document.document_id, document.administration, document.detected_from) == (
        "kocaeli-sp-2020",
        "Kocaeli BB",
        "documents.csv",
    )
    assert document.period_end_year == 2024


def test_a_symlink_leaving_raw_is_refused(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    outside = tmp_path / "outside.txt"
    shutil.copy(KAYSERI, outside)
    (raw / "link.txt").symlink_to(outside)
    scan = scan_raw_dir(raw)
    assert [r.source_file for r in scan.rejected] == ["link.txt"]
    assert "outside" in scan.rejected[0].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KAYSERİ BÜYÜKŞEHİR BELEDİYESİ\n2024 YILI PERFORMANS PROGRAMI", "kayseri-bb"),
        ("T.C. BURSA BÜYÜKŞEHİR BELEDİYESİ\n2025-2029 STRATEJİK PLANI", "bursa-bb"),
        ("ÇANKAYA BELEDİYESİ\n2025 YILI PERFORMANS PROGRAMI", "cankaya-bld"),
    ],
)
def test_administration_slug(text: str, expected: str) -> None:
    assert identify(text)["administration_slug"] == expected


def test_an_unchanged_file_is_not_read_again_but_a_written_one_is(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    path = raw / KOCAELI.name
    (first,) = scan_raw_dir(raw).documents
    assert first.source_mtime_ns == path.stat().st_mtime_ns
    # A previous scan with a hash that is not the file's: only reading the file again corrects it.
    known = {first.source_file: replace(first, source_sha256="0" * 64)}
    assert scan_raw_dir(raw, known).documents[0].source_sha256 == "0" * 64
    # Touched (same content, a new modification time): read and hashed again, the same hash.
    os.utime(path, ns=(first.source_mtime_ns + 1, first.source_mtime_ns + 1))
    assert scan_raw_dir(raw, known).documents[0].source_sha256 == first.source_sha256
    # Another content of the same size: its own hash.
    data = path.read_bytes()
    end = data.rindex(b"e")
    path.write_bytes(data[:end] + b"a" + data[end + 1 :])
    (written,) = scan_raw_dir(raw, known).documents
    assert written.size_bytes == first.size_bytes
    assert written.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest() != first.source_sha256


def test_a_file_named_in_documents_csv_is_always_read(tmp_path: Path) -> None:
    raw = copy_raw(tmp_path)
    (first,) = scan_raw_dir(raw).documents
    known = {first.source_file: replace(first, source_sha256="0" * 64)}
    (raw / "documents.csv").write_text(
        f"source_file,administration\n{KOCAELI.name},Kocaeli BB\n", encoding="utf-8"
    )
    (document,) = scan_raw_dir(raw, known).documents
    assert (document.source_sha256, document.administration) == (first.source_sha256, "Kocaeli BB")
