"""Dagster metadata of an export folder's update, for every asset that writes one (the exports of
assets/exports.py, the fill-in templates of assets/monitoring.py)."""

from dagster import MetadataValue

from dagster_project.exports.folder import Update

# Metadata lists at most this many documents; the counts say how many there are.
LISTED_DOCUMENTS = 50


def _listed(names: list[str]) -> str:
    shown = [f"- {name}" for name in names[:LISTED_DOCUMENTS]]
    if len(names) > LISTED_DOCUMENTS:
        shown.append(f"- … and {len(names) - LISTED_DOCUMENTS} more")
    return "\n".join(shown) or "none"


def update_metadata(kind: str, update: Update) -> dict[str, object]:
    """How many files were rewritten, left as they were, and removed, with the rewritten ones listed."""
    return {
        f"{kind}_written": len(update.written),
        f"{kind}_unchanged": update.unchanged,
        f"{kind}_removed": len(update.removed),
        f"{kind}_written_files": MetadataValue.md(_listed(update.written)),
    }
