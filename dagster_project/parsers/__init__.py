"""Pure document parsers: text in, Polars tables and extraction issues out.

Nothing in this package imports Dagster or DuckDB, so the parsers can be tested and benchmarked
on their own and reused by any orchestrator.
"""
