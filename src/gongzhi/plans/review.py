"""Where a reviewer should look first: a confidence per parsed task and per document.

Each check names a reason the parse may be wrong, in the reviewer's words, and lowers the
task's confidence by its weight; a document's confidence is the mean of its tasks'. The review
page lists the least certain tasks first ("先看这些"). Pure: works on the parser's JSON and the
unit-matching statuses of the review (exact / alias / collective / decided / unknown ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# a number with what usually makes it a quantity (a rate, a count, an amount, a duration)
QUANTITY = re.compile(
    r"\d+(?:[.．]\d+)?\s*(?:%|％|个百分点|万|亿|元|个|家|所|人|项|次|床|张|公里|千米|米|平方米|亩|吨|天|小时|分钟|户|处|条|座|台|套|名)"
)
YEAR_ONLY = re.compile(r"(?:19|20)\d{2}\s*年")
LONG_TEXT = 700


@dataclass
class TaskCheck:
    index: int
    number: str
    title: str
    confidence: int  # 0-100
    reasons: list[str] = field(default_factory=list)


def _quantities(text: str) -> int:
    return len(QUANTITY.findall(YEAR_ONLY.sub("", text)))


def check_task(index: int, task: dict, statuses: dict[str, dict]) -> TaskCheck:
    score = 100
    reasons: list[str] = []
    names = [n for key in ("lead_units", "responsible_units", "cooperating_units") for n in task.get(key, [])]
    if not names:
        score -= 50
        reasons.append("未识别到责任单位")
    unknown = [
        n
        for n in names
        if not statuses.get(n, {}).get("decision")
        and statuses.get(n, {}).get("status") not in ("exact", "alias", "collective")
    ]
    if unknown:
        score -= 25
        reasons.append("单位待确认：" + "、".join(unknown[:3]) + ("等" if len(unknown) > 3 else ""))
    if any(statuses.get(n, {}).get("status") == "collective" for n in names):
        score -= 5
        reasons.append("含泛指单位")
    found = len(task.get("targets", []))
    quantities = _quantities(task.get("text") or "")
    if quantities > found:
        score -= 20 if found == 0 else 10
        reasons.append(f"原文有{quantities}处数量，识别到{found}项目标")
    if any(t.get("learned") for t in task.get("targets", [])):
        score -= 5
        reasons.append("按以往审核经验调整了目标")
    if len(task.get("text") or "") > LONG_TEXT:
        score -= 15
        reasons.append("任务正文较长，可能合并了多项任务")
    return TaskCheck(
        index=index,
        number=task.get("number") or "",
        title=task.get("title") or (task.get("text") or "")[:24],
        confidence=max(score, 0),
        reasons=reasons,
    )


@dataclass
class DocumentCheck:
    confidence: int
    tasks: list[TaskCheck]

    @property
    def look_first(self) -> list[TaskCheck]:
        """The uncertain tasks, least certain first (at most ten)."""
        doubtful = [t for t in self.tasks if t.reasons and t.confidence < 100]
        return sorted(doubtful, key=lambda t: (t.confidence, t.index))[:10]


def check_document(doc: dict, statuses: dict[str, dict]) -> DocumentCheck:
    tasks = [check_task(i, task, statuses) for i, task in enumerate(doc.get("tasks", []))]
    if not tasks:
        return DocumentCheck(confidence=0, tasks=[])
    return DocumentCheck(confidence=round(sum(t.confidence for t in tasks) / len(tasks)), tasks=tasks)
