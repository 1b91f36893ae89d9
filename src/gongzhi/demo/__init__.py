"""Synthetic data for the demo, the tests and the benchmarks (all labelled 演示/synthetic).

Nothing in the product imports this package but the demo loaders.
"""
