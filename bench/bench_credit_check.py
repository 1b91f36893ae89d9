"""p50/p95 of the credit check API (GET /api/v1/credit/check, unit token) with 10,000 rated
taxpayers (run by hand; figures go in the issue note, nothing is asserted).

    .venv/bin/python bench/bench_credit_check.py [--taxpayers 10000] [--years 3] [--runs 300] [--keep]

A fresh data dir and database: units and the demand list are loaded, the tax bureau submits one
synthetic ratings file per evaluation year through the real submission service (plus a repaired
resubmission), then the API is called through Django's test client (no network) for random
rated, unrated and D-level taxpayers.

What a call costs: the rating does not come from a DuckDB read per call. The check reads as the
system, and `credit.selectors.latest_rating` answers from the in-process index of each
taxpayer's latest rating (`_LatestIndex`), built by one warehouse read (DuckDB over the Parquet
files, audited) on first use and rebuilt only when the set of current rating submissions
changes; each call checks that set against the database (two small queries). The rest of a
call is the token authentication, the measures of the catalogue, the check record with its
measures and its audit entry. The first check's time (the index build) is printed separately.

The data dir (database, submissions, Parquet files) is removed at the end; --keep leaves it and
prints its path.
"""

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taxpayers", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the data dir (printed at the end)")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="gongzhi-bench-credit-")
    try:
        run(args, data)
    finally:
        if args.keep:
            print(f"data dir {data}")
        else:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            shutil.rmtree(data, ignore_errors=True)


def run(args, data: str) -> None:
    env = {**os.environ, "GONGZHI_DATA_DIR": data, "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    subprocess.run([sys.executable, "-m", "gongzhi.cli", "migrate", "--noinput", "-v0"], env=env, check=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from gongzhi.accounts.models import User
    from gongzhi.accounts.services import token_create
    from gongzhi.core import clock
    from gongzhi.core.roles import Role
    from gongzhi.exchange.demo import CATALOG
    from gongzhi.exchange.models import Dataset
    from gongzhi.exchange.services import catalog_load, submission_create
    from gongzhi.exchange.validation import synthetic
    from gongzhi.org.demo import load as units_load
    from gongzhi.org.models import Unit

    settings.ALLOWED_HOSTS.append("testserver")
    units_load(today=clock.today())
    catalog_load(actor=None, data=CATALOG.read_bytes(), filename=CATALOG.name)
    rng = random.Random(2026)
    codes = sorted({synthetic.uscc(rng) for _ in range(args.taxpayers)})
    tax = Unit.objects.get(name="区税务局")
    dataset = Dataset.objects.get(code="credit_rating")
    first_year = clock.today().year - 1 - args.years
    started = time.perf_counter()
    d_level = []
    for year in range(first_year, first_year + args.years):
        path = Path(data) / f"ratings-{year}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["uscc", "name", "eval_year", "level", "score", "d_reason"])
            for n, code in enumerate(codes):
                level = rng.choices("ABMCD", [20, 50, 10, 12, 8])[0]
                score = {"A": "95", "B": "80", "M": "", "C": "55", "D": ""}[level]
                reason = "直接判级（合成数据）" if level == "D" else ""
                if level == "D" and year == first_year + args.years - 1:
                    d_level.append(code)
                writer.writerow([code, f"基准测试企业{n:05d}（合成数据）", year, level, score, reason])
        submission_create(
            actor=None,
            dataset=dataset,
            unit=tax,
            period=str(year),
            source_path=path,
            filename=path.name,
            background=False,
            via="基准测试",
        )
    repaired = Path(data) / "repaired.csv"
    repaired.write_text(
        f"uscc,name,eval_year,level,score,d_reason\n{d_level[0]},基准测试修复（合成数据）,{first_year + args.years - 1},B,72,\n",
        encoding="utf-8",
    )
    submission_create(
        actor=None,
        dataset=dataset,
        unit=tax,
        period=str(first_year + args.years - 1),
        source_path=repaired,
        filename="repaired.csv",
        background=False,
        via="基准测试",
    )
    print(f"loaded {len(codes)} taxpayers x {args.years} years in {time.perf_counter() - started:.1f} s")
    admin = User.objects.create_user(username="bench-admin", password="x-bench-only-12345", role=Role.ADMIN)
    _, secret = token_create(actor=admin, unit=Unit.objects.get(name="区财政局"), name="基准测试")
    headers = {"Authorization": f"Bearer {secret}"}
    client = Client()
    unrated = [synthetic.uscc(rng) for _ in range(50)]
    scenarios = ["procurement", "bidding", "subsidy", "honours", "deputies", "financing", "market_access"]
    t0 = time.perf_counter()  # the first check builds the index of latest ratings (one warehouse read)
    client.get("/api/v1/credit/check", {"uscc": codes[0], "scenario": "procurement"}, headers=headers)
    print(f"first check (builds the index): {(time.perf_counter() - t0) * 1000:.1f} ms")
    for _ in range(5):  # warm up
        client.get("/api/v1/credit/check", {"uscc": codes[0], "scenario": "procurement"}, headers=headers)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import emit

    anchor = []
    for _ in range(args.runs):  # the anchor: the product's smallest page through the same stack
        t0 = time.perf_counter()
        client.get("/healthz")
        anchor.append((time.perf_counter() - t0) * 1000)
    for label, pool in (("rated", codes), ("D level", d_level), ("no rating", unrated)):
        times = []
        for _ in range(args.runs):
            params = {"uscc": rng.choice(pool), "scenario": rng.choice(scenarios)}
            t0 = time.perf_counter()
            response = client.get("/api/v1/credit/check", params, headers=headers)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.content
            assert (response.json()["level"] is None) == (label == "no rating"), response.content
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"check API ({label:9}) n={len(times)}  p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  max {times[-1]:6.1f} ms"
        )
        emit(
            f"credit check API p95 ({label}, {len(codes):,} rated)",
            p95,
            "ms",
            anchor="/healthz, median",
            anchor_value=statistics.median(anchor),
            target="p95 < 50 ms",
            met=p95 < 50,
        )


if __name__ == "__main__":
    main()
