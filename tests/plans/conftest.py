from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


@pytest.fixture
def reference_bytes() -> bytes:
    return (FIXTURES / "zhoucun_2023_reference.txt").read_bytes()
