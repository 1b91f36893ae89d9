"""What the review teaches the next import.

A reviewer's correction becomes a `ParseLesson` (services in `plans.services`): deleting a
target the parser found teaches "this wording is not a target" (最高奖励500万元 → 最高奖励#万元);
adding a target with the phrase it comes from teaches "this wording is a target"; changing a
found target's comparator, unit, base or indicator teaches a fix for that wording; ignoring a
unit name teaches "this name is not a unit". Unit aliases are kept in the unit registry (the
"记为别名" choice), which every import already reads.

Wording is compared as a *pattern*: the text with white space removed and every number written
as ``#``, so that a lesson learnt on 500万元 applies to 300万元 too; a lesson applies to the same
wording and to a longer one that holds it. `apply_lessons` works on the
parser's JSON (pure: no database), `active_lessons` reads the stored lessons.
"""

from __future__ import annotations

import re
from collections import Counter

NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
SPACE = re.compile(r"\s+")
FIX_FIELDS = ("indicator", "comparator", "unit", "per")


def pattern_of(text: str) -> str:
    """The wording of a phrase with its numbers as ``#`` (max 300 characters)."""
    return NUMBER.sub("#", SPACE.sub("", text or ""))[:300]


def _regex_of(pattern: str) -> re.Pattern:
    return re.compile(r"(\d+(?:[.．]\d+)?)".join(re.escape(p) for p in pattern.split("#")))


def _numbers(text: str) -> list[float]:
    return [float(n.replace("．", ".")) for n in NUMBER.findall(text)]


def _as_number(value: float):
    return int(value) if float(value).is_integer() else value


def _target_from(match: re.Match, fields: dict, offset: int, end_year: int | None) -> dict:
    """A target found by a 'this is a target' lesson: the numbers of the match fill it."""
    values = [float(g.replace("．", ".")) for g in match.groups()]
    years = [v for v in values if 1990 <= v <= 2100 and float(v).is_integer()]
    quantities = [v for v in values if v not in years] or values
    # the lesson remembers which of its numbers was the value (and the upper bound)
    value_at = min(fields.get("value_at", 0), len(quantities) - 1)
    value = quantities[value_at]
    value_max = None
    if fields.get("comparator") == "range" and value_at + 1 < len(quantities):
        value_max = quantities[value_at + 1]
    text = match.group(0)
    return {
        "indicator": fields.get("indicator") or NUMBER.sub("", text)[:60],
        "comparator": fields.get("comparator") or ">=",
        "value": _as_number(value),
        "value_max": _as_number(value_max) if value_max is not None else None,
        "unit": fields.get("unit") or None,
        "deadline_year": int(years[0]) if years else end_year if fields.get("uses_end_year") else None,
        "per": fields.get("per") or None,
        "text": text,
        "span": [offset + match.start(), offset + match.end()],
    }


def apply_lessons(payload: dict, lessons: list[dict]) -> Counter:
    """Apply the lessons to a parse result in place; returns how often each lesson applied.

    Each lesson is ``{"id", "kind", "pattern", "fields"}``. A changed or added target gets
    ``"learned": <lesson id>`` so that the review shows it; a name taught not to be a unit is
    listed in the document's ``"learned_not_units"``.
    """
    used: Counter = Counter()
    if not lessons:
        return used
    by_kind: dict[str, dict[str, dict]] = {}
    for lesson in lessons:
        by_kind.setdefault(lesson["kind"], {})[lesson["pattern"]] = lesson
    drop = by_kind.get("not_target", {})
    fixes = by_kind.get("target_fix", {})
    finds = [(lesson, _regex_of(lesson["pattern"])) for lesson in by_kind.get("target", {}).values()]
    not_units = by_kind.get("not_unit", {})
    for doc in payload.get("documents", []):
        for task in doc.get("tasks", []):
            kept = []
            for target in task.get("targets", []):
                key = pattern_of(target.get("text") or "")
                dropped = _matching(drop, key)
                if dropped:
                    used[dropped["id"]] += 1
                    continue
                fix = _matching(fixes, key)
                if fix:
                    target.update({k: v for k, v in fix["fields"].items() if k in FIX_FIELDS})
                    target["learned"] = fix["id"]
                    used[fix["id"]] += 1
                kept.append(target)
            task["targets"] = kept
            if finds:
                _find_targets(task, finds, doc.get("end_year"), used)
        if not_units:
            names = []
            for task in doc.get("tasks", []):
                for role in ("lead_units", "responsible_units", "cooperating_units"):
                    for name in task.get(role, []):
                        lesson = not_units.get(pattern_of(name))
                        if lesson and name not in names:
                            names.append(name)
                            used[lesson["id"]] += 1
            if names:
                doc["learned_not_units"] = names
    return used


def _matching(lessons: dict[str, dict], key: str) -> dict | None:
    """The lesson for a target's wording: the same wording, or one the target's wording holds
    (a lesson on 筛查率保持在#% applies to 托育机构筛查率保持在#%); the longest wins."""
    if key in lessons:
        return lessons[key]
    held = [pattern for pattern in lessons if "#" in pattern and len(pattern) >= 4 and pattern in key]
    return lessons[max(held, key=len)] if held else None


def _find_targets(task: dict, finds, end_year, used: Counter) -> None:
    text = task.get("text") or ""
    start = (task.get("source_span") or [0, 0])[0]
    taken = [tuple(t["span"]) for t in task.get("targets", []) if t.get("span")]
    for lesson, regex in finds:
        for match in regex.finditer(text):
            span = (start + match.start(), start + match.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            target = _target_from(match, lesson["fields"], start, end_year)
            target["learned"] = lesson["id"]
            task.setdefault("targets", []).append(target)
            taken.append(span)
            used[lesson["id"]] += 1


def value_position(phrase: str, value: float) -> int:
    """Which of the phrase's numbers (years left out) is the target value: remembered by a
    'this is a target' lesson so that 到2025年达到90% fills 90, not 2025."""
    numbers = [n for n in _numbers(phrase) if not (1990 <= n <= 2100 and float(n).is_integer())]
    for i, n in enumerate(numbers):
        if abs(n - float(value)) < 1e-9:
            return i
    return 0
