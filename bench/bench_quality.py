"""Data quality on the demo data (run by hand): the figures of the quality page and how long its
pieces take.

    .venv/bin/python bench/bench_quality.py [--runs 5] [--data-dir DIR]

Without --data-dir, a fresh data dir is made and the demo loaded into it. Prints, for the page's
default window (the last six months), this year and since last January: the on-time rate, late /
missing / rejected / finding counts, and the median seconds of quality_problems (with its warehouse
read), the notice and its .docx. Nothing is asserted.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()
    data = args.data_dir or tempfile.mkdtemp(prefix="gongzhi-bench-")
    env = {**os.environ, "GONGZHI_DATA_DIR": data}
    if not args.data_dir:
        for command in (["migrate", "--noinput", "-v0"], ["demo"]):
            subprocess.run(
                [sys.executable, "-m", "gongzhi.cli", *command],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    import django

    django.setup()
    from _report import emit

    from gongzhi.core import clock
    from gongzhi.core.files import remove_temporary
    from gongzhi.core.periods import shift_month
    from gongzhi.exchange.exports import quality_notice, quality_notice_docx
    from gongzhi.exchange.selectors import quality_problems

    today = clock.today()
    year, month = shift_month(today.year, today.month, -6)
    windows = {
        "last six months (page default)": datetime.date(year, month, 1),
        "this year": datetime.date(today.year, 1, 1),
        "since last January": datetime.date(today.year - 1, 1, 1),
    }
    for name, start in windows.items():
        times, notice_times = [], []
        for _ in range(args.runs):
            began = time.perf_counter()
            units = quality_problems(start=start, end=today, today=today)
            times.append(time.perf_counter() - began)
            began = time.perf_counter()
            path = quality_notice_docx(notice=quality_notice(units=units, start=start, end=today), day=today)
            notice_times.append(time.perf_counter() - began)
            remove_temporary(path)
        expected, on_time = sum(u.expected for u in units), sum(u.on_time for u in units)
        print(
            f"{name}: {start}..{today}  on time {on_time}/{expected} = {on_time / expected:.1%}"
            if expected
            else f"{name}: nothing due",
            f" late {sum(len(u.late) for u in units)}, missing {sum(len(u.missing) for u in units)},"
            f" rejected {sum(len(u.rejected) for u in units)}, findings {sum(len(u.findings) for u in units)},"
            f" units with problems {sum(1 for u in units if u.problem_count)}/{len(units)};"
            f" quality_problems {statistics.median(times):.2f} s, notice .docx {statistics.median(notice_times):.2f} s",
        )
        emit(f"data-quality view ({name})", statistics.median(times), "s", runs=times)
        emit(f"data-quality notice .docx ({name})", statistics.median(notice_times), "s", runs=notice_times)


if __name__ == "__main__":
    main()
