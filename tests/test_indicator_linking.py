"""Cross-document actuals: a later programme's indicators linked to the plan and earlier programmes
of the same administration, only when certain. Synthetic documents: the shipped two are of
different administrations (Kocaeli plan, Kayseri programme) and must never link."""

from __future__ import annotations

from typing import Any

import polars as pl

from dagster_project.monitoring.linking import INDICATOR_COLUMNS, PublishedLinks, link_indicators

KOCAELI = "Kocaeli Büyükşehir Belediyesi"
SP = ("kocaeli-bb-sp-2020-2024", KOCAELI, "strategic_plan", 2020, 2024, "sp.txt")
PP_2022 = ("kocaeli-bb-pp-2022", KOCAELI, "performance_programme", 2022, 2022, "pp22.txt")
PP_2023 = ("kocaeli-bb-pp-2023", KOCAELI, "performance_programme", 2023, 2023, "pp23.txt")
KAYSERI_PP = (
    "kayseri-bb-pp-2024",
    "Kayseri Büyükşehir Belediyesi",
    "performance_programme",
    2024,
    2024,
    "k.txt",
)


def indicator(
    document: tuple[Any, ...], code: str, name: str, line: int, written: bool | None = None
) -> tuple[Any, ...]:
    return (*document, code, document[2] == "strategic_plan" if written is None else written, name, line)


def indicators() -> pl.DataFrame:
    rows = [
        indicator(SP, "Ke/Pg.1.2.4", "Özel halk otobüslerinde ortalama filo yaşı", 1278),
        indicator(SP, "Ke/Pg.1.2.5", "Yapılan Toplu Taşıma Aktarma Merkezi sayısı", 1279),
        indicator(SP, "Ke/Pg.1.3.5", "Tramvay araç sayısı", 1300),
        indicator(SP, "Sa/Pg.9.1.1", "Düzenlenen etkinlik sayısı", 2001),
        indicator(SP, "Sa/Pg.9.2.1", "Düzenlenen etkinlik sayısı", 2011),
        indicator(PP_2022, "PH2.1", "Özel Halk Otobüslerinde Ortalama Filo Yaşı", 900),
        indicator(PP_2023, "PH1.1", "ÖZEL HALK OTOBÜSLERİNDE ORTALAMA FİLO YAŞI (Yaş)", 1049),
        indicator(PP_2023, "PH1.2", "Yapılan Toplu Taşıma Aktarma Merkezleri sayısı", 1051),
        indicator(PP_2023, "Ke/Pg.1.3.5", "Yeni tramvay araçları", 1053, written=True),
        indicator(PP_2023, "PH1.4", "Düzenlenen etkinlik sayısı (Adet)", 1055),
        indicator(KAYSERI_PP, "PH1.1", "Özel halk otobüslerinde ortalama filo yaşı", 1049),
    ]
    return pl.DataFrame(rows, schema=list(INDICATOR_COLUMNS), orient="row")


def links_and_issues() -> tuple[pl.DataFrame, pl.DataFrame]:
    result = link_indicators(indicators())
    return result.links, result.issues


def test_links_by_written_code_else_by_identical_normalised_name() -> None:
    links, _ = links_and_issues()
    assert sorted(links.select(pl.exclude("match_score")).iter_rows()) == [
        ("kocaeli-bb-pp-2022", "PH2.1", "kocaeli-bb-pp-2023", "PH1.1", "name"),
        # each programme feeds the plan with the actuals of its own years
        ("kocaeli-bb-sp-2020-2024", "Ke/Pg.1.2.4", "kocaeli-bb-pp-2022", "PH2.1", "name"),
        ("kocaeli-bb-sp-2020-2024", "Ke/Pg.1.2.4", "kocaeli-bb-pp-2023", "PH1.1", "name"),
        ("kocaeli-bb-sp-2020-2024", "Ke/Pg.1.3.5", "kocaeli-bb-pp-2023", "Ke/Pg.1.3.5", "code"),
    ]
    assert links["match_score"].to_list() == [1.0] * 4


def test_other_administrations_and_later_documents_never_receive_actuals() -> None:
    links, _ = links_and_issues()
    assert "kayseri-bb-pp-2024" not in links["source_document_id"].to_list()
    assert "kocaeli-bb-pp-2023" not in links["document_id"].to_list()  # not fed by the 2022 programme


def test_ambiguous_and_weak_matches_are_reported_never_linked() -> None:
    _, issues = links_and_issues()
    reported = sorted(
        issues.select("document_id", "indicator_code", "issue_type", "source_file", "source_row").iter_rows()
    )
    assert reported == [
        ("kocaeli-bb-sp-2020-2024", "PH1.2", "weak_link", "pp23.txt", 1051),
        ("kocaeli-bb-sp-2020-2024", "PH1.4", "ambiguous_link", "pp23.txt", 1055),
    ]
    weak = issues.filter(pl.col("issue_type") == "weak_link")["message"][0]
    assert "Ke/Pg.1.2.5 'Yapılan Toplu Taşıma Aktarma Merkezi sayısı'; not linked" in weak
    assert set(issues["severity"]) == {"warning"}


def test_the_shipped_documents_yield_no_link() -> None:
    rows = [
        indicator(SP, "Ke/Pg.1.2.4", "Özel halk otobüslerinde ortalama filo yaşı", 1278),
        indicator(KAYSERI_PP, "PH1.1", "Özel halk otobüslerinde ortalama filo yaşı", 1049),
    ]
    result = link_indicators(pl.DataFrame(rows, schema=list(INDICATOR_COLUMNS), orient="row"))
    assert (result.links.height, result.issues.height) == (0, 0)


def sorted_rows(frame: pl.DataFrame) -> list[tuple[Any, ...]]:
    return sorted(frame.iter_rows(), key=repr)


def test_a_changed_document_is_linked_again_and_unchanged_pairs_keep_their_published_rows() -> None:
    links, issues = links_and_issues()
    changed = frozenset({PP_2023[0]})
    # The changed programme's published rows are gone: they are linked again, the same as in full.
    without_changed = PublishedLinks(
        links.filter(pl.col("source_document_id") != PP_2023[0]),
        issues.filter(pl.col("source_file") != PP_2023[5]),
        changed,
    )
    relinked = link_indicators(indicators(), without_changed)
    assert (sorted_rows(relinked.links), sorted_rows(relinked.issues)) == (
        sorted_rows(links),
        sorted_rows(issues),
    )
    # The unchanged pair (2022 programme → plan) is not linked again: its published rows are kept.
    unchanged_pair = (pl.col("source_document_id") == PP_2022[0]) & (pl.col("document_id") == SP[0])
    kept = link_indicators(indicators(), PublishedLinks(links.filter(~unchanged_pair), issues, changed))
    assert kept.links.height == links.height - 1
    assert kept.links.filter(unchanged_pair).height == 0
