"""Which numbered items are tasks, and task tables.

Rule (documented in the package docstring too):

1. A numbered item is a task when it carries a responsibility clause (in its own
   paragraph or on the unnumbered lines that follow it). Items without one —
   headings, 工作要求, 组织保障 — are not tasks.
2. Every row of a task table (columns 序号 | 任务 | 牵头单位 | 责任/配合单位 | 完成时限)
   is a task.
3. Only when a document has no responsibility clause and no task table at all
   do tasks fall back to the leaf items under its main task section
   (重点任务 / 主要任务 / 主要内容 …; if there is none, all leaf items).
"""

from __future__ import annotations

import re

from .models import OutlineNode, Task, UnitRef
from .outline import split_title
from .reading import Line
from .targets import extract
from .units import find_clauses, parse_unit_list, role_of_header

TASK_COLUMNS = (
    "工作任务",
    "主要任务",
    "重点任务",
    "具体任务",
    "任务内容",
    "任务措施",
    "工作内容",
    "工作措施",
    "主要措施",
    "具体措施",
    "重点工作",
    "工作事项",
    "任务",
    "措施",
    "事项",
    "内容",
)
NUMBER_COLUMNS = ("序号", "编号")
DEADLINE_COLUMNS = ("完成时限", "完成时间", "时间节点", "时限", "进度安排", "时间安排")
MAIN_SECTION = re.compile(
    r"重点任务|主要任务|工作任务|主要内容|重点工作|主要措施|工作措施|具体措施|任务分工|重点领域|主要举措"
)
_YEAR = re.compile(r"((?:19|20)\d{2})")


def tasks_from_outline(nodes: list[OutlineNode], text: str) -> list[Task]:
    tasks = []
    for node in nodes:
        clauses = find_clauses(node.text, node.text_start)
        if not clauses.found:
            continue
        tasks.append(_task(node, text, clauses.units, clauses.open_ended, clauses.spans))
    return tasks


def fallback_tasks(roots: list[OutlineNode], text: str) -> list[Task]:
    main = next((r for r in roots if MAIN_SECTION.search(r.label)), None)
    pool = list(main.walk())[1:] if main else [n for r in roots for n in r.walk()]
    return [_task(n, text, [], False, []) for n in pool if not n.children]


def _task(node: OutlineNode, text: str, units: list[UnitRef], open_ended: bool, clause_spans) -> Task:
    local = [(a - node.text_start, b - node.text_start) for a, b in clause_spans]
    targets, milestones = extract(node.text, node.text_start, exclude=local)
    return Task(
        number=node.number,
        path=node.path(),
        title=node.title,
        text=text[node.span[0] : node.span[1]],
        units=units,
        open_ended=open_ended,
        targets=targets,
        milestones=milestones,
        source_span=node.span,
    )


# ---------------------------------------------------------------- task tables


def _column(headers: list[str], names: tuple[str, ...]) -> int | None:
    compact = ["".join(h.split()) for h in headers]
    for name in names:
        for k, h in enumerate(compact):
            if h == name or (len(h) <= len(name) + 4 and h.startswith(name)):
                return k
    return None


def tasks_from_tables(lines: list[Line], context: dict[int, list[str]]) -> list[Task]:
    """Rows of task tables. ``context`` maps a line index to the path in force there."""
    tasks: list[Task] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells is None:
            i += 1
            continue
        headers = list(line.cells)
        task_col = _column(headers, TASK_COLUMNS)
        roles = {k: role_of_header(h) for k, h in enumerate(headers)}
        roles = {k: r for k, r in roles.items() if r}
        if task_col is None or not roles:
            i += 1
            continue
        number_col = _column(headers, NUMBER_COLUMNS)
        deadline_col = _column(headers, DEADLINE_COLUMNS)
        category_cols = [
            k for k in range(task_col) if k != number_col and k not in roles and k != deadline_col
        ]
        section: list[str] = []
        i += 1
        while i < len(lines) and lines[i].cells is not None:
            row = lines[i]
            cells = list(row.cells)
            spans = row.cell_spans()
            filled = {c for c in cells if c}
            if len(cells) == 1 or (len(filled) == 1 and (len(cells) < len(headers) or len(set(cells)) == 1)):
                # a row merged across the table: a section heading such as 一、产业结构调整
                section = [cells[0]]
                i += 1
                continue
            if len(cells) < len(headers) or not cells[task_col].strip():
                i += 1
                continue
            units: list[UnitRef] = []
            open_ended = False
            for k, role in roles.items():
                found = find_clauses(cells[k], spans[k][0])
                if found.found:
                    units.extend(found.units)
                    open_ended |= found.open_ended
                else:
                    more, tail = parse_unit_list(cells[k], spans[k][0], role)
                    units.extend(more)
                    open_ended |= tail
            deadline = cells[deadline_col] if deadline_col is not None and cells[deadline_col] else None
            year = None
            if deadline and (m := _YEAR.search(deadline)):
                year = int(m.group(1))
            body = cells[task_col]
            targets, milestones = extract(body, spans[task_col][0], default_year=year)
            if year is not None:
                for milestone in milestones:
                    milestone.deadline_year = milestone.deadline_year or year
            categories = [cells[k] for k in category_cols if cells[k]]
            number = (
                cells[number_col] if number_col is not None and cells[number_col] else str(len(tasks) + 1)
            )
            tasks.append(
                Task(
                    number=number,
                    path=[*context.get(i, []), *section, *categories],
                    title=split_title(body) if split_title(body) != body else None,
                    text=body,
                    units=units,
                    open_ended=open_ended,
                    targets=targets,
                    milestones=milestones,
                    source_span=spans[task_col],  # the task cell; units' spans point into their cells
                    deadline=deadline,
                    from_table=True,
                )
            )
            i += 1
    return tasks
