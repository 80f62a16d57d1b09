"""Link the tables of one programme by position and report every textual contradiction as a finding.

Links: a cost table and a 2.4 activity row are the n-th activity of their performance target; a
2.6 row is matched by name inside its target (2.6 may repeat or omit activities). Names are then
compared with Turkish-aware keys. Nothing is corrected: the finding says what each table states.
Amounts are not compared here: numeric reconciliation lives in dbt (int_pp_reconciliation__*),
once, with one tolerance.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from dagster_project.parsers.performance_programme.layout import same_name
from dagster_project.parsers.performance_programme.model import (
    AdminRow,
    CostTable,
    PerformanceTarget,
    Programme,
    Responsibility,
)
from dagster_project.parsers.performance_programme.state import Finding, ParseState
from dagster_project.parsers.performance_programme.strategic_goals import StrategicGoal, StrategicTarget
from dagster_project.parsers.similarity import best_similarity, similarity

CITATION_MATCH = 0.8  # cited text at least this similar to a 2.2.2 target is that target's text
UNIT_IS_TEXT = 0.8  # a responsible-unit cell this similar to the target's text is that text


def link_and_check(state: ParseState, p: Programme) -> None:
    _check_citations(state, p.goals, p.strategic_targets, p.targets)
    _link_cost_tables(state, p.targets, p.cost_tables)
    _link_administration(state, p.targets, p.admin_rows)
    _check_responsibilities(state, p.targets, p.cost_tables, p.responsibilities)
    _record_declared_counts(state)


def _check_citations(
    state: ParseState,
    goals: list[StrategicGoal],
    strategic_targets: list[StrategicTarget],
    targets: list[PerformanceTarget],
) -> None:
    """A performance target cites a strategic goal and target: its text must be 2.2.2's text."""
    by_code = {t.code: t for t in strategic_targets}
    # Every citation is compared with every 2.2.2 target: their texts and codes, read once.
    quotable = [(t.text, t.code) for t in strategic_targets]
    goal_by_no = {g.goal_no: g for g in goals}
    for pt in targets:
        _check_goal_citation(state, pt, goal_by_no)
        _check_target_citation(state, pt, by_code, quotable, strategic_targets)


def _check_goal_citation(
    state: ParseState, pt: PerformanceTarget, goal_by_no: dict[int, StrategicGoal]
) -> None:
    """The cited goal's text and the section heading agree with 2.2.2's goal."""
    if pt.goal_no is None or pt.goal_no not in goal_by_no or not pt.goal_text:
        return
    goal = goal_by_no[pt.goal_no]
    if not same_name(goal.text, pt.goal_text):
        state.finding(
            Finding(
                "strategic_goal_text_differs",
                "pp_performance_targets",
                f"performance target {pt.no} cites strategic goal {pt.goal_no} with a text that differs from section 2.2.2 "
                f"(similarity {similarity(goal.text, pt.goal_text):.2f})",
                pt.goal_line,
                pt.no,
                expected=goal.text,
                found=pt.goal_text,
            )
        )
    if (
        pt.service_area
        and goal.service_area
        and not same_name(re.sub(r"^\d+(\.\d+)*\.?\s*", "", pt.service_area), goal.service_area)
    ):
        state.finding(
            Finding(
                "service_area_text_differs",
                "pp_performance_targets",
                f"section heading of performance target {pt.no} differs from goal {goal.goal_no}'s service area in 2.2.2",
                pt.table_line,
                pt.no,
                expected=goal.service_area,
                found=pt.service_area,
            )
        )


def _check_target_citation(
    state: ParseState,
    pt: PerformanceTarget,
    by_code: dict[str, StrategicTarget],
    quotable: list[tuple[str, str]],
    strategic_targets: list[StrategicTarget],
) -> None:
    """The cited target exists under the cited goal, and the quoted text is its text."""
    if pt.target_code is None:
        return
    if pt.goal_no is not None and not pt.target_code.startswith(f"{pt.goal_no}."):
        state.finding(
            Finding(
                "strategic_target_outside_goal",
                "pp_performance_targets",
                f"performance target {pt.no} cites strategic target {pt.target_code} under goal {pt.goal_no}",
                pt.target_line,
                pt.no,
                expected=f"{pt.goal_no}.*",
                found=pt.target_code,
            )
        )
    cited = by_code.get(pt.target_code)
    quoted_text = pt.target_text or ""
    quoted = best_similarity(((text, quoted_text, code) for text, code in quotable), CITATION_MATCH)
    if quoted is not None:
        pt.target_code_matching_text = quoted[1]
    if cited is None:
        if strategic_targets:
            state.finding(
                Finding(
                    "strategic_target_not_found",
                    "pp_performance_targets",
                    f"performance target {pt.no} cites strategic target {pt.target_code}, which section 2.2.2 does not list",
                    pt.target_line,
                    pt.no,
                    found=pt.target_code,
                )
            )
        return
    own = similarity(cited.text, pt.target_text or "")
    if quoted is not None and quoted[1] != cited.code and quoted[0] > own:
        best_score, best_code = quoted
        state.finding(
            Finding(
                "strategic_target_citation_mismatch",
                "pp_performance_targets",
                f"performance target {pt.no} cites strategic target {pt.target_code} but quotes the text of "
                f"{best_code} (similarity {best_score:.2f} vs {own:.2f} to {pt.target_code})",
                pt.target_line,
                pt.no,
                expected=f"{cited.code}: {cited.text}",
                found=pt.target_text,
            )
        )
    elif own < 1.0:
        state.finding(
            Finding(
                "strategic_target_text_differs",
                "pp_performance_targets",
                f"performance target {pt.no} quotes strategic target {pt.target_code} with different wording "
                f"(similarity {own:.2f})",
                pt.target_line,
                pt.no,
                expected=cited.text,
                found=pt.target_text,
            )
        )


def _link_cost_tables(
    state: ParseState, targets: list[PerformanceTarget], cost_tables: list[CostTable]
) -> None:
    by_no = {t.no: t for t in targets}
    linked: set[tuple[int, int]] = set()
    for table in cost_tables:
        pt = by_no.get(table.performance_target_no)  # type: ignore[arg-type]
        if pt is None or table.activity_no is None:
            continue
        if table.performance_target_text and not same_name(table.performance_target_text, pt.text):
            state.finding(
                Finding(
                    "performance_target_text_differs",
                    "pp_activity_cost_tables",
                    f"cost table writes performance target {pt.no}'s text differently",
                    table.source_line + 1 if state.line(table.source_line + 1) else table.source_line,
                    pt.no,
                    table.activity_no,
                    expected=pt.text,
                    found=table.performance_target_text,
                )
            )
        if table.activity_no > len(pt.activities):
            continue
        activity = pt.activities[table.activity_no - 1]
        linked.add((pt.no, table.activity_no))
        activity.responsible_unit = table.responsible_unit
        if table.activity_name and not same_name(table.activity_name, activity.name):
            state.finding(
                Finding(
                    "activity_name_differs",
                    "pp_activity_cost_tables",
                    f"activity {pt.no}.{table.activity_no}: the cost table's name differs from the performance-target table "
                    f"(similarity {similarity(table.activity_name, activity.name):.2f})",
                    table.activity_name_line,
                    pt.no,
                    table.activity_no,
                    expected=activity.name,
                    found=table.activity_name,
                )
            )
        unit = table.responsible_unit or ""
        for text, what in ((pt.text, "performance target's text"), (activity.name, "activity name")):
            if unit and similarity(unit, text, UNIT_IS_TEXT) >= UNIT_IS_TEXT:
                state.finding(
                    Finding(
                        "responsible_unit_is_text",
                        "pp_activity_cost_tables",
                        f"activity {pt.no}.{table.activity_no}: the `Sorumlu Harcama Birimi` cell holds the {what}, not a unit",
                        table.responsible_unit_line,
                        pt.no,
                        table.activity_no,
                        expected="a spending unit",
                        found=unit,
                    )
                )
                break
    for pt in targets:
        for activity in pt.activities:
            if (pt.no, activity.activity_no) not in linked:
                state.finding(
                    Finding(
                        "cost_table_missing",
                        "pp_activity_cost_tables",
                        f"activity {pt.no}.{activity.activity_no} has no FAALİYET MALİYET TABLOSU",
                        activity.source_line,
                        pt.no,
                        activity.activity_no,
                        found=activity.name,
                    )
                )


def _link_administration(state: ParseState, targets: list[PerformanceTarget], rows: list[AdminRow]) -> None:
    if not rows:
        return
    by_no = {t.no: t for t in targets}
    seen_pt: set[int] = set()
    seen_activity: set[tuple[int, int]] = set()
    for row in rows:
        if row.row_kind == "performance_target" and row.performance_target_no is not None:
            seen_pt.add(row.performance_target_no)
            _link_target_row(state, row, by_no)
        elif (
            row.row_kind == "activity"
            and row.performance_target_no is not None
            and row.activity_no is not None
        ):
            _link_activity_row(state, row, by_no, seen_activity)
    for pt in targets:
        if pt.no not in seen_pt:
            state.finding(
                Finding(
                    "performance_target_missing",
                    "pp_administration_performance",
                    f"performance target {pt.no} is not listed in 2.4",
                    pt.source_line,
                    pt.no,
                    found=pt.text,
                )
            )
        for activity in pt.activities:
            if (pt.no, activity.activity_no) not in seen_activity:
                state.finding(
                    Finding(
                        "activity_missing",
                        "pp_administration_performance",
                        f"activity {pt.no}.{activity.activity_no} is not listed in 2.4",
                        activity.source_line,
                        pt.no,
                        activity.activity_no,
                        found=activity.name,
                    )
                )


def _link_target_row(state: ParseState, row: AdminRow, by_no: dict[int, PerformanceTarget]) -> None:
    """A 2.4 target row names a target of the 2.3 tables, with its text."""
    pt = by_no.get(row.performance_target_no)
    if pt is None:
        state.finding(
            Finding(
                "performance_target_unknown",
                "pp_administration_performance",
                f"2.4 lists performance target {row.performance_target_no}, which has no 2.3 table",
                row.source_line,
                row.performance_target_no,
                found=row.label,
            )
        )
        return
    if row.label and not same_name(row.label, pt.text):
        state.finding(
            Finding(
                "performance_target_text_differs",
                "pp_administration_performance",
                f"2.4 writes performance target {pt.no}'s text differently (similarity {similarity(row.label, pt.text):.2f})",
                row.source_line,
                pt.no,
                expected=pt.text,
                found=row.label,
            )
        )


def _link_activity_row(
    state: ParseState, row: AdminRow, by_no: dict[int, PerformanceTarget], seen_activity: set[tuple[int, int]]
) -> None:
    """A 2.4 activity row is the n-th activity of its target: it gives that activity its global
    number (`F<n>`); its name must be the performance-target table's."""
    pt = by_no.get(row.performance_target_no)
    if pt is None:
        return
    if row.activity_no > len(pt.activities):
        state.finding(
            Finding(
                "activity_unknown",
                "pp_administration_performance",
                f"2.4 lists activity {row.activity_global_no} as activity {row.activity_no} of target {pt.no}, which has {len(pt.activities)}",
                row.source_line,
                pt.no,
                row.activity_no,
                row.activity_global_no,
                found=row.label,
            )
        )
        return
    activity = pt.activities[row.activity_no - 1]
    seen_activity.add((pt.no, row.activity_no))
    activity.global_no = row.activity_global_no
    if row.label and not same_name(row.label, activity.name):
        state.finding(
            Finding(
                "activity_name_differs",
                "pp_administration_performance",
                f"activity {pt.no}.{row.activity_no} (F{row.activity_global_no}): 2.4's name differs from the "
                f"performance-target table (similarity {similarity(row.label, activity.name):.2f})",
                row.source_line,
                pt.no,
                row.activity_no,
                row.activity_global_no,
                expected=activity.name,
                found=row.label,
            )
        )


def _check_responsibilities(
    state: ParseState,
    targets: list[PerformanceTarget],
    cost_tables: list[CostTable],
    rows: list[Responsibility],
) -> None:
    if not rows:
        return
    by_no = {t.no: t for t in targets}
    listed: dict[int, Counter[int]] = defaultdict(Counter)
    first_line: dict[int, int] = {}
    for row in rows:
        if row.performance_target_no is None:
            continue
        first_line.setdefault(row.performance_target_no, row.source_line)
        pt = by_no.get(row.performance_target_no)
        if pt is None:
            continue
        _check_listing(state, row, pt, listed, first_line[pt.no])
    _report_unlisted(state, targets, listed, first_line)


def _check_listing(
    state: ParseState,
    row: Responsibility,
    pt: PerformanceTarget,
    listed: dict[int, Counter[int]],
    first_line: int,
) -> None:
    """One 2.6 row against the target's activity it names: text, repeats, name and unit."""
    if (
        row.performance_target_text
        and not same_name(row.performance_target_text, pt.text)
        and row.cell_part == 1
        and row.source_line == first_line
    ):
        state.finding(
            Finding(
                "performance_target_text_differs",
                "pp_responsibilities",
                f"2.6 writes performance target {pt.no}'s text differently (similarity {similarity(row.performance_target_text, pt.text):.2f})",
                row.source_line,
                pt.no,
                expected=pt.text,
                found=row.performance_target_text,
            )
        )
    if row.activity_no is None:
        return
    listed[pt.no][row.activity_no] += 1
    activity = pt.activities[row.activity_no - 1]
    if listed[pt.no][row.activity_no] == 2:
        state.finding(
            Finding(
                "activity_listed_twice",
                "pp_responsibilities",
                f"2.6 lists activity {pt.no}.{row.activity_no} (F{activity.global_no}) of P.H. {pt.no} more than once",
                row.source_line,
                pt.no,
                row.activity_no,
                activity.global_no,
                expected=activity.name,
                found=row.activity_name,
            )
        )
    if not same_name(row.activity_name, activity.name):
        state.finding(
            Finding(
                "activity_name_differs",
                "pp_responsibilities",
                f"activity {pt.no}.{row.activity_no}: 2.6's name differs from the performance-target table (similarity {row.match_score:.2f})",
                row.source_line,
                pt.no,
                row.activity_no,
                activity.global_no,
                expected=activity.name,
                found=row.activity_name,
            )
        )
    if (
        activity.responsible_unit
        and row.responsible_unit
        and not same_name(activity.responsible_unit, row.responsible_unit)
    ):
        state.finding(
            Finding(
                "responsible_unit_differs",
                "pp_responsibilities",
                f"activity {pt.no}.{row.activity_no}: 2.6 names a different responsible unit than the cost table",
                row.source_line,
                pt.no,
                row.activity_no,
                activity.global_no,
                expected=activity.responsible_unit,
                found=row.responsible_unit,
            )
        )


def _report_unlisted(
    state: ParseState,
    targets: list[PerformanceTarget],
    listed: dict[int, Counter[int]],
    first_line: dict[int, int],
) -> None:
    """The targets and activities 2.6 does not list."""
    for pt in targets:
        if pt.no not in first_line:
            state.finding(
                Finding(
                    "performance_target_missing",
                    "pp_responsibilities",
                    f"performance target {pt.no} is not listed in 2.6",
                    pt.source_line,
                    pt.no,
                    found=pt.text,
                )
            )
            continue
        for activity in pt.activities:
            if listed[pt.no][activity.activity_no] == 0:
                state.finding(
                    Finding(
                        "activity_omitted",
                        "pp_responsibilities",
                        f"2.6 does not list activity {pt.no}.{activity.activity_no} (F{activity.global_no}) of P.H. {pt.no}",
                        first_line[pt.no],
                        pt.no,
                        activity.activity_no,
                        activity.global_no,
                        expected=activity.name,
                    )
                )


_DECLARED = (
    (re.compile(r"(\d+)\s+adet\s+performans\s+hedef", re.IGNORECASE), "performance_targets"),
    (re.compile(r"(\d+)\s+adet\s+faaliyet", re.IGNORECASE), "activities"),
)


def _record_declared_counts(state: ParseState) -> None:
    """The narrative states how many targets and activities the programme has (line 3990:
    "… 51 adet Performans Hedefi ve 154 adet Faaliyet …"); rpt_reconciliation compares them with the
    tables, so an agreeing count is visible too, not only a disagreeing one."""
    for line in state.lines:
        if line.is_table_row or "adet" not in line.text:
            continue
        for pattern, what in _DECLARED:
            for match in pattern.finditer(line.text):
                state.declared_counts.append(
                    {
                        "document_id": state.document_id,
                        "item": what,
                        "declared_count": int(match.group(1)),
                        "raw_text": match.group(0),
                        # one line may state a count twice (line 3990 says "154 adet" twice)
                        "line_position": match.start() + 1,
                        "source_line": line.number,
                    }
                )
