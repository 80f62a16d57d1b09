"""Dagster assets: thin wrappers that call the pure modules and report what happened."""
