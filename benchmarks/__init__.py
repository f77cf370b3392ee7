"""Benchmarks for the targets in PRODUCT.md; each is run as a module (`python -m benchmarks.NAME`)."""
