"""A generated Kurumsal Mali Durum ve Beklentiler Raporu paired with a generated programme.

`generate_pair(index)` takes corpus programme `index` (see `generate.generate_document`) and writes
the mid-year report of the same administration and year: for each economic code of the
programme's Toplam Kaynak İhtiyacı (section 2.5) an initial appropriation near the planned total,
a January–June actual and a July–December forecast, laid out as Gebze's reports lay them out
(previous-year actual vs appropriation, half-year comparison, year-end forecast, revenue), with
the footnote that leaves 09 Yedek Ödenek out of the actuals' total. The figures written are
returned too, so a test can follow them through the warehouse (rpt_planned_vs_spent).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dagster_project.document_scan import identify
from dagster_project.parsers.normalise import turkish_upper
from dagster_project.parsers.performance_programme import parse_performance_programme
from tools.corpus import variation as v
from tools.corpus.generate import DEFAULT_SEED, document_type, generate_document

EXPENDITURE_NAMES = {
    "01": "Personel Giderleri",
    "02": "SGK Devlet Primi Giderleri",
    "03": "Mal ve Hizmet Alımı Giderleri",
    "04": "Faiz Giderleri",
    "05": "Cari Transferler",
    "06": "Sermaye Giderleri",
    "07": "Sermaye Transferleri",
    "08": "Borç Verme",
    "09": "Yedek Ödenek",
}
RESERVE = "09"


@dataclass(frozen=True)
class ExpenditureLine:
    """What the generated report says of one economic code (kuruş, to be exact in the text)."""

    economic_code: str
    planned_kurus: int
    previous_actual_kurus: int
    initial_kurus: int
    actual_h1_kurus: int
    forecast_h2_kurus: int


@dataclass(frozen=True)
class GeneratedPair:
    programme_text: str
    programme_file: str
    report_text: str
    report_file: str
    administration: str
    year: int
    lines: list[ExpenditureLine]


def _pct(numerator: int, denominator: int) -> str:
    return "0,00%" if denominator == 0 else f"{100 * numerator / denominator:.2f}%".replace(".", ",")


def _planned_kurus(programme_text: str, document_id: str) -> dict[str, int]:
    """The programme's planned total per economic code (section 2.5, the budget rows)."""
    needs = parse_performance_programme(programme_text, document_id).tables["pp_resource_needs"]
    rows = needs.filter((needs["row_kind"] == "economic_code") & (needs["funding_group"] == "budget"))
    return {code: round(total * 100) for code, total in rows.select("economic_code", "total_try").iter_rows()}


def _expenditure_lines(planned: dict[str, int], rng: random.Random) -> list[ExpenditureLine]:
    lines = []
    for code in sorted(planned):
        initial = round(planned[code] * rng.uniform(0.9, 1.1) / 100_000) * 100_000
        actual_h1 = round(initial * rng.uniform(0.2, 0.6))
        lines.append(
            ExpenditureLine(
                economic_code=code,
                planned_kurus=planned[code],
                previous_actual_kurus=round(initial * rng.uniform(0.7, 1.0)),
                initial_kurus=initial,
                actual_h1_kurus=actual_h1,
                forecast_h2_kurus=max(0, round(initial * rng.uniform(0.9, 1.05)) - actual_h1),
            )
        )
    return lines


def _row(label: str, *cells: str) -> str:
    return "\t".join([label, *cells])


def _report_text(administration: str, year: int, lines: list[ExpenditureLine]) -> str:
    money = v.format_kurus
    footnote = "*Yedek Ödenek gerçekleşmeleri diğer kalemlerde mevcut olduğu için toplama dâhil edilmemiştir."

    def label(line: ExpenditureLine) -> str:
        star = "*" if line.economic_code == RESERVE else ""
        return f"{line.economic_code}-{EXPENDITURE_NAMES.get(line.economic_code, 'Diğer')}{star}"

    spent = [line for line in lines if line.economic_code != RESERVE]
    previous = sum(line.previous_actual_kurus for line in spent)
    initial = sum(line.initial_kurus for line in lines)
    h1 = sum(line.actual_h1_kurus for line in spent)
    h2 = sum(line.forecast_h2_kurus for line in spent)
    cover = f"{turkish_upper(administration)} {year} YILI KURUMSAL MALİ DURUM VE BEKLENTİLER RAPORU"
    page_1 = [
        cover,
        f"I. OCAK-HAZİRAN {year} DÖNEMİ BÜTÇE UYGULAMA SONUÇLARI",
        "A. Bütçe Giderleri",
        f"{year - 1} Gider Gerçekleşmeleri ile {year} Başlangıç Ödeneği Gelişimi",
        _row("Bütçe Tertibi", str(year - 1), str(year), "Artış Oranı"),
        _row("", "Gider Gerçekleşmeleri", "Başlangıç Ödeneği", ""),
        *(
            _row(
                label(line),
                money(line.previous_actual_kurus),
                money(line.initial_kurus),
                _pct(line.initial_kurus - line.previous_actual_kurus, line.previous_actual_kurus),
            )
            for line in lines
        ),
        _row("TOPLAM", money(previous), money(initial), _pct(initial - previous, previous)),
        footnote.replace("gerçekleşmeleri", f"{year - 1} gerçekleşmesi"),
    ]
    page_2 = [
        "III- TEMMUZ - ARALIK DÖNEMİNE İLİŞKİN BEKLENTİLER VE HEDEFLER",
        f"{year} Yılı Bütçe Giderleri Gerçekleşmeleri",
        _row(
            "Bütçe Tertibi",
            f"{year} Başlangıç Ödeneği",
            f"{year} Ocak-Haziran Gerçekleşmeleri",
            "Temmuz-Aralık Dönemi (Tahmini)",
            "Tahmini Gerçekleşme Oranı",
        ),
        *(
            _row(
                label(line),
                money(line.initial_kurus),
                money(line.actual_h1_kurus),
                money(line.forecast_h2_kurus),
                _pct(line.actual_h1_kurus + line.forecast_h2_kurus, line.initial_kurus),
            )
            for line in lines
        ),
        _row("TOPLAM", money(initial), money(h1), money(h2), _pct(h1 + h2, initial)),
        footnote,
    ]
    return "\n".join(page_1) + "\n\f" + "\n".join(page_2) + "\n"


def generate_pair(index: int, seed: int = DEFAULT_SEED) -> GeneratedPair:
    """Corpus programme `index` and the financial status report of its administration and year."""
    if document_type(index) != "performance_programme":
        raise ValueError(f"corpus document {index} is a strategic plan; a report pairs with a programme")
    programme_text, programme_file = generate_document(index, seed)
    fields = identify(programme_text)
    year, administration = int(fields["fiscal_year"]), str(fields["administration"])  # type: ignore[call-overload]
    document_id = programme_file.removesuffix(".txt")
    lines = _expenditure_lines(
        _planned_kurus(programme_text, document_id), random.Random(f"{seed}:{index}:mdr")
    )
    report_file = f"{fields['administration_slug']}-mdr-{year}.txt"
    return GeneratedPair(
        programme_text,
        programme_file,
        _report_text(administration, year, lines),
        report_file,
        administration,
        year,
        lines,
    )
