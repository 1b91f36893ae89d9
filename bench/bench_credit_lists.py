"""Timings of the published A/D lists with 10,000 rated taxpayers (run by hand; figures go in the
issue note, nothing is asserted).

    .venv/bin/python bench/bench_credit_lists.py [--taxpayers 10000] [--runs 20]

A fresh data dir and database: units, the demand list and two users (共治办, 区税务局) are made,
the tax bureau submits one synthetic ratings file through the real submission service; then the
A and the D list are drafted (warehouse read, rows frozen, hash), checked and published, and the
public pages (no login) and the .xlsx are fetched through Django's test client (no network).
"""

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit

_SCALE = 1000  # seconds to milliseconds


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taxpayers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="gongzhi-bench-lists-")
    env = {**os.environ, "GONGZHI_DATA_DIR": data, "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    subprocess.run([sys.executable, "-m", "gongzhi.cli", "migrate", "--noinput", "-v0"], env=env, check=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from gongzhi.accounts.services import user_create
    from gongzhi.core import clock
    from gongzhi.core.roles import Role
    from gongzhi.credit import lists
    from gongzhi.exchange.demo import CATALOG
    from gongzhi.exchange.models import Dataset
    from gongzhi.exchange.services import catalog_load, submission_create
    from gongzhi.exchange.validation import synthetic
    from gongzhi.org.demo import load as units_load
    from gongzhi.org.models import Unit

    settings.ALLOWED_HOSTS.append("testserver")
    units_load(today=clock.today())
    catalog_load(actor=None, data=CATALOG.read_bytes(), filename=CATALOG.name)
    office = user_create(
        actor=None,
        username="bench_office",
        password="bench-password-1",
        full_name="共治办（基准）",
        unit=Unit.objects.get(name="区财政局"),
        role=Role.COGOV_OFFICE,
        must_change_password=False,
        synthetic=True,
    )
    officer = user_create(
        actor=None,
        username="bench_officer",
        password="bench-password-1",
        full_name="税务（基准）",
        unit=Unit.objects.get(name="区税务局"),
        role=Role.TAX_OFFICER,
        must_change_password=False,
        synthetic=True,
    )
    rng = random.Random(2026)
    codes = sorted({synthetic.uscc(rng) for _ in range(args.taxpayers)})
    year = clock.today().year - 1
    path = Path(data) / "ratings.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uscc", "name", "eval_year", "level", "score", "d_reason"])
        for n, code in enumerate(codes):
            level = rng.choices("ABMCD", [20, 50, 10, 12, 8])[0]
            score = {"A": "95", "B": "80", "M": "", "C": "55", "D": ""}[level]
            reason = "虚开增值税普通发票（直接判级，合成数据）" if level == "D" else ""
            writer.writerow([code, f"基准测试企业{n:05d}（合成数据）", year, level, score, reason])
    started = time.perf_counter()
    submission_create(
        actor=None,
        dataset=Dataset.objects.get(code="credit_rating"),
        unit=Unit.objects.get(name="区税务局"),
        period=str(year),
        source_path=path,
        filename=path.name,
        background=False,
    )
    print(f"{len(codes)} ratings submitted in {time.perf_counter() - started:.1f} s")

    for level in ("A", "D"):
        started = time.perf_counter()
        revision = lists.list_draft(actor=officer, eval_year=year, level=level)
        drafted = time.perf_counter() - started
        started = time.perf_counter()
        lists.list_approve(actor=office, revision=revision)
        lists.list_publish(actor=office, revision=revision)
        checked = time.perf_counter() - started
        print(
            f"{level} list: {revision.row_count} rows drafted in {drafted:.2f} s; checked and published in {checked:.2f} s"
        )

    client = Client()
    pages = {
        "public index": "/public/credit/",
        "public A list (page 1 of 50 rows)": f"/public/credit/{year}/A/",
        "public search by name": "/public/credit/?q=基准测试企业0042",
        "public search by code": f"/public/credit/?q={codes[min(4242, len(codes) - 1)]}",
        "public A list .xlsx": f"/public/credit/{year}/A/xlsx/",
    }
    for label, url in pages.items():
        samples = []
        for _ in range(args.runs if "xlsx" not in url else max(3, args.runs // 5)):
            started = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label}: {_ms(samples)}")
        emit(
            f"credit lists: {label}",
            statistics.median(samples) * _SCALE,
            "ms",
            runs=[t * _SCALE for t in samples],
        )


if __name__ == "__main__":
    main()
