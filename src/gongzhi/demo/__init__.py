"""The demo data set and its synthetic data (all labelled 演示/synthetic): `gongzhi demo`, the
loaders of every app in order (`loaders`), and the generators the demo, the tests and the
benchmarks use. Nothing in the product imports this package.
"""
