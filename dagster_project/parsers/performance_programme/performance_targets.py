"""Every PERFORMANS HEDEFİ TABLOSU: the target, the strategic goal/target it cites, its indicators
with one value per header column, and its activities with Bütçe / Bütçe Dışı / Toplam.

The table is a form followed by two grids. Rows are recognised by their label (`Stratejik Hedef
1.2:`, `Performans Göstergeleri`, `Faaliyetler`, `Genel Toplam`) or by a leading row number,
wherever the cells sit, so a header or value shifted by empty cells is still read.
"""

from __future__ import annotations

import re

from dagster_project.parsers.cells import Line
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.numbers import parse_number
from dagster_project.parsers.performance_programme.layout import (
    has_digit,
    labelled,
    leading_integer,
    strip_html,
    trailing_numbers,
    values,
)
from dagster_project.parsers.performance_programme.model import (
    PH_SLOTS,
    Activity,
    Indicator,
    IndicatorValue,
    PerformanceTarget,
)
from dagster_project.parsers.performance_programme.placement import (
    SumIdentity,
    describe,
    place_row,
    solve_table,
)
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.tables import header_year

TABLE = "pp_performance_targets"
PH_IDENTITY = (SumIdentity((0, 1), 2),)
_GOAL = re.compile(r"^stratejik amac (\d+)$")
_TARGET = re.compile(r"^stratejik hedef (\d+) (\d+)$")
_PT = re.compile(r"^performans hedefi (\d+)$")
_UNIT = re.compile(r"\(([^()]{1,25})\)\s*$")


def value_type(header: str) -> str | None:
    """`2022 Gerçekleşen` → actual, `2023 Tahmin` → estimate, `2024 Hedef` → target."""
    header_key = name_key(header)
    if "gerçekleş" in header_key:
        return "actual"
    if "tahmin" in header_key:
        return "estimate"
    if "hedef" in header_key:
        return "target"
    return None


def indicator_unit(name: str) -> str | None:
    """The last parenthesised group of an indicator name, e.g. `(ha)` → `ha` (best effort)."""
    match = _UNIT.search(name)
    return match.group(1).strip() if match else None


def _value_note(raw: str, row_raws: list[str]) -> str | None:
    parsed = parse_number(raw)
    if parsed.kind == "invalid":
        return f"not a number: {raw!r} (kept as text)"
    if parsed.note is None:
        return None
    # Document quirk (Kayseri 2024, line 1964): `24,4 ¦ 11,3 ¦ 11.3`. A dot followed by one digit
    # cannot be a thousands separator (groups have three digits), so `11.3` is the decimal 11.3.
    comma_peers = [other for other in row_raws if other != raw and "," in other]
    peers = f"; the same row writes {', '.join(comma_peers)} with a decimal comma" if comma_peers else ""
    return f"{raw!r} read as {parsed.value:g}: {parsed.note}{peers}"


class _TableParser:
    """State machine over the rows of one PERFORMANS HEDEFİ TABLOSU."""

    def __init__(self, state: ParseState, section_code: str | None, service_area: str | None) -> None:
        self.state = state
        self.section_code = section_code
        self.service_area = service_area
        self.phase = "form"
        self.target: PerformanceTarget | None = None
        self.year_columns: list[tuple[int | None, str]] = []
        self.fiscal_year: int | None = None
        self.goal: tuple[int, str, int] | None = None
        self.cited: tuple[str, str, int] | None = None
        self.pending_explanation: list[str] = []
        self.activity_rows: list[tuple[Activity, list]] = []
        self.total_row: tuple[Line, list] | None = None
        self.last_text_owner: Indicator | PerformanceTarget | None = None

    def parse(self, block: list[Line]) -> PerformanceTarget | None:
        title = block[0]
        if title.is_table_row:
            self.state.consume(title)
        for line in block[1:]:
            if not line.is_table_row:
                continue
            self._row(line)
        if self.target is None:
            self.state.issue(
                title, TABLE, "error", "PERFORMANS HEDEFİ TABLOSU without a `Performans Hedefi (n):` row"
            )
            return None
        self.target.table_line = title.number
        self._place_activities()
        if not self.target.indicators:
            self.state.issue(
                title,
                "pp_indicators",
                "warning",
                f"performance target {self.target.no} has no indicator rows",
            )
        if self.total_row is None and self.target.activities:
            self.state.issue(
                title,
                TABLE,
                "warning",
                f"performance target {self.target.no}: no `Genel Toplam` row (table truncated?)",
            )
        return self.target

    def _row(self, line: Line) -> None:
        state = self.state
        cells = values(line)
        form = labelled(cells)
        if form is None:
            return
        label = form.label
        if label.startswith("performans hedefi tablosu") or label.startswith("idare adi"):
            state.consume(line)
        elif match := _GOAL.match(label):
            self.goal = (int(match.group(1)), form.text, line.number)
            state.consume(line)
        elif match := _TARGET.match(label):
            self.cited = (f"{match.group(1)}.{match.group(2)}", form.text, line.number)
            state.consume(line)
        elif match := _PT.match(label):
            self._start_target(line, int(match.group(1)), form.text)
        elif label == "aciklamalar":
            state.consume(line)
            self._explain(form.text)
        elif label == "performans gostergeleri":
            self._indicator_header(line)
        elif label == "faaliyetler" or (cells and name_key(cells[0]) == "faaliyetler"):
            self.phase = "activities"
            self.fiscal_year = header_year(" ".join(cells))
            state.consume(line)
        elif (
            self.phase == "activities"
            and not has_digit(cells)
            and any(name_key(c) in {"bütçe", "bütçe dışı", "toplam"} for c in cells)
        ):
            state.consume(line)  # second header row: Bütçe | Bütçe Dışı | Toplam
        elif label == "genel toplam":
            self._total(line)
        elif self._shifted_header(line, cells):
            pass
        elif self.phase == "indicators" and leading_integer(cells) is not None:
            self._indicator(line, cells)
        elif self.phase == "activities" and leading_integer(cells) is not None:
            self._activity(line, cells)
        elif self.phase == "indicators" and not trailing_numbers(line)[1]:
            # Document quirk (Kayseri 2024, line 1191): an indicator's explanation continues on a
            # row of its own, wrapped in `<ul style=...>` HTML by the converter.
            state.consume(line)
            self._explain(strip_html(" ".join(cells)), continuation=True)
        else:
            state.issue(
                line,
                TABLE,
                "warning",
                f"row not recognised in PERFORMANS HEDEFİ TABLOSU (phase {self.phase})",
            )

    def _shifted_header(self, line: Line, cells: list[str]) -> bool:
        """A header shifted right by empty cells (Kayseri 2024, line 1887: `¦ Performans Göstergeleri ¦ ...`)."""
        keys = [name_key(c) for c in cells]
        if "performans göstergeleri" in keys:
            self._indicator_header(line)
            return True
        if "faaliyetler" in keys:
            self.phase = "activities"
            self.fiscal_year = header_year(" ".join(cells))
            self.state.consume(line)
            return True
        return False

    def _start_target(self, line: Line, number: int, text: str) -> None:
        self.state.consume(line)
        if self.target is not None:
            self.state.issue(
                line,
                TABLE,
                "error",
                f"second `Performans Hedefi` row in one table (target {self.target.no} already open)",
            )
            return
        self.target = PerformanceTarget(
            no=number,
            text=text,
            source_line=line.number,
            table_line=line.number,
            section_code=self.section_code,
            service_area=self.service_area,
        )
        if self.goal:
            self.target.goal_no, self.target.goal_text, self.target.goal_line = self.goal
        if self.cited:
            self.target.target_code, self.target.target_text, self.target.target_line = self.cited
        self.last_text_owner = self.target

    def _explain(self, text: str, continuation: bool = False) -> None:
        if not text:
            return
        owner = self.last_text_owner
        if self.phase == "indicators" and self.target and self.target.indicators and not continuation:
            owner = self.target.indicators[-1]
        if owner is None:
            self.pending_explanation.append(text)
            return
        owner.explanation = f"{owner.explanation} {text}" if owner.explanation else text

    def _indicator_header(self, line: Line) -> None:
        self.state.consume(line)
        self.phase = "indicators"
        self.year_columns = []
        for cell in values(line):
            year = header_year(cell)
            if year is not None:
                self.year_columns.append((year, cell))
        if not self.year_columns:
            self.state.issue(line, "pp_indicator_values", "warning", "indicator header names no year column")
        for year, cell in self.year_columns:
            if value_type(cell) is None:
                self.state.issue(
                    line,
                    "pp_indicator_values",
                    "warning",
                    f"header {cell!r} (year {year}) is neither Gerçekleşen, Tahmin nor Hedef",
                )

    def _indicator(self, line: Line, cells: list[str]) -> None:
        state = self.state
        target = self.target
        if target is None:
            state.issue(
                line, "pp_indicators", "error", "indicator row before the `Performans Hedefi (n):` row"
            )
            return
        number, inline, index = leading_integer(cells)  # type: ignore[misc]
        rest = cells[index + 1 :]
        if inline is not None:
            name, value_cells = inline, rest
        elif rest:
            name, value_cells = rest[0], rest[1:]
        else:
            state.issue(line, "pp_indicators", "error", "indicator row without a name")
            return
        state.consume(line)
        if any(i.indicator_no == number for i in target.indicators):
            state.issue(
                line,
                "pp_indicators",
                "error",
                f"indicator {number} repeated in performance target {target.no}; row not extracted",
            )
            return
        indicator = Indicator(number, name, line.number)
        expected = len(self.year_columns)
        if len(value_cells) != expected:
            state.issue(
                line,
                "pp_indicator_values",
                "error",
                f"indicator PH{target.no}.{number}: expected {expected} values under "
                f"{[label for _, label in self.year_columns]}, found {len(value_cells)}; values not placed",
            )
        else:
            for (year, header), raw in zip(self.year_columns, value_cells, strict=True):
                parsed = parse_number(raw)
                note = _value_note(raw, value_cells)
                indicator.values.append(
                    IndicatorValue(year, value_type(header), header, parsed.value, raw, note)
                )
                if note is not None:
                    state.issue(
                        line,
                        "pp_indicator_values",
                        "warning",
                        f"indicator PH{target.no}.{number} {header}: {note}",
                    )
        target.indicators.append(indicator)
        self.last_text_owner = indicator

    def _activity(self, line: Line, cells: list[str]) -> None:
        state = self.state
        target = self.target
        if target is None:
            state.issue(
                line, "pp_activities", "error", "activity row before the `Performans Hedefi (n):` row"
            )
            return
        number, inline, _index = leading_integer(cells)  # type: ignore[misc]
        first = next(position for position, cell in enumerate(line.cells) if cell)
        texts, numbers = trailing_numbers(line, start=first + 1)
        name = inline if inline is not None else " ".join(texts)
        state.consume(line)
        activity = Activity(
            performance_target_no=target.no,
            activity_no=len(target.activities) + 1,
            written_no=number,
            name=name,
            source_line=line.number,
            fiscal_year=self.fiscal_year,
        )
        if number != activity.activity_no:
            state.issue(
                line,
                "pp_activities",
                "warning",
                f"activity numbered {number} is row {activity.activity_no} of target {target.no}; linked by position",
            )
        target.activities.append(activity)
        self.activity_rows.append((activity, numbers))

    def _total(self, line: Line) -> None:
        self.state.consume(line)
        _, numbers = trailing_numbers(line, start=1)
        self.total_row = (line, numbers)

    def _place_activities(self) -> None:
        target = self.target
        assert target is not None
        options = [place_row(numbers, 3, PH_IDENTITY) for _, numbers in self.activity_rows]
        total_options = place_row(self.total_row[1], 3, PH_IDENTITY) if self.total_row else None
        solution = solve_table(options, total_options, sum_slots=(0, 1, 2))
        for (activity, numbers), placed in zip(self.activity_rows, solution.rows, strict=True):
            activity.amounts = placed
            activity.placement_note = describe(placed, PH_SLOTS) if placed is None or placed.missing else None
            self._report_row(
                activity.source_line, placed, len(numbers), f"activity {target.no}.{activity.activity_no}"
            )
        if self.total_row:
            target.total = solution.total
            target.total_line = self.total_row[0].number
            self._report_row(
                target.total_line,
                solution.total,
                len(self.total_row[1]),
                f"`Genel Toplam` of target {target.no}",
            )
        if solution.status in {"ambiguous", "inconsistent"}:
            line = self.state.line(target.total_line or target.table_line)
            self.state.issue(
                line, "pp_activities", "error", f"performance target {target.no}: {'; '.join(solution.notes)}"
            )
        target.fiscal_year = self.fiscal_year

    def _report_row(self, line_no: int, placed, count: int, what: str) -> None:
        line = self.state.line(line_no)
        if placed is None or (placed.missing and None in placed.values):
            self.state.issue(
                line,
                "pp_activities",
                "error",
                f"{what}: {count} numbers cannot be placed unambiguously on Bütçe / Bütçe Dışı / Toplam; {describe(placed, PH_SLOTS)}",
            )
        elif placed.missing:
            self.state.issue(line, "pp_activities", "info", f"{what}: {describe(placed, PH_SLOTS)}")


def parse_performance_target_table(
    state: ParseState, block: list[Line], section_code: str | None, service_area: str | None
) -> PerformanceTarget | None:
    """Parse one table block (its first line is the title line)."""
    return _TableParser(state, section_code, service_area).parse(block)
