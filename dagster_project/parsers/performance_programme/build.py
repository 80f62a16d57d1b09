"""Turn the linked records into the `pp_*` frames (see frames.COLUMNS for the contracts)."""

from __future__ import annotations

import polars as pl

from dagster_project.parsers.performance_programme.frames import amount_columns, frame
from dagster_project.parsers.performance_programme.model import (
    AdminRow,
    CostTable,
    PerformanceTarget,
    ResourceRow,
    Responsibility,
)
from dagster_project.parsers.performance_programme.performance_targets import indicator_unit
from dagster_project.parsers.performance_programme.state import ParseState
from dagster_project.parsers.performance_programme.strategic_goals import StrategicGoal, StrategicTarget

PH_AMOUNTS = ("budget_try", "non_budget_try", "total_try")
COST_AMOUNTS = (
    "budget_allocation_try",
    "revolving_fund_try",
    "other_domestic_try",
    "foreign_try",
    "total_try",
)
ADMIN_AMOUNTS = (
    "budget_try",
    "budget_share_pct",
    "non_budget_try",
    "non_budget_share_pct",
    "total_try",
    "total_share_pct",
)
RESOURCE_AMOUNTS = ("activity_try", "general_administration_try", "transfers_try", "total_try")


def build_tables(
    state: ParseState,
    goals: list[StrategicGoal],
    strategic_targets: list[StrategicTarget],
    targets: list[PerformanceTarget],
    cost_tables: list[CostTable],
    admin_rows: list[AdminRow],
    resource_rows: list[ResourceRow],
    responsibilities: list[Responsibility],
) -> dict[str, pl.DataFrame]:
    doc = state.document_id
    activity_index = {(a.performance_target_no, a.activity_no): a for t in targets for a in t.activities}
    tables: dict[str, pl.DataFrame] = {}
    tables["pp_strategic_goals"] = frame(
        "pp_strategic_goals",
        [
            {
                "document_id": doc,
                "goal_no": g.goal_no,
                "goal_text": g.text,
                "service_area": g.service_area,
                "source_line": g.source_line,
            }
            for g in goals
        ],
    )
    tables["pp_strategic_targets"] = frame(
        "pp_strategic_targets",
        [
            {
                "document_id": doc,
                "target_code": t.code,
                "goal_no": t.goal_no,
                "target_no": t.target_no,
                "target_text": t.text,
                "source_line": t.source_line,
            }
            for t in strategic_targets
        ],
    )
    tables["pp_performance_targets"] = frame(
        "pp_performance_targets",
        [
            {
                "document_id": doc,
                "performance_target_no": t.no,
                "performance_target_text": t.text,
                "section_code": t.section_code,
                "service_area": t.service_area,
                "goal_no": t.goal_no,
                "goal_text": t.goal_text,
                "target_code": t.target_code,
                "target_text": t.target_text,
                "target_code_matching_text": t.target_code_matching_text,
                "explanation": t.explanation,
                "fiscal_year": t.fiscal_year,
                "activity_count": len(t.activities),
                "indicator_count": len(t.indicators),
                **amount_columns(PH_AMOUNTS, t.total),
                "total_source_line": t.total_line,
                "table_source_line": t.table_line,
                "source_line": t.source_line,
            }
            for t in targets
        ],
    )
    tables["pp_indicators"] = frame(
        "pp_indicators",
        [
            {
                "document_id": doc,
                "performance_target_no": t.no,
                "indicator_no": i.indicator_no,
                "indicator_name": i.name,
                "unit": indicator_unit(i.name),
                "explanation": i.explanation,
                "source_line": i.source_line,
            }
            for t in targets
            for i in t.indicators
        ],
    )
    tables["pp_indicator_values"] = frame(
        "pp_indicator_values",
        [
            {
                "document_id": doc,
                "performance_target_no": t.no,
                "indicator_no": i.indicator_no,
                "year": v.year,
                "value_type": v.value_type,
                "column_header": v.column_header,
                "value": v.value,
                "value_raw": v.raw,
                "value_note": v.note,
                "source_line": i.source_line,
            }
            for t in targets
            for i in t.indicators
            for v in i.values
        ],
    )
    tables["pp_activities"] = frame(
        "pp_activities",
        [
            {
                "document_id": doc,
                "performance_target_no": a.performance_target_no,
                "activity_no": a.activity_no,
                "activity_global_no": a.global_no,
                "written_no": a.written_no,
                "activity_name": a.name,
                "responsible_unit": a.responsible_unit,
                "fiscal_year": a.fiscal_year,
                **amount_columns(PH_AMOUNTS, a.amounts),
                "placement_note": a.placement_note,
                "source_line": a.source_line,
            }
            for t in targets
            for a in t.activities
        ],
    )

    def global_no(table: CostTable) -> int | None:
        activity = activity_index.get((table.performance_target_no, table.activity_no))  # type: ignore[arg-type]
        return activity.global_no if activity else None

    tables["pp_activity_cost_tables"] = frame(
        "pp_activity_cost_tables",
        [
            {
                "document_id": doc,
                "performance_target_no": c.performance_target_no,
                "activity_no": c.activity_no,
                "activity_global_no": global_no(c),
                "performance_target_text": c.performance_target_text,
                "activity_name": c.activity_name,
                "responsible_unit": c.responsible_unit,
                "explanation": c.explanation,
                "fiscal_year": c.fiscal_year,
                **amount_columns(COST_AMOUNTS, c.total),
                "placement_note": c.total_note,
                "total_source_line": c.total_line,
                "source_line": c.source_line,
            }
            for c in cost_tables
        ],
    )
    tables["pp_activity_costs"] = frame(
        "pp_activity_costs",
        [
            {
                "document_id": doc,
                "performance_target_no": c.performance_target_no,
                "activity_no": c.activity_no,
                "activity_global_no": global_no(c),
                "fiscal_year": c.fiscal_year,
                "economic_code": r.economic_code,
                "economic_code_name": r.economic_code_name,
                **amount_columns(COST_AMOUNTS, r.amounts),
                "placement_note": r.placement_note,
                "source_line": r.source_line,
            }
            for c in cost_tables
            for r in c.rows
        ],
    )
    tables["pp_administration_performance"] = frame(
        "pp_administration_performance",
        [
            {
                "document_id": doc,
                "row_kind": r.row_kind,
                "performance_target_no": r.performance_target_no,
                "activity_no": r.activity_no,
                "activity_global_no": r.activity_global_no,
                "label": r.label,
                **amount_columns(ADMIN_AMOUNTS, r.amounts),
                "placement_note": r.placement_note,
                "source_line": r.source_line,
            }
            for r in admin_rows
        ],
    )
    tables["pp_resource_needs"] = frame(
        "pp_resource_needs",
        [
            {
                "document_id": doc,
                "funding_group": r.funding_group,
                "row_kind": r.row_kind,
                "economic_code": r.economic_code,
                "label": r.label,
                **amount_columns(RESOURCE_AMOUNTS, r.amounts),
                "placement_note": r.placement_note,
                "source_line": r.source_line,
            }
            for r in resource_rows
        ],
    )

    def responsibility_global(r: Responsibility) -> int | None:
        activity = activity_index.get((r.performance_target_no, r.activity_no))  # type: ignore[arg-type]
        return activity.global_no if activity else None

    tables["pp_responsibilities"] = frame(
        "pp_responsibilities",
        [
            {
                "document_id": doc,
                "performance_target_no": r.performance_target_no,
                "performance_target_text": r.performance_target_text,
                "activity_no": r.activity_no,
                "activity_global_no": responsibility_global(r),
                "activity_name": r.activity_name,
                "name_match_score": r.match_score,
                "responsible_unit": r.responsible_unit,
                "unit_carried_down": r.unit_carried_down,
                "packed_cell": r.packed_cell,
                "cell_part": r.cell_part,
                "source_line": r.source_line,
            }
            for r in responsibilities
        ],
    )
    tables["pp_declared_counts"] = frame("pp_declared_counts", state.declared_counts)
    tables["pp_findings"] = frame("pp_findings", state.finding_rows())
    return tables
