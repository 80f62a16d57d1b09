"""Incremental refresh: a refresh parses only new or changed documents and keeps the others' rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import PublishedRun, materialize_refresh

from dagster_project.corpus.generate import generate_document, identity
from dagster_project.documents import scan_raw_dir
from dagster_project.incremental import parser_version, plan_extraction, published_state

SP, PP = "kocaeli-bb-sp-2020-2024", "kayseri-bb-pp-2024"
MARTS = (
    "dim_goal",
    "dim_indicator",
    "dim_activity",
    "fct_budget",
    "fct_indicator_value",
    "rpt_reconciliation",
)


def mart_rows(db: Path, document_id: str) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            mart: sorted(
                con.execute(f"select * from marts.{mart} where document_id = ?", [document_id]).fetchall(),
                key=repr,
            )
            for mart in MARTS
        }


def reconciliation_profile(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[tuple[str, str], int]:
    rows = con.execute(
        "select check_name, status, count(*) from marts.rpt_reconciliation where document_id = ? group by all",
        [document_id],
    ).fetchall()
    return {(check, status): count for check, status, count in rows}


def test_unchanged_documents_are_skipped_by_content_hash(published_run: PublishedRun) -> None:
    published = published_state(published_run.db)
    scan = scan_raw_dir(published_run.raw)
    assert plan_extraction(scan, published, parser_version()).to_parse == []
    # A new parser (another version) reads every document again.
    assert len(plan_extraction(scan, published, "0" * 16).to_parse) == 2


@pytest.fixture(scope="module")
def added(published_run: PublishedRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The published warehouse of the shipped documents, refreshed after a third document arrived."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(published_run.raw, root / "raw")
    shutil.copytree(published_run.db.parent, root / "warehouse")
    text, name = generate_document(1)
    (root / "raw" / name).write_text(text, encoding="utf-8")
    db = root / "warehouse" / "plans.duckdb"
    return db, materialize_refresh(root / "raw", db)


def test_only_the_new_document_is_parsed(added: tuple[Path, object]) -> None:
    _, result = added
    assert result.success  # type: ignore[attr-defined]
    extracted = next(
        event.event_specific_data.materialization.metadata
        for event in result.get_asset_materialization_events()  # type: ignore[attr-defined]
        if event.event_specific_data.materialization.asset_key.to_user_string() == "extracted_tables"
    )
    assert extracted["documents_parsed"].value == 1
    assert extracted["documents_unchanged"].value == 2


def test_the_other_documents_marts_are_unchanged(
    published_run: PublishedRun, added: tuple[Path, object]
) -> None:
    db, _ = added
    for document_id in (SP, PP):
        assert mart_rows(db, document_id) == mart_rows(published_run.db, document_id)


def test_the_generated_programme_reconciles_like_the_original(added: tuple[Path, object]) -> None:
    db, _ = added
    with duckdb.connect(str(db), read_only=True) as con:
        generated = reconciliation_profile(con, identity(1).document_id)
        assert generated == reconciliation_profile(con, PP)
        # 231 activity × economic-code rows, as in the original, with other amounts.
        counts = con.execute(
            "select document_id, count(*), sum(amount_try) from marts.fct_budget "
            "where grain = 'activity' group by all order by 1"
        ).fetchall()
    by_document = {document_id: (rows, total) for document_id, rows, total in counts}
    assert by_document[identity(1).document_id][0] == by_document[PP][0]
    assert by_document[identity(1).document_id][1] != by_document[PP][1]
