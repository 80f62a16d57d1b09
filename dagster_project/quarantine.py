"""One bad document is set aside, not the night: which documents' rows broke a check, and undoing them.

A pandera schema of the parser output (`assets/extraction.py`), a dbt test of severity `error` or a
pandera schema of a mart (both `assets/dbt.py`) that fails on one document's rows names that document: its new rows are left
out of the build (its previously published rows are kept, or it is left out when it had none),
the failure is a row of `raw.quarantined_documents` (the mart `rpt_quarantine`), and the other
documents publish. A failure that no document's rows explain alone (code, schema, seeds, a
warehouse-wide invariant, or a document published before) still stops the refresh.

dbt tests are attributed from their failing rows: the SQL dbt compiled for a failed test
(`compiled_code` in `run_results.json`, what `dbt test --store-failures` would store) runs again on
the build file it failed on. A failing row that carries `document_id` names its document; a row of
a `relationships` test names the documents whose rows of the tested model hold the failing value.
A model's `rules_<model>` test (`dbt/tests/generic/row_rules.sql`: not null, unique, accepted
values, expressions) keeps the model's own rows, and their `broken_rules` name the rules they broke
in the failure's `detail`; so does `labelled_value` (a code without its row in `export_labels`). A singular test (`dbt/tests/*.sql`) selects what explains its failure:
the document, the line of the figure it checks (`source_line`) and the values compared, which the
`detail` lists (`stated_total_try 11.500.000.000, fact_total_try …`).
Only documents this refresh loaded can be set aside: the rows of every other document passed the
same tests when published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from dagster_project.schemas.document_registry import QuarantinedDocumentsSchema
from dagster_project.turkish_numbers import amount_text
from dagster_project.validation import DocumentFailure, polars_schema
from dagster_project.warehouse import RAW_SCHEMA, quote_identifier

QUARANTINE_TABLE = "quarantined_documents"
# The extraction issues of the versions set aside (`raw.extraction_issues` keeps the published ones).
QUARANTINED_ISSUES = "quarantined_extraction_issues"
KEPT, LEFT_OUT = "previous version kept", "left out"
# The column a `relationships` test's failing rows hold the tested value in (dbt's own macro).
_VALUE_COLUMNS = ("from_field",)
# The column of `row_rules`' failing rows that names the rules a row broke (`not_null a, unique b`).
BROKEN_RULES = "broken_rules"
# Lines listed per failure in `raw.quarantined_documents` (the count is in `failing_rows`).
LISTED_LINES = 50
# Failing rows of a singular test whose values a failure's `detail` lists, per document.
LISTED_FINDINGS = 3
# The columns of a failing row that say where it is, not what was found.
_PLACE_COLUMNS = ("document_id", "source_line")


@dataclass(frozen=True)
class SetAside:
    """One failed check of a document that is set aside."""

    document_id: str
    stage: str
    check_name: str
    table_name: str | None
    failing_rows: int
    source_lines: tuple[int, ...]
    detail: str | None = None

    @classmethod
    def from_schema(cls, failure: DocumentFailure, stage: str = "extraction") -> SetAside:
        """A pandera failure of the parser output (`extracted_tables`' check `<table>_schema`) or,
        with `stage` `marts`, of a mart (`mart_schemas`, run by `dbt_models` after its build)."""
        return cls(
            failure.document_id,
            stage,
            f"{failure.table}_schema",
            failure.table,
            failure.rows,
            failure.source_lines,
            "pandera: " + ", ".join(failure.checks),
        )


def lines_text(lines: Iterable[int], shown: int = LISTED_LINES) -> str | None:
    """`253, 254` (the first `shown` lines, then how many more); None without lines."""
    lines = sorted(set(lines))
    if not lines:
        return None
    text = ", ".join(map(str, lines[:shown]))
    return text + (f" … (+{len(lines) - shown} more)" if len(lines) > shown else "")


def quarantine_frame(
    items: Iterable[SetAside], source_files: Mapping[str, str], published_ids: set[str]
) -> pl.DataFrame:
    """`raw.quarantined_documents` for the documents set aside (one row per document and check)."""
    rows = [
        {
            "document_id": item.document_id,
            "source_file": source_files.get(item.document_id, ""),
            "stage": item.stage,
            "check_name": item.check_name,
            "table_name": item.table_name,
            "failing_rows": item.failing_rows,
            "source_lines": lines_text(item.source_lines),
            "published_version": KEPT if item.document_id in published_ids else LEFT_OUT,
            "detail": item.detail,
        }
        for item in items
    ]
    return pl.DataFrame(rows, schema=polars_schema(QuarantinedDocumentsSchema), orient="row")


def registry_with_set_aside(
    documents: pl.DataFrame, published: pl.DataFrame, set_aside: set[str]
) -> pl.DataFrame:
    """`raw.documents` where each document set aside keeps its published registry row, or has none."""
    kept = documents.filter(~pl.col("document_id").is_in(sorted(set_aside)))
    if "document_id" not in published.columns or not set_aside:
        return kept
    previous = published.filter(pl.col("document_id").is_in(sorted(set_aside)))
    return pl.concat([kept, previous.select(kept.columns).cast(kept.schema)])


def document_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> list[str]:
    """Those of `tables` that exist in `raw` with a `document_id` column."""
    wanted = list(tables)
    rows = con.execute(
        "select distinct table_name from duckdb_columns() where schema_name = ? and column_name = 'document_id' "
        "and table_name in (select unnest(?::varchar[]))",
        [RAW_SCHEMA, wanted],
    ).fetchall()
    return sorted(name for (name,) in rows)


def keep_issues(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> None:
    """Copy the extraction issues of `document_ids` (the versions being set aside) to
    `raw.quarantined_extraction_issues` before their published rows replace them."""
    con.execute(
        f"insert into {RAW_SCHEMA}.{QUARANTINED_ISSUES} by name select * from {RAW_SCHEMA}.extraction_issues "
        "where document_id in (select unnest(?::varchar[]))",
        [document_ids],
    )


def restore_published(
    con: duckdb.DuckDBPyConnection, published: Path, document_ids: list[str], tables: Iterable[str]
) -> None:
    """Replace the rows of `document_ids` in the raw `tables` (the registry among them) of the build
    with their rows in the published file, none when it has none; one transaction."""
    names = document_tables(con, tables)
    attached = published.exists()
    if attached:
        # The path is a bound parameter: a file name is never SQL text.
        con.execute("attach ? as published (read_only)", [str(published)])
    try:
        con.execute("begin transaction")
        for table in names:
            target = f"{RAW_SCHEMA}.{quote_identifier(table)}"
            con.execute(
                f"delete from {target} where document_id in (select unnest(?::varchar[]))", [document_ids]
            )
            if attached and _has_table(con, "published", table):
                con.execute(
                    f"insert into {target} by name select * from published.{target} "
                    "where document_id in (select unnest(?::varchar[]))",
                    [document_ids],
                )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        if attached:
            con.execute("detach published")


def _has_table(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> bool:
    [(found,)] = con.execute(
        "select count(*) from duckdb_tables() where database_name = ? and schema_name = ? and table_name = ?",
        [catalog, RAW_SCHEMA, table],
    ).fetchall()
    return bool(found)


def add_quarantined(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> None:
    """Append rows to `raw.quarantined_documents` of the build."""
    con.register("_quarantined", frame.to_arrow())
    try:
        con.execute(f"insert into {RAW_SCHEMA}.{QUARANTINE_TABLE} by name select * from _quarantined")
    finally:
        con.unregister("_quarantined")


@dataclass(frozen=True)
class FailedTest:
    """A dbt test of severity error that failed, and the SQL that selects its failing rows."""

    name: str
    unique_id: str
    failing_rows: str | None  # the test's compiled SQL (a query on the build file)
    model_relation: str | None
    column_name: str | None
    singular: bool = False  # a test of `dbt/tests/*.sql`, which selects the columns that explain it


def _in_build_file(node: Mapping[str, Any]) -> str | None:
    """`"marts"."dim_target"`, a model's relation in the build file whatever its name. The prepared
    manifest's `relation_name` starts with the database of the file it was parsed for (`"plans"`,
    the stem of `PLAN_WAREHOUSE_BUILD_DB` at `make manifest`), which another warehouse path does
    not have."""
    if "schema" not in node or "alias" not in node:
        return None
    return f"{quote_identifier(node['schema'])}.{quote_identifier(node['alias'])}"


def failed_tests(run_results: Mapping[str, Any], manifest: Mapping[str, Any]) -> list[FailedTest]:
    """The tests of a dbt invocation whose status is `fail` (rows failed; not `error`: SQL that did
    not run is never a document's), with their compiled SQL and the relation of the model each is
    attached to."""
    tests = []
    for result in run_results["results"]:
        if result["status"] != "fail" or not result["unique_id"].startswith("test."):
            continue
        node = manifest["nodes"].get(result["unique_id"], {})
        model = manifest["nodes"].get(node.get("attached_node") or "", {})
        tests.append(
            FailedTest(
                node.get("name", result["unique_id"]),
                result["unique_id"],
                result.get("compiled_code") or None,
                _in_build_file(model),
                node.get("column_name")
                or (node.get("test_metadata") or {}).get("kwargs", {}).get("column_name"),
                singular=bool(node) and not node.get("test_metadata"),
            )
        )
    return tests


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    """The columns of `relation` (a table, or a query in parentheses), in its order."""
    return [row[0] for row in con.execute(f"describe {relation}").fetchall()]


def broken_rules_text(broken_rules: pl.Series) -> str:
    """`: not_null goal_code, unique target_id`, the rules a document's failing rows of a
    `rules_<model>` test broke; empty for any other test."""
    names = sorted({name for value in broken_rules.drop_nulls() for name in value.split(", ")})
    return f": {', '.join(names)}" if names else ""


def _value_text(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, float | Decimal):
        return amount_text(value)
    return str(value)


def findings_text(rows: pl.DataFrame, shown: int = LISTED_FINDINGS) -> str:
    """`: stated_total_try 11.500.000.000, fact_total_try 10.950.000.000`, what a document's failing
    rows of a singular test compared (the first `shown` rows, `; ` between them); empty without
    such columns."""
    values = rows.drop([name for name in _PLACE_COLUMNS if name in rows.columns])
    if not values.width or values.is_empty():
        return ""
    text = "; ".join(
        ", ".join(f"{name} {_value_text(value)}" for name, value in row.items())
        for row in values.head(shown).iter_rows(named=True)
    )
    more = f" … (+{values.height - shown} more rows)" if values.height > shown else ""
    return f": {text}{more}"


def attribute_failures(
    con: duckdb.DuckDBPyConnection, test: FailedTest, loaded: set[str]
) -> tuple[list[SetAside], bool]:
    """The documents whose rows a failed test's failing rows name, and whether every failing row
    was attributed to a document this refresh loaded (else the failure is not one document's)."""
    if test.failing_rows is None:
        return [], False
    # On lines of their own: a compiled test may end in a `--` comment.
    failures = f"(\n{test.failing_rows}\n)"
    columns = _columns(con, failures)
    if "document_id" in columns:
        line = "source_line" if "source_line" in columns else "null::bigint"
        broken = BROKEN_RULES if BROKEN_RULES in columns else "null::varchar"
        found = "".join(
            f", {quote_identifier(name)}"
            for name in columns
            if test.singular and name not in (*_PLACE_COLUMNS, BROKEN_RULES)
        )
        sql = (
            f"select document_id, {line} as source_line, {broken} as {BROKEN_RULES}{found} "
            f"from {failures} as failures order by all"
        )
    elif test.model_relation and "document_id" in _columns(con, test.model_relation):
        value = next((c for c in (test.column_name, *_VALUE_COLUMNS) if c and c in columns), None)
        if value is None or not test.column_name:
            return [], False
        model_columns = _columns(con, test.model_relation)
        line = "model.source_line" if "source_line" in model_columns else "null::bigint"
        sql = (
            f"select model.document_id, {line} as source_line, null::varchar as {BROKEN_RULES} "
            f"from {test.model_relation} as model "
            f"where model.{quote_identifier(test.column_name)} in "
            f"(select {quote_identifier(value)} from {failures} as failures)"
        )
    else:
        return [], False
    rows = con.sql(sql).pl()
    total = con.execute(f"select count(*) from {failures} as failures").fetchone()[0]
    if rows.is_empty() and total:
        return [], False
    documents = rows["document_id"]
    whole = documents.is_not_null().all() and set(documents.to_list()) <= loaded
    items = [
        SetAside(
            document_id,
            "dbt",
            test.name,
            test.model_relation.split(".")[-1].strip('"') if test.model_relation else None,
            group.height,
            tuple(group["source_line"].drop_nulls().to_list()),
            f"dbt test {test.unique_id}"
            + (broken_rules_text(group[BROKEN_RULES]) or findings_text(group.drop(BROKEN_RULES))),
        )
        for (document_id,), group in rows.filter(pl.col("document_id").is_in(sorted(loaded))).group_by(
            "document_id", maintain_order=True
        )
    ]
    return items, whole
