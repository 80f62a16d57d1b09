"""Target cards (hedef kartı) of section 6: goals, targets, indicators, yearly values, activities.

A card is a run of tab lines whose first cell names the row: `Stratejik Amaç`, `Stratejik Hedef`,
`Sorumlu Birim(ler)`, an indicator table, an activity table, `Maliyet Tahmini (TL)`. Kocaeli repeats
the goal row on every card (line 1246, 1271, ...) and has one indicator header
`Gösterge Kodu | Performans Göstergeleri | Ölçü Birimi | Şimdiki Değeri | 2024 Yılı Hedefi`.
Other administrations use the official template: `Hedefe Etkisi (%)`, `Plan Dönemi Başlangıç Değeri`,
one column per plan year, `İzleme Sıklığı`, `Raporlama Sıklığı`, and rows such as `Riskler`. Columns
are therefore found by header text (`tables.map_header`), never by position, and a column or row this
module does not know becomes an extraction issue instead of being dropped.

A card's context starts at its goal or target row and ends at the next heading (`ULAŞIM HİZMETLERİ`,
`6.2- TOPLUMSAL DÖNÜŞÜM`, `7- ...`). Blank lines do not end it: the TO.5.1 card has one between its
indicators and its activities (line 2063).

Duplicated codes: the first occurrence is kept and every later one is an `error` issue; a repeated
target makes its whole card an issue (line by line) so the repeat cannot overwrite the original.
"""

from __future__ import annotations

from dataclasses import dataclass

from dagster_project.parsers.base import Ledger, Row
from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import ParsedNumber, parse_number
from dagster_project.parsers.strategic_plan.codes import continues, is_code, split_code
from dagster_project.parsers.strategic_plan.layout import (
    Heading,
    alias_keys,
    heading,
    names_a_column,
    realign,
    trim_trailing,
)
from dagster_project.parsers.strategic_plan.units import split_units
from dagster_project.parsers.tables import Column, HeaderMap, header_year, map_header


def _keys(*labels: str) -> frozenset[str]:
    return frozenset(name_key(label) for label in labels)


GOAL_LABELS = _keys("Stratejik Amaç", "Amaç")
TARGET_LABELS = _keys("Stratejik Hedef", "Hedef")
UNIT_LABELS = _keys("Sorumlu Birim(ler)", "Sorumlu Birim", "Sorumlu Birimler", "Sorumlu Birimi")
COST_LABELS = _keys("Maliyet Tahmini (TL)", "Maliyet Tahmini", "Tahmini Maliyet (TL)", "Tahmini Maliyet")
# Official-template rows kept verbatim in sp_card_extras.
EXTRA_LABELS = _keys(
    "İşbirliği Yapılacak Birim(ler)",
    "İş Birliği Yapılacak Birim(ler)",
    "İşbirliği Yapılacak Birimler",
    "İş Birliği Yapılacak Birimler",
    "Riskler",
    "Stratejiler",
    "Tespitler",
    "İhtiyaçlar",
    "Tespitler ve İhtiyaçlar",
    "Kontrol Faaliyetleri",
)
# Every labelled card row, united once rather than for each line of the cards.
FIELD_LABELS = UNIT_LABELS | COST_LABELS | EXTRA_LABELS

_BASELINE_ALIASES = ("Şimdiki Değeri", "Şimdiki Değer", "Plan Dönemi Başlangıç Değeri", "Başlangıç Değeri")
INDICATOR_COLUMNS = [
    Column("code", ("Gösterge Kodu", "Performans Göstergesi Kodu", "PG Kodu")),
    Column("name", ("Performans Göstergeleri", "Performans Göstergesi", "Gösterge Adı", "Göstergeler")),
    Column("unit", ("Ölçü Birimi", "Birimi", "Birim")),
    Column("weight", ("Hedefe Etkisi (%)", "Hedefe Etkisi", "Hedefe Etki (%)")),
    Column("baseline", _BASELINE_ALIASES),
    Column("monitoring", ("İzleme Sıklığı",)),
    Column("reporting", ("Raporlama Sıklığı",)),
]
ACTIVITY_COLUMNS = [
    Column("code", ("Faaliyet Kodu", "Proje/Faaliyet Kodu", "Faaliyet/Proje Kodu")),
    Column(
        "name",
        (
            "Faaliyet ve Projeler",
            "Faaliyetler",
            "Faaliyet/Proje",
            "Proje/Faaliyet",
            "Faaliyet ve Projeler Adı",
        ),
    ),
]
_NUMERIC_INDICATOR_COLUMNS = ("weight", "baseline")
_HEADER_KEYS = alias_keys(INDICATOR_COLUMNS) | alias_keys(ACTIVITY_COLUMNS)
_BASELINE_KEYS = tuple(name_key(alias) for alias in _BASELINE_ALIASES)


@dataclass
class _CardTable:
    """The indicator or activity table of the current card, as its header line laid it out."""

    kind: str  # "indicators" | "activities"
    header: HeaderMap
    header_cells: list[str]
    labels: list[str]  # header cells as written, for column_header and messages
    baseline_year: int | None = None

    def numeric_positions(self) -> list[int]:
        named = [
            self.header.positions[name]
            for name in _NUMERIC_INDICATOR_COLUMNS
            if name in self.header.positions
        ]
        return named + list(self.header.years.values()) if self.kind == "indicators" else []


@dataclass
class _Card:
    """One target card while it is being read."""

    target_code: str | None
    line: Line
    row: Row | None = None  # the sp_targets row; None while skipping a repeated or code-less card
    skip_reason: str | None = None
    table: _CardTable | None = None
    indicators: int = 0
    activities: int = 0


def _canonical_indicator_header(cells: list[str]) -> tuple[list[str], int | None]:
    """Rename a baseline header that carries a year (`Plan Dönemi Başlangıç Değeri (2024)`).

    `map_header` would read such a cell as a yearly target column; the baseline is its own column
    whose year is recorded on the baseline value instead.
    """
    canonical = list(cells)
    baseline_year: int | None = None
    for position, text in enumerate(cells):
        key = name_key(text)
        for alias, alias_key in zip(_BASELINE_ALIASES, _BASELINE_KEYS, strict=True):
            if key == alias_key or key.startswith(alias_key + " "):
                canonical[position] = alias
                baseline_year = header_year(text)
                break
    return canonical, baseline_year


class CardParser:
    """Reads every target card of a document into rows of the card tables."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.goals: dict[str, Row] = {}
        self.targets: dict[str, Row] = {}
        self.indicators: dict[str, Row] = {}
        self.values: list[Row] = []
        self.activities: dict[str, Row] = {}
        self.extras: list[Row] = []
        self.service_area_heading: str | None = None
        self.transformation_area_heading: str | None = None
        self.goal_code: str | None = None
        self.card: _Card | None = None
        self.in_cards = False

    # -- driving -----------------------------------------------------------------------------------

    def run(self, lines: list[Line]) -> dict[str, list[Row]]:
        for line in lines:
            self._feed(line)
        self._close_card()
        return {
            "sp_goals": list(self.goals.values()),
            "sp_targets": list(self.targets.values()),
            "sp_indicators": list(self.indicators.values()),
            "sp_indicator_values": self.values,
            "sp_activities": list(self.activities.values()),
            "sp_card_extras": self.extras,
        }

    def _feed(self, line: Line) -> None:
        if not line.is_table_row:
            found = heading(line)
            if found is not None:
                self._close_card()
                self.in_cards = False
                self._track_heading(found)
            # Other plain lines (page numbers, notes) do not interrupt a card.
            return
        if self.ledger.is_claimed(line):
            return  # a block table (section 7, Bir Bakışta, ...) owns this line
        values = line.values
        label = name_key(values[0]) if values else ""
        if label in GOAL_LABELS:
            self.in_cards = True
            self._goal_row(line, values)
            return
        if label in TARGET_LABELS:
            self.in_cards = True
            self._target_row(line, values)
            return
        if not self.in_cards:
            return  # not a card line: left to the other parsers or to "not modelled"
        card = self.card
        if card is None:
            self.ledger.issue(line, "sp_targets", "error", "card row before any Stratejik Hedef row")
        elif card.skip_reason is not None:
            self.ledger.issue(line, "sp_targets", "error", f"not extracted: {card.skip_reason}")
        elif label in FIELD_LABELS:
            card.table = None  # a labelled row ends the indicator or activity table above it
            if label in UNIT_LABELS:
                self._units_row(line, values, card)
            elif label in COST_LABELS:
                self._cost_row(line, values, card)
            else:
                self._extra_row(line, values, card)
        elif not values:
            # A tab line of empty cells inside a card (a page break cut the row) carries nothing.
            self.ledger.consume(line, "row of empty cells inside a card")
        elif self._table_header(line, card):
            pass
        elif card.table is not None:
            self._table_row(line, card, card.table)
        else:
            self.ledger.issue(
                line,
                "sp_card_extras",
                "warning",
                f"unknown row in the card of {card.target_code}: label {values[0]!r} is not a card field",
            )

    def _track_heading(self, found: Heading) -> None:
        """Section headings name the transformation area (`6.1- KENTSEL DÖNÜŞÜM`, line 1242) and
        capitalised lines ending in HİZMETLERİ/HİZMETLER name the service area (line 1244)."""
        key = name_key(found.title)
        if found.number is not None:
            self.transformation_area_heading = found.title if "dönüşüm" in key else None
            self.service_area_heading = None
        elif key.endswith(("hizmetleri", "hizmetler", "hizmet alanı")):
            self.service_area_heading = found.title
        else:
            self.service_area_heading = None

    # -- label rows --------------------------------------------------------------------------------

    @staticmethod
    def _code_and_text(values: list[str]) -> tuple[str | None, str]:
        """The code and text after the row label, whether in one cell or two."""
        rest = values[1:]
        if not rest:
            return None, ""
        if is_code(rest[0]):
            return split_code(rest[0])[0], " ".join(rest[1:])
        code, text = split_code(rest[0])
        return code, " ".join([text, *rest[1:]]).strip()

    def _goal_row(self, line: Line, values: list[str]) -> None:
        self._close_card()
        code, text = self._code_and_text(values)
        if code is None:
            self.goal_code = None
            self.ledger.issue(
                line, "sp_goals", "error", "goal row without a goal code (expected e.g. `KE.1 ...`)"
            )
            return
        self.goal_code = code
        first = self.goals.get(code)
        if first is None:
            self.goals[code] = {
                "goal_code": code,
                "goal_text": text,
                "service_area": self.service_area_heading,
                "service_area_heading": self.service_area_heading,
                "transformation_area": self.transformation_area_heading,
                "transformation_area_heading": self.transformation_area_heading,
                "source_line": self.ledger.extract(line),
            }
            return
        # Kocaeli repeats the goal row at the top of every target card of that goal.
        self.ledger.consume(
            line, f"goal {code} repeated on its target card (first at line {first['source_line']})"
        )
        if name_key(text) != name_key(first["goal_text"]):
            self.ledger.issue(
                line,
                "sp_goals",
                "warning",
                f"goal {code} text differs from line {first['source_line']}; the first text is kept",
            )

    def _target_row(self, line: Line, values: list[str]) -> None:
        self._close_card()
        code, text = self._code_and_text(values)
        if code is None:
            self.card = _Card(None, line, skip_reason="the card's target row has no target code")
            self.ledger.issue(
                line, "sp_targets", "error", "target row without a target code (expected e.g. `KE.1.1 ...`)"
            )
            return
        first = self.targets.get(code)
        if first is not None:
            reason = (
                f"target {code} repeated (first card at line {first['source_line']}); the first card is kept"
            )
            self.card = _Card(code, line, skip_reason=reason)
            self.ledger.issue(line, "sp_targets", "error", reason)
            return
        if self.goal_code is None:
            self.ledger.issue(line, "sp_targets", "warning", f"target {code} has no goal row above it")
        elif not continues(code, self.goal_code):
            self.ledger.issue(
                line,
                "sp_targets",
                "warning",
                f"target code {code} does not continue goal code {self.goal_code}",
            )
        row: Row = {
            "target_code": code,
            "target_text": text,
            "goal_code": self.goal_code,
            "responsible_units": [],
            "responsible_units_raw": None,
            "responsible_units_source_line": None,
            "cost_estimate_try": None,
            "cost_estimate_raw": None,
            "cost_estimate_source_line": None,
            "source_line": self.ledger.extract(line),
        }
        self.targets[code] = row
        self.card = _Card(code, line, row=row)

    def _units_row(self, line: Line, values: list[str], card: _Card) -> None:
        assert card.row is not None
        raw = " ".join(values[1:])
        units, note = split_units(raw)
        if card.row["responsible_units_raw"] is not None:
            self.ledger.issue(
                line, "sp_targets", "warning", "second Sorumlu Birim row; its units are appended"
            )
            card.row["responsible_units"] = [*card.row["responsible_units"], *units]
            card.row["responsible_units_raw"] = f"{card.row['responsible_units_raw']} {raw}"
        else:
            card.row["responsible_units"] = units
            card.row["responsible_units_raw"] = raw
            card.row["responsible_units_source_line"] = self.ledger.extract(line)
        if note:
            self.ledger.issue(line, "sp_targets", "warning", note)
        if not units:
            self.ledger.issue(
                line, "sp_targets", "warning", f"empty Sorumlu Birim row on card {card.target_code}"
            )

    def _cost_row(self, line: Line, values: list[str], card: _Card) -> None:
        assert card.row is not None
        if card.row["cost_estimate_raw"] is not None:
            self.ledger.issue(
                line, "sp_targets", "error", f"second cost row on card {card.target_code}; first kept"
            )
            return
        raw = values[1] if len(values) > 1 else ""
        number = parse_number(raw)
        card.row["cost_estimate_try"] = number.value
        card.row["cost_estimate_raw"] = raw
        card.row["cost_estimate_source_line"] = self.ledger.extract(line)
        if not number.is_number:
            self.ledger.issue(
                line, "sp_targets", "warning", f"cost estimate {raw!r} of {card.target_code} is not a number"
            )
        if len(values) > 2:
            self.ledger.issue(
                line, "sp_targets", "warning", f"extra cells after the cost estimate: {values[2:]!r}"
            )

    def _extra_row(self, line: Line, values: list[str], card: _Card) -> None:
        self.extras.append(
            {
                "target_code": card.target_code,
                "field": values[0],
                "value": " ".join(values[1:]),
                "source_line": self.ledger.extract(line),
            }
        )

    # -- indicator and activity tables -------------------------------------------------------------

    def _table_header(self, line: Line, card: _Card) -> bool:
        """Recognise an indicator or activity header row; on success it becomes the card's table."""
        # A dated baseline header (`Plan Dönemi Başlangıç Değeri (2024)`) only starts with an alias.
        if not names_a_column(line, _HEADER_KEYS) and not any(
            name_key(cell).startswith(_BASELINE_KEYS) for cell in line.values
        ):
            return False
        cells = trim_trailing(line.cells)
        canonical, baseline_year = _canonical_indicator_header(cells)
        header = map_header(canonical, INDICATOR_COLUMNS)
        kind = None
        if "name" in header.positions and (
            "baseline" in header.positions or header.years or "weight" in header.positions
        ):
            kind = "indicators"
        else:
            header = map_header(cells, ACTIVITY_COLUMNS, year_columns=False)
            first = next((position for position, cell in enumerate(cells) if cell), None)
            if "name" in header.positions and first in header.positions.values():
                kind = "activities"
        if kind is None:
            return False
        card.table = _CardTable(
            kind, header, canonical, cells, baseline_year if kind == "indicators" else None
        )
        self.ledger.consume(line, f"{kind} table header of card {card.target_code}")
        if header.unknown:
            names = ", ".join(repr(text) for _, text in header.unknown)
            self.ledger.issue(
                line,
                f"sp_{kind}",
                "warning",
                f"unrecognised column(s) {names} in the {kind} header; their values are not extracted",
            )
        return True

    def _row_fits(self, cells: list[str], table: _CardTable) -> bool:
        """Whether cells sit where the header says: a code, a name, numbers under number columns."""
        if len(cells) > len(table.header_cells):
            return False
        name = table.header.cell(cells, "name") or ""
        code_cell = table.header.cell(cells, "code")
        has_code = (
            is_code(code_cell or "") if "code" in table.header.positions else split_code(name)[0] is not None
        )
        if not (has_code and name):
            return False
        return all(
            parse_number(cells[position] if position < len(cells) else "").kind != "invalid"
            for position in table.numeric_positions()
        )

    def _aligned(self, line: Line, table: _CardTable) -> list[str] | None:
        cells = trim_trailing(line.cells)
        if self._row_fits(cells, table):
            if len(cells) < len(trim_trailing(table.header_cells)):
                self.ledger.issue(
                    line,
                    f"sp_{table.kind}",
                    "warning",
                    f"row has {len(cells)} cells for {len(table.header_cells)} columns; "
                    "the missing cells are read as empty",
                )
            return cells + [""] * (len(table.header_cells) - len(cells))
        shifted = realign(cells, table.header_cells)
        if shifted is not None and self._row_fits(shifted, table):
            self.ledger.issue(
                line,
                f"sp_{table.kind}",
                "warning",
                "cells shifted against the header; realigned by the order of the non-empty cells",
            )
            return shifted
        if len(cells) <= len(table.header_cells) and table.header.cell(cells, "name"):
            return cells + [""] * (len(table.header_cells) - len(cells))  # numbers are checked one by one
        return None

    def _table_row(self, line: Line, card: _Card, table: _CardTable) -> None:
        cells = self._aligned(line, table)
        expected = " | ".join(label for label in table.labels if label)
        if cells is None:
            self.ledger.issue(
                line,
                f"sp_{table.kind}",
                "error",
                f"row does not fit the {table.kind} header of card {card.target_code} (expected: {expected})",
            )
            return
        name = table.header.cell(cells, "name") or ""
        if "code" in table.header.positions:
            code, name = table.header.cell(cells, "code") or None, name
        else:
            code, name = split_code(name)
        if not code or not is_code(code):
            self.ledger.issue(
                line,
                f"sp_{table.kind}",
                "error",
                f"row in the {table.kind} table of card {card.target_code} has no code (expected: {expected})",
            )
            return
        known = self.indicators if table.kind == "indicators" else self.activities
        if code in known:
            self.ledger.issue(
                line,
                f"sp_{table.kind}",
                "error",
                f"{code} repeated (first at line {known[code]['source_line']}); the first row is kept",
            )
            return
        if card.target_code and not continues(code, card.target_code):
            self.ledger.issue(
                line,
                f"sp_{table.kind}",
                "warning",
                f"{code} does not continue target code {card.target_code}",
            )
        for position, header_text in table.header.unknown:
            if position < len(cells) and cells[position]:
                self.ledger.issue(
                    line,
                    f"sp_{table.kind}",
                    "warning",
                    f"value {cells[position]!r} under unrecognised column {header_text!r} not extracted",
                )
        source_line = self.ledger.extract(line)
        if table.kind == "activities":
            known[code] = {
                "activity_code": code,
                "activity_name": name,
                "target_code": card.target_code,
                "source_line": source_line,
            }
            card.activities += 1
            return
        self._indicator(line, cells, code, name, card, table, source_line)

    def _number(self, line: Line, cells: list[str], position: int, label: str, code: str) -> ParsedNumber:
        number = parse_number(cells[position])
        if number.kind == "invalid":
            self.ledger.issue(
                line,
                "sp_indicator_values",
                "warning",
                f"{code}: {cells[position]!r} under {label!r} is not a number; kept as text with a null value",
            )
        return number

    def _indicator(
        self,
        line: Line,
        cells: list[str],
        code: str,
        name: str,
        card: _Card,
        table: _CardTable,
        source_line: int,
    ) -> None:
        header = table.header
        baseline = weight = None
        if "baseline" in header.positions:
            position = header.positions["baseline"]
            baseline = self._number(line, cells, position, table.labels[position], code)
            self._value(
                code, card, "baseline", table.baseline_year, baseline, table.labels[position], source_line
            )
        if "weight" in header.positions:
            position = header.positions["weight"]
            weight = self._number(line, cells, position, table.labels[position], code)
        for year, position in sorted(header.years.items()):
            number = self._number(line, cells, position, table.labels[position], code)
            self._value(code, card, "target", year, number, table.labels[position], source_line)
        self.indicators[code] = {
            "indicator_code": code,
            "indicator_name": name,
            "unit": header.cell(cells, "unit") or None,
            "target_code": card.target_code,
            "weight_pct": weight.value if weight else None,
            "weight_raw": weight.raw if weight else None,
            "monitoring_frequency": header.cell(cells, "monitoring") or None,
            "reporting_frequency": header.cell(cells, "reporting") or None,
            "baseline_value": baseline.value if baseline else None,
            "baseline_raw": baseline.raw if baseline else None,
            "source_line": source_line,
        }
        card.indicators += 1

    def _value(
        self,
        code: str,
        card: _Card,
        value_type: str,
        year: int | None,
        number: ParsedNumber,
        label: str,
        source_line: int,
    ) -> None:
        self.values.append(
            {
                "indicator_code": code,
                "target_code": card.target_code,
                "value_type": value_type,
                "year": year,
                "value": number.value,
                "value_raw": number.raw,
                "column_header": label,
                "source_line": source_line,
            }
        )

    # -- end of a card -----------------------------------------------------------------------------

    def _close_card(self) -> None:
        """Report what a finished card lacks (a truncated card ends without its cost row)."""
        card, self.card = self.card, None
        if card is None or card.row is None:
            return
        missing = []
        if card.row["responsible_units_raw"] is None:
            missing.append("a Sorumlu Birim(ler) row")
        if card.indicators == 0:
            missing.append("indicators")
        if card.row["cost_estimate_raw"] is None:
            missing.append("a Maliyet Tahmini row")
        if missing:
            self.ledger.issue(
                card.line,
                "sp_targets",
                "warning",
                f"card of {card.target_code} ends without {', '.join(missing)}",
            )
