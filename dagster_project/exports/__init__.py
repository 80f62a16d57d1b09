"""What the warehouse hands to people: Parquet, Excel workbooks and HTML reports, built from the
published file (read-only), with the documents' Turkish terms. Pure code: no Dagster here."""
