-- The documents an incremental build rebuilds in the incremental-by-document marts (one row per
-- document and reason; a document can appear twice). The rule lives in the macro
-- rebuilt_documents (dbt/macros/incremental_by_document.sql); this view shows it to the marts'
-- pandera checks (dagster_project/assets/marts.py), which check only these documents' rows after
-- an incremental build.
{{ rebuilt_documents() }}
