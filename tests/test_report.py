"""The HTML report per document: built by its asset, self-contained, and rendered by a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PublishedRun
from screenshot_pixels import colour_counts

from dagster_project.exports.svg import BAND_COLOURS, horizontal_bars
from dagster_project.turkish_numbers import turkish_number

SP = "kocaeli-bb-sp-2020-2024"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_reports_exist_per_document_and_need_no_network(published_run: PublishedRun) -> None:
    reports = sorted(path.name for path in (published_run.exports / "report").glob("*.html"))
    assert reports == ["kayseri-bb-pp-2024.html", f"{SP}.html"]
    html = (published_run.exports / "report" / f"{SP}.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "<script" not in html
    assert html.count("<svg") == 2  # budget by year and service area, indicators per goal
    assert "Kocaeli Büyükşehir Belediyesi · 2020-2024 Stratejik Plan" in html
    # KE.1 has 52 indicators; the KE.1 activity count mismatch (49 declared, 48 found) is listed.
    assert "52 gösterge" in html
    assert re.search(
        r"<h3>declared_vs_found_activities \(\d+\)</h3>.*?<td>KE\.1</td><td>[^<]*</td>"
        r'<td class="n">49</td><td class="n">48</td>',
        html,
    )


def test_reconciliation_findings_show_both_texts_with_their_line_grouped_by_check(
    published_run: PublishedRun,
) -> None:
    html = (published_run.exports / "report" / "kayseri-bb-pp-2024.html").read_text(encoding="utf-8")
    # Activity 18.5: the cost table names it longer than the performance-target table (line 2094).
    finding = (
        "<td>pp_activity_cost_tables / PH18 / activity 18.5 / line 2094</td><td>satır 2094</td>"
        "<td>Tarımsal kalkınma ve destek projeleri (tarım makineleri alım işi)</td>"
        "<td>Tarımsal kalkınma ve destek projeleri</td>"
    )
    assert finding in html
    group = html.index("<h3>finding_activity_name_differs (")
    assert html.index(finding) > group and html.count("<h3>finding_activity_name_differs (") == 1


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (run `make browser`)")
def test_report_renders_in_headless_chromium(published_run: PublishedRun, tmp_path: Path) -> None:
    screenshot = tmp_path / "report.png"
    report = published_run.exports / "report" / f"{SP}.html"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={screenshot}",
            "--window-size=800,1000",
            report.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    colours, coloured_share = colour_counts(screenshot)
    # Charts in ten palette colours plus anti-aliased text: a blank or single-colour page fails.
    assert colours >= 50
    assert 0.05 <= coloured_share <= 0.9


def test_the_headline_counts_warnings_and_errors_not_info_notes(published_run: PublishedRun) -> None:
    with published_run.connect() as con:
        by_severity = dict(
            con.execute(
                "select severity, count(*) from marts.rpt_extraction_issues where document_id = ? group by all",
                [SP],
            ).fetchall()
        )
    problems = by_severity.get("warning", 0) + by_severity.get("error", 0)
    assert by_severity.get("info", 0) > 0  # the plan has info notes, which the headline leaves out
    html = (published_run.exports / "report" / f"{SP}.html").read_text(encoding="utf-8")
    assert f"<div class='card'><b>{turkish_number(problems)}</b>çıkarım uyarısı / hatası</div>" in html


def test_success_band_bars_are_drawn_in_each_bands_own_colour() -> None:
    svg = horizontal_bars(
        [("Hedef Üstü", 3), ("Çok Zayıf", 1)],
        "gösterge",
        colours=[BAND_COLOURS["dark_green"], BAND_COLOURS["red"]],
    )
    assert [f'fill="{BAND_COLOURS[name]}"' in svg for name in ("dark_green", "red")] == [True, True]
    with open(
        Path(__file__).resolve().parent.parent / "seeds" / "success_bands.csv", encoding="utf-8"
    ) as seed:
        colours = {line.rstrip("\n").split(",")[-1] for line in list(seed)[1:]}
    assert colours <= BAND_COLOURS.keys()  # every colour the seed names can be drawn
