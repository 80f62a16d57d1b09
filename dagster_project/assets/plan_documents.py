"""The `plan_documents` asset: which files in `raw/` are plan documents, and what they are."""

from dagster import AssetExecutionContext, MetadataValue, Output, asset

from dagster_project.document_scan import TRUST_FILE_TIMES_TAG, Scan, scan_raw_dir
from dagster_project.incremental import published_documents
from dagster_project.markdown import markdown_table
from dagster_project.publishing import trusted_published
from dagster_project.resources import Warehouse


@asset(group_name="documents", kinds={"python"}, owners=["team:strategy-data"])
def plan_documents(context: AssetExecutionContext, warehouse: Warehouse) -> Output[Scan]:
    """Identify every file in `raw/` (administration, type, period, sha256); reject the rest with a reason
    (a file that is not a plan document: every type it recognises has its parser).

    Every file is read and hashed, except in a run the sensor started (`TRUST_FILE_TIMES_TAG`):
    there files unchanged since the published registry (size, modification time) are not read again.
    """
    trusted = context.run.tags.get(TRUST_FILE_TIMES_TAG) == "true"
    known = published_documents(trusted_published(warehouse.files), warehouse.raw) if trusted else {}
    scan = scan_raw_dir(warehouse.raw, known, warehouse.text_dir)
    for rejected in scan.rejected:
        context.log.warning(f"raw/{rejected.source_file} not loaded: {rejected.reason}")
    documents = markdown_table(
        ["document_id", "type", "period", "file", "sha256"],
        [
            (
                d.document_id,
                d.document_type,
                f"{d.period_start_year}-{d.period_end_year}",
                d.source_file,
                d.source_sha256[:12],
            )
            for d in scan.documents
        ],
    )
    rejected = markdown_table(["file", "reason"], [(r.source_file, r.reason) for r in scan.rejected])
    return Output(
        scan,
        metadata={
            "documents": len(scan.documents),
            "rejected_files": len(scan.rejected),
            "document_list": MetadataValue.md(documents),
            "rejected_list": MetadataValue.md(rejected),
        },
    )
