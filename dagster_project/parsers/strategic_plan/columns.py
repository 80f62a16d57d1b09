"""Column names and Polars types of every strategic-plan table (see docs/raw_tables.md).

Frames are always built with these schemas, so a document that lacks a table (or an empty or broken
document) still yields every table, empty but correctly typed, and the loader never guesses types.
"""

from __future__ import annotations

from typing import Any

import polars as pl

_STR, _INT, _FLOAT, _BOOL = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean()

TABLE_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "sp_goals": {
        "document_id": _STR,
        "goal_code": _STR,
        "goal_text": _STR,
        "service_area": _STR,
        "service_area_heading": _STR,
        "transformation_area": _STR,
        "transformation_area_heading": _STR,
        "source_line": _INT,
    },
    "sp_targets": {
        "document_id": _STR,
        "target_code": _STR,
        "target_text": _STR,
        "goal_code": _STR,
        "responsible_units": pl.List(pl.String()),
        "responsible_units_raw": _STR,
        "responsible_units_source_line": _INT,
        "cost_estimate_try": _FLOAT,
        "cost_estimate_raw": _STR,
        "cost_estimate_source_line": _INT,
        "source_line": _INT,
    },
    "sp_indicators": {
        "document_id": _STR,
        "indicator_code": _STR,
        "indicator_name": _STR,
        "unit": _STR,
        "target_code": _STR,
        "weight_pct": _FLOAT,
        "weight_raw": _STR,
        "monitoring_frequency": _STR,
        "reporting_frequency": _STR,
        "baseline_value": _FLOAT,
        "baseline_raw": _STR,
        "source_line": _INT,
    },
    "sp_indicator_values": {
        "document_id": _STR,
        "indicator_code": _STR,
        "target_code": _STR,
        "value_type": _STR,
        "year": _INT,
        "value": _FLOAT,
        "value_raw": _STR,
        "column_header": _STR,
        "source_line": _INT,
    },
    "sp_activities": {
        "document_id": _STR,
        "activity_code": _STR,
        "activity_name": _STR,
        "target_code": _STR,
        "source_line": _INT,
    },
    "sp_card_extras": {
        "document_id": _STR,
        "target_code": _STR,
        "field": _STR,
        "value": _STR,
        "source_line": _INT,
    },
    "sp_cost_distribution": {
        "document_id": _STR,
        "row_no": _INT,
        "row_kind": _STR,
        "row_label": _STR,
        "code": _STR,
        "transformation_area": _STR,
        "service_area": _STR,
        "year": _INT,
        "amount_try": _FLOAT,
        "amount_raw": _STR,
        "row_total_try": _FLOAT,
        "row_total_raw": _STR,
        "source_line": _INT,
    },
    "sp_revenue_forecast": {
        "document_id": _STR,
        "source_name": _STR,
        "is_total": _BOOL,
        "year": _INT,
        "amount_try": _FLOAT,
        "amount_raw": _STR,
        "row_total_try": _FLOAT,
        "row_total_raw": _STR,
        "source_line": _INT,
    },
    "sp_budget_realisations": {
        "document_id": _STR,
        "year": _INT,
        "is_total": _BOOL,
        "revenue_try": _FLOAT,
        "revenue_raw": _STR,
        "expenditure_try": _FLOAT,
        "expenditure_raw": _STR,
        "coverage_pct": _FLOAT,
        "coverage_raw": _STR,
        "source_line": _INT,
    },
    "sp_declared_counts": {
        "document_id": _STR,
        "scope": _STR,
        "goal_code": _STR,
        "transformation_area": _STR,
        "service_area": _STR,
        "item": _STR,
        "declared_count": _INT,
        "raw_text": _STR,
        "source_line": _INT,
    },
    "sp_success_bands": {
        "document_id": _STR,
        "section": _STR,
        "band_order": _INT,
        "range_text": _STR,
        "lower_pct": _FLOAT,
        "upper_pct": _FLOAT,
        "band_name": _STR,
        "colour_text": _STR,
        "score": _INT,
        "source_line": _INT,
    },
}

TABLE_NAMES: tuple[str, ...] = tuple(TABLE_COLUMNS)

Row = dict[str, Any]


def build_frame(table_name: str, rows: list[Row], document_id: str) -> pl.DataFrame:
    """A frame with the table's exact columns and types; `document_id` is filled in here.

    Built column by column: Polars reads a list per column much faster than a dict per row.
    """
    schema = TABLE_COLUMNS[table_name]
    columns = {name: [row.get(name) for row in rows] for name in schema}
    columns["document_id"] = [document_id] * len(rows)
    return pl.DataFrame(columns, schema=schema)
