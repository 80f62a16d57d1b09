"""Plan Warehouse: Turkish strategic plans and performance programmes as checked DuckDB tables."""
