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
from .units import declaration_offset, find_clauses, parse_cell, role_of_header

NUMBER_COLUMNS = ("序号", "编号")
DEADLINE_COLUMNS = ("完成时限", "完成时间", "时间节点", "时限", "进度安排", "时间安排")
MAIN_SECTION = re.compile(
    r"重点任务|主要任务|工作任务|主要内容|重点工作|主要措施|工作措施|具体措施|任务分工|重点领域|主要举措"
)
_YEAR = re.compile(r"((?:19|20)\d{2})")


def tasks_from_outline(nodes: list[OutlineNode], text: str) -> list[Task]:
    tasks = []
    declared = declaration_offset(text)  # 排在第一位的部门为牵头部门: from there on the first unit leads
    for node in nodes:
        clauses = find_clauses(node.text, node.text_start, first_lead_from=declared)
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
#
# A task table has a header row naming a task column (重点任务, 工作任务, 主要内容, 改革举措 …)
# and at least one unit column (牵头单位, 责任单位, 配合单位, 指导部门 …); 序号 and 完成时限
# are optional. A header may span two rows (责任单位 over 牵头单位 | 配合单位): the second row
# then names the columns. A row with one filled cell (merged across the table) or a plain line
# between rows (an .xlsx section row) is a section heading; every other row is a task.

_TASK_WORDS = ("任务", "举措", "措施", "内容", "事项", "工作", "要点", "项目")


def _compact(header: str) -> str:
    return re.sub(r"[（(].*?[）)]", "", "".join(header.split()))


def _column(headers: list[str], names: tuple[str, ...]) -> int | None:
    compact = [_compact(h) for h in headers]
    for name in names:
        for k, h in enumerate(compact):
            if h == name or (len(h) <= len(name) + 4 and h.startswith(name)):
                return k
    return None


def _task_columns(headers: list[str], taken: set[int]) -> tuple[int | None, int | None]:
    """(title column, text column) of a task table; the title column only when two are named."""
    found = [
        k
        for k, h in enumerate(headers)
        if k not in taken and len(_compact(h)) <= 8 and any(w in _compact(h) for w in _TASK_WORDS)
    ]
    if not found:
        return None, None
    if len(found) == 1:
        return None, found[0]
    return found[0], found[-1]


def _header_roles(headers: list[str]) -> dict[int, str]:
    roles = {k: role_of_header(h) for k, h in enumerate(headers)}
    return {k: r for k, r in roles.items() if r}


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(len(_compact(c)) <= 10 for c in filled) and bool(_header_roles(list(cells)))


def _merge_headers(first: list[str], second: list[str]) -> list[str]:
    """Two header rows -> one: a second-row cell names its column, else the first row's does
    (a .docx repeats vertically merged cells; an .xlsx leaves them and trailing cells empty)."""
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    return [b or a for a, b in zip(first, second, strict=True)]


def _is_section_line(line: Line) -> bool:
    return line.cells is None and len(line.text) <= 80


def tasks_from_tables(lines: list[Line], context: dict[int, list[str]]) -> list[Task]:
    """Rows of task tables. ``context`` maps a line index to the path in force there."""
    tasks: list[Task] = []
    declared = declaration_offset("\n".join(line.text for line in lines))
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells is None:
            i += 1
            continue
        headers = list(line.cells)
        roles = _header_roles(headers)
        number_col = _column(headers, NUMBER_COLUMNS)
        deadline_col = _column(headers, DEADLINE_COLUMNS)
        title_col, task_col = _task_columns(headers, {number_col, deadline_col, *roles})
        if task_col is None or not roles:
            i += 1
            continue
        i += 1
        while i < len(lines) and lines[i].cells is not None and _looks_like_header(lines[i].cells):
            headers = _merge_headers(headers, list(lines[i].cells))
            roles = _header_roles(headers)
            number_col = _column(headers, NUMBER_COLUMNS)
            deadline_col = _column(headers, DEADLINE_COLUMNS)
            title_col, task_col = _task_columns(headers, {number_col, deadline_col, *roles})
            i += 1
        if task_col is None:
            continue
        category_cols = [
            k for k in range(task_col) if k not in (number_col, title_col, deadline_col) and k not in roles
        ]
        section: list[str] = []
        while i < len(lines):
            row = lines[i]
            if row.cells is None:
                # a plain line inside the table (an .xlsx section row) when rows follow it
                if _is_section_line(row) and i + 1 < len(lines) and lines[i + 1].cells is not None:
                    section = [row.text]
                    i += 1
                    continue
                break
            cells = list(row.cells)
            spans = row.cell_spans()
            filled = [c for c in cells if c]
            if len(cells) == 1 or (len(set(filled)) == 1 and (len(cells) < len(headers) or len(filled) > 1)):
                # a row merged across the table: a section heading such as 一、产业结构调整
                section = [filled[0]] if filled else section
                i += 1
                continue
            if len(cells) <= task_col or not cells[task_col].strip():
                i += 1
                continue
            tasks.append(
                _table_task(
                    cells,
                    spans,
                    (number_col, title_col, task_col, deadline_col),
                    roles,
                    category_cols,
                    [*context.get(i, []), *section],
                    len(tasks),
                    declared,
                )
            )
            i += 1
    return tasks


def _table_task(cells, spans, columns, roles, category_cols, path, count, declared) -> Task:
    number_col, title_col, task_col, deadline_col = columns
    units: list[UnitRef] = []
    open_ended = False
    for k, role in roles.items():
        if k >= len(cells) or not cells[k].strip():
            continue
        found = parse_cell(cells[k], spans[k][0], role, first_lead_from=declared)
        for unit in found.units:
            if (unit.name, unit.role) not in {(u.name, u.role) for u in units}:
                units.append(unit)
        open_ended |= found.open_ended
    cell = lambda k: cells[k] if k is not None and k < len(cells) and cells[k] else None  # noqa: E731
    deadline = cell(deadline_col)
    year = int(m.group(1)) if deadline and (m := _YEAR.search(deadline)) else None
    body = cells[task_col]
    targets, milestones = extract(body, spans[task_col][0], default_year=year)
    if year is not None:
        for milestone in milestones:
            milestone.deadline_year = milestone.deadline_year or year
    title = cell(title_col)
    if title is None:
        split = split_title(body)
        title = split if split != body else None
    return Task(
        number=cell(number_col) or str(count + 1),
        path=[*path, *(cells[k] for k in category_cols if k < len(cells) and cells[k])],
        title=title,
        text=body,
        units=units,
        open_ended=open_ended,
        targets=targets,
        milestones=milestones,
        source_span=spans[task_col],  # the task cell; units' spans point into their cells
        deadline=deadline,
        from_table=True,
    )
