"""Accuracy of the policy-document parser on the real-document corpus (tests/corpus/, issue 12).

Runs ``gongzhi.plans.parsing.parse_file`` on every annotated document of tests/corpus/ and
prints, per document and in total, task recall and precision, unit F1, target recall and
precision (task targets, document targets and both together) and the parse time. The matching
is in tests/plans/parsing/real_corpus.py (targets via corpus_metrics.match_targets).

    PYTHONPATH=src .venv/bin/python bench/score_corpus.py            # non-blind documents
    ... bench/score_corpus.py --only r07 -v                         # one document, every miss
    ... bench/score_corpus.py --blind                               # the blind set too (at the end only)
    ... bench/score_corpus.py --json                                 # machine-readable totals
    ... bench/score_corpus.py --check tests/corpus/floors.json       # exit 1 below a floor
    ... bench/score_corpus.py --record                               # write tests/corpus/floors.json

Floors are the non-blind totals; ``--record`` refuses to run with ``--blind`` or ``--only``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "plans" / "parsing"))
sys.path.insert(0, str(ROOT / "bench"))

from _report import emit  # noqa: E402
from real_corpus import FLOORS, below_floors, load_cases, run  # noqa: E402

TARGETS = {  # the figures
    "task_recall": 0.95,
    "unit_f1": 0.95,
    "target_recall": 0.9,
    "target_precision": 0.8,
}


def _cell(num: int, den: int) -> str:
    return "    -" if den == 0 else f"{num / den:5.2f}"


def table(per_case: dict, total, blind_ids: set[str]) -> str:
    head = (
        f"{'document':<44} {'tasks e/f/m':>12} {'t.R':>5} {'t.P':>5} {'unitF1':>6} "
        f"{'tgt e/f/m':>10} {'g.R':>5} {'g.P':>5} {'doc e/f/m':>9} {'ms':>6}"
    )
    rows = [head]
    for case_id, s in per_case.items():
        units_den = 2 * s.unit_tp + s.unit_fp + s.unit_fn
        rows.append(
            f"{case_id + (' (blind)' if case_id in blind_ids else ''):<44} "
            f"{s.tasks_expected:>4}/{s.tasks_found:>3}/{s.tasks_matched:>3} "
            f"{_cell(s.tasks_matched, s.tasks_expected)} {_cell(s.tasks_matched, s.tasks_found)} "
            f"{' ' + _cell(2 * s.unit_tp, units_den)} "
            f"{s.task_targets_expected:>3}/{s.task_targets_found:>3}/{s.task_targets_matched:>3}"
            f" {_cell(s.task_targets_matched, s.task_targets_expected)}"
            f" {_cell(s.task_targets_matched, s.task_targets_found)} "
            f"{s.document_targets_expected:>3}/{s.document_targets_found:>2}/{s.document_targets_matched:>2} "
            f"{s.seconds * 1000:6.1f}"
        )
    f = total.figures()
    rows.append("")
    rows.append(
        f"TOTAL {len(per_case)} documents: tasks recall {f['task_recall']:.3f} precision {f['task_precision']:.3f}"
        f" | unit F1 {f['unit_f1']:.3f}"
        f" | targets recall {f['target_recall']:.3f} precision {f['target_precision']:.3f}"
        f" (task targets {f['task_target_recall']:.3f}/{f['task_target_precision']:.3f},"
        f" document targets {f['document_target_recall']:.3f}/{f['document_target_precision']:.3f})"
        f" | {total.seconds * 1000:.0f} ms"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", action="store_true", help="include the blind set (skipped by default)")
    parser.add_argument(
        "--only", metavar="ID", help="only documents whose id starts with ID (several: ID,ID,…)"
    )
    parser.add_argument("--json", action="store_true", help="print the totals as JSON only")
    parser.add_argument(
        "--check", metavar="FLOORS.json", type=Path, help="exit 1 when a figure is below its floor"
    )
    parser.add_argument("--record", action="store_true", help=f"write the non-blind totals to {FLOORS}")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and error")
    args = parser.parse_args(argv)
    if args.record and (args.blind or args.only):
        parser.error("--record records the whole non-blind corpus: no --blind, no --only")

    cases = load_cases(include_blind=args.blind, only=args.only)
    if not cases:
        parser.error("no annotated document matches")
    per_case, total = run(cases)
    non_blind = [c.id for c in cases if not c.blind]
    blind_ids = {c.id for c in cases if c.blind}
    from real_corpus import RealScore

    totals = {"all": total}
    if blind_ids:
        totals["non_blind"], totals["blind"] = RealScore(), RealScore()
        for case_id, score in per_case.items():
            totals["blind" if case_id in blind_ids else "non_blind"].add(score)
    else:
        totals["non_blind"] = total

    if args.json:
        out = {
            name: {"documents": n, **s.figures(), "seconds": round(s.seconds, 4)}
            for name, s, n in (
                (
                    name,
                    s,
                    len(blind_ids)
                    if name == "blind"
                    else len(non_blind)
                    if name == "non_blind"
                    else len(cases),
                )
                for name, s in totals.items()
            )
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(table(per_case, total, blind_ids))
        if blind_ids:
            for name in ("non_blind", "blind"):
                f = totals[name].figures()
                print(
                    f"{name}: tasks {f['task_recall']:.3f}/{f['task_precision']:.3f} unit F1 {f['unit_f1']:.3f}"
                    f" targets {f['target_recall']:.3f}/{f['target_precision']:.3f}"
                )
        if args.verbose:
            for line in total.errors + total.misses:
                print("  " + line)
        nb = totals["non_blind"]
        for name, target in TARGETS.items():
            value = getattr(nb, name)
            emit(
                f"corpus {name.replace('_', ' ')}",
                round(value, 4),
                "ratio",
                target=f">= {target}",
                met=value >= target,
            )
        emit("corpus parse time", round(nb.seconds * 1000, 1), "ms", target=f"{len(non_blind)} documents")

    status = 0
    if args.check:
        floors = json.loads(args.check.read_text("utf-8"))
        drops = below_floors(totals["non_blind"], floors)
        for drop in drops:
            print("BELOW FLOOR:", drop, file=sys.stderr)
        status = 1 if drops else 0
    if args.record:
        nb = totals["non_blind"]
        record = {
            "_comment": "Non-blind totals of bench/score_corpus.py --record; the CI test fails below them.",
            "documents": sorted(non_blind),
            "figures": {k: max(0.0, round(v - 0.00005, 4)) for k, v in nb.defined_figures().items()},
        }
        FLOORS.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"recorded {FLOORS.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
