"""Score the parser on the real-document corpus (tests/corpus/, rule in its README.md).

Shared by ``bench/score_corpus.py`` (the accuracy report) and ``test_real_corpus.py`` (the CI
floor). Matching, per file (all documents of a file together, in document order, so that a
wrong split into documents costs metadata, not every task):

- tasks: an expected task matches the first unmatched found task, looking forward from the
  previous match and then anywhere, whose number is the same (NFKC-normalised, spaces removed,
  so ``（一）`` = ``(一)``) and, when the annotation gives ``starts_with``, whose text (title
  included, white space removed) starts with it; an unnumbered task (``number: ""``) is matched
  on ``starts_with`` alone. Task recall = matched / expected, precision = matched / found.
- units: F1 over (task, role, unit name) tuples, names NFKC-normalised; the units of an
  unmatched task count as missing (expected) or extra (found).
- targets: one-to-one on ``corpus_metrics.target_key`` (comparator, value, value_max, unit,
  deadline_year) within a matched task; document targets (``documents[].targets``) are pooled
  per file. Targets of unmatched tasks count as missing or extra.

A document the parser rejects (ParseError) counts as nothing found; the error is listed.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path

from corpus_metrics import ROLES, match_targets, target_key

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"
FLOORS = CORPUS / "floors.json"
ISSUER_KINDS = {"国务院", "部门", "省", "市", "区县"}
COMPARATORS = {">=", ">", "=", "<=", "<", "range", "decrease_by", "increase_by"}
# The figures a floor guards (all are "higher is better").
FIGURES = (
    "task_recall",
    "task_precision",
    "unit_f1",
    "target_recall",
    "target_precision",
    "task_target_recall",
    "task_target_precision",
    "document_target_recall",
    "document_target_precision",
)


@dataclass
class RealCase:
    id: str
    path: Path
    expected: dict

    @property
    def blind(self) -> bool:
        return bool(self.expected.get("blind"))


def document_files() -> dict[str, Path]:
    """Every corpus document by id (``<id>.<ext>`` beside the annotations; src/ holds markup)."""
    out = {}
    for path in sorted(CORPUS.iterdir()):
        if (
            not path.is_file()
            or not re.match(r"r\d{2,4}_", path.name)
            or path.name.endswith(".expected.json")
        ):
            continue
        out[path.name.split(".", 1)[0]] = path
    return out


def _corpus_order(path: Path) -> tuple[bool, str]:
    """By name, as the corpus has always been read (the samples of the metamorphic tests take every
    tenth case in this order), ids of four digits (r1000…) after the rest instead of among them
    (``r1000_`` sorts before ``r100_`` by name)."""
    return (bool(re.match(r"r\d{4}_", path.name)), path.name)


def load_cases(*, include_blind: bool = False, only: str | None = None) -> list[RealCase]:
    """The corpus' cases; ``only``: id prefixes separated by commas (``r279_,r28``)."""
    files = document_files()
    prefixes = tuple(p for p in (only or "").split(",") if p)
    cases = []
    for expected in sorted(CORPUS.glob("r*.expected.json"), key=_corpus_order):
        case_id = expected.name.removesuffix(".expected.json")
        if prefixes and not case_id.startswith(prefixes):
            continue
        case = RealCase(
            case_id, files.get(case_id, CORPUS / case_id), json.loads(expected.read_text("utf-8"))
        )
        if case.blind and not include_blind:
            continue
        cases.append(case)
    return cases


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass
class RealScore:
    tasks_expected: int = 0
    tasks_found: int = 0
    tasks_matched: int = 0
    unit_tp: int = 0
    unit_fp: int = 0
    unit_fn: int = 0
    task_targets_expected: int = 0
    task_targets_found: int = 0
    task_targets_matched: int = 0
    document_targets_expected: int = 0
    document_targets_found: int = 0
    document_targets_matched: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: RealScore) -> None:
        for f in fields(self):
            if f.name in ("errors", "misses"):
                getattr(self, f.name).extend(getattr(other, f.name))
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return 1.0 if den == 0 else num / den

    @property
    def task_recall(self) -> float:
        return self._ratio(self.tasks_matched, self.tasks_expected)

    @property
    def task_precision(self) -> float:
        return self._ratio(self.tasks_matched, self.tasks_found)

    @property
    def unit_f1(self) -> float:
        return self._ratio(2 * self.unit_tp, 2 * self.unit_tp + self.unit_fp + self.unit_fn)

    @property
    def task_target_recall(self) -> float:
        return self._ratio(self.task_targets_matched, self.task_targets_expected)

    @property
    def task_target_precision(self) -> float:
        return self._ratio(self.task_targets_matched, self.task_targets_found)

    @property
    def document_target_recall(self) -> float:
        return self._ratio(self.document_targets_matched, self.document_targets_expected)

    @property
    def document_target_precision(self) -> float:
        return self._ratio(self.document_targets_matched, self.document_targets_found)

    @property
    def target_recall(self) -> float:
        return self._ratio(
            self.task_targets_matched + self.document_targets_matched,
            self.task_targets_expected + self.document_targets_expected,
        )

    @property
    def target_precision(self) -> float:
        return self._ratio(
            self.task_targets_matched + self.document_targets_matched,
            self.task_targets_found + self.document_targets_found,
        )

    def figures(self) -> dict[str, float]:
        return {name: round(getattr(self, name), 4) for name in FIGURES}

    def defined_figures(self) -> dict[str, float]:
        """The figures with a non-zero denominator (a precision over nothing found is no floor)."""
        denominators = {
            "task_recall": self.tasks_expected,
            "task_precision": self.tasks_found,
            "unit_f1": 2 * self.unit_tp + self.unit_fp + self.unit_fn,
            "target_recall": self.task_targets_expected + self.document_targets_expected,
            "target_precision": self.task_targets_found + self.document_targets_found,
            "task_target_recall": self.task_targets_expected,
            "task_target_precision": self.task_targets_found,
            "document_target_recall": self.document_targets_expected,
            "document_target_precision": self.document_targets_found,
        }
        return {name: value for name, value in self.figures().items() if denominators[name]}


def _found_text(task: dict) -> list[str]:
    text = _norm(task.get("text"))
    number = _norm(task.get("number"))
    if number and text.startswith(number):  # a task's text starts with its marker; starts_with does not
        text = text[len(number) :]
    text = text.lstrip("—")  # nor its dash (——加快生活垃圾有效治理。…, an unnumbered item)
    title = _norm(task.get("title"))
    return [text, title + text] if title and not text.startswith(title) else [text]


def _task_matches(exp: dict, got: dict) -> bool:
    prefix = _norm(exp.get("starts_with"))
    if exp["number"] and _norm(exp["number"]) != _norm(got.get("number")):
        return False
    if prefix and not any(t.startswith(prefix) for t in _found_text(got)):
        return False
    return bool(exp["number"] or prefix)


def match_tasks(expected: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pairs (expected task, found task or None) in expected order, and the unmatched found tasks."""
    used = [False] * len(got)
    pairs, last = [], -1
    for exp in expected:
        order = list(range(last + 1, len(got))) + list(range(0, last + 1))
        hit = next((i for i in order if not used[i] and _task_matches(exp, got[i])), None)
        if hit is None:
            pairs.append((exp, None))
            continue
        used[hit] = True
        last = hit
        pairs.append((exp, got[hit]))
    return pairs, [g for g, u in zip(got, used, strict=True) if not u]


def _units(task: dict | None) -> set[tuple[str, str]]:
    return {(role, _norm(u)) for role in ROLES for u in (task or {}).get(role, [])}


def _label(task: dict) -> str:
    return task.get("number") or "«" + (task.get("starts_with") or _norm(task.get("text"))[:8]) + "»"


def score_result(case: RealCase, got: dict) -> RealScore:
    """Score one file's parse result (``ParseResult.to_json()``) against its annotation."""
    score = RealScore()
    exp_docs, got_docs = case.expected["documents"], got.get("documents", [])
    if len(exp_docs) != len(got_docs):
        score.errors.append(f"{case.id}: {len(got_docs)} documents found, {len(exp_docs)} expected")
    exp_tasks = [t for d in exp_docs for t in d["tasks"]]
    got_tasks = [t for d in got_docs for t in d.get("tasks", [])]
    score.tasks_expected, score.tasks_found = len(exp_tasks), len(got_tasks)
    pairs, extra_tasks = match_tasks(exp_tasks, got_tasks)
    for exp, found in pairs + [(None, g) for g in extra_tasks]:
        label = _label(exp or found)
        if exp is None:
            score.misses.append(f"{case.id} {label}: extra task {_norm(found.get('text'))[:20]}")
        elif found is None:
            score.misses.append(f"{case.id} {label}: missing task")
        else:
            score.tasks_matched += 1
        exp_units, got_units = _units(exp), _units(found)
        score.unit_tp += len(exp_units & got_units)
        score.unit_fp += len(got_units - exp_units)
        score.unit_fn += len(exp_units - got_units)
        if exp is not None and found is not None:
            for role, unit in sorted(exp_units ^ got_units):
                side = "missing" if (role, unit) in exp_units else "extra"
                score.misses.append(f"{case.id} {label}: {side} unit {role}={unit}")
        exp_targets = (exp or {}).get("targets", [])
        got_targets = (found or {}).get("targets", [])
        score.task_targets_expected += len(exp_targets)
        score.task_targets_found += len(got_targets)
        matched, missing, extra = match_targets(exp_targets, got_targets)
        score.task_targets_matched += len(matched)
        if exp is not None and found is not None:
            score.misses += [
                f"{case.id} {label}: missing target {target_key(t)} {t['indicator']}" for t in missing
            ]
            score.misses += [
                f"{case.id} {label}: extra target {target_key(t)} {t['indicator']}" for t in extra
            ]
    exp_doc_targets = [t for d in exp_docs for t in d.get("targets", [])]
    got_doc_targets = [t for d in got_docs for t in d.get("targets", [])]
    matched, missing, extra = match_targets(exp_doc_targets, got_doc_targets)
    score.document_targets_expected = len(exp_doc_targets)
    score.document_targets_found = len(got_doc_targets)
    score.document_targets_matched = len(matched)
    score.misses += [f"{case.id} document: missing target {target_key(t)} {t['indicator']}" for t in missing]
    score.misses += [f"{case.id} document: extra target {target_key(t)} {t['indicator']}" for t in extra]
    return score


def run_case(case: RealCase) -> RealScore:
    """Parse the document (timed) and score it; a ParseError scores as nothing found."""
    from gongzhi.plans.parsing import ParseError, parse_file

    start = time.perf_counter()
    try:
        got = parse_file(case.path).to_json()
    except ParseError as error:
        got = {"documents": []}
        failure = f"{case.id}: ParseError {error}"
    else:
        failure = None
    elapsed = time.perf_counter() - start
    score = score_result(case, got)
    score.seconds = elapsed
    if failure:
        score.errors.append(failure)
    return score


def run(cases: list[RealCase]) -> tuple[dict[str, RealScore], RealScore]:
    per_case = {case.id: run_case(case) for case in cases}
    total = RealScore()
    for score in per_case.values():
        total.add(score)
    return per_case, total


def below_floors(total: RealScore, floors: dict[str, float], *, tolerance: float = 1e-9) -> list[str]:
    """The figures of ``total`` that dropped below their recorded floor."""
    figures = total.figures()
    return [
        f"{name} {figures[name]:.4f} < floor {floor:.4f}"
        for name, floor in floors.get("figures", {}).items()
        if figures.get(name, 0.0) + tolerance < floor
    ]
