"""The document registry: each file in raw/ identified from its own text, or rejected with a reason."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import copy_shipped_raw

from dagster_project.document_scan import decode_document, identify, scan_raw_dir

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
        "text+documents.csv",
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


# Covers as administrations write them (cover and inner cover, then body text that names others).
BODY = (
    "\nÖNSÖZ\nKocaeli Büyükşehir Belediyesi ile Sağlık Bakanlığı arasında imzalanan protokol ve "
    "Ankara Üniversitesi işbirliğiyle hazırlanan plan.\nBüyükşehir Belediyesi olarak 2019-2023 "
    "Stratejik Planı döneminde\n1\tİçişleri Bakanlığı\tPaydaş\n"
)
COVERS = [
    # The programme: "Belediye Başkanlığı", and a body that says "Büyükşehir Belediyesi".
    (
        "T.C.\nANTALYA BÜYÜKŞEHİR BELEDİYE BAŞKANLIĞI\n\n2024\nYILI\nPERFORMANS\nPROGRAMI\n",
        ("Antalya Büyükşehir Belediyesi", "performance_programme", 2024, 2024, 2024),
        "antalya-bb-pp-2024",
    ),
    (
        "KÂHTA BELEDİYESİ\n\n2025-2029 STRATEJİK PLANI\n",
        ("Kâhta Belediyesi", "strategic_plan", 2025, 2029, None),
        "kahta-bld-sp-2025-2029",
    ),
    (
        "T.C.\n19 MAYIS BELEDİYE BAŞKANLIĞI\nSTRATEJİK PLAN (2025-2029)\n",
        ("19 Mayıs Belediyesi", "strategic_plan", 2025, 2029, None),
        "19-mayis-bld-sp-2025-2029",
    ),
    (
        "ÇANKAYA BELEDİYESİ\n2025 Yılı Performans Programı\n",
        ("Çankaya Belediyesi", "performance_programme", 2025, 2025, 2025),
        "cankaya-bld-pp-2025",
    ),
    (
        "T.C.\nISPARTA İL ÖZEL İDARESİ\n2020 - 2024\nSTRATEJİK PLANI\n",
        ("Isparta İl Özel İdaresi", "strategic_plan", 2020, 2024, None),
        "isparta-ioi-sp-2020-2024",
    ),
    (
        "T.C.\nÇEVRE, ŞEHİRCİLİK VE İKLİM DEĞİŞİKLİĞİ BAKANLIĞI\nStrateji Geliştirme Başkanlığı\n"
        "2024-2028 STRATEJİK PLANI\n",
        ("Çevre, Şehircilik ve İklim Değişikliği Bakanlığı", "strategic_plan", 2024, 2028, None),
        "cevre-sehircilik-ve-iklim-degisikligi-bakanligi-sp-2024-2028",
    ),
    (
        "T.C.\nSAĞLIK BAKANLIĞI\n2025 YILI PERFORMANS PROGRAMI\n",
        ("Sağlık Bakanlığı", "performance_programme", 2025, 2025, 2025),
        "saglik-bakanligi-pp-2025",
    ),
    # A university with its city on the cover and without it on the inner cover: one university.
    (
        "KIRŞEHİR AHİ EVRAN ÜNİVERSİTESİ\n2022-2026 STRATEJİK PLANI\n\nT.C.\nAHİ EVRAN ÜNİVERSİTESİ\n"
        "Strateji Geliştirme Daire Başkanlığı\n",
        ("Kırşehir Ahi Evran Üniversitesi", "strategic_plan", 2022, 2026, None),
        "kirsehir-ahi-evran-universitesi-sp-2022-2026",
    ),
    (
        "T.C.\nAHİ EVRAN ÜNİVERSİTESİ REKTÖRLÜĞÜ\n2024 YILI PERFORMANS PROGRAMI\n",
        ("Ahi Evran Üniversitesi", "performance_programme", 2024, 2024, 2024),
        "ahi-evran-universitesi-pp-2024",
    ),
    (
        "T.C.\nSAYIŞTAY BAŞKANLIĞI\n2024-2028\nSTRATEJİK PLAN\n",
        ("Sayıştay Başkanlığı", "strategic_plan", 2024, 2028, None),
        "sayistay-baskanligi-sp-2024-2028",
    ),
    (
        "T.C.\nKARAYOLLARI GENEL MÜDÜRLÜĞÜ\n2024-2028 STRATEJİK PLANI\n",
        ("Karayolları Genel Müdürlüğü", "strategic_plan", 2024, 2028, None),
        "karayollari-genel-mudurlugu-sp-2024-2028",
    ),
    (
        "T.C.\nCUMHURBAŞKANLIĞI STRATEJİ VE BÜTÇE BAŞKANLIĞI\n2025 YILI PERFORMANS PROGRAMI\n",
        ("Cumhurbaşkanlığı Strateji ve Bütçe Başkanlığı", "performance_programme", 2025, 2025, 2025),
        "cumhurbaskanligi-strateji-ve-butce-baskanligi-pp-2025",
    ),
    (
        "DOĞU MARMARA KALKINMA AJANSI\n\nDOĞU MARMARA KALKINMA AJANSI\n2024-2028 Stratejik Planı\n",
        ("Doğu Marmara Kalkınma Ajansı", "strategic_plan", 2024, 2028, None),
        "dogu-marmara-kalkinma-ajansi-sp-2024-2028",
    ),
    # Gebze's real cover (pdftotext of gebze_belediyesi_mali_durum_2022.pdf, page 1): name and title on one line.
    (
        "GEBZE BELEDİYESİ 2022 YILI KURUMSAL MALİ DURUM VE BEKLENTİLER RAPORU\n"
        "I. OCAK-HAZİRAN 2022 DÖNEMİ BÜTÇE UYGULAMA SONUÇLARI\nA. Bütçe Giderleri\n",
        ("Gebze Belediyesi", "financial_status_report", 2022, 2022, 2022),
        "gebze-bld-mdr-2022",
    ),
]


@pytest.mark.parametrize(("cover", "expected", "document_id"), COVERS, ids=[c[2] for c in COVERS])
def test_every_kind_of_administration_is_identified_from_its_cover(
    tmp_path: Path, cover: str, expected: tuple, document_id: str
) -> None:
    (tmp_path / "plan.txt").write_text(cover + BODY, encoding="utf-8")
    scan = scan_raw_dir(tmp_path)
    assert scan.rejected == []
    (document,) = scan.documents
    assert (
        document.administration,
        document.document_type,
        document.period_start_year,
        document.period_end_year,
        document.fiscal_year,
    ) == expected
    assert (document.document_id, document.detected_from) == (document_id, "text")


@pytest.mark.parametrize(
    ("cover", "reason"),
    [
        # Slogan, "T.C." and logo text name nobody; the body does, and is not read for names.
        (
            "T.C.\nÇALIŞINCA OLUYOR\nKBB\n2025 YILI PERFORMANS PROGRAMI\n"
            "Kocaeli Büyükşehir Belediyesi olarak 2025 yılında Sağlık Bakanlığı ile çalıştık.\n",
            "no administration name in the first pages",
        ),
        (
            "T.C.\nKOCAELİ BÜYÜKŞEHİR BELEDİYESİ\nGEBZE BELEDİYESİ\n2025 YILI PERFORMANS PROGRAMI\n",
            "the first pages name 2 different administrations "
            "('Kocaeli Büyükşehir Belediyesi', 'Gebze Belediyesi')",
        ),
        ("KAYSERİ BÜYÜKŞEHİR BELEDİYESİ\nSTRATEJİK PLANI\n", "document type strategic_plan named"),
        ("KAYSERİ BÜYÜKŞEHİR BELEDİYESİ\nFAALİYET RAPORU 2023\n", "no document type in the first pages"),
    ],
)
def test_a_cover_that_does_not_say_who_or_what_is_refused_with_the_fix(
    tmp_path: Path, cover: str, reason: str
) -> None:
    (tmp_path / "plan.txt").write_text(cover, encoding="utf-8")
    scan = scan_raw_dir(tmp_path)
    assert scan.documents == []
    (rejected,) = scan.rejected
    assert rejected.reason.startswith(reason)
    assert "raw/documents.csv" in rejected.reason


def test_the_shipped_documents_keep_their_ids_whatever_their_body_names() -> None:
    # Kocaeli's inner cover names its unit (MALİ HİZMETLER DAİRESİ BAŞKANLIĞI); Kayseri's first
    # pages quote Law 5216 ("Büyükşehir Belediyesinin Görev, Yetki ve Sorumlulukları").
    assert identify(KOCAELI.read_text(encoding="utf-8"))["administration_slug"] == "kocaeli-bb"
    assert identify(KAYSERI.read_text(encoding="utf-8"))["administration_slug"] == "kayseri-bb"


def test_documents_csv_supplies_every_field_when_the_cover_names_nothing(tmp_path: Path) -> None:
    (tmp_path / "kapaksiz.txt").write_text("İÇİNDEKİLER\nÖNSÖZ\nBu plan ...\n", encoding="utf-8")
    (tmp_path / "yalniz_baslik.txt").write_text("ANTALYA BÜYÜKŞEHİR BELEDİYESİ\nPERFORMANS PROGRAMI\n")
    (tmp_path / "documents.csv").write_text(
        "source_file,administration,document_type,period_start_year,period_end_year,fiscal_year\n"
        "kapaksiz.txt,Antalya Büyükşehir Belediyesi,strategic_plan,2025,2029,\n"
        "yalniz_baslik.txt,,performance_programme,,,2025\n",
        encoding="utf-8",
    )
    scan = scan_raw_dir(tmp_path)
    assert scan.rejected == []
    by_file = {d.source_file: d for d in scan.documents}
    plan = by_file["kapaksiz.txt"]
    assert (plan.document_id, plan.administration, plan.detected_from) == (
        "antalya-bb-sp-2025-2029",
        "Antalya Büyükşehir Belediyesi",
        "documents.csv",
    )
    assert (plan.period_start_year, plan.period_end_year, plan.fiscal_year) == (2025, 2029, None)
    # The cover gives the name, the row the year: both are used.
    programme = by_file["yalniz_baslik.txt"]
    assert (programme.document_id, programme.fiscal_year, programme.detected_from) == (
        "antalya-bb-pp-2025",
        2025,
        "text+documents.csv",
    )


def test_a_documents_csv_row_that_does_not_complete_a_file_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "kapaksiz.txt").write_text("İÇİNDEKİLER\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text("source_file,document_type\nkapaksiz.txt,strategic_plan\n")
    (rejected,) = scan_raw_dir(tmp_path).rejected
    assert rejected.reason.startswith("no administration name in the first pages")
    assert rejected.reason.endswith(
        "raw/documents.csv line 2 does not give administration, period_start_year, period_end_year, "
        "and the text does not either"
    )


@pytest.mark.parametrize(
    ("csv_text", "rejected_file", "reason"),
    [
        (
            f"source_file,administraton\n{KOCAELI.name},Kocaeli\n",
            KOCAELI.name,
            "raw/documents.csv line 2: unknown column 'administraton' (columns: source_file, document_id, "
            "administration, document_type, period_start_year, period_end_year, fiscal_year)",
        ),
        (
            f"source_file,document_type\n{KOCAELI.name},faaliyet_raporu\n",
            KOCAELI.name,
            "raw/documents.csv line 2: unknown document_type 'faaliyet_raporu' "
            "(expected one of financial_status_report, performance_programme, strategic_plan)",
        ),
        (
            f"source_file,period_start_year\n{KOCAELI.name},2020.0\n",
            KOCAELI.name,
            "raw/documents.csv line 2: period_start_year '2020.0' is not a year (expected e.g. 2024)",
        ),
        (
            f"source_file,fiscal_year\nx.txt,2024\n{KOCAELI.name},20244\n",
            KOCAELI.name,
            "raw/documents.csv line 3: fiscal_year '20244' is not a year (expected e.g. 2024)",
        ),
        (
            f"source_file,document_id\n{KOCAELI.name},Kocaeli SP\n",
            KOCAELI.name,
            "raw/documents.csv line 2: document_id 'Kocaeli SP' is not lower-case words joined by '-'",
        ),
        (
            f"source_file,document_id\n{KOCAELI.name},a\n{KOCAELI.name},b\n",
            KOCAELI.name,
            f"raw/documents.csv line 3: {KOCAELI.name} is named again (first on line 2)",
        ),
        (
            "source_file,document_id\nkocaeli_2020.txt,kocaeli-sp\n",
            "documents.csv",
            "raw/documents.csv line 2: kocaeli_2020.txt is not a document file in raw/ "
            f"(expected one of: {KOCAELI.name})",
        ),
        (
            f"source_file,period_start_year,period_end_year\n{KOCAELI.name},2025,2024\n",
            KOCAELI.name,
            "period 2025-2024 runs backwards",
        ),
    ],
    ids=[
        "unknown-column",
        "unknown-type",
        "year-not-a-year",
        "year-five-digits",
        "bad-id",
        "twice",
        "no-file",
        "backwards",
    ],
)
def test_a_bad_documents_csv_row_refuses_the_file_it_names_with_its_line(
    tmp_path: Path, csv_text: str, rejected_file: str, reason: str
) -> None:
    raw = copy_raw(tmp_path)
    (raw / "documents.csv").write_text(csv_text, encoding="utf-8")
    scan = scan_raw_dir(raw)
    reasons = {r.source_file: r.reason for r in scan.rejected}
    assert reasons[rejected_file].startswith(reason)
    # A file that a bad row names is never loaded with its detected fields instead.
    assert (rejected_file == KOCAELI.name) == (scan.documents == [])
