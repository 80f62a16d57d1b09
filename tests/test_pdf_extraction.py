"""PDF extraction (dagster_project.pdf) on real published PDFs, and the files it must refuse.

The expected values were read off the rendered pages (`pdftoppm -png -r 80 -f N -l N FILE out`),
not off the extractor: Gebze Belediyesi's mid-year reports for 2021 and 2022 (Word 2016, A4).
"""

from __future__ import annotations

import ctypes
import io
import zlib
from collections.abc import Sequence
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dagster_project.pages import split_pages
from dagster_project.parsers.table_capture import capture_tables
from dagster_project.pdf import PdfRefused, extract_pages, extract_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
GEBZE_2021 = Path(__file__).resolve().parent.parent / "raw" / "gebze_bld_mali_durum_raporu_2021.pdf"
GEBZE_2022 = GEBZE_2021.with_name("gebze_bld_mali_durum_raporu_2022.pdf")
# One page of text, AES-256 with the user password "secret" (how it was made: fixtures/pdf/README.md).
PASSWORD_PROTECTED = FIXTURES / "password_protected.pdf"


@pytest.fixture(scope="module")
def gebze_2021() -> list[list[str]]:
    return extract_pages(GEBZE_2021.read_bytes())


@pytest.fixture(scope="module")
def gebze_2022() -> list[list[str]]:
    return extract_pages(GEBZE_2022.read_bytes())


def rows(page: list[str]) -> dict[str, list[str]]:
    """A page's table rows by their first cell."""
    return {line.split("\t")[0]: line.split("\t")[1:] for line in page if "\t" in line}


def test_text_keeps_the_page_count_as_form_feeds() -> None:
    text = extract_text(GEBZE_2022)
    assert text.count("\f") == 10  # 11 pages
    assert all(line.count("\f") <= 1 and not line[1:].count("\f") for line in text.split("\n"))


def test_2021_budget_execution_table_page_3(gebze_2021: list[list[str]]) -> None:
    table = rows(gebze_2021[2])
    assert table["01-Personel Giderleri"] == [
        "55.372.366,58", "71.284.572,00", "27.459.522,70", "32.600.486,99", "49,59%", "45,73%", "18,72%",
    ]  # fmt: skip
    assert table["04-Faiz Giderleri"] == [
        "18.700.582,98", "12.000.000,00", "4.384.560,32", "3.613.648,96", "23,45%", "30,11%", "-17,58%",
    ]  # fmt: skip
    # The label wraps over two lines in its cell: one cell, joined with a space.
    assert table["07-Sermaye Transferleri"] == [
        "194.574,29", "1.600.000,00", "28.374,80", "1.491.818,89", "14,58%", "93,24%", "5157,55%",
    ]  # fmt: skip
    assert table["TOPLAM"] == [
        "285.706.029,44", "400.000.000,00", "126.476.777,76", "182.917.543,71", "44,27%", "45,73%", "44,63%",
    ]  # fmt: skip
    # A header spanning three rows ("Bütçe Tertibi") keeps the columns below it in place.
    assert "\t\t\t2020\t2021\t2020\t2021\t" in gebze_2021[2]


def test_2021_expectations_table_page_7_with_three_line_headers(gebze_2021: list[list[str]]) -> None:
    page = gebze_2021[6]
    # "2021 Ocak- / Haziran / Gerçekleşmeleri" and "Temmuz-Aralık / Dönemi / (Tahmini)" wrap over three lines.
    assert (
        "Bütçe Tertibi\t2021 Başlangıç Ödeneği\t2021 Ocak-Haziran Gerçekleşmeleri\t"
        "Temmuz-Aralık Dönemi (Tahmini)\tTahmini Gerçekleşme Oranı"
    ) in page
    table = rows(page)
    assert table["01-Personel Giderleri"] == ["71.284.572,00", "32.600.486,99", "26.180.000,00", "82,46%"]
    assert table["03-Mal ve Hizmet Alımı Giderleri"] == [
        "200.708.708,00", "105.398.530,87", "124.805.389,52", "114,70%",
    ]  # fmt: skip
    assert table["TOPLAM"] == ["400.000.000,00", "182.917.543,71", "203.732.401,27", "96,66%"]


def test_2021_sideways_annex_table_page_12_reads_the_right_way_round(gebze_2021: list[list[str]]) -> None:
    # EK-1 is printed rotated a quarter turn on a portrait page (read off page 12 turned upright).
    page = gebze_2021[11]
    lines = {tuple(line.split("\t")[:3]): line.split("\t")[3:9] for line in page if "\t" in line}
    assert lines["01", "", "PERSONEL GİDERLERİ"] == [
        "55.372.367", "71.284.572", "6.989.831", "9.206.510", "3.743.614", "4.483.176",
    ]  # fmt: skip
    assert lines["01", "1", "MEMURLAR"] == [
        "25.573.374", "32.444.252", "2.844.325", "3.765.571", "1.763.683", "2.414.651",
    ]  # fmt: skip
    assert lines["02", "3", "İŞÇİLER"] == [
        "4.887.432",
        "5.450.494",
        "245.558",
        "313.850",
        "376.941",
        "394.588",
    ]
    # Its upright page number ("12", under the sideways table) is not a line of the table.
    assert "12" not in page


def test_2022_budget_execution_table_page_2(gebze_2022: list[list[str]]) -> None:
    page = gebze_2022[1]
    assert "2021 ve 2022 Yılları Ocak-Haziran Dönemi Bütçe Giderleri Gerçekleşmeleri" in page
    table = rows(page)
    assert table["01-Personel Giderleri"] == [
        "63.784.986,77", "90.214.301,00", "32.600.486,99", "43.928.042,34", "51,11%", "48,69%", "34,75%",
    ]  # fmt: skip
    assert table["03-Mal ve Hizmet Alımı Giderleri"] == [
        "216.222.501,34", "408.999.500,00", "105.227.955,02", "177.893.326,05", "48,67%", "43,49%", "69,06%",
    ]  # fmt: skip
    assert table["06-Sermaye Giderleri"] == [
        "140.544.939,25", "434.416.500,00", "31.383.344,88", "109.300.948,05", "22,33%", "25,16%", "248,28%",
    ]  # fmt: skip
    assert table["TOPLAM"] == [
        "453.429.172,82", "987.290.000,00", "182.916.967,86", "351.524.749,48", "40,34%", "35,61%", "92,18%",
    ]  # fmt: skip


def test_running_page_numbers_are_dropped(gebze_2021: list[list[str]]) -> None:
    # Every page prints its number centred at the bottom ("3" under page 3's chart).
    assert all(str(number) not in page[-2:] for number, page in enumerate(gebze_2021, start=1))


def test_tables_land_in_the_table_capture_cell_for_cell() -> None:
    cells = capture_tables(extract_text(GEBZE_2022), "gebze-bld-mali-2022")
    found = set(cells.select("header", "value").iter_rows())
    assert {
        ("2022 Başlangıç Ödeneği", "987.290.000,00"),
        ("2021 Gider Gerçekleşmesi", "453.429.172,82"),
    } <= found


# A ruled table drawn by `ruled_pdf`: its top (pt from the page's top), its column rules, its rows.
Grid = tuple[float, list[float], list[list[str]]]
ROW_HEIGHT = 14.0


def ruled_pdf(pages: list[list[Grid]], captions: Sequence[Sequence[tuple[float, str]]] = ()) -> bytes:
    """An A4 PDF whose pages hold the given ruled tables (0.6 pt filled rules, as Word and Chromium
    draw borders; Helvetica cell text), drawn with PDFium itself, and on page N the lines of prose
    `captions[N]` (their top, their text)."""
    document = pdfium.PdfDocument.new()
    height = 842.0
    for number, grids in enumerate(pages):
        page = document.new_page(595, height)
        for top, xs, cells in grids:
            ys = [top + ROW_HEIGHT * row for row in range(len(cells) + 1)]
            rules = [(xs[0], height - y - 0.3, xs[-1], height - y + 0.3) for y in ys]
            rules += [(x - 0.3, height - ys[-1], x + 0.3, height - ys[0]) for x in xs]
            for x0, y0, x1, y1 in rules:
                rule = pdfium_c.FPDFPageObj_CreateNewRect(x0, y0, x1 - x0, y1 - y0)
                pdfium_c.FPDFPageObj_SetFillColor(rule, 0, 0, 0, 255)
                pdfium_c.FPDFPath_SetDrawMode(rule, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
                pdfium_c.FPDFPage_InsertObject(page.raw, rule)
            for row, y in zip(cells, ys, strict=False):
                for cell, x in zip(row, xs, strict=False):
                    _draw_text(document, page, cell, x + 3, height - y - 10)
        for top, text in captions[number] if number < len(captions) else ():
            _draw_text(document, page, text, 50, height - top - 10)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _draw_text(document: pdfium.PdfDocument, page: pdfium.PdfPage, text: str, x: float, y: float) -> None:
    """`text` in 9 pt Helvetica with its baseline starting at (x, y) (PDF user space)."""
    item = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(9))
    utf16 = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(item, ctypes.cast(utf16, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, item)


STAFF = [["Unvan", "Kadro"], ["Memur", "678"], ["Isci", "108"]]
COSTS = [["Kod", "Gider", "Tutar"], ["01", "Personel", "1.200"], ["03", "Mal ve Hizmet", "450"]]
COSTS_ROWS = ["01\tPersonel\t1.200", "03\tMal ve Hizmet\t450"]
REVENUES = [["Kod", "Gelir", "Tutar"], ["01", "Vergi Gelirleri", "900"], ["03", "Hizmet Gelirleri", "300"]]
STAFF_COLUMNS, COSTS_COLUMNS = [50.0, 250.0, 400.0], [50.0, 120.0, 300.0, 450.0]


def test_two_ruled_tables_that_touch_are_two_tables_with_a_blank_line_between() -> None:
    """Two grids one under the other with nothing between them (6 pt apart, as two tables in a row
    print) are two tables, as in the text documents: a blank line between their rows."""
    pages = extract_pages(ruled_pdf([[(100, STAFF_COLUMNS, STAFF), (148, COSTS_COLUMNS, COSTS)]]))
    assert pages == [["Unvan\tKadro", "Memur\t678", "Isci\t108", "", "Kod\tGider\tTutar", *COSTS_ROWS]]
    cells = capture_tables("\n".join(pages[0]), "two-tables")
    assert cells.group_by("table_no").agg(pl.len()).sort("table_no").rows() == [(1, 6), (2, 9)]
    assert cells.filter(pl.col("value") == "450").select("table_no", "row_no", "header").row(0) == (
        2,
        2,
        "Tutar",
    )


def test_two_ruled_tables_side_by_side_are_two_tables_left_then_right() -> None:
    """Two grids beside each other on one page (the staff table on the left, the cost table on the
    right, starting a row lower) are two tables read one after the other, as the text documents
    have them: the left one's rows, a blank line, the right one's; not their rows interleaved by
    height into one table."""
    pages = extract_pages(
        ruled_pdf([[(100, [50.0, 150.0, 250.0], STAFF), (114, [300.0, 350.0, 450.0, 545.0], COSTS)]])
    )
    assert pages == [["Unvan\tKadro", "Memur\t678", "Isci\t108", "", "Kod\tGider\tTutar", *COSTS_ROWS]]
    cells = capture_tables("\n".join(pages[0]), "side-by-side")
    located = cells.select("value", "table_no", "row_no", "header")
    assert located.filter(pl.col("value").is_in(["108", "Personel", "450"])).sort("value").rows() == [
        ("108", 1, 2, "Kadro"),
        ("450", 2, 2, "Tutar"),
        ("Personel", 2, 1, "Gider"),
    ]


@pytest.mark.parametrize(
    ("next_page", "between"),
    [
        # The same columns, rows of the body: the table goes on (no blank line).
        ((40, COSTS_COLUMNS, COSTS[1:]), []),
        # Other columns: another table.
        ((40, STAFF_COLUMNS, STAFF), [""]),
        # The same columns and the table's first row again: its header repeated or a new table that
        # starts with the same row (the page-break rule of the parsers tells which, through the blank).
        ((40, COSTS_COLUMNS, COSTS), [""]),
        # The same columns and another header: a new table (revenues after costs).
        ((40, COSTS_COLUMNS, REVENUES), [""]),
    ],
)
def test_a_table_at_the_top_of_a_page_continues_the_one_that_ended_the_page_before_or_not(
    next_page: Grid, between: list[str]
) -> None:
    pages = extract_pages(ruled_pdf([[(700, COSTS_COLUMNS, COSTS)], [next_page]]))
    assert pages[0] == ["Kod\tGider\tTutar", *COSTS_ROWS, *between]
    assert pages[1] == ["\t".join(row) for row in next_page[2]]


def test_a_new_table_at_the_top_of_a_page_is_told_from_the_one_it_follows(tmp_path: Path) -> None:
    """A revenue table with the cost table's columns at the top of the next page, under its own
    header (no title between), is a table of its own in the table capture, not more cost rows."""
    pdf = tmp_path / "costs_then_revenues.pdf"
    pdf.write_bytes(ruled_pdf([[(700, COSTS_COLUMNS, COSTS)], [(40, COSTS_COLUMNS, REVENUES)]]))
    text = extract_text(pdf)
    paged = split_pages(text, paged_source=True)
    cells = capture_tables(paged.text, "costs-then-revenues", paged.pages)
    assert cells.filter(pl.col("value").is_in(["450", "900"])).select(
        "value", "table_no", "row_no", "header"
    ).sort("value").rows() == [("450", 1, 2, "Tutar"), ("900", 2, 1, "Tutar")]
    assert cells.filter(pl.col("row_no") == 0).group_by("table_no").agg("value").sort("table_no").rows() == [
        (1, ["Kod", "Gider", "Tutar"]),
        (2, ["Kod", "Gelir", "Tutar"]),
    ]


def test_a_table_under_a_caption_at_the_top_of_a_page_is_a_new_table() -> None:
    # Its caption ends the table before, whatever its columns and header.
    pages = extract_pages(
        ruled_pdf(
            [[(700, COSTS_COLUMNS, COSTS)], [(60, COSTS_COLUMNS, COSTS)]],
            [[], [(40, "Tablo 2 Giderler 2024")]],
        )
    )
    assert pages[1] == ["Tablo 2 Giderler 2024", "Kod\tGider\tTutar", *COSTS_ROWS]
    cells = capture_tables("\n".join(pages[0] + pages[1]), "two-cost-tables")
    assert cells.filter(pl.col("value") == "450").select("table_no", "table_title", "row_no").rows() == [
        (1, None, 2),
        (2, "Tablo 2 Giderler 2024", 2),
    ]


def test_a_text_only_table_goes_on_after_a_page_break_without_its_header() -> None:
    # Its body rows read as headers too (no amounts, no codes), so a row at the top of the next page
    # with its columns is taken as the table going on, as before.
    duties = [["Birim", "Gorev"], ["Mali Hizmetler", "Butce"], ["Destek Hizmetleri", "Satin alma"]]
    pages = extract_pages(
        ruled_pdf([[(720, STAFF_COLUMNS, duties)], [(40, STAFF_COLUMNS, [["Yazi Isleri", "Arsiv"]])]])
    )
    assert pages == [
        ["Birim\tGorev", "Mali Hizmetler\tButce", "Destek Hizmetleri\tSatin alma"],
        ["Yazi Isleri\tArsiv"],
    ]


def blank_pdf() -> bytes:
    """A PDF whose page has no text (a scan without OCR looks like this to the extractor)."""
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"%PDF-1.7\n" + b"x" * 100, "truncated"),
        (b"plain text, not a PDF\n%%EOF", "not a PDF"),
        (GEBZE_2021.read_bytes()[:400_000], "truncated"),
        (blank_pdf(), "no text layer: OCR is not supported"),
    ],
)
def test_unreadable_pdfs_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PdfRefused, match=reason):
        extract_pages(data)


def test_a_password_protected_pdf_is_refused_as_encrypted() -> None:
    # The fixture's one page has text (readable with its password), so the refusal is the password's.
    with pdfium.PdfDocument(PASSWORD_PROTECTED, password="secret") as document:
        assert "STRATEJIK PLANI" in document[0].get_textpage().get_text_range()
    with pytest.raises(PdfRefused, match=r"^encrypted PDF: it needs a password to open$"):
        extract_pages(PASSWORD_PROTECTED.read_bytes())


def test_a_damaged_compressed_stream_is_refused() -> None:
    data = bytearray(GEBZE_2022.read_bytes())
    start = data.index(b"stream\r\n", data.index(b"/FlateDecode")) + 8
    data[start + 40] ^= 0x10
    with pytest.raises(PdfRefused, match=r"compressed stream .* (damaged|ends early)"):
        extract_pages(bytes(data))


def long_dictionary_pdf(extra: bytes) -> bytes:
    """A file whose one object is a Flate stream with a damaged byte and a dictionary over 2 KiB
    long (a long /Pad string after its /Filter, `extra` at the end of it): the integrity check must
    find the dictionary's start beyond the last few hundred bytes it looks at first."""
    stream = bytearray(zlib.compress(b"BT /F1 12 Tf (Hello) Tj ET " * 40))
    stream[20] ^= 0x10
    dictionary = b"<</Filter/FlateDecode/Pad (" + b"x" * 2000 + b")" + extra + b"/Length %d>>" % len(stream)
    return b"%PDF-1.7\n1 0 obj\n" + dictionary + b"stream\n" + bytes(stream) + b"\nendstream\nendobj\n%%EOF\n"


def test_a_damaged_stream_with_a_long_dictionary_is_refused() -> None:
    with pytest.raises(PdfRefused, match=r"compressed stream at byte \d+ is damaged"):
        extract_pages(long_dictionary_pdf(b""))


def test_a_damaged_image_with_a_long_dictionary_is_left_to_pdfium() -> None:
    # Not inflated (an image): the refusal is PDFium's, this file has no pages it can open.
    with pytest.raises(PdfRefused, match=r"^corrupt PDF: PDFium cannot open it"):
        extract_pages(long_dictionary_pdf(b"/Subtype/Image"))


def test_a_damaged_image_stream_leaves_the_text_whole(gebze_2022: list[list[str]]) -> None:
    # Images are not inflated by the integrity check: their pixels never reach the text.
    data = bytearray(GEBZE_2022.read_bytes())
    image = data.index(b"/Subtype/Image")
    start = data.index(b"stream\r\n", image) + 8
    assert b"/Filter/FlateDecode" in data[data.rindex(b" obj", 0, image) : start]  # a Flate image
    data[start + 40] ^= 0x10
    assert extract_pages(bytes(data)) == gebze_2022


ORIGINAL = GEBZE_2022.read_bytes()


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(ORIGINAL) - 2048))
def test_a_truncated_pdf_is_always_one_clear_refusal(cut: int) -> None:
    with pytest.raises(PdfRefused):
        extract_pages(ORIGINAL[:cut])


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.integers(min_value=0, max_value=len(ORIGINAL) - 1), bit=st.integers(min_value=0, max_value=7)
)
def test_a_bit_flipped_pdf_is_refused_or_read_never_a_crash(position: int, bit: int) -> None:
    data = bytearray(ORIGINAL)
    data[position] ^= 1 << bit
    try:
        pages = extract_pages(bytes(data))
    except PdfRefused as refused:
        assert refused.reason
    else:
        assert isinstance(pages, list)


def test_scan_reads_pdfs_keeps_their_text_and_rejects_what_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagster_project.document_scan import scan_raw_dir

    raw, text_dir = tmp_path / "raw", tmp_path / "text"
    raw.mkdir()
    (raw / "gebze_2022.pdf").write_bytes(ORIGINAL)
    (raw / "cut.pdf").write_bytes(ORIGINAL[:5000])
    (raw / "locked.pdf").write_bytes(PASSWORD_PROTECTED.read_bytes())
    scan = scan_raw_dir(raw, text_dir=text_dir)
    reasons = {rejected.source_file: rejected.reason for rejected in scan.rejected}
    # Read, kept and identified from its cover.
    assert [d.document_id for d in scan.documents] == ["gebze-bld-mdr-2022"]
    assert reasons["cut.pdf"].startswith("cut.pdf: truncated or corrupt PDF")
    assert reasons["locked.pdf"] == "locked.pdf: encrypted PDF: it needs a password to open"
    kept = text_dir / "e0fd318f6d0026e3b2badf5d1fe50eefa0987eb1c68979280cff3d106bd3db1b.txt"
    assert "TOPLAM\t453.429.172,82\t987.290.000,00" in kept.read_text(encoding="utf-8")
    monkeypatch.setattr(
        "dagster_project.document_scan.extract_text", lambda path: pytest.fail(f"read {path}")
    )
    assert {r.source_file: r.reason for r in scan_raw_dir(raw, text_dir=text_dir).rejected} == reasons


def test_a_table_cut_by_a_page_break_under_its_header_row_keeps_its_header(tmp_path: Path) -> None:
    """A cost table whose page ends under its title and header rows goes on after its title row
    printed again at the top of the next page: one table in `document_table_cell`, the header row
    (decided on the whole table, not on the one row the first page shows) above its data cells."""
    title = ["TABLO 4", "", ""]
    pdf = tmp_path / "cost_table.pdf"
    pdf.write_bytes(
        ruled_pdf([[(770, COSTS_COLUMNS, [title, COSTS[0]])], [(40, COSTS_COLUMNS, [title, *COSTS[1:]])]])
    )
    text = extract_text(pdf)
    assert text == "TABLO 4\t\t\nKod\tGider\tTutar\n\n\fTABLO 4\t\t\n" + "\n".join(COSTS_ROWS)
    paged = split_pages(text, paged_source=True)
    cells = capture_tables(paged.text, "cost-table", paged.pages)
    assert cells.select("table_no", "table_title", "row_no", "header", "value").rows() == [
        (1, "TABLO 4", 0, None, "Kod"),
        (1, "TABLO 4", 0, None, "Gider"),
        (1, "TABLO 4", 0, None, "Tutar"),
        (1, "TABLO 4", 1, "Kod", "01"),
        (1, "TABLO 4", 1, "Gider", "Personel"),
        (1, "TABLO 4", 1, "Tutar", "1.200"),
        (1, "TABLO 4", 2, "Kod", "03"),
        (1, "TABLO 4", 2, "Gider", "Mal ve Hizmet"),
        (1, "TABLO 4", 2, "Tutar", "450"),
    ]
