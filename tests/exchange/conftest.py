import csv
from pathlib import Path

import pytest

from gongzhi.exchange.models import Dataset
from gongzhi.exchange.validation import synthetic


@pytest.fixture
def write_csv(tmp_path):
    def write(rows: list[dict], header: list[str], name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def electricity(db) -> Dataset:
    return Dataset.objects.get(code="electricity")


@pytest.fixture
def rng():
    import random

    return random.Random(7)


@pytest.fixture
def make_uscc(rng):
    return lambda: synthetic.uscc(rng)
