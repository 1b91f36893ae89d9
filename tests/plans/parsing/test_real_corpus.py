"""The real-document corpus (tests/corpus/): every document annotated by the README's rule, and
the parser's non-blind figures never below the recorded floors (tests/corpus/floors.json,
written by ``bench/score_corpus.py --record``). The blind set is not run here.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from real_corpus import (
    COMPARATORS,
    CORPUS,
    FIGURES,
    FLOORS,
    ISSUER_KINDS,
    RealCase,
    _norm,
    below_floors,
    document_files,
    load_cases,
    run,
    score_result,
)

ROLES = ("lead_units", "responsible_units", "cooperating_units")
TARGET_KEYS = {"indicator", "comparator", "value", "value_max", "unit", "deadline_year", "per"}


def _annotation_problems(case_id: str, expected: dict) -> list[str]:
    problems = []
    for key, kind in (
        ("source", str),
        ("issuer_kind", str),
        ("layout", list),
        ("blind", bool),
        ("split", str),
    ):
        if not isinstance(expected.get(key), kind) or (kind is str and not expected[key].strip()):
            problems.append(f"{case_id}: {key} missing or not a {kind.__name__}")
    if expected.get("issuer_kind") not in ISSUER_KINDS:
        problems.append(
            f"{case_id}: issuer_kind {expected.get('issuer_kind')!r} not in {sorted(ISSUER_KINDS)}"
        )
    documents = expected.get("documents")
    if not isinstance(documents, list) or not documents:
        return [*problems, f"{case_id}: no documents"]
    numbers = Counter(_norm(t.get("number")) for doc in documents for t in doc.get("tasks", []))
    for d, doc in enumerate(documents):
        targets = list(doc.get("targets", []))
        for t, task in enumerate(doc.get("tasks", [])):
            where = f"{case_id}#{d} task {t} {task.get('number')!r}"
            if not isinstance(task.get("number"), str):
                problems.append(f"{where}: number is not a string")
            if task.get("number") == "" and not task.get("starts_with"):
                problems.append(f"{where}: an unnumbered task needs starts_with")
            if task.get("number") and numbers[_norm(task["number"])] > 1 and not task.get("starts_with"):
                problems.append(f"{where}: the number repeats in the file, starts_with is needed")
            for role in ROLES:
                units = task.get(role)
                if not isinstance(units, list) or not all(isinstance(u, str) and u.strip() for u in units):
                    problems.append(f"{where}: {role} must be a list of names")
            if not isinstance(task.get("open_ended"), bool):
                problems.append(f"{where}: open_ended must be true/false")
            targets += task.get("targets", [])
        for target in targets:
            if set(target) != TARGET_KEYS:
                problems.append(f"{case_id}#{d}: target keys {sorted(target)}")
            elif target["comparator"] not in COMPARATORS:
                problems.append(f"{case_id}#{d}: comparator {target['comparator']!r}")
            elif (target["comparator"] == "range") != (target["value_max"] is not None):
                problems.append(f"{case_id}#{d}: value_max is for ranges only ({target['indicator']})")
            elif not isinstance(target["value"], int | float):
                problems.append(f"{case_id}#{d}: value {target['value']!r} is not a number")
    return problems


def test_every_corpus_document_has_a_source_and_a_valid_annotation():
    files = document_files()
    annotations = {p.name.removesuffix(".expected.json"): p for p in CORPUS.glob("r*.expected.json")}
    assert len(files) >= 15
    assert set(files) == set(annotations), "documents and annotations must pair up"
    problems = []
    for case_id, path in annotations.items():
        assert re.fullmatch(r"r\d{2,4}_[a-z0-9_]+", case_id), case_id
        problems += _annotation_problems(case_id, json.loads(path.read_text("utf-8")))
    assert problems == []


def _case(tasks: list[dict], targets: list[dict] | None = None) -> RealCase:
    return RealCase(
        "r99_test", CORPUS / "r99_test.txt", {"documents": [{"tasks": tasks, "targets": targets or []}]}
    )


def _task(number, text="", lead=(), responsible=(), cooperating=(), targets=(), starts_with=None):
    task = {
        "number": number,
        "title": None,
        "text": text,
        "lead_units": list(lead),
        "responsible_units": list(responsible),
        "cooperating_units": list(cooperating),
        "open_ended": False,
        "targets": list(targets),
    }
    if starts_with:
        task["starts_with"] = starts_with
    return task


def _target(value, comparator=">=", unit="%", year=2025):
    return {"indicator": "x", "comparator": comparator, "value": value, "value_max": None, "unit": unit,
            "deadline_year": year, "per": None}  # fmt: skip


def test_the_score_matches_numbers_text_prefixes_units_and_targets():
    expected = [
        _task("（一）", lead=["市发展改革委"], cooperating=["市财政局"], targets=[_target(90)]),
        _task("", starts_with="优化固体废物", responsible=["生态环境部"]),
        _task("（二）", lead=["市教育局"]),
    ]
    found = [
        # half-width number, same units, one right and one wrong target
        _task(
            "(一)",
            "加强…",
            lead=["市发展改革委"],
            cooperating=["市财政局"],
            targets=[_target(90), _target(5)],
        ),
        _task("", "优化 固体废物管理体制机制", responsible=["生态环境部", "试点城市政府"]),
        _task("（三）", "多出来的任务", lead=["市教育局"]),
    ]
    score = score_result(_case(expected, [_target(2, "increase_by")]), {"documents": [{"tasks": found}]})
    assert (score.tasks_expected, score.tasks_found, score.tasks_matched) == (3, 3, 2)
    assert score.task_recall == pytest.approx(2 / 3) and score.task_precision == pytest.approx(2 / 3)
    # tp: 市发展改革委, 市财政局, 生态环境部; fp: 试点城市政府 + 市教育局 of the extra task; fn: 市教育局
    assert (score.unit_tp, score.unit_fp, score.unit_fn) == (3, 2, 1)
    assert (score.task_targets_expected, score.task_targets_found, score.task_targets_matched) == (1, 2, 1)
    assert (score.document_targets_expected, score.document_targets_found) == (1, 0)
    assert score.target_recall == pytest.approx(0.5) and score.target_precision == pytest.approx(0.5)
    assert any("missing task" in m for m in score.misses) and any("extra unit" in m for m in score.misses)


def test_a_floor_drop_is_reported():
    score = score_result(
        _case([_task("1.", lead=["甲"])]), {"documents": [{"tasks": [_task("1.", lead=["乙"])]}]}
    )
    floors = {"figures": {"task_recall": 1.0, "unit_f1": 0.5}}
    assert below_floors(score, floors) == ["unit_f1 0.0000 < floor 0.5000"]


def test_the_non_blind_corpus_stays_above_its_recorded_floors():
    floors = json.loads(FLOORS.read_text("utf-8"))
    cases = load_cases()
    assert set(floors["documents"]) <= {c.id for c in cases}, "a recorded document left the corpus"
    assert set(floors["figures"]) <= set(FIGURES)
    # the floors are the figures of the documents they were recorded on: a document turned from
    # blind to seen enters them with the next --record, not by lowering the recorded set's figures
    _, total = run([c for c in cases if c.id in set(floors["documents"])])
    print(total.figures())  # shown with -s
    assert below_floors(total, floors) == [], total.errors + total.misses[:40]
