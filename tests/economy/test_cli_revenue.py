"""`gongzhi economy revenue ... --json`: the contract, exact to the cent, on data submitted through
the real exchange path (a superseded submission included); bad arguments are one Chinese line."""

import csv
import json
import os
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from economy.revenue_data import submit_world

from gongzhi.economy.cli_revenue import number
from gongzhi.exchange.validation import synthetic

ROOT = Path(__file__).resolve().parents[2]
D = Decimal


def _revenue(capsys, *args):
    call_command("economy", "revenue", *args)
    return capsys.readouterr().out


@pytest.mark.django_db
def test_json_contract_and_totals_to_the_cent(capsys, data_dir):
    world = submit_world()
    out = _revenue(capsys, "--by", "tax_type", "--period-from", "2019-01", "--period-to", "2019-03", "--json")
    doc = json.loads(out, parse_float=Decimal)
    assert set(doc) == {"rows", "total"}
    assert all(set(r) == {"tax_type", "period", "amount"} for r in doc["rows"])
    assert all(isinstance(r["tax_type"], str) and isinstance(r["amount"], Decimal | int) for r in doc["rows"])
    assert doc["total"] == world["total"] == sum(D(str(r["amount"])) for r in doc["rows"])
    assert [(r["period"], r["tax_type"], r["amount"]) for r in doc["rows"]] == [
        ("2019-01", "增值税", D("0.01")),
        ("2019-02", "增值税", D("1000.1")),
        ("2019-02", "契税", D("2000.05")),
        ("2019-03", "印花税", D("12.3")),
        ("2019-03", "增值税", D("300.67")),
    ]
    assert '"amount": 1000.1}' in out and '"total": 3313.13}' in out  # exact decimals, no float noise

    doc = json.loads(
        _revenue(capsys, "--by", "industry", "--period-from", "2019-03", "--period-to", "2019-03", "--json")
    )
    assert {r["industry"]: r["amount"] for r in doc["rows"]} == {"C": 300.33, "K": 0.34, "": 12.3}
    doc = json.loads(
        _revenue(capsys, "--by", "town", "--period-from", "2019-02", "--period-to", "2019-02", "--json")
    )
    assert doc == {
        "rows": [
            {"town": "北郊镇", "period": "2019-02", "amount": 2000.05},
            {"town": "南郊镇", "period": "2019-02", "amount": 1000.1},
        ],
        "total": 3000.15,
    }
    empty = json.loads(
        _revenue(capsys, "--by", "town", "--period-from", "2018-01", "--period-to", "2018-02", "--json")
    )
    assert empty == {"rows": [], "total": 0}


def test_numbers_print_exactly():
    assert [number(D(v)) for v in ("1234.50", "1234.56", "1200.00", "0.00", "-5.10", "0.01")] == [
        "1234.5", "1234.56", "1200", "0", "-5.1", "0.01",
    ]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour", "--period-from", "2019-01", "--period-to", "2019-02"], "--by 应为"),
        (["--period-from", "2019-01", "--period-to", "2019-02"], "--by 应为"),
        (["--by", "town", "--period-to", "2019-02"], "缺少 --period-from"),
        (["--by", "town", "--period-from", "2019-13", "--period-to", "2019-02"], "月份格式错误"),
        (["--by", "town", "--period-from", "2019-03", "--period-to", "2019-02"], "早于"),
    ],
)
def test_bad_arguments_are_refused_in_chinese(args, message, capsys):
    with pytest.raises(CommandError, match=message):
        call_command("economy", "revenue", *args, "--json")
    assert capsys.readouterr().out == ""


def _gongzhi(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _csv(path: Path, header: list[str], rows: list[dict]) -> str:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


@pytest.mark.own_sqlite
def test_the_console_script_end_to_end(tmp_path, install_migrated):
    """A fresh database: units, the demand list, payments submitted with `exchange submit` (one
    file superseded by a resubmission), then the command as a user types it."""
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    install_migrated(tmp_path / "data")
    assert (
        _gongzhi(env, "units", "load", str(ROOT / "src/gongzhi/org/data/zhoucun_units.csv")).returncode == 0
    )
    catalog = _gongzhi(
        env, "exchange", "catalog", "load", str(ROOT / "src/gongzhi/exchange/data/demo_catalog.yaml")
    )
    assert catalog.returncode == 0, catalog.stderr
    rng = random.Random(7)
    a, b = synthetic.uscc(rng), synthetic.uscc(rng)
    header = ["uscc", "tax_type", "period", "amount", "paid_date"]
    files = [
        ("2024-05", [{"uscc": a, "tax_type": "增值税", "period": "2024-04", "amount": "10.10", "paid_date": "2024-05-10"},
                     {"uscc": b, "tax_type": "增值税", "period": "2024-04", "amount": "0.20", "paid_date": "2024-05-31"}]),
        ("2024-06", [{"uscc": a, "tax_type": "增值税", "period": "2024-05", "amount": "77777.77", "paid_date": "2024-06-10"}]),
        ("2024-06", [{"uscc": a, "tax_type": "增值税", "period": "2024-05", "amount": "20.05", "paid_date": "2024-06-10"},
                     {"uscc": b, "tax_type": "契税", "period": "2024-06", "amount": "1,000.00", "paid_date": "2024-06-11"}]),
    ]  # fmt: skip
    for n, (period, rows) in enumerate(files):
        path = _csv(tmp_path / f"paid{n}.csv", header, rows)
        done = _gongzhi(env, "exchange", "submit", "--dataset", "tax_paid", "--unit", "区税务局",
                        "--period", period, path, "--json")  # fmt: skip
        assert done.returncode == 0 and json.loads(done.stdout)["status"] == "accepted", (
            done.stdout + done.stderr
        )
    done = _gongzhi(env, "economy", "revenue", "--by", "tax_type", "--period-from", "2024-01", "--period-to",
                    "2024-12", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "rows": [
            {"tax_type": "增值税", "period": "2024-05", "amount": 10.3},
            {"tax_type": "增值税", "period": "2024-06", "amount": 20.05},
            {"tax_type": "契税", "period": "2024-06", "amount": 1000},
        ],
        "total": 1030.35,
    }
    bad = _gongzhi(
        env, "economy", "revenue", "--by", "street", "--period-from", "2024-01", "--period-to", "2024-12"
    )
    lines = bad.stderr.strip().splitlines()
    assert bad.returncode == 1 and len(lines) == 1 and "--by 应为" in lines[0] and bad.stdout == ""
