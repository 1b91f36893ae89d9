"""Timings of the children's public page /public/children/ (run by hand; figures go in the issue
note, nothing is asserted).

    .venv/bin/python bench/bench_public_children.py [--runs 50] [--suggestions 1000] [--data-dir DIR]

A fresh data dir and database with the demo loaded (`gongzhi demo`), unless --data-dir names one
that has it; then --suggestions more published suggestions (synthetic) are added through the
services, and the page is fetched through Django's test client (no network, no login): warm (the
page's data cached, the normal case), and cold (the cache cleared before every request: the
selectors' own cost).
"""

import argparse
import statistics
import time

from _demo import demo_django
from _report import emit

_SCALE = 1000  # seconds to milliseconds


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--suggestions", type=int, default=1000)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()
    demo_django(args.data_dir, prefix="gongzhi-bench-children-")
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from gongzhi.children import services
    from gongzhi.children.models import Suggestion
    from gongzhi.org.models import Unit

    settings.ALLOWED_HOSTS.append("testserver")
    unit = Unit.objects.get(name="区卫生健康局")
    have = Suggestion.objects.filter(text__startswith="（压测）").count()
    for i in range(have, args.suggestions):
        s = services.suggestion_submit_public(actor=None, text=f"（压测）希望第{i}个公园有更多滑梯")
        services.suggestion_route(actor=None, suggestion=s, unit=unit)
        services.suggestion_answer(
            actor=None, suggestion=s, adoption="partly", answer="谢谢你的建议，我们先在两个公园试一试。"
        )
        services.suggestion_publish(actor=None, suggestion=s)
    print(
        f"suggestions: {Suggestion.objects.count()} ({Suggestion.objects.filter(state='published').count()} published)"
    )

    client = Client()
    response = client.get("/public/children/")
    assert response.status_code == 200, response.status_code
    assert "你们的建议" in response.content.decode()
    warm, cold = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get("/public/children/")
        warm.append(time.perf_counter() - started)
        assert response.status_code == 200
    for _ in range(args.runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get("/public/children/")
        cold.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(f"/public/children/ warm ({args.runs} runs): {_ms(warm)}")
    print(f"/public/children/ cold, cache cleared each time ({args.runs} runs): {_ms(cold)}")
    form = []
    for _ in range(args.runs):
        started = time.perf_counter()
        assert client.get("/public/children/suggest/").status_code == 200
        form.append(time.perf_counter() - started)
    print(f"/public/children/suggest/ ({args.runs} runs): {_ms(form)}")
    emit("/public/children/ warm", statistics.median(warm) * _SCALE, "ms", runs=[t * _SCALE for t in warm])
    emit("/public/children/ cold", statistics.median(cold) * _SCALE, "ms", runs=[t * _SCALE for t in cold])


if __name__ == "__main__":
    main()
