"""The public plan pages (no login) on the demo data (run by hand).

    .venv/bin/python bench/bench_public_pages.py [--runs 50] [--data DIR]

Uses a fresh data dir with the demo loaded (or DIR, already loaded). Requests /public/plans/
and /public/plans/<demo plan>/ through Django's test client (the whole middleware stack, no
network) as an anonymous visitor; the first request of the page (cache cold) is timed apart.
Prints the median and the slowest, in milliseconds, and checks that no 18-digit ID number is
in the page. Target (issue 17): median < 100 ms.
"""

import argparse
import re
import statistics
import time

from _demo import demo_django
from _report import emit

PLAN = "周政办字〔2023〕8号"
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--data", default="", help="a data dir with the demo already loaded")
    args = parser.parse_args()
    demo_django(args.data)
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gongzhi.plans.models import PolicyDocument

    setup_test_environment()  # lets the test client run against this data dir
    cache.clear()
    plan = PolicyDocument.objects.get(doc_number=PLAN)
    client = Client()
    for path in ("/public/plans/", f"/public/plans/{plan.pk}/"):
        started = time.perf_counter()
        response = client.get(path)
        cold = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        assert not ID_NUMBER.search(response.content.decode()), "an ID number on a public page"
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        print(
            f"{path}: first {cold:.0f} ms, median {statistics.median(times):.1f} ms, "
            f"max {max(times):.1f} ms ({args.runs} runs, {len(response.content)} bytes)"
        )
        emit(f"public page {path}", statistics.median(times), "ms", runs=times)


if __name__ == "__main__":
    main()
