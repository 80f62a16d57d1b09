"""Link indicators across documents of one administration, so a performance programme's
`Gerçekleşen` (actual) values become actuals of the same indicators in earlier programmes and in
the strategic plan.

A link is made only when it is certain: the same written code (`Ke/Pg.1.2.4` in both documents), or
else the same Turkish-aware normalised name (unit in trailing parentheses ignored) with exactly one
candidate on each side. Two candidates are `ambiguous_link`; a name that is only similar
(similarity ≥ WEAK_SIMILARITY, not equal) is a `weak_link`. Both are reported, never linked.
Codes the warehouse makes up (a programme's `PH{n}.{i}`) are not written codes and never link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import polars as pl

from dagster_project.cores import map_on_every_core
from dagster_project.parsers.kinds import kind_of
from dagster_project.parsers.normalise import name_key
from dagster_project.parsers.similarity import best_similarity
from dagster_project.schemas.monitoring import ActualsIssuesSchema, IndicatorLinksSchema
from dagster_project.validation import polars_schema

WEAK_SIMILARITY = 0.8
LINK_ISSUE_TYPES = ("ambiguous_link", "weak_link")
INDICATOR_COLUMNS = (
    "document_id",
    "administration",
    "document_type",
    "period_start_year",
    "period_end_year",
    "source_file",
    "indicator_code",
    "code_is_written",
    "indicator_name",
    "source_line",
)
_TRAILING_UNIT = re.compile(r"\s*\([^()]*\)\s*$")
# Source indicator name → (score, index in the target document's indicators), or None when too weak.
WeakMatches = dict[str, tuple[float, int] | None]


@dataclass(frozen=True)
class Links:
    links: pl.DataFrame
    issues: pl.DataFrame


def indicator_name_key(name: str) -> str:
    """`Ağaçlandırılan alan (ha)` and `Ağaçlandırılan Alan` compare equal."""
    return name_key(_TRAILING_UNIT.sub("", name))


def receives_actuals_from(target: dict[str, Any], source: dict[str, Any]) -> bool:
    """The actuals of a document whose kind reports them (a programme's) apply to the same
    administration's period documents (a plan) begun by its year and to its yearly documents of
    earlier years (earlier programmes); never to a later document or to itself."""
    if target["document_id"] == source["document_id"] or not kind_of(source["document_type"]).reports_actuals:
        return False
    if target["administration"] != source["administration"]:
        return False
    if not kind_of(target["document_type"]).yearly:
        return target["period_start_year"] <= source["period_end_year"]
    return target["period_end_year"] < source["period_start_year"]


@dataclass(frozen=True)
class PublishedLinks:
    """The published warehouse's links and link issues, and the documents changed since it
    (`raw.document_changes`: added, changed or removed)."""

    links: pl.DataFrame
    issues: pl.DataFrame
    changed: frozenset[str]


def link_indicators(indicators: pl.DataFrame, published: PublishedLinks | None = None) -> Links:
    """Links (and reported non-links) between every source programme and the documents it feeds.

    `indicators` has one row per indicator with INDICATOR_COLUMNS. A pair's result depends only on
    its two documents, so with `published` only the pairs with a changed document are linked again
    and every other pair keeps its published links and issues: a night with one changed document
    does not re-link thousands of unchanged pairs.
    """
    administrations: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in indicators.select(INDICATOR_COLUMNS).iter_rows(named=True):
        administrations[row["administration"]][row["document_id"]].append(row)
    changed = None if published is None else published.changed
    links: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    # Only documents of one administration feed each other: each is linked on its own, on every core
    # (with `published`, only the administrations with a changed document).
    jobs = [
        (dict(documents), changed)
        for documents in administrations.values()
        if changed is None or documents.keys() & changed
    ]
    for found, reported in map_on_every_core(_link_administration, jobs):
        links += found
        issues += reported
    linked = Links(
        pl.DataFrame(links, schema=polars_schema(IndicatorLinksSchema), orient="row"),
        pl.DataFrame(issues, schema=polars_schema(ActualsIssuesSchema), orient="row"),
    )
    return linked if published is None else _with_unchanged_pairs(linked, published, indicators)


def _link_administration(
    job: tuple[dict[str, list[dict[str, Any]]], frozenset[str] | None],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Links and issues of every pair of one administration's documents (with `changed`, only the
    pairs with a changed document)."""
    by_document, changed = job
    links: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    # Per target document: source name → its most similar target (programmes repeat names yearly).
    weak_matches: dict[str, WeakMatches] = defaultdict(dict)
    for source_id, source_rows in by_document.items():
        for target_id, target_rows in by_document.items():
            if changed is not None and not {source_id, target_id} & changed:
                continue
            if receives_actuals_from(target_rows[0], source_rows[0]):
                found, reported = _link_pair(source_rows, target_rows, weak_matches[target_id])
                links += found
                issues += reported
    return links, issues


def _with_unchanged_pairs(linked: Links, published: PublishedLinks, indicators: pl.DataFrame) -> Links:
    """This run's links and issues plus the published ones of pairs whose documents did not change.

    A link issue names its source programme by file (`source_file`), the file of an unchanged
    document; other actuals issues (from monitoring files) are not kept here, they are read anew.
    """
    changed = sorted(published.changed)
    files = indicators.select("source_file", source_document_id="document_id").unique()
    kept_links = published.links.filter(
        ~pl.col("document_id").is_in(changed) & ~pl.col("source_document_id").is_in(changed)
    )
    kept_issues = (
        published.issues.filter(pl.col("issue_type").is_in(LINK_ISSUE_TYPES))
        .join(files, on="source_file", how="inner")
        .filter(~pl.col("document_id").is_in(changed) & ~pl.col("source_document_id").is_in(changed))
        .select(linked.issues.columns)
    )
    return Links(
        pl.concat([kept_links.select(linked.links.columns).cast(linked.links.schema), linked.links]),
        pl.concat([kept_issues.cast(linked.issues.schema), linked.issues]),
    )


Proposal = tuple[dict[str, Any], dict[str, Any], str, float]  # source, target, method, score


def _link_pair(
    sources: list[dict[str, Any]], targets: list[dict[str, Any]], weak_matches: WeakMatches
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The links from one document's indicators (`sources`) to another's (`targets`), and the
    issues of the ones that match several targets, only weakly, or a target another one claims."""
    proposals, issues = _proposals(sources, targets, weak_matches)
    # A target indicator claimed by two source indicators is ambiguous too.
    claims: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        claims[proposal[1]["indicator_code"]].append(proposal)
    links = []
    for claimed in claims.values():
        if len(claimed) > 1:
            codes = ", ".join(source["indicator_code"] for source, *_ in claimed)
            for source, target, _method, _score in claimed:
                issues.append(
                    _issue(
                        source, target, "ambiguous_link", f"{target['indicator_code']} is matched by {codes}"
                    )
                )
            continue
        source, target, method, score = claimed[0]
        links.append(
            {
                "document_id": target["document_id"],
                "indicator_code": target["indicator_code"],
                "source_document_id": source["document_id"],
                "source_indicator_code": source["indicator_code"],
                "match_method": method,
                "match_score": score,
            }
        )
    return links, issues


def _proposals(
    sources: list[dict[str, Any]], targets: list[dict[str, Any]], weak_matches: WeakMatches
) -> tuple[list[Proposal], list[dict[str, Any]]]:
    """Each source's one match by written code, else by name; the issues of a source that matches
    several targets, or none but one whose name is similar."""
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for target in targets:
        if target["code_is_written"]:
            by_code[name_key(target["indicator_code"])].append(target)
        by_name[indicator_name_key(target["indicator_name"])].append(target)
    proposals: list[Proposal] = []
    issues: list[dict[str, Any]] = []
    for source in sources:
        code_matches = (
            by_code.get(name_key(source["indicator_code"]), []) if source["code_is_written"] else []
        )
        method, matches = ("code", code_matches) if code_matches else ("name", [])
        if not matches:
            matches = by_name.get(indicator_name_key(source["indicator_name"]), [])
        if len(matches) == 1:
            proposals.append((source, matches[0], method, 1.0))
        elif len(matches) > 1:
            names = "; ".join(f"{m['indicator_code']} {m['indicator_name']!r}" for m in matches)
            issues.append(
                _issue(
                    source,
                    matches[0],
                    "ambiguous_link",
                    f"{len(matches)} indicators match by {method}: {names}",
                )
            )
        elif weak := _most_similar(source, targets, weak_matches):
            score, best = weak
            issues.append(
                _issue(
                    source,
                    best,
                    "weak_link",
                    f"name only similar ({score:.2f}) to {best['indicator_code']} "
                    f"{best['indicator_name']!r}; not linked",
                )
            )
    return proposals, issues


def _most_similar(
    source: dict[str, Any], targets: list[dict[str, Any]], weak_matches: WeakMatches
) -> tuple[float, dict[str, Any]] | None:
    """The target whose name is most similar to the source's, when at least WEAK_SIMILARITY.

    `best_similarity` skips the pairs that cannot reach the floor (bounds, not exact ratios): every
    unlinked indicator meets every indicator of each document it feeds, so exact ratios for all of
    them made linking quadratic in practice. The answer depends only on the source name and the
    target document, so it is asked once per name (`weak_matches` belongs to `targets`' document).
    Ties go to the first target, as `max` gives them.
    """
    name = source["indicator_name"]
    if name not in weak_matches:
        found = best_similarity(
            ((name, target["indicator_name"], -i) for i, target in enumerate(targets)), WEAK_SIMILARITY
        )
        weak_matches[name] = None if found is None else (found[0], -found[1])
    match = weak_matches[name]
    return None if match is None else (match[0], targets[match[1]])


def _issue(source: dict[str, Any], target: dict[str, Any], issue_type: str, detail: str) -> dict[str, Any]:
    return {
        "source_file": source["source_file"],
        "source_row": source["source_line"],
        "document_id": target["document_id"],
        "indicator_code": source["indicator_code"],
        "severity": "warning",
        "issue_type": issue_type,
        "message": f"{source['document_id']} {source['indicator_code']} {source['indicator_name']!r} → "
        f"{target['document_id']}: {detail}",
        "raw_text": source["indicator_name"],
    }
