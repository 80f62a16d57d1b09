"""Monitoring data (izleme): actuals files, fill-in templates and links between documents.

Pure Python like the parsers: no Dagster, no DuckDB. The assets pass in what the warehouse knows.
"""
