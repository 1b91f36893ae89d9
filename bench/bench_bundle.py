"""The evaluator's evidence bundle of the demo plan (run by hand).

    .venv/bin/python bench/bench_bundle.py [--runs 3] [--data DIR]

Uses a fresh data dir with the demo loaded (or DIR, already loaded). Each run writes the whole
zip (plan, tasks, values, reports, inspections, attachments, audit extract, manifest) and then
verifies the manifest by recomputing every SHA-256. Prints the median and the slowest build,
in seconds. Target (issue 17): < 30 s.
"""

import argparse
import hashlib
import json
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from _demo import demo_django
from _report import emit

PLAN = "周政办字〔2023〕8号"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", default="", help="a data dir with the demo already loaded")
    args = parser.parse_args()
    demo_django(args.data)
    from gongzhi.plans.models import PolicyDocument
    from gongzhi.supervision.bundle import bundle_write

    plan = PolicyDocument.objects.get(doc_number=PLAN)
    out = Path(tempfile.mkdtemp(prefix="gongzhi-bundle-")) / "bundle.zip"
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        summary = bundle_write(plan=plan, out=out)
        times.append(time.perf_counter() - started)
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        bad = [
            f["path"]
            for f in manifest["files"]
            if hashlib.sha256(archive.read(f["path"])).hexdigest() != f["sha256"]
        ]
    print(
        f"bundle {PLAN}: {summary['files']} files, {summary['size']} bytes, median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s ({args.runs} runs); manifest {'verifies' if not bad else f'FAILS on {bad}'}"
    )
    emit(
        f"evaluator's bundle ({summary['files']} files)",
        statistics.median(times),
        "s",
        met=not bad,
        runs=times,
    )


if __name__ == "__main__":
    main()
