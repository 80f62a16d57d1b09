"""Column contracts of the `pp_*` tables (documented in docs/raw_tables_performance_programme.md).

Every frame is built from these dtype maps, so an empty document still yields every table with its
columns, and the pandera schemas in `dagster_project/schemas/performance_programme.py` check them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import polars as pl

S, INT, F, B = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean()


@cache
def _amount_names(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(value column, cell-text column) per amount: `budget_try` → `budget_raw` (once per table,
    not once per row)."""
    return tuple((name, name.removesuffix("_try").removesuffix("_pct") + "_raw") for name in names)


def _amounts(*names: str) -> dict[str, pl.DataType]:
    columns: dict[str, pl.DataType] = {}
    for name, raw_name in _amount_names(names):
        columns[name] = F
        columns[raw_name] = S
    return columns


COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "pp_strategic_goals": {
        "document_id": S,
        "goal_no": INT,
        "goal_text": S,
        "service_area": S,
        "source_line": INT,
    },
    "pp_strategic_targets": {
        "document_id": S,
        "target_code": S,
        "goal_no": INT,
        "target_no": INT,
        "target_text": S,
        "source_line": INT,
    },
    "pp_performance_targets": {
        "document_id": S,
        "performance_target_no": INT,
        "performance_target_text": S,
        "section_code": S,
        "service_area": S,
        "goal_no": INT,
        "goal_text": S,
        "target_code": S,
        "target_text": S,
        "target_code_matching_text": S,
        "explanation": S,
        "fiscal_year": INT,
        "activity_count": INT,
        "indicator_count": INT,
        **_amounts("budget_try", "non_budget_try", "total_try"),
        "total_source_line": INT,
        "table_source_line": INT,
        "source_line": INT,
    },
    "pp_indicators": {
        "document_id": S,
        "performance_target_no": INT,
        "indicator_no": INT,
        "indicator_name": S,
        "unit": S,
        "explanation": S,
        "source_line": INT,
    },
    "pp_indicator_values": {
        "document_id": S,
        "performance_target_no": INT,
        "indicator_no": INT,
        "year": INT,
        "value_type": S,
        "column_header": S,
        "value": F,
        "value_raw": S,
        "value_note": S,
        "source_line": INT,
    },
    "pp_activities": {
        "document_id": S,
        "performance_target_no": INT,
        "activity_no": INT,
        "activity_global_no": INT,
        "written_no": INT,
        "activity_name": S,
        "responsible_unit": S,
        "fiscal_year": INT,
        **_amounts("budget_try", "non_budget_try", "total_try"),
        "placement_note": S,
        "source_line": INT,
    },
    "pp_activity_cost_tables": {
        "document_id": S,
        "performance_target_no": INT,
        "activity_no": INT,
        "activity_global_no": INT,
        "performance_target_text": S,
        "activity_name": S,
        "responsible_unit": S,
        "explanation": S,
        "fiscal_year": INT,
        **_amounts(
            "budget_allocation_try", "revolving_fund_try", "other_domestic_try", "foreign_try", "total_try"
        ),
        "placement_note": S,
        "total_source_line": INT,
        "source_line": INT,
    },
    "pp_activity_costs": {
        "document_id": S,
        "performance_target_no": INT,
        "activity_no": INT,
        "activity_global_no": INT,
        "fiscal_year": INT,
        "economic_code": S,
        "economic_code_name": S,
        **_amounts(
            "budget_allocation_try", "revolving_fund_try", "other_domestic_try", "foreign_try", "total_try"
        ),
        "placement_note": S,
        "source_line": INT,
    },
    "pp_administration_performance": {
        "document_id": S,
        "row_kind": S,
        "performance_target_no": INT,
        "activity_no": INT,
        "activity_global_no": INT,
        "label": S,
        **_amounts(
            "budget_try",
            "budget_share_pct",
            "non_budget_try",
            "non_budget_share_pct",
            "total_try",
            "total_share_pct",
        ),
        "placement_note": S,
        "source_line": INT,
    },
    "pp_resource_needs": {
        "document_id": S,
        "funding_group": S,
        "row_kind": S,
        "economic_code": S,
        "label": S,
        **_amounts("activity_try", "general_administration_try", "transfers_try", "total_try"),
        "placement_note": S,
        "source_line": INT,
    },
    "pp_responsibilities": {
        "document_id": S,
        "performance_target_no": INT,
        "performance_target_text": S,
        "activity_no": INT,
        "activity_global_no": INT,
        "activity_name": S,
        "name_match_score": F,
        "responsible_unit": S,
        "unit_carried_down": B,
        "packed_cell": B,
        "cell_part": INT,
        "source_line": INT,
    },
    "pp_declared_counts": {
        "document_id": S,
        "item": S,
        "declared_count": INT,
        "raw_text": S,
        "line_position": INT,
        "source_line": INT,
    },
    "pp_findings": {
        "document_id": S,
        "finding_type": S,
        "table_name": S,
        "performance_target_no": INT,
        "activity_no": INT,
        "activity_global_no": INT,
        "economic_code": S,
        "expected": S,
        "found": S,
        "message": S,
        "source_line": INT,
    },
}


def frame(name: str, rows: Sequence[dict[str, Any]]) -> pl.DataFrame:
    """Build a table from row dicts with the contract's column order and dtypes (column by column:
    Polars reads a list per column much faster than a list per row)."""
    schema = COLUMNS[name]
    return pl.DataFrame({column: [row.get(column) for row in rows] for column in schema}, schema=schema)


def amount_columns(prefixes: tuple[str, ...], placement: Any) -> dict[str, Any]:
    """`{prefix_try: value, prefix_raw: raw}` for each slot of a placement (nulls when unplaced)."""
    out: dict[str, Any] = {}
    for slot, (name, raw_name) in enumerate(_amount_names(prefixes)):
        out[name] = None if placement is None else placement.values[slot]
        out[raw_name] = None if placement is None else placement.raws[slot]
    return out
