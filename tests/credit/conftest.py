import csv
import json
import random
from pathlib import Path

import pytest
from django.core.management import call_command

from gongzhi.exchange.validation import synthetic

HEADER = ["uscc", "name", "eval_year", "level", "score", "d_reason"]


@pytest.fixture
def codes():
    """Fresh synthetic credit codes (valid check digits, nobody's)."""
    rng = random.Random(1313)
    return [synthetic.uscc(rng) for _ in range(12)]


@pytest.fixture
def submit_ratings(tmp_path, data_dir, capsys):
    """Submit a ratings file as the tax bureau would, through `gongzhi exchange submit`."""

    def submit(rows: list[dict], period: str, name: str = "ratings.csv") -> dict:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
        capsys.readouterr()
        call_command(
            "exchange",
            "submit",
            str(path),
            "--dataset",
            "credit_rating",
            "--unit",
            "区税务局",
            "--period",
            period,
            "--json",
        )
        return json.loads(capsys.readouterr().out)

    return submit


@pytest.fixture
def run_json(capsys):
    def run(*args) -> dict:
        capsys.readouterr()
        call_command(*args)
        out = capsys.readouterr().out
        return json.loads(out)

    return run


def row(uscc, name, year, level, score="", reason=""):
    return {"uscc": uscc, "name": name, "eval_year": year, "level": level, "score": score, "d_reason": reason}


@pytest.fixture
def rated(codes, submit_ratings):
    """Two evaluation years (2016, 2017, before any demo year) and a repaired resubmission of 2016."""
    c = codes
    first = submit_ratings(
        [
            row(c[0], "合成数据甲有限公司", 2016, "A", "95.5"),
            row(c[1], "合成数据乙有限公司", 2016, "B", "80"),
            row(c[2], "合成数据丙有限公司", 2016, "D", "", "逃避缴纳税款（直接判级）"),
            row(c[3], "合成数据丁有限公司", 2016, "D", "35", "年度评价指标得分不满40分"),
            row(c[4], "合成数据戊有限公司", 2016, "M", ""),
            row(c[5], "合成数据己有限公司", 2016, "C", "55"),
            row(c[6], "合成数据庚有限公司", 2016, "A", "65"),  # contradicts its score
        ],
        "2016",
        "2016年度纳税信用.csv",
    )
    second = submit_ratings(
        [
            row(c[0], "合成数据甲有限公司", 2017, "A", "98"),
            row(c[3], "合成数据丁有限公司", 2017, "C", "45"),
            row(c[7], "合成数据辛有限公司", 2017, "D", "", "虚开增值税专用发票（直接判级）"),
        ],
        "2017",
        "2017年度纳税信用.csv",
    )
    repaired = submit_ratings(
        [row(c[2], "合成数据丙有限公司", 2016, "B", "72")], "2016", "2016年度信用修复.csv"
    )
    return {"codes": c, "submissions": [first, second, repaired]}


__all__ = ["Path", "row"]
