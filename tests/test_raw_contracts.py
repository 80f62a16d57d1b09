"""The files `make contracts` writes from the pandera models are current, so a column is declared once.

dbt's sources and staging YAML and the column tables of docs/raw_tables*.md are generated from the
pandera models by tools/raw_contracts.py; a model edited without `make contracts` fails here.
"""

from __future__ import annotations

import pytest
import yaml

from dagster_project.schemas.strategic_plan import ROW_KINDS
from tools import raw_contracts
from tools.raw_contracts import ROOT, regenerate_doc, sources_yaml, staging_yaml, stale


def test_generated_contract_files_are_current() -> None:
    not_current = [str(path.relative_to(ROOT)) for path in stale()]
    assert not_current == [], (
        f"not generated from the current pandera models: {not_current}; run make contracts"
    )


def test_sources_carry_each_columns_raw_type_and_staging_cast() -> None:
    tables = {table["name"]: table for table in yaml.safe_load(sources_yaml())["sources"][0]["tables"]}
    code = next(column for column in tables["sp_cost_distribution"]["columns"] if column["name"] == "code")
    assert code["data_type"] == "varchar"
    assert code["meta"] == {"staging_name": "plan_code", "staging_type": "varchar"}
    line = next(
        column for column in tables["sp_cost_distribution"]["columns"] if column["name"] == "source_line"
    )
    assert (line["data_type"], line["meta"]["staging_type"]) == ("bigint", "bigint")
    # the registry's modification time is a raw column staging leaves out
    mtime = next(column for column in tables["documents"]["columns"] if column["name"] == "source_mtime_ns")
    assert "meta" not in mtime
    assert set(tables) == set(raw_contracts.MODELS)


def test_a_staging_models_rules_are_one_test_taking_accepted_values_from_the_isin_check() -> None:
    """`staging(tests=[NOT_NULL])` on four columns of the cost distribution, its grain key and its
    row kinds (the `isin` check): one dbt node, `rules_<model>`, not six."""
    models = {model["name"]: model for model in yaml.safe_load(staging_yaml())["models"]}
    cost_distribution = models["stg_raw__sp_cost_distribution"]
    [rules] = cost_distribution["data_tests"]
    assert rules["row_rules"]["name"] == "rules_stg_raw__sp_cost_distribution"
    arguments = rules["row_rules"]["arguments"]
    assert arguments["not_null"] == ["document_id", "row_no", "row_kind", "year"]
    assert arguments["unique"] == [["document_id", "row_no", "year"]]
    values = arguments["accepted_values"]["row_kind"]
    assert values == list(ROW_KINDS)
    assert (len(values), values[0], values[-1]) == (9, "transformation_area", "grand_total")
    assert not any(column.get("data_tests") for column in cost_distribution["columns"])
    # a renamed column is tested by its staging name (raw `scope` and `item`)
    declared = models["stg_raw__sp_declared_counts"]["data_tests"][0]["row_rules"]["arguments"]
    assert declared["not_null"] == ["count_scope", "counted_item"]
    # a test that is no row rule stays a test of its column
    actuals = {c["name"]: c for c in models["stg_raw__actuals"]["columns"]}
    assert actuals["document_id"]["data_tests"] == [
        {"relationships": {"arguments": {"to": "ref('stg_raw__documents')", "field": "document_id"}}}
    ]


def test_a_docs_region_lists_its_tables_columns_and_names_unknown_tables(tmp_path) -> None:
    text = "prose\n<!-- raw_contracts: sp_activities -->\nstale\n<!-- /raw_contracts -->\nmore prose\n"
    written = regenerate_doc(text, tmp_path / "doc.md")
    assert written.startswith("prose\n<!-- raw_contracts: sp_activities -->\n### `raw.sp_activities`")
    assert "| `activity_code` | String | no |" in written
    assert "stale" not in written and written.endswith("<!-- /raw_contracts -->\nmore prose\n")
    # a description citing a dbt doc block ({{ doc("col_source_line") }}) is written out
    cited = regenerate_doc(text.replace("sp_activities", "pp_strategic_goals"), tmp_path / "doc.md")
    assert (
        "| `source_line` | Int64 | no | 1-based line number in the source text file (kaynak satır)" in cited
    )
    with pytest.raises(SystemExit, match="no pandera model for raw table"):
        regenerate_doc(text.replace("sp_activities", "sp_nothing"), tmp_path / "doc.md")


def test_every_staging_model_takes_its_casts_from_the_declaration() -> None:
    """A staging model that wrote its own cast list would be a second declaration of the columns."""
    staged = raw_contracts.staged_tables()
    assert len(staged) == 36 and "document_changes" not in staged
    hand_written = [
        table
        for table in staged
        if f"staged_columns('{table}')"
        not in (raw_contracts.STAGING_DIR / f"stg_raw__{table}.sql").read_text()
    ]
    assert hand_written == []


def test_every_raw_table_is_documented_in_exactly_one_region() -> None:
    """A new raw table whose docs region nobody wrote would otherwise pass undocumented."""
    listed = [
        table
        for path in raw_contracts.DOCS
        for region in raw_contracts.REGION.finditer(path.read_text(encoding="utf-8"))
        for table in region["tables"].split()
    ]
    assert len(listed) == 38
    assert sorted(listed) == sorted(raw_contracts.MODELS)
