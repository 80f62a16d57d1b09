"""A synthetic corpus for scale tests and the benchmark: many realistic documents from the two real ones.

No Dagster or DuckDB here: `make corpus` and `make bench` call it, tests import it. It lives in
`tools/`, beside the product: the installed `dagster_project` package never imports it.
"""
