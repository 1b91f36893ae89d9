"""Scoring every unit of a period, and generating the notice, on the demo data (run by hand).

    .venv/bin/python bench/bench_assess.py [--runs 5] [--data-dir DIR]

Without --data-dir, a fresh data dir is made and the demo loaded into it. Each scoring run is a
full recomputation (all measures, all units, evidence stored): the inputs are made new each time
by a scheme edit, so no earlier run is reused. The notice figure times its generation from the
demo's own runs: `assessment.notices.draft_text(run)` (the scores, and for the co-governance
scheme the period's data quality and overdue leads) plus its .docx in 公文 layout, for the
co-governance run and the child-friendly run. Prints best / median / worst in seconds; nothing is
asserted. Targets (issue 15): scoring < 2 s, notice < 5 s.
"""

import argparse
import statistics
import time

from _demo import demo_django
from _report import emit


def _times(runs: int, fn, figure: str = "", target: float = 5.0) -> str:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    if figure:
        median = statistics.median(times)
        emit(figure, median, "s", target=f"< {target:g} s", met=median < target, runs=times)
    return (
        f"best {min(times):.2f} s, median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
        f"({runs} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()
    demo_django(args.data_dir)
    from django.db import transaction

    from gongzhi.assessment import services
    from gongzhi.assessment.models import Notice, ScoreRun
    from gongzhi.assessment.notices import draft_text, notice_docx
    from gongzhi.core import clock
    from gongzhi.core.files import remove_temporary

    schemes = {s.code: s for s in services.ensure_default_schemes()}
    # the demo's own runs (before the scoring below adds bench versions)
    demo_runs = {
        code: ScoreRun.objects.filter(version__scheme=scheme)
        .select_related("version__scheme")
        .order_by("pk")
        .first()
        for code, scheme in schemes.items()
    }
    for code, run in demo_runs.items():
        if run is None:
            print(f"notice {code}: no run in the demo")
            continue

        def generate(run=run) -> None:
            title, body, _, _ = draft_text(run)
            path = notice_docx(Notice(run=run, title=title, body=body))
            remove_temporary(path.parent)

        _, body, commended, criticised = draft_text(run)
        print(
            f"notice {code} {run.period} ({run.get_status_display()}, {run.scores.count()} units, "
            f"{len(body.splitlines())} lines, {len(commended)} commended, {len(criticised)} named): "
            f"draft_text + .docx {_times(args.runs, generate, f'notice drafted + .docx ({code})')}"
        )

    today = clock.today()
    period = f"{today.year}H{1 if today.month <= 6 else 2}"
    # the bench's scheme versions and runs are rolled back: a reused data dir stays as it was
    with transaction.atomic():
        for code, scheme in schemes.items():
            times = []
            for n in range(args.runs):
                criteria = [dict(c) for c in scheme.current.criteria]
                params = {**criteria[0]["params"], "bench": n + 1}
                criteria[0] = {**criteria[0], "params": params}
                services.scheme_version_save(actor=None, scheme=scheme, criteria=criteria, note="bench")
                scheme.refresh_from_db()
                started = time.perf_counter()
                services.score_compute(actor=None, scheme=scheme, period=period)
                times.append(time.perf_counter() - started)
            emit(
                f"score all units ({code}, {len(services.scheme_units(scheme))} units)",
                statistics.median(times),
                "s",
                target="< 2 s",
                met=statistics.median(times) < 2,
                runs=times,
            )
            print(
                f"score {code} {period}: {len(services.scheme_units(scheme))} units, best {min(times):.2f} s, "
                f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s ({args.runs} runs)"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
