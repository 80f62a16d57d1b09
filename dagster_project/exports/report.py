"""A static HTML report per document: the charts a strategy unit looks at first, readable offline.

Budget by year and service area, budget by economic code, indicators per goal, the success band
distribution where actuals exist, and the reconciliation findings as a table. Every figure comes
from the marts of the published file; a chart whose mart or rows are missing says so instead of
drawing an empty frame (a strategic plan has no economic codes; actuals arrive later). Like the
workbooks, reports are rewritten only for documents whose marts changed, from their Parquet files.

The page is a Jinja2 template (`html/report.html.j2`, its non-chart sections in
`html/report_sections.html.j2`, its style in `html/report.css`), autoescaped: this module
queries the marts and hands the template values, never HTML it assembled by hand; the SVG charts of
`svg.py` (which escapes its own labels) are the only markup passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dagster_project.exports.catalog import VALUE_LABELS, discover_marts
from dagster_project.exports.svg import (
    BAND_COLOURS,
    grouped_columns,
    horizontal_bars,
    stacked_columns,
)
from dagster_project.parsers import kinds
from dagster_project.turkish_numbers import amount_text, turkish_number

# Code values in Turkish, from the exports' one label table (seeds/export_labels.csv).
DOCUMENT_TYPES = VALUE_LABELS["document_type"]
# fct_budget rows without a goal: what the documents call them (not a service area).
GRAIN_LABELS = VALUE_LABELS["grain"]
STATUS_LABELS = VALUE_LABELS["status"]
# A financial status report's series (fct_budget_execution measure, period) and their names.
EXECUTION_SERIES = {
    ("initial_appropriation", "year"): "Başlangıç ödeneği / planlanan",
    ("actual", "h1"): "Ocak–Haziran gerçekleşme",
    ("forecast", "h2"): "Temmuz–Aralık tahmini",
}
TEMPLATES = Path(__file__).resolve().parent / "html"


class JoinedLinesLoader(FileSystemLoader):
    """Reads an `.html.j2` template with its lines joined, without the line breaks and indentation
    between them: the template stays readable and the page is one line, as the tests and a diff of
    two reports read it. Other files (the style sheet) are read as written."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if template.endswith(".html.j2"):
            source = "".join(line.strip() for line in source.splitlines())
        return source, filename, uptodate


ENVIRONMENT = Environment(
    loader=JoinedLinesLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
ENVIRONMENT.filters.update(turkish_number=turkish_number, amount=amount_text)
PAGE = ENVIRONMENT.get_template("report.html.j2")
SECTIONS = ENVIRONMENT.get_template("report_sections.html.j2").module


@dataclass(frozen=True)
class Section:
    title: str
    body: Markup


Card = tuple[str, int]  # what is counted, how many


class Finding(NamedTuple):
    """A row of rpt_reconciliation as the report shows it."""

    check_name: str
    subject: str
    source_line: int | None
    page_number: int | None
    expected: float | None
    actual: float | None
    difference: float | None
    expected_text: str | None
    actual_text: str | None
    detail: str | None
    status: str

    @property
    def source(self) -> str:
        """Where the finding is in the document, as an editor and a PDF viewer number them: `sayfa
        41, satır 1272`, or the line alone when the text marks no pages; empty for whole-table checks."""
        if self.source_line is None:
            return ""
        if self.page_number is None:
            return f"satır {self.source_line}"
        return f"sayfa {self.page_number}, satır {self.source_line}"


class DocumentReport:
    """Queries the marts for one document and renders the report's sections."""

    def __init__(self, con: duckdb.DuckDBPyConnection, document_id: str) -> None:
        self.con = con
        self.document_id = document_id
        self.marts = {mart.name for mart in discover_marts(con)}

    def rows(self, sql: str, *required: str) -> list[tuple]:
        """Rows of a query about this document (`?` = document_id), or none when a mart is missing."""
        if not set(required) <= self.marts:
            return []
        return self.con.execute(sql, [self.document_id] * sql.count("?")).fetchall()

    def count(self, mart: str) -> int:
        return (
            self.rows(f"select count(*) from marts.{mart} where document_id = ?", mart)[0][0]
            if mart in self.marts
            else 0
        )

    # The charts size bars in floats: the marts' exact DECIMAL amounts are cast for drawing only.
    def budget_by_year_and_area(self) -> Markup:
        rows = self.rows(
            """
            select b.year, coalesce(g.service_area, b.grain) as area, sum(b.amount_try)::double
            from marts.fct_budget as b left join marts.dim_goal as g on b.goal_id = g.goal_id
            where b.document_id = ? group by all
            """,
            "fct_budget",
            "dim_goal",
        )
        if not rows:
            return _none("Bu belgede yıllara göre bütçe satırı yok.")
        values = {(year, GRAIN_LABELS.get(area, area)): amount for year, area, amount in rows}
        totals: dict[str, float] = {}
        for (_, area), amount in values.items():
            totals[area] = totals.get(area, 0) + amount
        areas = sorted(totals, key=lambda area: -totals[area])
        return Markup(stacked_columns(sorted({year for year, _ in values}), areas, values))

    def budget_by_economic_code(self) -> Markup:
        rows = self.rows(
            """
            select b.economic_code || ' ' || coalesce(e.name_tr, ''), sum(b.amount_try)::double as amount
            from marts.fct_budget as b left join marts.dim_economic_code as e using (economic_code)
            where b.document_id = ? and b.economic_code is not null group by all order by amount desc
            """,
            "fct_budget",
            "dim_economic_code",
        )
        if not rows:
            return _none(
                "Bu belgede ekonomik koda göre bütçe yok (stratejik planlar maliyeti hedefe göre verir)."
            )
        return Markup(horizontal_bars(rows, "TL", amounts=True))

    def indicators_per_goal(self) -> Markup:
        rows = self.rows(
            """
            select g.goal_code || ' ' || g.goal_text, count(*)
            from marts.dim_indicator as i
            join marts.dim_target as t on i.target_id = t.target_id
            join marts.dim_goal as g on t.goal_id = g.goal_id
            where i.document_id = ? group by g.goal_code, g.goal_text order by g.goal_code
            """,
            "dim_indicator",
            "dim_target",
            "dim_goal",
        )
        return (
            Markup(horizontal_bars(rows, "gösterge"))
            if rows
            else _none("Bu belgede amaca bağlı gösterge yok.")
        )

    def success_bands(self) -> Markup:
        rows = self.rows(
            """
            select a.success_band, count(*) as indicators, any_value(b.colour)
            from marts.fct_indicator_achievement as a
            left join marts.dim_success_band as b
                on a.band_scheme = b.band_scheme and a.band_order = b.band_order
            where a.document_id = ? and a.success_band is not null
            group by a.band_scheme, a.band_order, a.success_band order by a.band_order
            """,
            "fct_indicator_achievement",
            "dim_success_band",
        )
        return (
            Markup(
                horizontal_bars(
                    [(band, count) for band, count, _ in rows],
                    "gösterge",
                    colours=[BAND_COLOURS.get(colour or "", "#999999") for _, _, colour in rows],
                )
            )
            if rows
            else _none("Henüz gerçekleşme verisi yok: başarı düzeyi hesaplanamadı.")
        )

    def reconciliation(self) -> Markup:
        counts = dict(
            self.rows(
                "select status, count(*) from marts.rpt_reconciliation where document_id = ? group by all",
                "rpt_reconciliation",
            )
        )
        findings = self.rows(
            """
            select
                check_name, subject, source_line, page_number, expected, actual, difference,
                expected_text, actual_text, detail, status
            from marts.rpt_reconciliation
            where document_id = ? and status <> 'ok'
            order by
                max(case when status = 'mismatch' then 1 else 0 end) over (partition by check_name) desc,
                check_name, source_line nulls last, subject
            """,
            "rpt_reconciliation",
        )
        summary = ", ".join(
            f"{STATUS_LABELS.get(status, status)}: {counts.get(status, 0)}" for status in STATUS_LABELS
        )
        groups = [
            (check, [Finding(*row) for row in group])
            for check, group in groupby(findings, key=lambda row: row[0])
        ]
        return SECTIONS.reconciliation(summary, groups, STATUS_LABELS)

    def execution_by_economic_code(self, side: str) -> Markup:
        """Appropriation vs January–June actual vs July–December forecast of the report year."""
        rows = self.rows(
            """
            select economic_code, measure, period, value::double from marts.fct_budget_execution
            where document_id = ? and side = ? and code_level = 1 and year = report_year
            and value is not null
            """.replace("side = ?", f"side = '{side}'"),
            "fct_budget_execution",
        )
        values = {
            (code, EXECUTION_SERIES[(measure, period)]): value
            for code, measure, period, value in rows
            if (measure, period) in EXECUTION_SERIES
        }
        if not values:
            return _none("Bu raporda ekonomik koda göre bu tablo yok.")
        codes = sorted({code for code, _ in values})
        return Markup(grouped_columns(codes, list(EXECUTION_SERIES.values()), values))

    def conflicting_figures(self) -> Markup:
        rows = self.rows(
            """
            select side, economic_code, measure, period, year, printed_values from marts.fct_budget_execution
            where document_id = ? and value_status = 'conflicting' order by side, economic_code, measure
            """,
            "fct_budget_execution",
        )
        return SECTIONS.conflicting_figures(rows)

    def plan_sections(self) -> list[Section]:
        return [
            Section("Yıllara ve hizmet alanlarına göre bütçe (TL)", self.budget_by_year_and_area()),
            Section("Ekonomik koda göre bütçe (TL)", self.budget_by_economic_code()),
            Section("Amaçlara göre gösterge sayısı", self.indicators_per_goal()),
            Section("Başarı düzeyi dağılımı", self.success_bands()),
            Section("Mutabakat bulguları", self.reconciliation()),
        ]

    def execution_sections(self) -> list[Section]:
        return [
            Section(
                "Giderler: ödenek, gerçekleşme ve tahmin (ekonomik koda göre, TL)",
                self.execution_by_economic_code("expenditure"),
            ),
            Section(
                "Gelirler: bütçe, gerçekleşme ve tahmin (ekonomik koda göre, TL)",
                self.execution_by_economic_code("revenue"),
            ),
            Section("İki tabloda farklı basılan rakamlar", self.conflicting_figures()),
            Section("Mutabakat bulguları", self.reconciliation()),
        ]

    def plan_cards(self) -> list[Card]:
        return [
            ("amaç", self.count("dim_goal")),
            ("hedef", self.count("dim_target")),
            ("gösterge", self.count("dim_indicator")),
            ("faaliyet", self.count("dim_activity")),
        ]

    def execution_cards(self) -> list[Card]:
        return [
            ("rakam", self.count("fct_budget_execution")),
            (
                "farklı basılan rakam",
                self.rows(
                    "select count(*) from marts.fct_budget_execution"
                    " where document_id = ? and value_status = 'conflicting'",
                    "fct_budget_execution",
                )[0][0]
                if "fct_budget_execution" in self.marts
                else 0,
            ),
        ]

    def html(self) -> str:
        administration, document_type, start, end, source_file = self.rows(
            "select administration, document_type, period_start_year, period_end_year, source_file "
            "from marts.dim_document where document_id = ?",
            "dim_document",
        )[0]
        period = str(start) if start == end else f"{start}-{end}"
        title = f"{administration} · {period} {DOCUMENT_TYPES.get(document_type, document_type)}"
        built = self.rows("select max(built_at) from marts.meta_build where document_id = ?", "meta_build")
        layout = LAYOUTS[kinds.kind_of(document_type).report]
        cards = [
            *layout.cards(self),
            (
                "tablo",
                self.rows(
                    "select count(distinct table_no) from marts.document_table_cell where document_id = ?",
                    "document_table_cell",
                )[0][0]
                if "document_table_cell" in self.marts
                else 0,
            ),
            # Warnings and errors: the info notes (a cell read as written…) are in the workbook.
            (
                "çıkarım uyarısı / hatası",
                self.rows(
                    "select count(*) from marts.rpt_extraction_issues "
                    "where document_id = ? and severity in ('warning', 'error')",
                    "rpt_extraction_issues",
                )[0][0]
                if "rpt_extraction_issues" in self.marts
                else 0,
            ),
        ]
        return PAGE.render(
            title=title,
            document_id=self.document_id,
            source_file=source_file,
            built_at=built[0][0] if built else None,
            cards=cards,
            sections=layout.sections(self),
        )


@dataclass(frozen=True)
class Layout:
    """What the report of a kind of document shows (its `DocumentKind.report`): the cards before the
    tables and warnings counted for every document, and its sections."""

    cards: Callable[[DocumentReport], list[Card]]
    sections: Callable[[DocumentReport], list[Section]]


LAYOUTS = {
    "plan": Layout(DocumentReport.plan_cards, DocumentReport.plan_sections),
    "execution": Layout(DocumentReport.execution_cards, DocumentReport.execution_sections),
}
# A kind whose layout is not drawn fails here, at import, not on the night its first report is due.
_UNDRAWN = sorted({kind.report for kind in kinds.DOCUMENT_KINDS} - LAYOUTS.keys())
if _UNDRAWN:
    raise ValueError(f"report layouts {_UNDRAWN} are declared by document kinds but not in LAYOUTS")


def _none(message: str) -> Markup:
    return SECTIONS.absent(message)


def write_document_report(con: duckdb.DuckDBPyConnection, document_id: str, path: Path) -> None:
    path.write_text(DocumentReport(con, document_id).html(), encoding="utf-8")
