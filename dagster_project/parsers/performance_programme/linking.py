"""Link the tables of one programme by position and report every textual contradiction as a finding.

Links: a cost table and a 2.4 activity row are the n-th activity of their performance target; a
2.6 row is matched by name inside its target (2.6 may repeat or omit activities). Names are then
compared with Turkish-aware keys. Nothing is corrected: the finding says what each table states.
Amounts are not compared here: numeric reconciliation lives in dbt (int_pp_reconciliation__*),
once, with one tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.parsers.performance_programme.layout import same_name
from dagster_project.parsers.performance_programme.model import (
    Activity,
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
TARGETS = "pp_performance_targets"
COST_TABLES = "pp_activity_cost_tables"
ADMINISTRATION = "pp_administration_performance"
RESPONSIBILITIES = "pp_responsibilities"

# Every finding this module reports, by the table it is about and its type, with its message: `{pt}`,
# `{activity}` and `{global_no}` are the finding's target, activity and global activity number; the
# other fields are the reporting check's. One list, so that a reader sees every contradiction the
# parser looks for in one place.
MESSAGES = {
    (TARGETS, "strategic_goal_text_differs"): (
        "performance target {pt} cites strategic goal {goal} with a text that differs from section 2.2.2"
    ),
    (TARGETS, "service_area_text_differs"): (
        "section heading of performance target {pt} differs from goal {goal}'s service area in 2.2.2"
    ),
    (
        TARGETS,
        "strategic_target_outside_goal",
    ): "performance target {pt} cites strategic target {code} under goal {goal}",
    (TARGETS, "strategic_target_not_found"): (
        "performance target {pt} cites strategic target {code}, which section 2.2.2 does not list"
    ),
    (TARGETS, "strategic_target_citation_mismatch"): (
        "performance target {pt} cites strategic target {code} but quotes the text of {best} "
        "(similarity {best_score:.2f} vs {own:.2f} to {code})"
    ),
    (TARGETS, "strategic_target_text_differs"): (
        "performance target {pt} quotes strategic target {code} with different wording"
    ),
    (
        COST_TABLES,
        "performance_target_text_differs",
    ): "cost table writes performance target {pt}'s text differently",
    (COST_TABLES, "activity_name_differs"): (
        "activity {pt}.{activity}: the cost table's name differs from the performance-target table"
    ),
    (COST_TABLES, "responsible_unit_is_text"): (
        "activity {pt}.{activity}: the `Sorumlu Harcama Birimi` cell holds the {what}, not a unit"
    ),
    (COST_TABLES, "cost_table_missing"): "activity {pt}.{activity} has no FAALİYET MALİYET TABLOSU",
    (
        ADMINISTRATION,
        "performance_target_unknown",
    ): "2.4 lists performance target {pt}, which has no 2.3 table",
    (
        ADMINISTRATION,
        "performance_target_text_differs",
    ): "2.4 writes performance target {pt}'s text differently",
    (ADMINISTRATION, "activity_unknown"): (
        "2.4 lists activity {global_no} as activity {activity} of target {pt}, which has {activities}"
    ),
    (ADMINISTRATION, "activity_name_differs"): (
        "activity {pt}.{activity} (F{global_no}): 2.4's name differs from the performance-target table"
    ),
    (ADMINISTRATION, "performance_target_missing"): "performance target {pt} is not listed in 2.4",
    (ADMINISTRATION, "activity_missing"): "activity {pt}.{activity} is not listed in 2.4",
    (
        RESPONSIBILITIES,
        "performance_target_text_differs",
    ): "2.6 writes performance target {pt}'s text differently",
    (RESPONSIBILITIES, "activity_name_differs"): (
        "activity {pt}.{activity}: 2.6's name differs from the performance-target table"
    ),
    (RESPONSIBILITIES, "responsible_unit_differs"): (
        "activity {pt}.{activity}: 2.6 names a different responsible unit than the cost table"
    ),
    (RESPONSIBILITIES, "performance_target_missing"): "performance target {pt} is not listed in 2.6",
}


def link_and_check(state: ParseState, p: Programme) -> None:
    _check_citations(state, p.goals, p.strategic_targets, p.targets)
    _link_cost_tables(state, p.targets, p.cost_tables)
    _link_administration(state, p.targets, p.admin_rows)
    _check_responsibilities(state, p.targets, p.responsibilities)
    _record_declared_counts(state)


@dataclass(frozen=True)
class At:
    """What a finding is about and where: a table's line, its performance target and, for an
    activity, the activity's number inside the target and its global number (`F<n>`)."""

    table_name: str
    source_line: int | None
    performance_target_no: int | None = None
    activity_no: int | None = None
    activity_global_no: int | None = None


def _report(
    state: ParseState,
    finding_type: str,
    at: At,
    expected: str | None = None,
    found: str | None = None,
    score: float | None = None,
    **fields: object,
) -> None:
    """Record one finding with its message from `MESSAGES`; `score`, when given, is the similarity
    of the two texts, shown so a reader sees how far apart they are."""
    message = MESSAGES[at.table_name, finding_type].format(
        pt=at.performance_target_no, activity=at.activity_no, global_no=at.activity_global_no, **fields
    )
    if score is not None:
        message = f"{message} (similarity {score:.2f})"
    state.finding(
        Finding(
            finding_type,
            at.table_name,
            message,
            at.source_line,
            at.performance_target_no,
            at.activity_no,
            at.activity_global_no,
            expected=expected,
            found=found,
        )
    )


def _report_renamed(
    state: ParseState, finding_type: str, at: At, expected: str, found: str | None, scored: bool = True
) -> None:
    """A text a table writes (`found`) that is not the reference's name (`expected`), compared by
    their Turkish-aware keys; reported with its similarity to the reference when `scored`."""
    if found and not same_name(found, expected):
        _report(state, finding_type, at, expected, found, similarity(found, expected) if scored else None)


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
        _check_target_citation(state, pt, by_code, quotable, bool(strategic_targets))


def _check_goal_citation(
    state: ParseState, pt: PerformanceTarget, goal_by_no: dict[int, StrategicGoal]
) -> None:
    """The cited goal's text and the section heading agree with 2.2.2's goal."""
    if pt.goal_no is None or pt.goal_no not in goal_by_no or not pt.goal_text:
        return
    goal = goal_by_no[pt.goal_no]
    if not same_name(goal.text, pt.goal_text):
        at = At(TARGETS, pt.goal_line, pt.no)
        score = similarity(goal.text, pt.goal_text)
        _report(state, "strategic_goal_text_differs", at, goal.text, pt.goal_text, score, goal=pt.goal_no)
    # The heading carries its section number (`2.3.1 Ulaşım Hizmetleri`); 2.2.2's service area does not.
    heading = re.sub(r"^\d+(\.\d+)*\.?\s*", "", pt.service_area or "")
    if pt.service_area and goal.service_area and not same_name(heading, goal.service_area):
        at = At(TARGETS, pt.table_line, pt.no)
        _report(state, "service_area_text_differs", at, goal.service_area, pt.service_area, goal=goal.goal_no)


def _check_target_citation(
    state: ParseState,
    pt: PerformanceTarget,
    by_code: dict[str, StrategicTarget],
    quotable: list[tuple[str, str]],
    has_strategic_targets: bool,
) -> None:
    """The cited target exists under the cited goal, and the quoted text is its text."""
    if pt.target_code is None:
        return
    at = At(TARGETS, pt.target_line, pt.no)
    if pt.goal_no is not None and not pt.target_code.startswith(f"{pt.goal_no}."):
        expected = f"{pt.goal_no}.*"
        _report(
            state,
            "strategic_target_outside_goal",
            at,
            expected,
            pt.target_code,
            code=pt.target_code,
            goal=pt.goal_no,
        )
    quoted = _quoted_target(pt, quotable)
    cited = by_code.get(pt.target_code)
    if cited is None:
        # Without a 2.2.2 table (not found or not in this document) there is nothing to cite.
        if has_strategic_targets:
            _report(state, "strategic_target_not_found", at, found=pt.target_code, code=pt.target_code)
        return
    _check_quoted_text(state, pt, cited, quoted, at)


def _quoted_target(pt: PerformanceTarget, quotable: list[tuple[str, str]]) -> tuple[float, str] | None:
    """The 2.2.2 target whose text the citation quotes (similarity, code), whatever code it cites;
    recorded on the target (`target_code_matching_text`) so a wrong code can be seen next to the
    code the text belongs to."""
    quoted_text = pt.target_text or ""
    quoted = best_similarity(((text, quoted_text, code) for text, code in quotable), CITATION_MATCH)
    if quoted is not None:
        pt.target_code_matching_text = quoted[1]
    return quoted


def _check_quoted_text(
    state: ParseState,
    pt: PerformanceTarget,
    cited: StrategicTarget,
    quoted: tuple[float, str] | None,
    at: At,
) -> None:
    """A quote closer to another target's text than to the cited one's is a wrong citation; a
    quote of the cited target in other words is a wording difference."""
    own = similarity(cited.text, pt.target_text or "")
    if quoted is not None and quoted[1] != cited.code and quoted[0] > own:
        best_score, best_code = quoted
        expected = f"{cited.code}: {cited.text}"
        mismatch = {"code": pt.target_code, "best": best_code, "best_score": best_score, "own": own}
        _report(state, "strategic_target_citation_mismatch", at, expected, pt.target_text, **mismatch)
    elif own < 1.0:
        _report(
            state, "strategic_target_text_differs", at, cited.text, pt.target_text, own, code=pt.target_code
        )


def _link_cost_tables(
    state: ParseState, targets: list[PerformanceTarget], cost_tables: list[CostTable]
) -> None:
    """Each cost table is the n-th activity of its target; an activity without one is reported."""
    by_no = {t.no: t for t in targets}
    linked: set[tuple[int, int]] = set()
    for table in cost_tables:
        pt = by_no.get(table.performance_target_no)  # type: ignore[arg-type]
        if pt is None or table.activity_no is None:
            continue
        if _link_cost_table(state, table, pt):
            linked.add((pt.no, table.activity_no))
    _report_unlinked(state, targets, linked, "cost_table_missing", COST_TABLES)


def _report_unlinked(
    state: ParseState,
    targets: list[PerformanceTarget],
    linked: set[tuple[int, int]],
    finding_type: str,
    table: str,
) -> None:
    """Every activity of the 2.3 tables that another table (cost tables, 2.4) does not have."""
    for pt in targets:
        for activity in pt.activities:
            if (pt.no, activity.activity_no) not in linked:
                at = At(table, activity.source_line, pt.no, activity.activity_no)
                _report(state, finding_type, at, found=activity.name)


def _link_cost_table(state: ParseState, table: CostTable, pt: PerformanceTarget) -> bool:
    """One cost table against its target and activity (False when the target has no such
    activity): the target's text and the activity's name as the table writes them, and the
    responsible unit it gives the activity."""
    assert table.activity_no is not None
    at = At(COST_TABLES, table.performance_target_line or table.source_line, pt.no, table.activity_no)
    _report_renamed(
        state, "performance_target_text_differs", at, pt.text, table.performance_target_text, False
    )
    if table.activity_no > len(pt.activities):
        return False
    activity = pt.activities[table.activity_no - 1]
    activity.responsible_unit = table.responsible_unit
    at = At(COST_TABLES, table.activity_name_line, pt.no, table.activity_no)
    _report_renamed(state, "activity_name_differs", at, activity.name, table.activity_name)
    _check_unit_cell(state, table, pt, activity)
    return True


def _check_unit_cell(state: ParseState, table: CostTable, pt: PerformanceTarget, activity: Activity) -> None:
    """A `Sorumlu Harcama Birimi` cell that repeats the target's text or the activity's name is a
    cell shifted in the conversion, not a unit."""
    unit = table.responsible_unit or ""
    for text, what in ((pt.text, "performance target's text"), (activity.name, "activity name")):
        if unit and similarity(unit, text, UNIT_IS_TEXT) >= UNIT_IS_TEXT:
            at = At(COST_TABLES, table.responsible_unit_line, pt.no, table.activity_no)
            _report(state, "responsible_unit_is_text", at, "a spending unit", unit, what=what)
            return


def _link_administration(state: ParseState, targets: list[PerformanceTarget], rows: list[AdminRow]) -> None:
    """2.4 lists every target and activity of the 2.3 tables; its activity rows give the global
    numbers."""
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
            _report(
                state, "performance_target_missing", At(ADMINISTRATION, pt.source_line, pt.no), found=pt.text
            )
        _report_unlinked(state, [pt], seen_activity, "activity_missing", ADMINISTRATION)


def _link_target_row(state: ParseState, row: AdminRow, by_no: dict[int, PerformanceTarget]) -> None:
    """A 2.4 target row names a target of the 2.3 tables, with its text."""
    pt = by_no.get(row.performance_target_no)  # type: ignore[arg-type]
    at = At(ADMINISTRATION, row.source_line, row.performance_target_no)
    if pt is None:
        _report(state, "performance_target_unknown", at, found=row.label)
        return
    _report_renamed(state, "performance_target_text_differs", at, pt.text, row.label)


def _link_activity_row(
    state: ParseState, row: AdminRow, by_no: dict[int, PerformanceTarget], seen_activity: set[tuple[int, int]]
) -> None:
    """A 2.4 activity row is the n-th activity of its target: it gives that activity its global
    number (`F<n>`); its name must be the performance-target table's."""
    pt = by_no.get(row.performance_target_no)  # type: ignore[arg-type]
    if pt is None:
        return
    at = At(ADMINISTRATION, row.source_line, pt.no, row.activity_no, row.activity_global_no)
    if row.activity_no > len(pt.activities):  # type: ignore[operator]
        _report(state, "activity_unknown", at, found=row.label, activities=len(pt.activities))
        return
    activity = pt.activities[row.activity_no - 1]  # type: ignore[operator]
    seen_activity.add((pt.no, row.activity_no))  # type: ignore[arg-type]
    activity.global_no = row.activity_global_no
    _report_renamed(state, "activity_name_differs", at, activity.name, row.label)


def _check_responsibilities(
    state: ParseState, targets: list[PerformanceTarget], rows: list[Responsibility]
) -> None:
    """Each 2.6 row against the activity it names. How often 2.6 lists an activity (twice, or not
    at all: Kayseri 2024 lists F64 twice and omits F67) is a count, reconciled in dbt
    (`activity_listed_in_section_2_6`) from the raw rows, so it is not a finding here."""
    if not rows:
        return
    by_no = {t.no: t for t in targets}
    first_line: dict[int, int] = {}
    for row in rows:
        if row.performance_target_no is None:
            continue
        first_line.setdefault(row.performance_target_no, row.source_line)
        pt = by_no.get(row.performance_target_no)
        if pt is None:
            continue
        if row.cell_part == 1 and row.source_line == first_line[pt.no]:
            # The target's text, as 2.6 writes it on the target's first row.
            at = At(RESPONSIBILITIES, row.source_line, pt.no)
            _report_renamed(
                state, "performance_target_text_differs", at, pt.text, row.performance_target_text
            )
        if row.activity_no is not None:
            _check_listing(state, row, pt, pt.activities[row.activity_no - 1])
    for pt in targets:
        if pt.no not in first_line:
            _report(
                state,
                "performance_target_missing",
                At(RESPONSIBILITIES, pt.source_line, pt.no),
                found=pt.text,
            )


def _check_listing(state: ParseState, row: Responsibility, pt: PerformanceTarget, activity: Activity) -> None:
    """One 2.6 row against the target's activity it names: its name (with the score that matched
    it) and its unit (against the cost table's)."""
    at = At(RESPONSIBILITIES, row.source_line, pt.no, row.activity_no, activity.global_no)
    if not same_name(row.activity_name, activity.name):
        _report(state, "activity_name_differs", at, activity.name, row.activity_name, row.match_score)
    if activity.responsible_unit:
        _report_renamed(
            state, "responsible_unit_differs", at, activity.responsible_unit, row.responsible_unit, False
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
