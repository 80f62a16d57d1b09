"""The generated corpus: deterministic, identified by the registry, and as consistent as the originals."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dagster_project.document_scan import scan_raw_dir
from dagster_project.extraction import extract
from dagster_project.parsers.result import ParsedDocument
from tools.corpus.generate import generate_document, identity, write_corpus

RAW = Path(__file__).resolve().parent.parent / "raw"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(6, directory)
    return directory


@pytest.fixture(scope="module")
def parsed(corpus: Path) -> dict[str, ParsedDocument]:
    """Originals and the first generated plan (index 0) and programme (index 1), parsed."""
    documents = [*scan_raw_dir(RAW).documents, *scan_raw_dir(corpus).documents]
    wanted = {
        "kocaeli-bb-sp-2020-2024",
        "kayseri-bb-pp-2024",
        identity(0).document_id,
        identity(1).document_id,
    }
    return {d.document_id: extract(d) for d in documents if d.document_id in wanted}


def test_the_same_seed_writes_the_same_bytes_and_a_smaller_corpus_is_a_prefix(
    corpus: Path, tmp_path: Path
) -> None:
    again = write_corpus(3, tmp_path / "again")
    assert [p.read_bytes() for p in again] == [(corpus / p.name).read_bytes() for p in again]
    other_seed, _ = generate_document(1, seed=7)
    assert other_seed != generate_document(1)[0]
    changed, name = generate_document(1, revision=1)
    assert name == generate_document(1)[1] and changed != generate_document(1)[0]


def test_raw_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="never goes into raw"):
        write_corpus(1, RAW)


def test_the_registry_identifies_every_generated_document(corpus: Path) -> None:
    scan = scan_raw_dir(corpus)
    assert scan.rejected == []
    ids = sorted(d.document_id for d in scan.documents)
    assert ids == sorted(identity(i).document_id for i in range(6))
    assert len(set(ids)) == 6
    by_file = {d.source_file: d for d in scan.documents}
    plan = by_file[f"{identity(0).document_id}.txt"]
    # Index 0 is a plan of another administration and period, read from its own cover.
    assert plan.document_type == "strategic_plan"
    assert plan.period_end_year - plan.period_start_year == 4
    assert "Kocaeli" not in plan.administration
    assert all(d.detected_from == "text" for d in scan.documents)


def _goal_residuals(result: ParsedDocument) -> dict[tuple[str, int], float]:
    """Section 7: each goal row minus the sum of its target rows, per plan year (1 to 5)."""
    costs = result.tables["sp_cost_distribution"]
    costs = costs.with_columns(pl.col("year") - pl.col("year").min() + 1)
    targets = (
        costs.filter(pl.col("row_kind") == "target")
        .with_columns(pl.col("code").str.extract(r"^([A-Z]{2}\.\d+)").alias("goal"))
        .group_by("goal", "year")
        .agg(pl.col("amount_try").sum().alias("targets"))
    )
    goals = costs.filter(pl.col("row_kind") == "goal").select(
        pl.col("code").alias("goal"), "year", "amount_try"
    )
    joined = goals.join(targets, on=["goal", "year"], how="left")
    return {
        (g, y): a - (t or 0) for g, y, a, t in joined.select("goal", "year", "amount_try", "targets").rows()
    }


def _card_residuals(result: ParsedDocument) -> dict[str, float]:
    """Target card "Maliyet Tahmini" minus the section 7 row total of the same target."""
    totals = (
        result.tables["sp_cost_distribution"]
        .filter(pl.col("row_kind") == "target")
        .group_by("code")
        .agg(pl.col("row_total_try").first())
    )
    cards = result.tables["sp_targets"].select(pl.col("target_code").alias("code"), "cost_estimate_try")
    joined = cards.join(totals, on="code")
    return dict(zip(joined["code"], joined["cost_estimate_try"] - joined["row_total_try"], strict=True))


def test_a_generated_plan_keeps_the_originals_arithmetic(parsed: dict[str, ParsedDocument]) -> None:
    original, generated = parsed["kocaeli-bb-sp-2020-2024"], parsed[identity(0).document_id]
    # Amounts moved (KE.1.1's 2020 cell is not the original 286.490.000) ...
    assert not generated.tables["sp_cost_distribution"]["amount_try"].equals(
        original.tables["sp_cost_distribution"]["amount_try"]
    )
    # ... yet every goal differs from its targets exactly as much as in the original, per year,
    assert _goal_residuals(generated) == _goal_residuals(original)
    assert _card_residuals(generated) == _card_residuals(original)

    # and the parser reports the same issues (by severity) as for the original.
    def severities(result: ParsedDocument) -> dict[str, int]:
        return dict(result.issues.group_by("severity").len().iter_rows())

    assert severities(generated) == severities(original)


def test_a_generated_programme_keeps_the_originals_arithmetic(parsed: dict[str, ParsedDocument]) -> None:
    original, generated = parsed["kayseri-bb-pp-2024"], parsed[identity(1).document_id]
    costs = {key: generated.tables[key].height for key in original.tables}
    assert costs == {key: frame.height for key, frame in original.tables.items()} | {
        "document_table_cells": costs["document_table_cells"]
    }

    def by_code(result: ParsedDocument) -> dict[str, tuple[float, float]]:
        """Σ activity cost rows vs section 2.5's activity column, per economic code."""
        rows = result.tables["pp_activity_costs"].group_by("economic_code").agg(pl.col("total_try").sum())
        needs = result.tables["pp_resource_needs"].filter(
            (pl.col("row_kind") == "economic_code") & (pl.col("funding_group") == "budget")
        )
        stated = dict(needs.select("economic_code", "activity_try").rows())
        return {code: (total, stated.get(code) or 0.0) for code, total in rows.rows()}

    generated_codes, original_codes = by_code(generated), by_code(original)
    assert generated_codes != original_codes  # amounts were scaled
    # The differences between the chains are the original's (zero to the kuruş).
    assert {c: round(a - b, 2) for c, (a, b) in generated_codes.items()} == {
        c: round(a - b, 2) for c, (a, b) in original_codes.items()
    }
