"""pandera results as Dagster asset check results: one shape for every check the assets report
(raw tables, monitoring tables, marts), with the failure count, a sample and the documents set aside."""

from dagster import AssetCheckResult, AssetCheckSeverity, AssetKey, MetadataValue

from dagster_project.markdown import markdown_table
from dagster_project.quarantine import lines_text
from dagster_project.validation import DocumentFailure, ValidationResult

# Per-document rows shown in the Dagster UI (a full refresh of thousands would flood it).
SUMMARY_ROWS = 200


def check_result(
    result: ValidationResult,
    check_name: str,
    asset_key: AssetKey | None = None,
    set_aside: list[DocumentFailure] | None = None,
) -> AssetCheckResult:
    """A pandera result as a Dagster check result with the failure count and a sample.

    Failures of the documents `set_aside` (their own rows broke the schema; they are not published)
    make the check fail as a warning, which blocks nothing; any other failure is an error.
    """
    set_aside = set_aside or []
    return AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=result.passed and not set_aside,
        severity=AssetCheckSeverity.ERROR if not result.passed else AssetCheckSeverity.WARN,
        metadata={
            "rows": result.rows,
            "failures": result.failures,
            "failure_sample": MetadataValue.md(result.sample_markdown()),
            "documents_set_aside": len(set_aside),
            "set_aside": MetadataValue.md(
                markdown_table(
                    ["document_id", "checks", "rows", "lines"],
                    [
                        (f.document_id, ", ".join(f.checks), f.rows, lines_text(f.source_lines) or "")
                        for f in set_aside[:SUMMARY_ROWS]
                    ],
                )
            ),
        },
    )
