"""A document type is one declaration, its parser package's `KIND` (`parsers.kinds`): a type declared
only here, in this module, is recognised from its cover, named in its document_id and parsed by its
own parser, with nothing else edited."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandera.polars as pa
import pytest

from dagster_project.assets.monitoring import known_indicators_sql
from dagster_project.document_scan import administration_named, identify, scan_raw_dir
from dagster_project.exports.catalog import VALUE_LABELS
from dagster_project.extraction import extract, raw_table_schemas
from dagster_project.parsers import kinds
from dagster_project.parsers.base import DocumentKind, DocumentParser, Ledger, Models, Row
from dagster_project.parsers.numbers import parse_number
from dagster_project.warehouse import RAW_SCHEMA, ensure_table


class ToyCountsSchema(pa.DataFrameModel):
    """The rows of a toy count (oyuncak sayım cetveli): a toy and how many there are."""

    document_id: str
    toy: str
    count: float
    source_line: int


class ToyCountParser(DocumentParser):
    """Every tab line `<toy>\t<count>` under the `Oyuncak\tAdet` header is a row."""

    def models(self) -> Models:
        return {"toy_counts": ToyCountsSchema}

    def read(self, ledger: Ledger) -> Mapping[str, list[Row]]:
        rows: list[Row] = []
        for line in ledger.lines:
            if not line.is_table_row:
                continue
            toy, count = line.cells[:2]
            if toy == "Oyuncak":
                ledger.consume(line)
                continue
            rows.append({"toy": toy, "count": parse_number(count).value, "source_line": ledger.extract(line)})
        return {"toy_counts": rows}


TOY_COUNT = DocumentKind(
    "toy_count",
    title=r"OYUNCAK\s+SAYIM\s+CETVELİ",
    example="2024 YILI OYUNCAK SAYIM CETVELİ",
    title_words=frozenset({"OYUNCAK", "SAYIM", "CETVELİ"}),
    slug="osc",
    yearly=True,
    parser=ToyCountParser(),
    report="plan",
)
COVER = (
    "T.C.\nGEBZE BELEDİYESİ 2024 YILI OYUNCAK SAYIM CETVELİ\n\nOYUNCAK SAYIM CETVELİ BAŞKANLIĞI\n\n"
    "Oyuncak\tAdet\nTop\t3\nTahta at\t1.250\n"
)


@pytest.fixture
def toy_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "DOCUMENT_KINDS", (*kinds.DOCUMENT_KINDS, TOY_COUNT))


def test_a_type_declared_only_by_its_kind_is_recognised_and_parsed(
    tmp_path: Path, toy_declared: None
) -> None:
    (tmp_path / "gebze_oyuncak_2024.txt").write_text(COVER, encoding="utf-8")
    scan = scan_raw_dir(tmp_path)
    assert scan.rejected == []
    (document,) = scan.documents
    assert (document.document_id, document.administration, document.document_type) == (
        "gebze-bld-osc-2024",
        "Gebze Belediyesi",
        "toy_count",
    )
    assert (document.period_start_year, document.period_end_year, document.fiscal_year) == (2024, 2024, 2024)
    parsed = extract(document)
    assert parsed.tables["toy_counts"].select("toy", "count", "source_line").rows() == [
        ("Top", 3.0, 7),
        ("Tahta at", 1250.0, 8),
    ]
    assert parsed.issues.filter(parsed.issues["severity"] != "info").height == 0


def test_a_kinds_title_words_are_no_administration_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the kind is declared its title reads as a name (the toy cover's second line would be
    a second administration); its `title_words` make it none."""
    line = "OYUNCAK SAYIM CETVELİ BAŞKANLIĞI"
    assert administration_named(line).name == "Oyuncak Sayım Cetveli Başkanlığı"  # type: ignore[union-attr]
    monkeypatch.setattr(kinds, "DOCUMENT_KINDS", (*kinds.DOCUMENT_KINDS, TOY_COUNT))
    assert administration_named(line) is None


def test_an_undeclared_type_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "gebze_oyuncak_2024.txt").write_text(COVER, encoding="utf-8")
    (rejected,) = scan_raw_dir(tmp_path).rejected
    assert "no document type in the first pages (expected '2023 YILI KURUMSAL MALİ" in rejected.reason
    with pytest.raises(
        KeyError, match="unknown document type 'toy_count' \\(declared: financial_status_report"
    ):
        kinds.kind_of("toy_count")


@pytest.mark.parametrize("kind", kinds.DOCUMENT_KINDS, ids=lambda kind: kind.document_type)
def test_each_declared_example_is_identified_as_its_type(kind: DocumentKind) -> None:
    fields = identify(f"T.C.\nGEBZE BELEDİYESİ\n{kind.example}\n")
    assert fields["document_type"] == kind.document_type
    assert (fields["fiscal_year"] is not None) == kind.yearly


def test_the_declared_types_are_the_parser_packages_and_each_has_its_label() -> None:
    """The exports name a type from seeds/export_labels.csv: a declared type without its row would
    be shown as its code."""
    assert kinds.document_types() == ("financial_status_report", "performance_programme", "strategic_plan")
    assert set(VALUE_LABELS["document_type"]) == set(kinds.document_types())


def test_the_monitoring_files_know_the_indicators_of_every_kind_that_declares_them() -> None:
    """A plan's indicator keeps its written code; a programme's is numbered as the marts number it."""
    assert {
        kind.document_type: kind.indicators and kind.indicators.table for kind in kinds.DOCUMENT_KINDS
    } == {
        "financial_status_report": None,
        "performance_programme": "pp_indicators",
        "strategic_plan": "sp_indicators",
    }
    assert all(kind.indicators for kind in kinds.DOCUMENT_KINDS if kind.reports_actuals)
    with duckdb.connect() as con:
        con.execute(f"create schema {RAW_SCHEMA}")
        for table in ("documents", "sp_indicators", "pp_indicators"):
            ensure_table(con, table, raw_table_schemas()[table])
        con.execute(
            f"""insert into {RAW_SCHEMA}.documents (document_id, document_type, administration, source_file)
            values ('kocaeli-bb-sp-2020-2024', 'strategic_plan', 'Kocaeli', 'sp.txt'),
                   ('kayseri-bb-pp-2024', 'performance_programme', 'Kayseri', 'pp.txt')"""
        )
        con.execute(
            f"""insert into {RAW_SCHEMA}.sp_indicators (document_id, indicator_code, indicator_name, source_line)
            values ('kocaeli-bb-sp-2020-2024', 'Ke/Pg.1.2.4', 'Ortalama filo yaşı', 1250)"""
        )
        con.execute(
            f"""insert into {RAW_SCHEMA}.pp_indicators
            (document_id, performance_target_no, indicator_no, indicator_name, source_line)
            values ('kayseri-bb-pp-2024', 2, 3, 'Yenilenen park sayısı', 512)"""
        )
        known = con.execute(
            f"select document_id, indicator_code, code_is_written, source_line from ({known_indicators_sql()})"
        ).fetchall()
    assert known == [
        ("kayseri-bb-pp-2024", "PH2.3", False, 512),
        ("kocaeli-bb-sp-2020-2024", "Ke/Pg.1.2.4", True, 1250),
    ]
