"""The marts' pandera schemas over the rows of some documents: which documents' own rows fail them.

`dbt_models` (assets/dbt.py) asks once dbt's tests pass, and sets those documents aside
(`dagster_project/quarantine.py`) before building again; the `mart_schemas` check
(assets/marts.py) then runs the same schemas over what is left. Neither asset imports the other:
both read this module.
"""

from __future__ import annotations

from duckdb import DuckDBPyConnection

from dagster_project.incremental import BATCH_DOCUMENTS
from dagster_project.schemas.marts import MART_MODELS
from dagster_project.validation import DocumentFailure, validate_by_document
from dagster_project.warehouse import quote_identifier, read_table

MART_SCHEMA = "marts"


def has_documents(con: DuckDBPyConnection, mart: str) -> bool:
    """Whether the mart's rows belong to documents (a seed-like mart has no `document_id`)."""
    described = con.execute(f"describe {MART_SCHEMA}.{quote_identifier(mart)}").fetchall()
    return "document_id" in {row[0] for row in described}


def document_failures(con: DuckDBPyConnection, documents: list[str]) -> list[DocumentFailure]:
    """The rows of `documents` that fail a mart's schema, by document (`validate_by_document`), a
    batch of documents at a time; marts without documents are left to `mart_schemas`."""
    failures = []
    for mart, model in MART_MODELS.items():
        if not documents or not has_documents(con, mart):
            continue
        for start in range(0, len(documents), BATCH_DOCUMENTS):
            frame = read_table(con, MART_SCHEMA, mart, documents[start : start + BATCH_DOCUMENTS])
            failures += validate_by_document(model, frame, mart).documents
    return failures
