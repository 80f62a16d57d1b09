"""Vary one real document into another realistic one whose own arithmetic still holds.

Each function takes the lines of a document and a seeded `random.Random` and returns new lines;
nothing here reads files. What keeps the generated documents as clean as the originals:

- Strategic plan: section 7 amounts are perturbed per target and year, and the *change* (never the
  new value) is added to every row that sums it (goal, service area, transformation area, plan
  total, Genel Toplam), to the target card's "Maliyet Tahmini" and to the revenue forecast's
  largest source and TOPLAM. A row that did not add up in the original (the plan's own rounding)
  keeps exactly its difference; a target card whose last indicator is dropped has the goal's
  declared indicator count in "Bir Bakışta" and the plan's total count lowered by one.
- Performance programme: every whole-TL amount is scaled by m/100, exact to the kuruş, so every
  chain (cost rows, cost tables, section 2.3, 2.4, 2.5) adds up as before; the shares of 2.4 (Pay)
  do not change under a common factor and stay as written.
- Both: administration name and kind, years shifted together, rows of a table reordered where the
  order carries no meaning, and the real documents' layout noise (a page break repeating a header,
  a card shifted one column to the right).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from dagster_project.parsers.normalise import turkish_lower, turkish_upper
from tools.corpus.administrations import KIND_TEXT, Administration

# Whole-TL amounts of the strategic plan ("2.621.710.000") and kuruş amounts of the programme.
_PLAN_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*$")
_PROGRAMME_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$")
# A year on its own (not part of an amount such as 2.020.000 or a code such as 2020/15).
_YEAR = re.compile(r"(?<![\d/])(?<!\d[.,])(19[89]\d|20[0-4]\d)(?![\d/])(?![.,]\d)")
_TARGET_CODE = re.compile(r"^[A-Z]{2}\.\d+\.\d+\s")
_GOAL_CODE = re.compile(r"^([A-Z]{2}\.\d+)\s")
_CARD_TARGET = re.compile(r"^Stratejik Hedef\t([A-Z]{2}\.\d+\.\d+)\s")
_INDICATOR_ROW = re.compile(r"^[A-Z][a-z]/Pg\.\d+\.\d+\.\d+\t")
PLAN_INDICATOR_ROW = _INDICATOR_ROW
PLAN_ACTIVITY_ROW = re.compile(r"^[A-Z][a-z]/F\.\d+\.\d+\.\d+\t")
PLAN_TARGET_ROW = re.compile(r"^[A-Z]{2}\.\d+\.\d+\s.*\t")
PLAN_COST_HEADER = (
    "Stratejik Amaç/Stratejik Hedef\t2020 Yılı (TL)\t2021 Yılı (TL)\t2022 Yılı (TL)\t2023 Yılı (TL)"
    "\t2024 Yılı (TL)\tToplam Tutar (TL)",
)
# An economic-code row of an activity's cost table ("03\tMal ve Hizmet Alım Giderleri\t…").
PROGRAMME_COST_ROW = re.compile(r"^\d{2}\t")
PROGRAMME_2_4_HEADER = (
    "Performans Hedefi\tFaaliyet\tAçıklamalar\tBütçe İçi\t\tBütçe Dışı\t\tToplam\t",
    "\t\t\tTL\tPay\tTL\tPay\tTL\tPay",
)
PROGRAMME_2_4_ROW = re.compile(r"^(\d+\t\t|\t\d+\t)")


def format_amount(value: int) -> str:
    """Whole TL the way the plans write it: `2.621.710.000`."""
    return f"{value:,}".replace(",", ".")


def format_kurus(kurus: int) -> str:
    """Kuruş the way the programmes write TL: `4.434.000,00`."""
    return f"{format_amount(kurus // 100)},{kurus % 100:02d}"


def _plan_amount(cell: str) -> int | None:
    text = cell.strip()
    return int(text.replace(".", "")) if _PLAN_AMOUNT.match(text) else None


def _kurus(cell: str) -> int | None:
    text = cell.strip()
    return int(text.replace(".", "").replace(",", "")) if _PROGRAMME_AMOUNT.match(text) else None


# --------------------------------------------------------------------------------------------------
# Identity: administration and years


def rename_administration(text: str, original: str, administration: Administration) -> str:
    """Replace the original administration's name (all casings) and kind with another one."""
    name = administration.name
    title = turkish_upper(name[0]) + turkish_lower(name[1:])
    for old, new in (
        (original, name),
        (turkish_upper(original[0]) + turkish_lower(original[1:]), title),
        (turkish_lower(original), turkish_lower(name)),
    ):
        text = text.replace(old, new)
    if administration.kind != "bb":
        kind = KIND_TEXT[administration.kind]
        title_kind = " ".join(turkish_upper(w[0]) + turkish_lower(w[1:]) for w in kind.split())
        text = text.replace("BÜYÜKŞEHİR BELEDİYESİ", kind).replace("Büyükşehir Belediyesi", title_kind)
        text = text.replace("BÜYÜKŞEHİR\nBELEDİYESİ", kind.replace(" ", "\n"))
    return text


def shift_years(text: str, offset: int) -> str:
    """Move every year of the document by `offset` (plan period, table columns, dates together)."""
    if offset == 0:
        return text
    return _YEAR.sub(lambda match: str(int(match.group(1)) + offset), text)


# --------------------------------------------------------------------------------------------------
# Strategic plan


@dataclass
class _CostRow:
    index: int
    label: str
    amounts: list[int]  # five years, then the row total


def _cost_row(lines: list[str], index: int) -> _CostRow | None:
    cells = lines[index].split("\t")
    amounts = [_plan_amount(cell) for cell in cells[1:]]
    if len(cells) != 7 or any(amount is None for amount in amounts):
        return None
    return _CostRow(index, cells[0], amounts)  # type: ignore[arg-type]


def _write_cost_row(lines: list[str], row: _CostRow) -> None:
    lines[row.index] = "\t".join([row.label, *map(format_amount, row.amounts)])


def _add_to_cell(lines: list[str], index: int, column: int, delta: int) -> None:
    cells = lines[index].split("\t")
    cells[column] = format_amount(_plan_amount(cells[column]) + delta)  # type: ignore[operator]
    lines[index] = "\t".join(cells)


def _section(lines: list[str], start: str, end_prefix: str) -> range:
    first = lines.index(start)
    last = next(i for i in range(first + 1, len(lines)) if lines[i].startswith(end_prefix))
    return range(first + 1, last)


def _add(row: _CostRow, deltas: list[int]) -> None:
    """Add five yearly changes and their sum (the row total) to a row of amounts."""
    row.amounts = [a + d for a, d in zip(row.amounts, [*deltas, sum(deltas)], strict=True)]


def perturb_plan_costs(lines: list[str], rng: random.Random, spread: float = 0.15) -> list[str]:
    """Change section 7's target amounts and carry each change to every row and card that sums it."""
    lines = list(lines)
    section = _section(lines, "7- STRATEJİK AMAÇ VE HEDEFLERE GÖRE TAHMİNİ KAYNAK DAĞILIMI", "8- ")
    cards = {
        match.group(1): next(i for i in range(index, len(lines)) if lines[i].startswith("Maliyet Tahmini"))
        for index, line in enumerate(lines)
        if (match := _CARD_TARGET.match(line))
    }
    ancestors: dict[str, _CostRow | None] = {}
    touched: dict[int, _CostRow] = {}
    plan_deltas = [0] * 5
    totals: list[_CostRow] = []
    for index in section:
        label = lines[index].split("\t")[0]
        row = _cost_row(lines, index)
        if "Toplam Maliyeti" in label or label == "Genel Toplam":
            totals += [row] if row is not None else []
        elif _TARGET_CODE.match(label):
            chain = [ancestors.get(level) for level in ("area", "service", "goal")]
            code = label.split()[0]
            if row is None or None in chain or code not in cards:
                continue
            deltas = [
                0 if value == 0 else max(-value, int(round(value * rng.uniform(-spread, spread), -3)))
                for value in row.amounts[:5]
            ]
            for changed in (row, *chain):
                _add(changed, deltas)  # type: ignore[arg-type]
                touched[changed.index] = changed  # type: ignore[union-attr]
            _add_to_cell(lines, cards[code], 1, sum(deltas))
            plan_deltas = [a + d for a, d in zip(plan_deltas, deltas, strict=True)]
        elif _GOAL_CODE.match(label):
            ancestors["goal"] = row
        elif label.endswith("Dönüşüm"):
            ancestors.update(area=row, service=None, goal=None)
        elif label and not label.startswith("Stratejik Amaç/"):
            ancestors.update(service=row, goal=None)
    for row in totals:
        _add(row, plan_deltas)
        touched[row.index] = row
    for row in touched.values():
        _write_cost_row(lines, row)
    return _carry_to_revenue_forecast(lines, plan_deltas)


def _carry_to_revenue_forecast(lines: list[str], plan_deltas: list[int]) -> list[str]:
    """The forecast's TOPLAM equals section 7's Genel Toplam: add the change to its largest source."""
    header = next(i for i, line in enumerate(lines) if line.startswith("KAYNAKLAR\t"))
    end = next(i for i in range(header, len(lines)) if lines[i].startswith("TOPLAM\t"))
    sources = [row for i in range(header + 1, end) if (row := _cost_row(lines, i)) is not None]
    largest = max(sources, key=lambda row: row.amounts[5])
    for row in (largest, _cost_row(lines, end)):
        _add(row, plan_deltas)  # type: ignore[arg-type]
        _write_cost_row(lines, row)  # type: ignore[arg-type]
    return lines


def _blocks(lines: list[str], pattern: re.Pattern[str]) -> list[range]:
    """Runs of consecutive lines matching `pattern` (the rows of one table of one card)."""
    blocks, start = [], None
    for index, line in enumerate([*lines, ""]):
        if pattern.match(line):
            start = index if start is None else start
        elif start is not None:
            blocks.append(range(start, index))
            start = None
    return blocks


def shuffle_rows(lines: list[str], rng: random.Random, pattern: re.Pattern[str]) -> list[str]:
    """Reorder the rows of every table block whose row order carries no meaning (codes say it)."""
    lines = list(lines)
    for block in _blocks(lines, pattern):
        rows = lines[block.start : block.stop]
        rng.shuffle(rows)
        lines[block.start : block.stop] = rows
    return lines


def drop_plan_indicators(lines: list[str], rng: random.Random, count: int) -> list[str]:
    """A smaller plan: drop the last indicator of `count` cards and lower the declared counts with it.

    "Bir Bakışta" declares indicators per goal (last cell of the goal's row) and for the plan
    ("379 Gösterge"); only goals whose row carries all three counts are touched.
    """
    lines = list(lines)
    declared = {
        match.group(1): index
        for index, line in enumerate(lines[:400])
        if (cells := line.split("\t"))
        and len(cells) == 6
        and (match := _GOAL_CODE.match(cells[2]))
        and all(cell.isdigit() for cell in cells[3:])
    }
    total = next(i for i, line in enumerate(lines[:400]) if re.search(r"\t\d+ Gösterge$", line))
    candidates = [
        block
        for block in _blocks(lines, _INDICATOR_ROW)
        if len(block) > 1 and _goal_of_indicator(lines[block.stop - 1]) in declared
    ]
    dropped = sorted(rng.sample(candidates, min(count, len(candidates))), key=lambda b: b.start, reverse=True)
    for block in dropped:
        goal = _goal_of_indicator(lines[block.stop - 1])
        cells = lines[declared[goal]].split("\t")
        cells[5] = str(int(cells[5]) - 1)
        lines[declared[goal]] = "\t".join(cells)
        lines[total] = re.sub(
            r"(\d+)( Gösterge)$", lambda m: f"{int(m.group(1)) - 1}{m.group(2)}", lines[total]
        )
        del lines[block.stop - 1]
    return lines


def _goal_of_indicator(line: str) -> str:
    """`Ke/Pg.1.1.9` → `KE.1` (the goal code of the card the indicator belongs to)."""
    code = line.split("\t")[0]
    prefix, numbers = code.split("/Pg.")
    return f"{turkish_upper(prefix)}.{numbers.split('.')[0]}"


def shift_card(lines: list[str], rng: random.Random) -> list[str]:
    """Layout noise seen in real PDF exports: every cell of one target card one column to the right."""
    starts = [i for i, line in enumerate(lines) if _CARD_TARGET.match(line)]
    start = rng.choice(starts) - 1  # the card begins with its "Stratejik Amaç" line
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Maliyet Tahmini")) + 1
    return [
        "\t" + line if start <= index < end and "\t" in line else line for index, line in enumerate(lines)
    ]


def repeat_header(
    lines: list[str], rng: random.Random, header: tuple[str, ...], rows: re.Pattern[str]
) -> list[str]:
    """A page break inside a table: an empty line and the table's header again before a random row."""
    first = lines.index(header[0])
    candidates = [i for i in range(first + len(header), min(first + 400, len(lines))) if rows.match(lines[i])]
    at = rng.choice(candidates)
    return [*lines[:at], "", *header, *lines[at:]]


# --------------------------------------------------------------------------------------------------
# Performance programme

_SECTION_2_4 = "2.4. İdare Performans Tablosu"
_SECTION_2_5 = "2.5. Toplam Kaynak İhtiyacı Tablosu"


def scale_programme_amounts(lines: list[str], percent: int) -> list[str]:
    """Scale every whole-TL amount by percent/100, exactly (kuruş stay whole), keeping 2.4's shares.

    Amounts with kuruş (indicator values such as `13.116,52`) are not money in a sum and stay.
    In section 2.4 every second number of a row is a share (Pay), unchanged by a common factor.
    """
    shares_from = lines.index(_SECTION_2_4)
    shares_to = lines.index(_SECTION_2_5)
    scaled = []
    for index, line in enumerate(lines):
        if "," not in line:
            scaled.append(line)
            continue
        cells = line.split("\t")
        position = 0
        for column, cell in enumerate(cells):
            kurus = _kurus(cell)
            if kurus is None:
                continue
            is_share = shares_from < index < shares_to and position % 2 == 1
            position += 1
            if not is_share and kurus % 100 == 0:
                cells[column] = format_kurus(kurus * percent // 100)
        scaled.append("\t".join(cells))
    return scaled
