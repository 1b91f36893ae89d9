"""Score the parser on the hand-labelled corpus (tests/fixtures/plans/corpus/).

Unit F1: over (document, task, role, unit name) tuples; a task is identified by
its number as printed (and its occurrence, if a number repeats).
Target recall / precision: expected targets matched one-to-one, within the same
task, on (comparator, value, value_max, unit, deadline_year). ``indicator`` and
``per`` are reported as agreement rates among matched targets, not scored.

Run ``PYTHONPATH=src .venv/bin/python tests/plans/parsing/corpus_metrics.py`` for a table.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "plans" / "corpus"
ROLES = ("lead_units", "responsible_units", "cooperating_units")
METADATA = ("title", "notice_title", "doc_number", "issuer", "date", "end_year")


@dataclass
class Case:
    path: Path
    expected: dict

    @property
    def split(self) -> str:
        return self.expected["split"]


def load_corpus() -> list[Case]:
    cases = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        (document,) = [p for p in CORPUS.iterdir() if p.name.startswith(stem + ".") and p != expected]
        cases.append(Case(document, json.loads(expected.read_text("utf-8"))))
    return cases


@dataclass
class Score:
    unit_tp: int = 0
    unit_fp: int = 0
    unit_fn: int = 0
    targets_expected: int = 0
    targets_found: int = 0
    targets_matched: int = 0
    indicator_agree: int = 0
    per_agree: int = 0
    metadata_errors: list[str] = field(default_factory=list)
    task_errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "unit_tp",
            "unit_fp",
            "unit_fn",
            "targets_expected",
            "targets_found",
            "targets_matched",
            "indicator_agree",
            "per_agree",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.metadata_errors += other.metadata_errors
        self.task_errors += other.task_errors
        self.misses += other.misses

    @property
    def unit_f1(self) -> float:
        denominator = 2 * self.unit_tp + self.unit_fp + self.unit_fn
        return 1.0 if denominator == 0 else 2 * self.unit_tp / denominator

    @property
    def target_recall(self) -> float:
        return 1.0 if not self.targets_expected else self.targets_matched / self.targets_expected

    @property
    def target_precision(self) -> float:
        return 1.0 if not self.targets_found else self.targets_matched / self.targets_found


def _keyed(tasks: list[dict]) -> dict[tuple[str, int], dict]:
    seen: Counter = Counter()
    out = {}
    for task in tasks:
        seen[task["number"]] += 1
        out[(task["number"], seen[task["number"]])] = task
    return out


def target_key(t: dict) -> tuple:
    """What a target is matched on: (comparator, value, value_max, unit, deadline_year); no unit is
    no unit whether written "" or null."""

    def num(v):
        return None if v is None else round(float(v), 6)

    return (
        t["comparator"],
        num(t["value"]),
        num(t.get("value_max")),
        t.get("unit") or "",
        t.get("deadline_year"),
    )


_target_key = target_key


def match_targets(
    expected: list[dict], got: list[dict]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match targets one-to-one on ``target_key``: (matched pairs, missing expected, extra found).

    Shared with the real-document corpus scorer (tests/plans/parsing/real_corpus.py).
    """
    remaining = list(got)
    pairs, missing = [], []
    for target in expected:
        match = next((g for g in remaining if target_key(g) == target_key(target)), None)
        if match is None:
            missing.append(target)
            continue
        remaining.remove(match)
        pairs.append((target, match))
    return pairs, missing, remaining


def score_case(case: Case, got: dict) -> Score:
    score = Score()
    name = case.path.name
    expected_docs = case.expected["documents"]
    got_docs = got["documents"]
    if len(expected_docs) != len(got_docs):
        score.metadata_errors.append(f"{name}: {len(got_docs)} documents, expected {len(expected_docs)}")
    for d, exp_doc in enumerate(expected_docs):
        got_doc = got_docs[d] if d < len(got_docs) else {"tasks": [], "groups": []}
        for key in METADATA:
            if key in exp_doc and got_doc.get(key) != exp_doc[key]:
                score.metadata_errors.append(f"{name}#{d} {key}: {got_doc.get(key)!r} != {exp_doc[key]!r}")
        exp_tasks, got_tasks = _keyed(exp_doc["tasks"]), _keyed(got_doc["tasks"])
        if list(exp_tasks) != list(got_tasks):
            score.task_errors.append(
                f"{name}#{d} tasks {[k[0] for k in got_tasks]} != {[k[0] for k in exp_tasks]}"
            )
        for key in exp_tasks.keys() | got_tasks.keys():
            exp_task, got_task = exp_tasks.get(key), got_tasks.get(key)
            exp_units = {(r, u) for r in ROLES for u in (exp_task or {}).get(r, [])}
            got_units = {(r, u) for r in ROLES for u in (got_task or {}).get(r, [])}
            score.unit_tp += len(exp_units & got_units)
            score.unit_fp += len(got_units - exp_units)
            score.unit_fn += len(exp_units - got_units)
            for r, u in sorted(exp_units ^ got_units):
                side = "missing" if (r, u) in exp_units else "extra"
                score.misses.append(f"{name}#{d} {key[0]} {side} unit {r}={u}")
            if exp_task and got_task and exp_task.get("open_ended") != got_task.get("open_ended"):
                score.task_errors.append(f"{name}#{d} {key[0]} open_ended {got_task.get('open_ended')}")
            exp_targets = list((exp_task or {}).get("targets", []))
            got_targets = list((got_task or {}).get("targets", []))
            score.targets_expected += len(exp_targets)
            score.targets_found += len(got_targets)
            pairs, missing, remaining = match_targets(exp_targets, got_targets)
            for target in missing:
                score.misses.append(
                    f"{name}#{d} {key[0]} missing target {_target_key(target)} {target['indicator']}"
                )
            for target, match in pairs:
                score.targets_matched += 1
                score.indicator_agree += match["indicator"] == target["indicator"]
                score.per_agree += match.get("per") == target.get("per")
            for extra in remaining:
                score.misses.append(
                    f"{name}#{d} {key[0]} extra target {_target_key(extra)} {extra['indicator']}"
                )
        exp_groups = exp_doc.get("groups", [])
        got_groups = got_doc.get("groups", [])
        strip = [{k: g[k] for k in ("name", "office_unit", "office_director", "members")} for g in got_groups]
        if exp_groups != strip:
            score.metadata_errors.append(f"{name}#{d} groups differ: {strip}")
    return score


def run(cases: list[Case] | None = None) -> dict[str, Score]:
    from gongzhi.plans.parsing import parse_file

    by_split: dict[str, Score] = {"tuning": Score(), "held_out": Score(), "all": Score()}
    for case in cases or load_corpus():
        got = parse_file(case.path).to_json()
        score = score_case(case, got)
        by_split[case.split].add(score)
        by_split["all"].add(score)
    return by_split


def report(scores: dict[str, Score]) -> str:
    rows = ["split      unit_F1  target_recall  target_precision  indicator_agree  per_agree  meta_err"]
    for split, s in scores.items():
        matched = max(1, s.targets_matched)
        rows.append(
            f"{split:<10} {s.unit_f1:7.3f}  {s.target_recall:13.3f}  {s.target_precision:16.3f}  "
            f"{s.indicator_agree / matched:15.3f}  {s.per_agree / matched:9.3f}  {len(s.metadata_errors):8d}"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    import sys

    result = run()
    print(report(result))
    if "-v" in sys.argv:
        for split in ("tuning", "held_out"):
            for line in result[split].metadata_errors + result[split].task_errors + result[split].misses:
                print(f"[{split}] {line}")
