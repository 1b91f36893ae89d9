"""Fixtures for the parser tests (no Django needed by these tests).

The helper modules beside this file (pdfgen, corpus metrics) are imported by
the tests as plain modules: pytest runs with --import-mode=importlib, so put
this folder on sys.path once here.
"""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

FIXTURES = HERE.parents[1] / "fixtures" / "plans"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def reference_result():
    from gongzhi.plans.parsing import parse_file

    return parse_file(FIXTURES / "zhoucun_2023_reference.txt")
