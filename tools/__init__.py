"""Developer tools beside the product (not installed with `dagster_project`)."""
