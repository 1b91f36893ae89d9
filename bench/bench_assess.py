"""Scoring every unit of a period, and the notice .docx, on the demo data (run by hand).

    .venv/bin/python bench/bench_assess.py [--runs 5]

Uses a fresh data dir with the demo loaded. Each scoring run is a full recomputation (all
measures, all units, evidence stored): the inputs are made new each time by a scheme edit, so
no earlier run is reused. Prints the median and the slowest, in seconds; nothing is asserted.
Targets (issue 15): scoring < 2 s, notice < 5 s.
"""

import argparse
import statistics
import time

from _demo import demo_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    demo_django("")
    from gongzhi.assessment import services
    from gongzhi.assessment.models import Notice
    from gongzhi.assessment.notices import notice_docx
    from gongzhi.core import clock
    from gongzhi.core.files import remove_temporary

    schemes = {s.code: s for s in services.ensure_default_schemes()}
    today = clock.today()
    period = f"{today.year}H{1 if today.month <= 6 else 2}"
    for code, scheme in schemes.items():
        times, units = [], 0
        for n in range(args.runs):
            criteria = [dict(c) for c in scheme.current.criteria]
            criteria[0] = {**criteria[0], "params": {**criteria[0]["params"], "bench": n + 1}}
            services.scheme_version_save(actor=None, scheme=scheme, criteria=criteria, note="bench")
            scheme.refresh_from_db()
            started = time.perf_counter()
            run = services.score_compute(actor=None, scheme=scheme, period=period)
            times.append(time.perf_counter() - started)
            units = run.scores.count()
        print(
            f"score {code} {period}: {units} units, median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s ({args.runs} runs)"
        )
    notice = Notice.objects.order_by("pk").first()
    if notice is None:
        print("notice: none in the demo (no approved run)")
        return
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        path = notice_docx(notice)
        times.append(time.perf_counter() - started)
        remove_temporary(path.parent)
    print(
        f"notice .docx ({notice.run.scores.count()} units): median {statistics.median(times):.2f} s, max {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()
