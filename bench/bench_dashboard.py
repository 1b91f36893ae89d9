"""Median latency of the plan dashboard and a task page on the demo data (run by hand).

    .venv/bin/python bench/bench_dashboard.py [--runs 30]

Uses a fresh data dir with the demo loaded, Django's test client (no network), and prints the
median and p90 in milliseconds. Figures go in the issue note; nothing is asserted.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="gongzhi-bench-")
    env = {**os.environ, "GONGZHI_DATA_DIR": data, "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run(
            [sys.executable, "-m", "gongzhi.cli", *command], env=env, check=True, stdout=subprocess.DEVNULL
        )
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from gongzhi.accounts.models import User
    from gongzhi.plans.models import PolicyDocument

    settings.ALLOWED_HOSTS.append("testserver")
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    task = plan.nodes.tasks().get(number="（5）")
    client = Client()
    client.force_login(User.objects.get(username="fuer"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import emit

    anchor = []
    for _ in range(args.runs):  # the anchor: the smallest page of the product, through the same stack
        started = time.perf_counter()
        client.get("/healthz")
        anchor.append((time.perf_counter() - started) * 1000)
    for name, url in (
        ("plan dashboard", f"/supervision/plans/{plan.pk}/"),
        ("task page", f"/supervision/tasks/{task.pk}/"),
        ("plan tree", f"/plans/{plan.pk}/"),
    ):
        client.get(url)  # warm up
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        print(
            f"{name:15} median {statistics.median(times):6.1f} ms   p90 {times[int(len(times) * 0.9) - 1]:6.1f} ms"
            f"   ({args.runs} runs)"
        )
        emit(
            f"page: {name} (one user)",
            statistics.median(times),
            "ms",
            anchor="/healthz through the same stack",
            anchor_value=statistics.median(anchor),
            target="median < 50 ms",
            met=statistics.median(times) < 50,
        )


if __name__ == "__main__":
    main()
