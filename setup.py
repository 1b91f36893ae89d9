"""Builds the one C extension (the validation engine's fast path; issue 18).

Everything else is in pyproject.toml. The extension is optional: without a C compiler the
install still succeeds and the engine checks every row in SQL, as it does for any dataset the
fast path does not cover (`gongzhi.exchange.validation.fastpath`).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "gongzhi.exchange.validation._fastpath",
            ["src/gongzhi/exchange/validation/_fastpath.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
