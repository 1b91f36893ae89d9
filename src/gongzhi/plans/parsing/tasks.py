"""Which numbered items are tasks, and task tables.

Rule (documented in the package docstring too):

1. A numbered item is a task when it carries a responsibility clause (in its own
   paragraph or on the unnumbered lines that follow it). Items without one —
   headings, 工作要求, 组织保障 — are not tasks.
2. Every row of a task table (columns 序号 | 任务 | 牵头单位 | 责任/配合单位 | 完成时限)
   is a task.
3. Only when a document has no responsibility clause and no task table at all
   do tasks fall back to the leaf items of its task sections: every section but
   those that frame the work (总体要求, 指导思想, 基本原则, 目标, 适用范围,
   保障措施, 组织实施, 工作进度 …), each at its own depth.
4. Under one numbered item, paragraphs that each end with their own unit
   parenthesis are tasks of their own (unnumbered after the first).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .models import ROLE_LEAD, ROLE_RESPONSIBLE, OutlineNode, Task, UnitRef
from .numbering import STYLE_BY_KEY, cn_to_int, match_marker
from .outline import split_title
from .reading import CATEGORY_HEADER, DEADLINE_LABEL, NUMBER_COLUMNS, Line, indicator_header, is_measure
from .targets import (
    NAMED_MEASURE,
    SIGNED_CELL,
    after_lost_heading,
    cell_value_target,
    cell_value_targets,
    extract,
    indicator_columns,
    phase_cell_targets,
    task_section,
)
from .units import (
    Clauses,
    declaration_offset,
    find_clauses,
    names_units_only,
    parse_cell,
    parse_unit_list,
    role_of_header,
    roles_of_header,
)

DEADLINE_COLUMNS = ("完成时限", "完成时间", "时间节点", "时限", "进度安排", "时间安排", "节点")
_YEAR = re.compile(r"((?:19|20)\d{2})")


def tasks_from_outline(nodes: list[OutlineNode], text: str) -> list[Task]:
    tasks = []
    declared = declaration_offset(text)  # 排在第一位的部门为牵头部门: from there on the first unit leads
    found = {}
    for node in nodes:
        clauses = find_clauses(node.text, node.text_start, declared=declared)
        if clauses.found:
            found[id(node)] = clauses
    folded = _units_of_the_whole_item(nodes, found)
    heading_leads = _heading_leads(nodes, found)
    own = _own_heading_leads(nodes, heading_leads, found)
    # items whose headings name their lead (（一）X牵头的工作) assign at their level: no fold above
    folded -= {id(n) for n in nodes if any(id(c) in own for c in n.children)}
    for node in nodes:
        clauses = found.get(id(node))
        if clauses is None and id(node) in own and not any(id(d) in found for d in node.walk()):
            # （一）省监察厅牵头的工作 + its work and no unit line: a task its heading's unit leads
            tasks.append(_block_task(node, text, max(d.span[1] for d in node.walk()), None))
            continue  # (its lead is added below, with the other items titled by their lead)
        if clauses is None and node.parent is not None and id(node.parent) in heading_leads:
            units = [UnitRef(u.name, u.role, u.span) for u in heading_leads[id(node.parent)]]
            tasks.append(_task(node, text, units, False, []))
            continue
        if id(node) in folded:
            last = _last_leaf(node)  # (the last sub-point, at whatever depth the facets go)
            end = last.span[1]
            tasks.append(_block_task(node, text, end, found[id(last)]))
            continue
        if clauses is None or any(id(a) in folded for a in node.ancestors()):
            continue
        if _heading_of_units_below(node, clauses, found):
            continue
        segments = _paragraph_tasks(node, clauses.spans)
        if len(segments) < 2:
            if node.children and not any(id(d) in found for d in node.walk() if d is not node):
                # （一）推行一网通办。（X负责） + 1．2． without units: the sub-points are its text
                end = max(d.span[1] for d in node.walk())
                tasks.append(_block_task(node, text, end, clauses))
                continue
            tasks.append(_task(node, text, clauses.units, clauses.open_ended, clauses.spans))
            continue
        heading = _bare_heading(node) or _lead_sentence(node, clauses.spans)
        if heading:  # 一、重点任务 / （一）加强队伍建设 over several tasks: a heading, not a task
            a, b = segments[0][0] + len(heading) + 1, segments[0][1]
            while (nl := text.find("\n", a, b)) > 0 and text[a:nl].rstrip().endswith(("：", ":")):
                a = nl + 1  # 重点抓好以下工作： introduces the tasks and belongs to none
            nl = text.find("\n", a, b)
            if nl > 0 and _introduces(text[a:nl], [text[x:y] for x, y in segments[1:]]):
                # 围绕减污降碳，…。 over 强化…机制。…（X） / 统筹…机制。…（Y）: the section's own words
                a = nl + 1
            segments[0] = (a, b)
        for k, (a, b) in enumerate(segments):
            tasks.append(_segment_task(node, text, a, b, first=k == 0 and not heading, declared=declared))
    if own:  # the heading's unit leads the task its item became (with the units of its own lines)
        starts = {node.span[0]: units for node in nodes if (units := own.get(id(node)))}
        for task in tasks:
            if (units := starts.get(task.source_span[0])) is not None:
                names = {(u.name, u.role) for u in task.units}
                task.units = [*(u for u in units if (u.name, u.role) not in names), *task.units]
    return tasks


def _own_heading_leads(
    nodes: list[OutlineNode], heading_leads: dict, found: dict
) -> dict[int, list[UnitRef]]:
    """An item titled by the unit that leads it (（二）省审计厅牵头的工作) that is itself a task: its
    work is its own text or its sub-points, which name no lead of their own."""
    out: dict[int, list[UnitRef]] = {}
    for node in nodes:
        if id(node) in heading_leads:
            continue
        m = _LEAD_HEADING.match(node.title or node.text.split("\n", 1)[0].strip())
        if m is None or any(
            u.role == ROLE_LEAD for d in node.walk() if id(d) in found for u in found[id(d)].units
        ):
            continue
        at = node.text.find(m.group("units"))
        units, _open, _declared = parse_unit_list(m.group("units"), node.text_start + at, ROLE_LEAD)
        if units and at >= 0:
            out[id(node)] = units
    return out


# 一、县示范区管委会牵头工作(8项): a section of the items one unit leads
_LEAD_HEADING = re.compile(
    r"^(?P<units>[^，。；;：:,\s（）()]{2,40}?)牵头(?:的|负责的)?(?:工作|任务|事项)(?:[（(]\s*\d+\s*项[）)])?$"
)


_INTRO_LEAD = re.compile(
    r"(?:^|(?<=[，,。；;\n]))由(?P<units>[^，,。；;：:\s由（）()]{2,40}?)(?:牵头)?负责"
    r"(?:考核|组织实施|实施|落实|推进)?(?=[，,。；;]|$)"
)


def _heading_leads(nodes: list[OutlineNode], found: dict) -> dict[int, list[UnitRef]]:
    """A section heading naming the unit that leads its items, once (一、X牵头工作(8项), or its own
    sentence 由X负责考核) over items that name none: each item is a task with that unit as lead; the
    heading assigns no work."""
    leads: dict[int, list[UnitRef]] = {}
    for node in nodes:
        m = _LEAD_HEADING.match(node.title or "")
        if m is None and node.children and "\n" in node.text:
            # 一、经济发展综合指标考核 / 主要考核4项指标，由市发改委负责考核。 then 1.–4.: the section's
            # own sentence names who is responsible for its items
            m = _INTRO_LEAD.search(node.text, node.text.index("\n"))
        if m is None or not node.children or any(id(d) in found for d in node.walk()):
            continue
        at = node.text.find(m.group("units"))
        if at < 0:
            continue
        units, _open, _declared = parse_unit_list(m.group("units"), node.text_start + at, ROLE_LEAD)
        if units:
            leads[id(node)] = units
    return leads


def _lead_sentence(node: OutlineNode, spans: list[tuple[int, int]]) -> str:
    """The item's first line when it is a sentence of its own, with no clause, over paragraphs
    that each carry theirs (（一）推动经济稳定健康发展，必须…。 then 认真贯彻…（X负责） / 发挥…（Y负责）):
    it leads them in, as a heading does; the paragraphs are the tasks."""
    nl = node.text.find("\n")
    if nl < 0:
        return ""
    first = node.text[:nl]
    first_end = node.text_start + nl
    if not first.rstrip().endswith("。") or any(a < first_end for a, _b in spans):
        return ""
    return first


def _introduces(paragraph: str, others: list[str]) -> bool:
    """A paragraph that leads a section's tasks in: a sentence of its own with no run-in title,
    before tasks that each open on one (强化战略规划衔接融合机制。…)."""
    titled = [o for o in others if _RUN_IN_TITLE.match(o.lstrip())]
    return (
        paragraph.rstrip().endswith("。")
        and not _RUN_IN_TITLE.match(paragraph.lstrip())
        and len(others) >= 2
        and len(titled) * 3 >= len(others) * 2
    )


_RUN_IN_TITLE = re.compile(r"^[^。，,；;：:\n]{2,24}。")


def _bare_heading(node: OutlineNode) -> str:
    """The item's first line when it is a heading alone (a short title without a sentence)."""
    first = node.text.split("\n", 1)[0]
    if len(first.strip()) > 30 or any(ch in first.rstrip("。") for ch in "。，,；;：:（(！？"):
        return ""
    return first


def paragraph_tasks(lines: list[Line], text: str, skip: set[int]) -> list[Task]:
    """A document with no numbered item at all: each paragraph that carries its own unit clause is
    a task with no number (a ``牵头单位：X`` line alone belongs to the paragraph above)."""
    declared = declaration_offset(text)
    tasks: list[Task] = []
    pending: list[int] = []  # lines since the last task that carry no clause
    for i, line in enumerate(lines):
        if i in skip or line.cells is not None:
            pending = []
            continue
        clauses = find_clauses(line.text, line.start, declared=declared)
        if not clauses.found:
            pending.append(i)
            continue
        # where the line's words begin (after the dash of ——由X负责)
        lead = line.start + len(line.text) - len(line.text.lstrip(" \t\u3000-—－–"))
        unit_line = min(a for a, _ in clauses.spans) <= lead
        title_at = _title_line_before(lines, pending, i)
        if title_at is not None:  # 推行一网通办 / 全面推行…。 / （X负责）: one task from its title line
            clauses = find_clauses(
                text[lines[title_at].start : line.end], lines[title_at].start, declared=declared
            )
            tasks.append(_paragraph_task(text, lines[title_at].start, line.end, clauses))
        elif unit_line:  # a unit line: the paragraph above's
            if tasks and tasks[-1].source_span[1] == line.start - 1:
                task = tasks[-1]
                _merge_units(task.units, clauses.units)
                task.open_ended |= clauses.open_ended
                task.source_span = (task.source_span[0], line.end)
                task.text = text[task.source_span[0] : line.end]
            elif pending and pending[-1] == i - 1:
                first = i - 1
                # a unit line under several paragraphs that follow the last task straight on (——由X
                # 会同Y组织落实。 closing a block): the whole block is the task
                if tasks and tasks[-1].source_span[1] == lines[pending[0]].start - 1:
                    while first - 1 in pending:
                        first -= 1
                tasks.append(_paragraph_task(text, lines[first].start, line.end, clauses))
        else:
            tasks.append(_paragraph_task(text, line.start, line.end, clauses))
        pending = []
    return tasks


_OWN_TITLE = re.compile(r"^[\s\u3000]*[^，,；;：:。]{2,16}。(?=\S)")


def titled_paragraph_tasks(lines: list[Line], text: str, skip: set[int]) -> list[Task]:
    """A document with no numbered item and no unit anywhere (a news release of a 实事 list, its
    items announced as ``分别为——``): the paragraphs that each open with a short title sentence
    of their own (婴幼儿托育项目。新建…) are its tasks, unnumbered, wherever at least two such
    paragraphs follow one another."""
    runs: list[list[Line]] = [[]]
    for i, line in enumerate(lines):
        words = line.text.strip()
        if i not in skip and line.cells is None and (_TITLED.match(words) or _NAMED_PROJECT.match(words)):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [
        _paragraph_task(text, line.start, line.end, Clauses())
        for run in runs
        if len(run) >= 2
        for line in run
    ]


def _title_line_before(lines: list[Line], pending: list[int], at: int) -> int | None:
    """The title line of an unnumbered task written over several lines: the nearest line above
    the clause line ``at`` that is a short title alone (推行一网通办, no sentence punctuation), when
    the lines after it run straight to the clause line. Not a group heading over tasks with titles
    of their own (优化政务服务 / 推行一网通办。全面推行…（X负责）)."""
    if not pending or pending[-1] != at - 1:
        return None
    for k in range(len(pending) - 1, -1, -1):
        if k < len(pending) - 1 and pending[k] + 1 != pending[k + 1]:
            return None  # a gap: not one run
        title = lines[pending[k]].text.strip(" \u3000")
        if len(title) <= 30 and not any(ch in title for ch in "。，,；;：:！？!?"):
            after = pending[k + 1] if k + 1 < len(pending) else at
            return None if _OWN_TITLE.match(lines[after].text) else pending[k]
    return None


# 这“十件民生实事”分别是：A；B；…。: the announced list written as one sentence of clauses
_LIST_OPENS = re.compile(r"(?:分别是|分别为|具体是|具体为|主要是|主要有|包括)[：:]|(?:具体|主要)包括")
_ANNOUNCED = re.compile(
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:件|项|个)[^。，,；;]{0,6}?(?:实事|民生|惠民|项目|工程)"
)


def listed_sentence_tasks(lines: list[Line], text: str, skip: set[int]) -> list[Task]:
    """A document with no numbered item that announces N things (十件民生实事) and lists them in one
    sentence parted by semicolons (分别是：A；B；…。): each part a task, unnumbered, when exactly N
    parts follow the colon."""
    announced: set[int] = set()
    for i, line in enumerate(lines):
        if line.cells is not None:
            continue
        announced |= {
            n
            for m in _ANNOUNCED.finditer(line.text)
            if (n := int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1)) or 0) >= 3
        }
        opens = _LIST_OPENS.search(line.text)
        if opens is None or i in skip or not announced:
            continue
        body_end = line.text.find("。", opens.end())
        body_end = len(line.text) if body_end < 0 else body_end
        parts, at = [], opens.end()
        for piece in re.split(r"[；;]", line.text[opens.end() : body_end]):
            if piece.strip():
                lead = len(piece) - len(piece.lstrip(" \u3000"))
                parts.append((line.start + at + lead, line.start + at + len(piece.rstrip(" \u3000"))))
            at += len(piece) + 1
        if len(parts) in announced:
            return [_paragraph_task(text, a, b, Clauses()) for a, b in parts]
    return []


def _paragraph_task(text: str, a: int, b: int, clauses) -> Task:
    body = text[a:b]
    local = [(s - a, e - a) for s, e in clauses.spans]
    targets, milestones = extract(body, a, exclude=local)
    return Task(
        number="",
        path=[],
        title=split_title(body),
        text=body,
        units=list(clauses.units),
        open_ended=clauses.open_ended,
        targets=targets,
        milestones=milestones,
        source_span=(a, b),
    )


_SECTION_TITLE = re.compile(r"^(?:重点|主要|工作|具体|政策|保障|组织)(?:任务|举措|措施|工作|内容|实施)$")


def _heading_of_units_below(node: OutlineNode, clauses, found: dict) -> bool:
    """``一、科技创新政策（由市科技局牵头实施）`` over ``1．…（责任单位：X）``: units at two depths,
    the heading's only in its heading line. The items that carry their own units are the tasks;
    the heading is not one (README: the depth at which the document assigns responsibility)."""
    if not node.children or not any(id(d) in found for d in node.walk() if d is not node):
        return False
    nl = node.text.find("\n")
    first_end = node.text_start + (nl if nl >= 0 else len(node.text))
    if not all(b <= first_end for _a, b in clauses.spans):
        return False
    # a sentence of work before the clause (（一）研究将…制度化，落实…政策。（X负责）) is a task of its
    # own over tasks of its own, not a heading (README: an item carrying units is a task)
    first = node.text[: nl if nl >= 0 else len(node.text)]
    own = first[: min(a for a, _b in clauses.spans) - node.text_start]
    return not (len(own.strip()) > 12 and own.rstrip(" （(〔[").endswith(("。", "；", ";")))


def _units_of_the_whole_item(nodes: list[OutlineNode], found: dict) -> set[int]:
    """Items whose units follow their sub-points as a whole: ``（一）加强产业培育。`` + ``1.`` ``2.``
    ``3.…（X牵头，Y配合）``, where only the last sub-point carries a clause and it closes the item.
    The item is then the task and its sub-points part of its text. Not where the document assigns
    at the sub-point level (another sub-point of that level carries a clause of its own)."""
    candidates: dict[int, OutlineNode] = {}
    for node in nodes:
        kids = node.children
        if len(kids) < 2 or id(node) in found or any(k.children for k in kids):
            continue
        if _SECTION_TITLE.search(node.title or node.label):
            continue  # 一、主要任务 / 五、保障措施 hold tasks, they are not one
        last = kids[-1]
        if id(last) not in found or any(id(k) in found for k in kids[:-1]):
            continue
        if not _closes(last, found):
            continue  # the clause does not close the item
        candidates[id(node)] = node
    closing = {id(n.children[-1]) for n in candidates.values()}
    styles = {n.children[-1].style for n in candidates.values()}
    # each section (top-level item) is read on its own: a level that assigns units in another
    # section does not stop the fold here
    elsewhere = {
        (id(_root(n)), n.style)
        for n in nodes
        if n.style in styles and id(n) in found and id(n) not in closing and n.parent
    }
    # (…1.打造…。2.推动…。3.打造…。4.集成…。（责任单位：X）: sub-points closed by a full stop, none by
    # a bracket the units could be in, and one clause after the last: the item's, even where the
    # section assigns at the sub-point level in its other items)
    folded = {
        k
        for k, n in candidates.items()
        if (id(_root(n)), n.children[-1].style) not in elsewhere
        or _closing_parenthesis(n.children[-1], found)
        or (len(n.children) >= 3 and not any(_ends_in_bracket(kid) for kid in n.children[:-1]))
    }
    # (a heading whose facets are folded whole: the facets are its text, not folded on their own)
    facets = _facets_of_one_work(nodes, found)
    inside = {id(d) for n in nodes if id(n) in facets for d in n.walk() if d is not n}
    return (folded - inside) | facets


# the facets of one piece of work under its heading, each a heading of its own: 一、开展…调查工作 over
# （一）年度工作计划 / （二）具体工作措施 1.–3. + 责任处室：X, or （一）…产业 over 1．行动目标 / 2．主要任务
_FACET = re.compile(
    r"^(?:年度|具体|主要|重点|行动|工作|建设|实施|推进)?(?:工作)?(?:目标|任务|计划|措施|举措|内容)$"
)
# a deadline line after the units (责任处室：X / 完成时限：2021年12月底前): the item's, not its text
_DEADLINE_LINE = re.compile(rf"\n[\s\u3000]*{DEADLINE_LABEL}[^\n]*$")


def _closes(last: OutlineNode, found: dict) -> bool:
    """The item's last clause of units ends it (a deadline line may follow)."""
    rest = last.text[found[id(last)].spans[-1][1] - last.text_start :]
    return not _DEADLINE_LINE.sub("", rest).strip(" 。；;\n\u3000")


def _facets_of_one_work(nodes: list[OutlineNode], found: dict) -> set[int]:
    """Headings of work whose items are its facets (goals, plan, measures) and whose only clause of
    units closes the last of them: the heading is the task, the facets its text."""
    out = set()
    for node in nodes:
        kids = node.children
        if len(kids) < 2 or id(node) in found or not all(_FACET.match(k.title or "") for k in kids):
            continue
        last = _last_leaf(node)
        holders = [d for d in node.walk() if id(d) in found]
        if holders == [last] and _closes(last, found):
            out.add(id(node))
    return out


def _last_leaf(node: OutlineNode) -> OutlineNode:
    """The last sub-point under ``node``, at whatever depth (``node`` itself if it has none)."""
    while node.children:
        node = node.children[-1]
    return node


def _ends_in_bracket(node: OutlineNode) -> bool:
    """The item's text ends in a bracket (a clause of units, maybe, in a form not read)."""
    return node.text.rstrip(" 。；;，,\n\u3000")[-1:] in "）)〕】"


def _root(node: OutlineNode) -> OutlineNode:
    while node.parent is not None:
        node = node.parent
    return node


def _closing_parenthesis(last: OutlineNode, found: dict) -> bool:
    """The last sub-point's only clause is a parenthesis standing on a line of its own after it
    (``2．升级办事系统。`` + ``（区政务服务中心负责）``): it closes the whole item, even in a document
    that assigns at the sub-point level elsewhere (each section is read on its own)."""
    spans = found[id(last)].spans
    paragraphs = last.text.split("\n")
    if len(paragraphs) < 2:
        return False
    tail = paragraphs[-1].strip(" \u3000。；;")
    tail_at = last.text_start + len(last.text) - len(paragraphs[-1])
    return tail[:1] in "（(" and tail[-1:] in "）)" and all(a >= tail_at for a, _ in spans)


def _block_task(node: OutlineNode, text: str, end: int, clauses) -> Task:
    """A task made of an item and its sub-points (the units, if any, follow the last one)."""
    body_start = node.text_start
    body = text[body_start:end]
    local = [(a - body_start, b - body_start) for a, b in clauses.spans] if clauses else []
    targets, milestones = extract(body, body_start, exclude=local)
    return Task(
        number=node.number,
        path=node.path(),
        title=node.title,
        text=text[node.span[0] : end],
        units=clauses.units if clauses else [],
        open_ended=clauses.open_ended if clauses else False,
        targets=targets,
        milestones=milestones,
        source_span=(node.span[0], end),
    )


_PART_LABEL = re.compile(r"^[\s\u3000]*[\u4e00-\u9fff（）()]{2,14}[：:](?=\S)")
_PART_LABEL_INSIDE = re.compile(r"[。；;][\s\u3000]*[\u4e00-\u9fff（）()]{2,14}[：:](?=\S)")


def _paragraph_tasks(node: OutlineNode, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A numbered item whose paragraphs each carry their own unit parenthesis is several tasks:
    the numbered paragraph (with the lines up to its first clause) and each following paragraph
    of work that ends a run with a clause of its own. A paragraph that is only a clause (a
    ``牵头单位：X`` line) belongs to the task above; one clause paragraph (units only at the
    end) keeps the item whole. Returns the tasks' (start, end) offsets in the document text."""
    if "\n" not in node.text:
        return []
    segments: list[list[int]] = []
    closed, at = True, node.text_start
    paragraphs = node.text.split("\n")
    # 15.健全制造业创新中心体系。国家制造业创新中心：… / 省制造业创新中心：… / 市制造业创新中心：…: the
    # labelled parts of one item, its first part in its own paragraph, are the item's, each with units
    labelled = bool(_PART_LABEL_INSIDE.search(paragraphs[0]))
    for paragraph in paragraphs:
        a, b = at, at + len(paragraph)
        at = b + 1
        lead = a + len(paragraph) - len(paragraph.lstrip())
        clause_at = [s for s, _ in spans if a <= s < b]
        # (…（省生态环境厅牵头， / 省水利厅参与）: the rest of a clause a PDF's line broke, the paragraph's)
        rest_of_clause = any(
            s < a < e <= b and not paragraph[e - a :].strip(" \u3000。；;") for s, e in spans
        )
        only_clause = not paragraph.strip() or (clause_at and min(clause_at) <= lead) or rest_of_clause
        part = labelled and segments and _PART_LABEL.match(paragraph)
        if (closed and not only_clause and not part) or not segments:
            segments.append([a, b, False])
        segments[-1][1] = b
        if clause_at:  # its own clause, or a unit line closing the paragraphs above
            segments[-1][2] = True
        closed = segments[-1][2]
    if len(segments) > 1 and not segments[-1][2]:  # trailing lines without a clause: the last task's
        tail = segments.pop()
        segments[-1][1] = tail[1]
    if sum(1 for s in segments if s[2]) < 2:
        return []
    return [(s[0], s[1]) for s in segments]


def _segment_task(node: OutlineNode, text: str, a: int, b: int, *, first: bool, declared) -> Task:
    body = text[a:b]
    clauses = find_clauses(body, a, declared=declared)
    local = [(s - a, e - a) for s, e in clauses.spans]
    targets, milestones = extract(body, a, exclude=local)
    start = node.span[0] if first else a
    return Task(
        number=node.number if first else "",
        path=node.path() if first else [*node.path(), node.label],
        title=node.title if first else split_title(body),
        text=text[start:b],
        units=clauses.units,
        open_ended=clauses.open_ended,
        targets=targets,
        milestones=milestones,
        source_span=(start, b),
    )


# Headings that frame the work instead of assigning it (README: not tasks in a document that
# names no unit): principles, goals, scope, definitions, organisation, schedule, supervision.
# where the document stands (一、环境形势): never the work itself
# and what was done before the plan (一、“十三五”规划总体完成情况, 二、“十四五”期间推进形势)
_SITUATION = (
    r"^(?:环境|发展|当前|面临的?)形势$|^\S{0,12}?发展环境$|^\S{0,8}?发展机遇$|^\S{0,8}?发展趋势(?:[及和与]\S{0,4})?$|^\S{0,16}?回顾$|^\S{0,12}?(?:发展|实施|执行)评估$|^\S{0,6}?发展方向$|^(?:主要)?存在的?(?:主要)?问题$|^发展(?:基础|现状|成就)$|^(?:发展)?(?:现状|基础)(?:与|和|及)(?:形势|环境|问题)$"
    r"|^基本情况$|^现状(?:与|和)问题$|^工作背景$|^\S{0,16}?(?:期间|时期|面临的?|推进|发展)形势$|形势(?:分析|研判)$"
    r"|^\S{0,12}?(?:规划|计划)\S{0,4}?(?:完成|实施|执行)(?:情况|成效)$|^(?:面临的?)?(?:主要)?机遇(?:与|和)挑战$"
    r"|^(?:发展)?现状(?:及|和|与)(?:成效|成就)$|(?:趋势|形势)(?:及|和|与)?挑战$|^面临的?(?:主要)?挑战(?:[和与及](?:主要)?问题)?$"
    r"|^(?:发展)?形势(?:与|和|及)(?:发展)?(?:基础|现状|问题)$|^\S{0,16}?(?:保护|建设|工作)形势$"
    r"|^(?:主要|存在的?)?(?:短板|薄弱环节)(?:[和与及](?:弱项|不足|问题))?$"
)
_PRINCIPLES = (
    r"指导思想|指导方针|基本原则|工作原则|主要原则|总体原则|基本遵循|重大意义|重要意义|适用范围"
    r"|^\S{0,4}原则$|^(?:制定|编制|立法)?目的(?:和|与|及)?依据$|^(?:制定|编制|立法)目的$|^编制依据$"
)
_FRAME_SECTION = re.compile(
    rf"{_PRINCIPLES}|充分认识|总则|附则|术语和定义|名词解释|用语含义|^定义|定义$|^其他事项$|管理要求$|操作规程$|^(?!重点|主要|具体)\S{{0,6}}?(?:治理|整治|排查|检查)(?:内容|范围|对象|方式|主体)$|组织实施|组织领导|组织保障|组织形式|组织机构|组织架构|保障措施|保障机制|"
    r"工作保障|工作进度|进度安排|时间安排|实施步骤|(?<!重点)(?<!主要)工作安排|计划安排|阶段安排|实施安排|推进安排|工作步骤|推进步骤|"
    r"步骤安排|工作要求|实施要求|督查|督导|工作职责|职责分工|指标体系|^(?:管控|工作|办理|操作|实施|业务|管理)流程$|"
    rf"^(?:建设|实施|工作|推进)方式$|(?:强化|加强)(?:实施)?保障(?=[，,]|$)|^实施保障$|^(?:经费|资金|政策|要素)保障$|{_SITUATION}"
    # a plan's picture of itself, named by a bare noun (二、空间格局, （一）空间发展战略): not work
    r"|^(?:空间|总体|城市|区域)?(?:发展)?(?:战略|格局)$|^(?:空间|功能|区域)(?:发展)?布局$"
    # (二、试点类型: the kinds of pilot a scheme offers, each described, not work; not 做好垃圾分类)
    r"|^\S{0,6}?(?:类型|种类)$"
    # (一、创建对象: whom a scheme is for)
    r"|^(?:创建|实施|适用|支持|服务|帮扶|补助|奖励|评选|申报)对象$"
)
# (and an item that only names who undertakes the section's work or what it is to reach: （一）承办单位：
# 县经贸局。（二）协办单位：…（三）治理目标：…合格率达到90%以上)
_FRAME_ITEM = re.compile(
    rf"{_PRINCIPLES}|^(?:总体|发展|主要|工作|预期)目标|^(?:加强|强化)?组织领导$"
    r"|^(?:承办|协办|主办|牵头|责任|配合|参与|实施)(?:单位|部门)$|^[\u4e00-\u9fff]{2}目标$"
)
# framing words that a heading of work may hold too (三、扩大开放范围, 四、加快实现目标任务)
# the closing provision of a measures list: 本措施自印发之日起施行 / 由市发展改革委负责解释
# the document naming itself in its closing provision (本方案, 本政策措施)
THIS_DOCUMENT = r"本(?:政策措施|方案|措施|办法|意见|细则|规定|政策|通知|计划)"
_CLOSING = re.compile(rf"^{THIS_DOCUMENT}[^。]{{0,30}}?(?:施行|实施|解释|有效期)")
_NEVER_TASKS = re.compile(rf"{_PRINCIPLES}|总体要求|总体思路|目标|{_SITUATION}")
_WEAK_FRAME = re.compile(r"总体要求|总体思路|目标|范围")
_TASK_HEADING = re.compile(r"任务|举措|行动|重点工作|主要内容|(?<!保障)措施")
# 三、主要内容及职责分工 / 重点任务和责任分工: a section of the work whose items carry their duties
_WORK_AND_DUTIES = re.compile(
    r"(?:任务|举措|行动|重点工作|主要内容|(?<!保障)措施)[和与及]\S{0,2}(?:职责|责任)?分工$"
)
_WORK_VERB = re.compile(
    r"^(?:加强|加快|推进|推动|完善|健全|建立|强化|提升|提高|扩大|拓展|拓宽|优化|深化|实施|开展|促进|落实|做好|构建|打造|培育|完成)"
)


def _frames(node: OutlineNode) -> bool:
    """A heading of a section that frames the work (总体要求, 基本原则, 组织实施 …). A major
    heading (一、, 第一章) or one with items under it is read by its section words; a bare item
    only by the words of principles and goals (an item 加强督查 of a task list is work)."""
    title = node.title or node.label
    if _CLOSING.match(node.text):
        return True
    if node.children or STYLE_BY_KEY[node.style].tier <= 3:
        if (
            _FRAME_SECTION.search(title)
            and not (node.parent is not None and _WORK_VERB.match(title))
            # (三、主要内容及职责分工 / 重点任务和责任分工: the work, each item with its duties)
            and not _WORK_AND_DUTIES.search(title)
        ):
            # (but a sub-heading of work inside a section: （四）健全相关保障机制 over items 17.–20.)
            return True
        # (a label with no title is the opening of the item's sentence: only its first clause names
        # it, not 一、“十一五”期间，在大电网覆盖范围内…)
        named = title if node.title else re.split(r"[，,。；;：:]", title, maxsplit=1)[0]
        return (
            bool(_WEAK_FRAME.search(named))
            and not _TASK_HEADING.search(title)
            # (一、完成…“双控”目标深化…: a heading run into its text keeps its number in the label)
            and not _WORK_VERB.match(_ITEM_NUMBER.sub("", title))
        )
    return bool(_FRAME_ITEM.search(title))


_ITEM_NUMBER = re.compile(
    r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|\d{1,2}[.．、])"
)


def work_section(node: OutlineNode) -> bool:
    """A heading of work named by its verb, with items under it (三、加强能力建设 over （四）–（六）),
    in a plan that names its sections by topic instead of 主要任务."""
    title = node.title or node.label
    return bool(node.children) and bool(_WORK_VERB.match(title)) and not _frames(node)


def frames_title(title: str) -> bool:
    """A heading's words that frame the work (保障措施, 组织实施 …), read alone."""
    return bool(_FRAME_SECTION.search(re.sub(r"\s", "", title)))


def _fragment(node: OutlineNode) -> bool:
    """A numbered list fragment, not a sentence of work: ``（1）算力基础设施；``."""
    body = node.text.strip().rstrip("。；;，,、")
    return not node.children and len(body) <= 15 and not any(ch in body for ch in "。；;，,！？")


def _lists_fragments(node: OutlineNode) -> bool:
    """An item of work (not a section heading) whose sub-points are all list fragments."""
    if STYLE_BY_KEY[node.style].tier <= 3 or node.parent is None:
        return False
    own = node.text.strip()
    return ("。" in own or len(own) > 20) and all(_fragment(c) for c in node.children)


def fallback_tasks(roots: list[OutlineNode], text: str, boxes: list[tuple[int, int]] = ()) -> list[Task]:
    """Tasks of a document that names no unit: the leaf items of its task sections, i.e. of every
    section that does not frame the work (总体要求, 基本原则, 适用范围, 保障措施, 组织实施,
    工作进度 …), at whatever depth each section goes. A document made only of framing sections
    falls back to all its leaf items. The numbered lines of a boxed 专栏 (``boxes``: 专栏2 重点工程 /
    01 石漠化综合治理建设项目 / 02 …) are the box's, not items of work under the item above it."""
    pool: list[OutlineNode] = []

    def boxed(node: OutlineNode) -> bool:
        return any(a <= node.span[0] < b for a, b in boxes)

    def visit(node: OutlineNode) -> None:
        if boxed(node):
            return
        if _frames(node):
            # 三、总体发展目标 over （一）指导思想, （二）规划目标, （三）重点工作 1.–5.: the work is read;
            # and so is what follows a number met twice under principles or goals, where the heading
            # of the work was lost (not under 三、保障措施, whose second 1.–6. may gloss its terms)
            lost = after_lost_heading(node) if _NEVER_TASKS.search(node.title or node.label) else []
            for child in node.children:
                if child in lost or task_section(child):
                    visit(child)
            return
        if (
            node.parent is not None
            and "目标" in (node.parent.title or node.parent.label)
            and _YEAR_GOAL.match(node.text)
        ):
            return  # 二、目标任务 / （一）到2025年，全区建成…达到87.75万平方米: a goal of the document
        if not node.children or _lists_fragments(node) or all(boxed(c) for c in node.children):
            pool.append(node)  # sub-points that are list fragments (（1）数据中心；) are its text
            return
        for child in node.children:
            visit(child)

    for root in roots:
        visit(root)
    if not pool:
        # only framing sections: their leaf items, but never those of 总体要求 / 指导思想 / 基本原则 /
        # goals (an inline ``（一）指导思想。以…`` or ``（二）改革内容。…`` under 一、总体要求)
        pool = [
            n
            for r in roots
            if not _NEVER_TASKS.search(r.title or r.label)
            for n in r.walk()
            if not n.children
        ]
        pool = [n for n in pool if not _NEVER_TASKS.search(n.title or n.label)]
    tasks = []
    for n in pool:
        if n.children:
            tasks.append(_block_task(n, text, _subtree_end(n), None))
        elif n.parent is None and (segments := _titled_paragraphs(n)):
            # (a section's own titled paragraphs; under a numbered item of a section, （二）加快… over
            # 全力推动旧区改造。… / 全面实施…。…, the item is the deepest numbered level: one task)
            tasks.extend(_segment_task(n, text, a, b, first=False, declared=None) for a, b in segments)
        else:
            tasks.append(_task(n, text, [], False, []))
    return tasks


def unassigned_siblings(nodes: list[OutlineNode], tasks: list[Task], text: str) -> list[Task]:
    """Items beside items that carry units, in a section of work: （一）制订试点配套文件 over 1.–6.
    each with its 责任单位, then （二）–（八） with none. The items without a unit are tasks all the
    same, of no named unit, at whatever depth they go, as in a document that names none."""
    starts = sorted(t.source_span[0] for t in tasks)

    def holds_task(node: OutlineNode) -> bool:
        k = bisect_left(starts, node.span[0])
        return k < len(starts) and starts[k] < _subtree_end(node)

    out: list[Task] = []
    for node in nodes:
        if len(node.children) < 2 or _frames(node) or any(_frames(a) for a in node.ancestors()):
            continue
        holding = [holds_task(c) for c in node.children]
        if not any(holding) or all(holding):
            continue
        for child, held in zip(node.children, holding, strict=True):
            if not held and not _frames(child):
                out.extend(fallback_tasks([child], text))
    return out


def unassigned_task_sections(roots: list[OutlineNode], tasks: list[Task], text: str) -> list[Task]:
    """A task section (二、重点任务) whose items name no unit, in a document whose other items do
    (its 实施步骤 carry 责任部门): its items are tasks all the same, with no unit, read as in a
    document that names none."""
    spans = [t.source_span for t in tasks]
    out: list[Task] = []
    for root in roots:
        if not task_section(root):
            continue
        end = _subtree_end(root)
        if any(root.span[0] <= a < end for a, _ in spans):
            continue
        out.extend(fallback_tasks(root.children, text))
    return out


_DUTY_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?任务分工$|职责分工|工作职责|部门职责|职责任务|分工职责|主要职责|责任分工|分工[与和及]职责|职责[与和及]分工"
)
# 1.镇规建办为…主管部门; 区水务局是二次供水设施改造的总牵头单位。负责…: the unit and what it is
_DUTY_IS = re.compile(
    r"^[\s\u3000]*(?P<units>[^：:，,。；;是为]{2,20}?)"
    r"(?P<duty>(?:为|是)[^。，,；;\s]{0,30}?(?:主管部门|责任主体|牵头部门|牵头单位|实施单位|责任单位)(?:[。，,；;]\S.*)?)$"
)
_NAMED_LEAD = re.compile(r"^(?:为|是)[^。，,；;]{0,30}?牵头(?:单位|部门)")
_DUTY_INTRO = re.compile(r"(?:职责|职能|分工)(?:分工|任务)?(?:明确)?如下[：:]")
# 区民防办：负责制定…; 各镇政府、街道办事处：按照…: a unit's duties on a line of their own
_DUTY_LINE = re.compile(r"^[\s\u3000]*(?P<units>[^：:，,。；;]{2,40})[：:](?P<duty>\S.{4,})$")
# 区绿化市容局负责…; 区城管执法局依法对…; 各街道、镇作为本辖区…的责任主体: the unit as the subject
_DUTY_SUBJECT = re.compile(
    r"^[\s\u3000]*(?P<units>[^：:，,。；;]{2,40}?)(?P<duty>(?:负责|牵头|依法|作为|指导|协调|参与|配合|协助|要|应)\S.{4,})$"
)


_DUTIES_OF = re.compile(r"(?:的)?(?:主要|工作|具体)?职责(?:任务)?$")


def duty_tasks(lines, roots: list[OutlineNode], text: str) -> list[Task]:
    """The section of duties (五、职责分工) that gives each unit its part: a line ``区民防办：负责…``, or
    an item titled by the unit alone (（一）区建管委 over its duties), is a task of that unit
    (responsible; lead when its duties open with 牵头)."""
    out: list[Task] = []
    for root in roots:
        for node in root.walk():
            # its own lines, before any numbered item under it (附表：1、… may follow)
            start, end = node.span[0], (node.children[0].span[0] if node.children else _subtree_end(node))
            # (六、保障机制 whose intro says …各部门工作职责如下：, then a paragraph a unit)
            intro = text[start:end]
            if _WORK_AND_DUTIES.search(node.title or node.label):
                continue  # (三、主要内容及职责分工: the work, each item with its duties: no list of bodies)
            if not (
                _DUTY_SECTION.search(node.title or node.label)
                or _DUTY_INTRO.search(intro[:300])
                # (二、组织保障: the leading group's long paragraph, then 各成员单位职责分工如下：)
                or (node.children and _DUTY_INTRO.search(intro.rstrip()[-60:]))
            ):
                continue
            first = len(out)
            for child in node.children:  # （一）区建管委 / 牵头协调督促…
                head, _, body = child.text.strip().partition("\n")
                # (（一）街镇（园区）消防安全委员会职责 over 1.–6.: the body named, then its duties; not
                # （二）成员单位职责, no body's name)
                named = _DUTIES_OF.sub("", head)
                if (
                    named != head
                    and (body.strip() or child.children)
                    and not re.search(r"成员|各(?:有关|相关)?(?:单位|部门)$", named)
                    and names_units_only(named)
                ):
                    at = child.text_start + (len(child.text) - len(child.text.lstrip()))
                    units, open_ended, _d = parse_unit_list(named, at, ROLE_RESPONSIBLE)
                    out.append(_duty_list(child, text, _with_duty_role(units, body), open_ended))
                elif (
                    body.strip() or (child.children and not re.search(r"职责|分工|成员", head))
                ) and names_units_only(head):
                    units, open_ended, _d = parse_unit_list(head, child.text_start, ROLE_RESPONSIBLE)
                    out.append(_duty_list(child, text, _with_duty_role(units, body), open_ended))
                elif child.title and (duty := _body_after_title(child)) and names_units_only(child.title):
                    # （二）区财政局。负责…: the unit as the item's title sentence
                    at = child.text_start + child.text.find(child.title)
                    units, open_ended, _d = parse_unit_list(child.title, at, ROLE_RESPONSIBLE)
                    out.append(_duty_list(child, text, _with_duty_role(units, duty), open_ended))
                elif (m := _duty_opening(head)) or (m := _duty_glued(head)):
                    # （一）城运中心：负责… / 2.镇监察室负责… / 1.镇规建办为…主管部门，负责…: the unit opens it
                    at = child.text_start + (len(child.text) - len(child.text.lstrip())) + m.start("units")
                    units, open_ended, _d = parse_unit_list(m.group("units"), at, ROLE_RESPONSIBLE)
                    out.append(_task(child, text, _with_duty_role(units, m.group("duty")), open_ended, []))
            # items that gave no task (their later lines may be the list of duties)
            given = [t.source_span for t in out[first:]]
            quiet = [
                (d.text_start, d.span[1])
                for d in node.walk()
                if d is not node and not d.children and not any(a <= d.text_start < b for a, b in given)
            ]
            # 三、…工作职责 / 1、领导小组办公室… 2.… / 区交通与建设局：负责… 区经济发展局：…: the bodies' lines
            # after the office's numbered duties, which the outline reads as the last item's text (a list:
            # three bodies at least)
            own = [line for line in lines if start < line.start < end and line.cells is None]
            later = [
                line
                for line in lines
                if line.cells is None
                and any(a < line.start < b for a, b in quiet)
                and _duty_opening(line.text)
            ]
            read = {t.source_span[0] for t in out}  # (a line under a section of duties above: read already)
            for line in own + (later if len(later) >= 3 else []):
                if line.start in read or (m := _duty_opening(line.text)) is None:
                    continue
                at = line.start + m.start("units")
                units, open_ended, _d = parse_unit_list(m.group("units"), at, ROLE_RESPONSIBLE)
                out.append(
                    _duty_task(
                        text, line.start, line.start + len(line.text), units, open_ended, m.group("duty")
                    )
                )
    return out


# （一）区党群工作部按照国家、省部署落实…: a body's name run into its duties, no colon, no 负责
_DUTY_GLUED = re.compile(
    r"^[\s\u3000]*(?P<units>[\u4e00-\u9fff]{1,18}?(?:局|部|委|办|院|中心|支队|大队|政府|管委会|委员会|办公室))"
    r"(?P<duty>[\u4e00-\u9fff“].{8,})$"
)


def _duty_glued(text: str) -> re.Match | None:
    """A duty line opening with a body's name glued to its work (in a section of duties only)."""
    m = _DUTY_GLUED.match(text)
    if m is None or _WORK_VERB.match(m.group("units")) or re.search(r"职责|分工|成员", m.group(0)[:20]):
        return None  # (（十一）强化地方政府…: work; 各成员单位职责分工。…: the heading of the list)
    return m if names_units_only(m.group("units")) else None


def _duty_opening(text: str) -> re.Match | None:
    """The first reading of a duty line whose subject names units (区民防办：负责… / 区财政局负责… /
    区水务局是…总牵头单位。负责…): ``区水务局是…的总`` before 牵头 is no unit, its 是 reading is."""
    matches = (p.match(text) for p in (_DUTY_LINE, _DUTY_SUBJECT, _DUTY_IS))
    return next((m for m in matches if m is not None and names_units_only(m.group("units"))), None)


def outside_framing_sections(tasks: list[Task], roots: list[OutlineNode]) -> list[Task]:
    """The tasks not under a section that frames the work (三、建设方式, 四、实施要求): what is left
    of a document's leaf items once its 职责分工 has given the units their tasks."""
    framing = [(r.span[0], _subtree_end(r)) for r in roots if _frames(r)]
    return [t for t in tasks if not any(a <= t.source_span[0] < b for a, b in framing)]


def _body_after_title(node: OutlineNode) -> str:
    """The item's text after its title sentence (（二）区财政局。负责… -> 负责…)."""
    at = node.text.find(node.title) if node.title else -1
    return node.text[at + len(node.title) :].lstrip("。.：: \u3000\n") if at >= 0 else ""


def _duty_list(node: OutlineNode, text: str, units: list[UnitRef], open_ended: bool) -> Task:
    """（一）区绿化市容局 over its intro and its duties 1.–8.: one task of that unit, the duties
    below included (they are its text, not tasks of their own)."""
    return _task(node, text, units, open_ended, [], end=_subtree_end(node))


def _duty_task(text: str, a: int, b: int, units: list[UnitRef], open_ended: bool, duty: str) -> Task:
    task = _paragraph_task(text, a, b, Clauses())
    task.units = _with_duty_role(units, duty)
    task.open_ended = open_ended
    return task


def _with_duty_role(units: list[UnitRef], duty: str) -> list[UnitRef]:
    """Responsible for their duties; lead when the duties open with 牵头 or name the unit the lead
    (为…牵头部门, 是…总牵头单位)."""
    duty = duty.lstrip()
    role = ROLE_LEAD if duty.startswith("牵头") or _NAMED_LEAD.match(duty) else ROLE_RESPONSIBLE
    return [UnitRef(u.name, role, u.span) for u in units]


_BARE_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,10}$")


def outside_bare_frames(
    tasks: list[Task],
    lines,
    nodes: list[OutlineNode],
    skip: frozenset[int] | set[int] = frozenset(),
    title: str | None = None,
) -> list[Task]:
    """A copy that lost the numbers of its section headings (总体要求 / 重点整治内容 / 工作安排 /
    工作要求, each alone on its line over numbered items): the items under a heading that frames the
    work (工作安排, 工作要求 …) are not tasks of a document that names no unit, as under 四、工作安排."""
    starts = {n.span[0] for n in nodes}
    frames: list[tuple[int, bool]] = []  # (where a bare heading stands, whether it frames)
    for k, line in enumerate(lines):
        text = line.text.strip(" \u3000\t")
        if k in skip or (title and text in title):  # (the title's second line, 节能减排重点工作安排)
            continue
        if line.cells is None and line.start not in starts and _BARE_HEADING.match(text):
            frames.append((line.start, bool(_FRAME_SECTION.search(text) or _NEVER_TASKS.search(text))))
    if not any(framing for _, framing in frames):
        return tasks
    out = []
    for task in tasks:
        above = [framing for at, framing in frames if at < task.source_span[0]]
        if not (above and above[-1]):
            out.append(task)
    return out


_YEAR_GOAL = re.compile(r"^[\s\u3000]*(?:力争|争取)?(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?[，,]")


# 开展粮食安全保障行动。坚决遏制…: a paragraph opening with a short title sentence of its own
_TITLED = re.compile(r"^[^，,、；;：:。！？\s]{3,16}。\S")
# 环卫设施维护项目：对辖区270余座化粪池进行清掏维护。 / ☑老旧路灯改造出新工程项目: a project named, then its content
_NAMED_PROJECT = re.compile(r"^[☑✔√■□●◆]?[^，,、；;：:。！？\s]{2,24}(?:项目|工程|行动)[：:]\S")


def _titled_paragraphs(node: OutlineNode) -> list[tuple[int, int]]:
    """A section heading (三、开展三大行动) over a lead-in paragraph and unnumbered paragraphs that
    each open with a title sentence (开展X行动。…): in a document naming no unit these paragraphs
    are the tasks, not the heading. Spans of the paragraphs; none unless at least two, and the
    last paragraphs all titled."""
    starts, pos = [], node.text_start
    for k, line in enumerate(node.text.split("\n")):
        if k and line.strip():
            starts.append((pos, bool(_TITLED.match(line.strip()))))
        pos += len(line) + 1
    end = node.text_start + len(node.text.rstrip())
    first = next((k for k, (_a, titled) in enumerate(starts) if titled), None)
    if first is None or len(starts) - first < 2 or not all(t for _a, t in starts[first:]):
        return []
    bounds = [a for a, _t in starts[first:]] + [end]
    return [(a, b - 1 if b < end else b) for a, b in itertools.pairwise(bounds)]


def _subtree_end(node: OutlineNode) -> int:
    return max(n.span[1] for n in node.walk())


def _task(
    node: OutlineNode,
    text: str,
    units: list[UnitRef],
    open_ended: bool,
    clause_spans,
    *,
    end: int | None = None,
) -> Task:
    """The task of an item; ``end``: where its text ends when it takes in the items below it."""
    end = node.span[1] if end is None else end
    body = node.text if end == node.span[1] else text[node.text_start : end]
    local = [(a - node.text_start, b - node.text_start) for a, b in clause_spans]
    targets, milestones = extract(body, node.text_start, exclude=local)
    return Task(
        number=node.number,
        path=node.path(),
        title=node.title,
        text=text[node.span[0] : end],
        units=units,
        open_ended=open_ended,
        targets=targets,
        milestones=milestones,
        source_span=(node.span[0], end),
    )


# ---------------------------------------------------------------- task tables
#
# A task table has a header row naming a task column (重点任务, 工作任务, 主要内容, 改革举措 …)
# and unit columns (牵头单位, 责任单位, 配合单位, 指导部门 …), or no unit column but unit clauses
# inside its task cells; 序号 and 完成时限 are optional. A header may span two rows (责任单位
# over 牵头单位 | 配合单位): the second row then names the columns. A row with one filled cell
# (merged across the table), a plain line between rows (an .xlsx section row) or a row whose only
# words are a short heading and a 一/二 number is a section heading; a row whose task cell is
# empty or repeats the task above (a vertically merged cell) adds its units to that task; every
# other row is a task. Rows of a later table with the same columns and no header of its own (a
# table broken by a page) continue the last task table.

_STRONG_TASK_WORDS = ("任务", "举措", "措施", "内容", "事项", "工作", "要点")
_TASK_WORDS = (*_STRONG_TASK_WORDS, "项目", "目标", "名称")
_INDICATOR_NAMES = {"指标", "指标名称", "主要指标", "具体指标", "指标内容"}
_CN_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]?$|^[（(][一二三四五六七八九十]{1,3}[）)]$")


@dataclass
class _Layout:
    headers: list[str]
    roles: dict[int, str]
    number: int | None
    title: int | None
    task: int
    deadline: int | None
    categories: list[int]
    shared: dict[int, list[str]]  # a column naming two roles (牵头单位/配合单位): its roles in order
    value: int | None = None  # a column of target values for the task column's indicator (预期效果)
    # 指标名称 | 单位 | 2022年 | 2025年 | 2027年: the year columns (year, column) and the measure's column
    years: list[tuple[int, int]] = field(default_factory=list)
    measure: int | None = None
    requirement: int | None = None  # 任务名称 | 指标要求: the figure required of the task, as a phrase
    # 街镇 | 2026年任务量 (亩): a table of quotas, each row a place's share; the task is the place's
    # row, the share its target (header, measure, year)
    quota: tuple[str, str, int | None] | None = None
    # 任务内容 | 2023年 | 2024年 | 2025年 | 实施单位: what each year's cell commits to, as a phrase
    phases: list[tuple[int, int]] = field(default_factory=list)


def _compact(header: str) -> str:
    return re.sub(r"[（(].*?[）)]", "", "".join(header.split()))


def _column(headers: list[str], names: tuple[str, ...]) -> int | None:
    compact = [_compact(h) for h in headers]
    for name in names:
        for k, h in enumerate(compact):
            if h == name or (len(h) <= len(name) + 4 and h.startswith(name)):
                return k
    return None


# the columns of a progress report (进展情况, 具体完成情况, 7月工作计划): what was done, not the
# task; and figures about it (区本级任务数, 完成率)
_PROGRESS_COLUMN = re.compile(r"进展|完成情况|进度|工作计划|备注|说明|[数率]$|^(?:对应|关联)")
# (对应重点任务 | 对应指标: which of the plan's tasks a project serves, a reference, not the project's work)


def _task_columns(headers: list[str], taken: set[int], number: int | None) -> tuple[int | None, int | None]:
    """(title column, text column) of a task table: the text is the last column named by a task
    word (任务, 内容, 措施 …); a name column before it (改革举措, 项目名称) is the title."""
    found = [
        k
        for k, h in enumerate(headers)
        if k not in taken
        and 0 < len(_compact(h)) <= 14
        and any(w in _compact(h) for w in _TASK_WORDS)
        and not _PROGRESS_COLUMN.search(_compact(h))
    ]
    # a name printed twice (目标任务 | 牵头单位 | 目标任务 | 累计完成): the second is the progress
    # report's figure for it, the first the task
    found = [k for k in found if _compact(headers[k]) not in {_compact(h) for h in headers[:k]}]
    strong = [k for k in found if any(w in _compact(headers[k]) for w in _STRONG_TASK_WORDS)]
    if (
        not strong
        and (
            named := next(
                (k for k, h in enumerate(headers) if k not in taken and _compact(h) in _INDICATOR_NAMES), None
            )
        )
        is not None
    ):
        # 类别 | 序号 | 指标 | 单位 | 2020年现状 | 2025年规划目标 | 牵头单位: a table of indicators each with its
        # unit; the row is the indicator (not its 2025年规划目标 cell)
        found = sorted({*found, named})
        if all(k > named for k in found if k != named):
            return None, named
    if not found:
        return None, None
    task = strong[-1] if strong else found[0]
    # a named column before 序号 is a category merged over its rows (重点任务 | 序号 | 举措 | 主要内容:
    # the title is 举措)
    titled = [
        k for k in found if (number is None or k > number) and not CATEGORY_HEADER.search(headers[k])
    ] or found
    title = titled[0] if titled[0] != task else None
    return title, task


def _header_roles(headers: list[str]) -> dict[int, str]:
    roles = {k: role_of_header(h) for k, h in enumerate(headers)}
    return {k: r for k, r in roles.items() if r}


_ROW_NUMBER = re.compile(
    r"^(?:[0-9０-９]{1,3}[．.、]?|[一二三四五六七八九十]{1,3}[、．.]?|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)])$"
)


def _layout(headers: list[str]) -> _Layout | None:
    if headers and _ROW_NUMBER.match(headers[0].strip()):
        return None  # a numbered row (（十三）| 明确审核内容 | …) is a row of a table, not its header
    roles = _header_roles(headers)
    number = _column(headers, NUMBER_COLUMNS)
    deadline = _column(headers, DEADLINE_COLUMNS)
    title, task = _task_columns(headers, {number, deadline, *roles}, number)
    if task is not None:
        # 项 目 | | | 目标: a task header printed once over several columns (category, kind, item): the
        # task is the last of them, the others its categories
        span = task
        while (
            span + 1 < len(headers) and not headers[span + 1].strip() and span + 1 not in (number, deadline)
        ):
            span += 1
        if span > task and title is None:
            task = span
    if task is None:
        # 单位 | 职责分工: a table of duties, each row a unit and its part (responsible)
        duty = next((k for k, h in enumerate(headers) if "职责" in _compact(h)), None)
        unit = next((k for k, h in enumerate(headers) if _compact(h) in _UNIT_HEADERS), None)
        if duty is None or unit is None:
            return None
        task, roles = duty, {**roles, unit: ROLE_RESPONSIBLE}
    categories = [k for k in range(task) if k not in (number, title, deadline) and k not in roles]
    shared = {k: both for k in roles if len(both := roles_of_header(headers[k])) > 1}
    value = None
    # 指标名称 | 预期效果: the values of the indicators; 主要任务 | 节点 | 指标数: the figure each row's
    # task is to reach
    values = _VALUE_COLUMN if "指标" in _compact(headers[task]) else _TASK_VALUE_COLUMN
    value = next(
        (
            k
            for k, h in enumerate(headers)
            if k > task and k not in roles and k != deadline and values.match(_compact(h))
        ),
        None,
    )
    years: list[tuple[int, int]] = []
    measure = None
    if "指标" in _compact(headers[task]) and value is None:
        found, measure = indicator_columns([_compact(h) for h in headers])
        years = [(year, k) for year, k in found if k > task and k not in roles]
    requirement = next(
        (
            k
            for k, h in enumerate(headers)
            if k != task and k not in roles and _REQUIREMENT_COLUMN.match(_compact(h))
        ),
        None,
    )
    phases = (
        []
        if years
        else [
            (int(m.group(1)), k)
            for k, h in enumerate(headers)
            if k > task and k not in roles and (m := _PHASE_COLUMN.match(_compact(h)))
        ]
    )
    return _Layout(
        headers,
        roles,
        number,
        title,
        task,
        deadline,
        categories,
        shared,
        value,
        years,
        measure,
        requirement,
        phases=phases,
    )


_PHASE_COLUMN = re.compile(r"^((?:19|20)\d{2})年(?:度|底|末)?(?:目标|任务|计划)?$")


_UNIT_HEADERS = {"单位", "部门", "单位名称", "部门名称", "责任主体"}
_REQUIREMENT_COLUMN = re.compile(
    r"^(?:指标要求|目标要求|指标值要求|量化指标|量化目标|评分标准|考核标准|评分细则|考核评分标准|目标指标|建设目标|绩效目标|具体目标)$"
)
_VALUE_COLUMN = re.compile(r"^(?:预期效果|预期目标|目标值|预期值|指标值|年度目标值?|目标)$")
_TASK_VALUE_COLUMN = re.compile(r"^(?:指标数|目标值|目标数|指标值|年度目标值|目标任务数|任务指标数?|目标)$")


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(len(_compact(c)) <= 10 for c in filled) and bool(_header_roles(list(cells)))


def _continues_header(cells: tuple[str, ...], layout: _Layout) -> bool:
    """A second header row under cells merged down from the first (序号 | 项目名称 | … repeated,
    then 截至6月底进展 | 7月工作计划 under 2025年进展情况): its 序号 cell repeats the header's."""
    if layout.number is None or layout.number >= len(cells):
        return False
    return _compact(cells[layout.number]) == _compact(layout.headers[layout.number]) and all(
        len(_compact(c)) <= 12 for c in cells
    )


def _merge_headers(first: list[str], second: list[str]) -> list[str]:
    """Two header rows -> one: a second-row cell names its column, else the first row's does
    (a .docx repeats vertically merged cells; an .xlsx leaves them and trailing cells empty)."""
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    return [b or a for a, b in zip(first, second, strict=True)]


def _is_section_line(line: Line) -> bool:
    return line.cells is None and len(line.text) <= 80


def _cell(cells: list[str], k: int | None) -> str:
    return cells[k] if k is not None and k < len(cells) else ""


def _is_section_row(cells: list[str], layout: _Layout) -> bool:
    filled = [c for c in cells if c]
    if len(cells) == 1 or (len(set(filled)) == 1 and (len(cells) < len(layout.headers) or len(filled) > 1)):
        return True  # merged across the table: 一、产业结构调整
    number, body = _cell(cells, layout.number), _cell(cells, layout.task)
    if number and not _CN_NUMBER.match(number):
        return False  # 1, 2 …: a task
    role_cells = [_cell(cells, k) for k in layout.roles]
    if body and body in role_cells and all(c in ("", body) for c in role_cells):
        return True  # merged across the task and unit columns, its number cell apart: 一 | 产业发展
    if any(role_cells) or _cell(cells, layout.deadline):
        return False
    # 强化科技创新支撑能力。 with no number (or （一）) and no unit in a table that has unit columns: a
    # group's title sentence, not a task
    one_sentence = body.count("。") == 1 and body.endswith("。") and bool(layout.roles)
    return len(body) <= 30 and ("。" not in body or one_sentence)


def _row_units(cells, spans, layout: _Layout, declared: int | None) -> tuple[list[UnitRef], bool]:
    units: list[UnitRef] = []
    open_ended = False
    seen: dict[str, str] = {}
    for k, role in layout.roles.items():
        if not _cell(cells, k).strip() or _EMPTY_CELL.match(_cell(cells, k)):
            continue  # (—— / 无 / ／: a cell left empty on purpose)
        # the same text under two unit columns: one cell merged over both (a .docx) or the lead
        # written again among the responsible units (a flattened page). Lead and responsible go
        # together (a lead unit is responsible too): both, as written; lead and cooperating
        # exclude each other: the first column's role.
        if (before := seen.get(cells[k])) is not None and {before, role} != {ROLE_LEAD, ROLE_RESPONSIBLE}:
            continue
        seen.setdefault(cells[k], role)
        for text, at, cell_role in _role_segments(cells[k], spans[k][0], layout.shared.get(k, [role])):
            found = parse_cell(text, at, cell_role, declared=declared)
            _merge_units(units, found.units)
            open_ended |= found.open_ended
    if not units and _cell(cells, layout.task):  # no unit column filled: the task cell's own clause
        found = find_clauses(cells[layout.task], spans[layout.task][0], declared=declared)
        units, open_ended = found.units, found.open_ended
    return units, open_ended


def _role_segments(text: str, at: int, roles: list[str]):
    """A cell under ``牵头单位/配合单位``: ``X/Y、Z`` -> (X, lead), (Y、Z, cooperating)."""
    if len(roles) == 1:
        return [(text, at, roles[0])]
    pieces = re.split(r"([/／；;])", text)
    out, pos = [], 0
    for piece in pieces[::2]:
        out.append((piece, at + pos, roles[min(len(out), len(roles) - 1)]))
        pos += len(piece) + 1
    return out


def _merge_units(into: list[UnitRef], units: list[UnitRef]) -> None:
    seen = {(u.name, u.role) for u in into}
    for unit in units:
        if (unit.name, unit.role) not in seen:
            into.append(unit)
            seen.add((unit.name, unit.role))


def _is_task_table(lines: list[Line], i: int, layout: _Layout) -> bool:
    """A header with unit columns; or, without, task cells that carry unit clauses; or a numbered
    list of tasks (序号 | 重点任务 | 主要内容, no unit anywhere): a 序号 column, a task column named
    by a task word, and at least two rows numbered in it (section lines between rows skipped)."""
    if layout.roles:
        return True
    numbered = 0
    j = i + 1
    while j < len(lines):
        if lines[j].cells is None:
            if _is_section_line(lines[j]) and j + 1 < len(lines) and lines[j + 1].cells is not None:
                j += 1
                continue
            break
        cells = list(lines[j].cells)
        if find_clauses(_cell(cells, layout.task)).found:
            return True
        numbered += bool(_ROW_NUMBER.match(_cell(cells, layout.number).strip()))
        j += 1
    strong = any(w in _compact(layout.headers[layout.task]) for w in _STRONG_TASK_WORDS)
    return layout.number is not None and strong and numbered >= 2


def tasks_from_tables(lines: list[Line], context: dict[int, list[str]]) -> list[Task]:
    """Rows of task tables. ``context`` maps a line index to the path in force there."""
    tasks: list[Task] = []
    declared = declaration_offset("\n".join(line.text for line in lines))
    last: _Layout | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells is None:
            i += 1
            continue
        layout = _layout(list(line.cells))
        if layout is not None and _is_task_table(lines, i, layout):
            i += 1
            while (
                i < len(lines)
                and lines[i].cells is not None
                and (_looks_like_header(lines[i].cells) or _continues_header(lines[i].cells, layout))
            ):
                merged = _layout(_merge_headers(layout.headers, list(lines[i].cells)))
                layout = merged or layout
                i += 1
        elif (
            last is not None
            and len(line.cells) == len(last.headers)
            and _row_units(list(line.cells), line.cell_spans(), last, declared)[0]
        ):
            layout = last  # a table broken by a page: its rows go on without a header
        elif _indicators_only(line.cells):
            i += 1  # 序号 | 指标 | 单位 | “十五五”目标: a table of indicators, its rows no tasks
            while i < len(lines) and lines[i].cells is not None:
                i += 1
            continue
        elif (headerless := _numbered_rows_layout(lines, i)) is not None:
            layout = headerless  # a list of numbered rows with no header row: a task list
        else:
            i += 1
            continue
        layout = _quota_layout(lines, i, layout)
        last = layout
        i = _table_rows(lines, i, layout, context, declared, tasks)
    _own_numbers(tasks)
    return tasks


# the column of a quota table: each place's share of a total (2026年任务量, 目标任务数, 分解指标)
_QUOTA_HEADER = re.compile(
    r"(?:任务量|任务数|目标数|目标值|计划数|指标数|分解指标|下达指标|下达任务|分解任务|任务目标|目标任务)$"
)
# the column naming the places (or bodies) a quota is shared among; compacted (县（市、区） -> 县)
_PLACE_HEADERS = {
    *("街镇", "镇街", "乡镇", "乡镇街道", "镇街道", "街道", "镇", "乡", "村", "社区", "园区", "区域"),
    *("区县", "县区", "县市区", "县", "区", "市", "各区", "各县", "地区", "市州", "地市", "设区市", "县市"),
    *_UNIT_HEADERS,
}
_QUOTA_TOTAL = re.compile(r"^(?:合计|总计|小计|共计|总量|全区|全市|全县|全省)$")
_TABLE_MEASURE = re.compile(r"单位[：:]\s*([^\s，,。；;:：）)]{1,6})\s*[）)]?\s*$")


def _quota_layout(lines: list[Line], first: int, layout: _Layout) -> _Layout:
    """序号 | 街镇 | 2026年任务量 over rows of bare figures (122.52): a quota table. Each row is a task
    of the place it names (responsible), its figure the target; the measure from the header's
    brackets (任务量（亩）) or a ``单位：亩`` line just above the table, the year from the header
    (2026年任务量) or the row's deadline. Any other layout is returned as it is."""
    if (
        layout.quota
        or layout.value is not None
        or not _QUOTA_HEADER.search(_compact(layout.headers[layout.task]))
    ):
        return layout
    # the first quota column (2026年任务量 before 其中CD类整治任务量)
    column = next(k for k, h in enumerate(layout.headers) if _QUOTA_HEADER.search(_compact(h)))
    header = layout.headers[column]
    place = next(
        (
            k
            for k, h in enumerate(layout.headers)
            if k not in (column, layout.number) and _compact(h) in _PLACE_HEADERS
        ),
        None,
    )
    if place is None or any(k != place for k in layout.roles):
        return layout
    rows = [line.cells for line in lines[first : first + 40] if line.cells is not None]
    figures = [_cell(list(c), column).strip() for c in rows if _cell(list(c), place).strip()]
    if len(figures) < 2 or sum(bool(_FIGURE_CELL.match(c)) for c in figures) * 4 < len(figures) * 3:
        return layout
    measure = ""
    if m := re.search(r"[（(](?:单位[：:])?\s*([^（()）]{1,6}?)\s*[）)]", header):
        measure = m.group(1)
    else:
        above = [line.text for line in lines[max(0, first - 4) : first] if line.cells is None]
        measure = next((m.group(1) for text in reversed(above) if (m := _TABLE_MEASURE.search(text))), "")
    year = int(m.group(1)) if (m := _YEAR.match(_compact(header))) else None
    return _Layout(
        layout.headers,
        {place: ROLE_RESPONSIBLE},
        layout.number,
        None,
        place,
        layout.deadline,
        [k for k in layout.categories if k < place],  # (a group column before the places, not the figures)
        {},
        value=column,
        quota=(_compact(header), measure, year),
    )


def _own_numbers(tasks: list[Task]) -> None:
    """A 序号 merged over a group of rows whose task cells number themselves (1 | 1.地区生产总值…,
    ^ | 2.一般公共预算收入…): each row takes its cell's own number, as printed."""
    i = 0
    while i < len(tasks):
        j = i
        while j + 1 < len(tasks) and tasks[j + 1].number == tasks[i].number:
            j += 1
        group = tasks[i : j + 1]
        markers = [match_marker(t.text) for t in group]
        if len(group) > 1 and all(markers) and len({m.number for m in markers}) == len(group):
            for task, marker in zip(group, markers, strict=True):
                task.number = marker.number
        i = j + 1


def _indicators_only(cells) -> bool:
    """A header of indicators (序号 | 指标 | 单位 | “十五五”目标) with no column of work."""
    compact = [_compact(c) for c in cells or ()]
    return indicator_header(compact) and not any(w in h for h in compact for w in _STRONG_TASK_WORDS)


def _numbered_rows_layout(lines: list[Line], i: int) -> _Layout | None:
    """Rows with no header whose first cell numbers them ((1), 1., 一、) and whose other cell holds a
    sentence (an .xlsx list of 民生实事 with no 序号 | 任务 header): a task list, its longest cell the
    task. At least two such rows in a row; a row of short cells is a header or data, not this."""
    first = lines[i].cells or ()
    # the number in the first cell, or in the second after a group's name merged down the rows
    # (考核条目 | 1 | 上报实施方案。 | 未报扣10分)
    number = next((k for k in (0, 1) if k < len(first) - 1 and _ROW_NUMBER.match(first[k].strip())), None)
    if number is None or (number == 1 and not first[0].strip()):
        return None
    task = max(range(number + 1, len(first)), key=lambda k: len(first[k]))
    rows = short = 0
    for line in lines[i:]:
        cells = line.cells
        if cells is None or len(cells) < number + 2 or not _ROW_NUMBER.match(cells[number].strip()):
            break
        body = _cell(list(cells), task)
        short += len(body) < _SENTENCE  # 上报反馈报告。: a short one among sentences
        # after a group's column, written sentences only (not an indicator table's names: 居民健康素养水平)
        short += number > 0 and not re.search(r"[。，,；;]", body)
        rows += 1
    if rows < 2 or short * 3 > rows or len(_cell(list(first), task)) < _SENTENCE:
        return None
    # 1 | 化学需氧量排放总量（万吨） | 2551.7 | 2347.6 | -8%: the rows of an indicator table (figures in
    # two or more other cells), not tasks
    figures = sum(
        sum(bool(_FIGURE_CELL.match(c.strip())) for k, c in enumerate(line.cells) if k not in (number, task))
        >= 2
        for line in lines[i : i + rows]
    )
    if figures * 2 > rows:
        return None
    # 城中村改造 | 定性 | 约束性 | 至2026年底…: a column of indicator attributes, an indicator table too
    if any(
        3
        * sum(bool(_ATTRIBUTE_CELL.match(_cell(list(line.cells), k).strip())) for line in lines[i : i + rows])
        >= 2 * rows
        for k in range(len(first))
        if k != number
    ):
        return None
    headers = [""] * len(first)
    # no header to name them: a column of dates is the deadline, a column that lists unit names
    # only (甲科 乙中心, not the people after it) the units the rows hold to their task: responsible
    columns = [[_cell(list(line.cells), k) for line in lines[i : i + rows]] for k in range(len(first))]
    others = [k for k in range(number + 1, len(first)) if k != task]
    deadline = next((k for k in others if all(c and _DEADLINE_CELL.match(c) for c in columns[k])), None)
    unit = next(
        (k for k in others if k != deadline and all(c and names_units_only(c) for c in columns[k])), None
    )
    roles = {unit: ROLE_RESPONSIBLE} if unit is not None else {}
    return _Layout(headers, roles, number, None, task, deadline, list(range(number)), {})


_ATTRIBUTE_CELL = re.compile(r"^(?:约束性|预期性|指导性|引导性)$")
_FIGURE_CELL = re.compile(r"^[<>≤≥＜＞+\-－—约]?\s*[0-9０-９][0-9０-９.,，]*\s*(?:%|％|‰|个百分点|百分点)?$")
_DEADLINE_CELL = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年)?[^。，,；;]{0,10}(?:年底|年末|月底|月末|日|季度|前|年)$"
)


_SENTENCE = 8  # characters: a task cell is a sentence, not a name or a figure
_EMPTY_CELL = re.compile(r"^[\s\u3000]*(?:[—－\-–/／\\×]+|无|暂无|空)[\s\u3000]*$")
_NOTE_LABELS = {"备注", "注", "说明", "注释", "附注"}


def _table_rows(lines, i, layout: _Layout, context, declared, tasks: list[Task]) -> int:
    """Tasks from the rows from ``i`` on; returns the index after the table."""
    section: list[str] = []
    previous: Task | None = None
    while i < len(lines):
        row = lines[i]
        if row.cells is None:
            # a plain line inside the table (an .xlsx section row) when rows follow it
            if _is_section_line(row) and i + 1 < len(lines) and lines[i + 1].cells is not None:
                section, previous = [row.text], None
                i += 1
                continue
            break
        cells, spans = list(row.cells), row.cell_spans()
        if [_compact(c) for c in cells] == [_compact(h) for h in layout.headers]:
            i += 1  # the header printed again (a table over two pages)
            continue
        if (_looks_like_header(row.cells) and _layout(cells) is not None) or (
            _indicators_only(cells) and all(len(_compact(c)) <= 12 for c in cells)
        ):
            # the next table's own header (after its caption): its rows are read by its layout, or
            # are indicators (序号 | 指标名称 | 单位 | 2026年计划值), not tasks
            break
        filled = [c for c in cells if c]
        if filled and _compact(filled[0]).rstrip("：:") in _NOTE_LABELS and not _cell(cells, layout.number):
            break  # 备注 | 仅有…的部门，扣分加倍: the table's note, not a task
        if previous is not None and (found := _project_row_units(previous, cells, spans, layout, declared)):
            _add_project_row(previous, cells, spans, layout, declared, found)
            i += 1
            continue
        if _is_section_row(cells, layout):
            section, previous = ([" ".join(dict.fromkeys(filled))] if filled else section), None
            i += 1
            continue
        body = _cell(cells, layout.task).strip()
        number = _cell(cells, layout.number)
        if previous is not None and (not body or body == previous.text) and number in ("", previous.number):
            # a vertically merged task cell: this row adds units (and a deadline) to the task above
            units, open_ended = _row_units(cells, spans, layout, declared)
            _merge_units(previous.units, units)
            previous.open_ended |= open_ended
            deadline = _cell(cells, layout.deadline) or None
            previous.deadline = previous.deadline or deadline
            if layout.value is not None and not layout.quota:
                # 2019年 | 440个: the task's figure for a later year
                figure, year = _cell(cells, layout.value), _deadline_year(deadline)
                indicator = previous.title or previous.text
                previous.targets.extend(cell_value_targets(figure, indicator, spans[layout.value], year))
            i += 1
            continue
        if (
            previous is not None
            and layout.number is not None
            and layout.title is not None
            and previous.number
            and not number
            and not _cell(cells, layout.title)
            and match_marker(body) is None  # (not 1.地区生产总值… / 2.…, the numbered goals of one row)
        ):
            # 3 | 推动机动车结构优化升级 | 推动…。 over rows of its further measures whose 序号 and
            # 重点任务 cells are merged down and left empty: one task, its rows' work, units and
            # targets joined (rows that print the number and title again stay tasks of their own)
            _add_project_row(previous, cells, spans, layout, declared)
            i += 1
            continue
        if not body or (layout.quota and any(_QUOTA_TOTAL.match(_compact(c)) for c in (number, body))):
            i += 1  # (合计 | | 1625.06: a quota table's total, not a place's share)
            continue
        if (
            previous is not None
            and layout.number is None
            and layout.title is not None
            and (title := _cell(cells, layout.title).strip())
            and (marker := match_marker(title)) is not None
            and title[marker.end :].strip() == (previous.title or "")
            and previous.number == marker.number
        ):
            # 1.城市人居环境提升项目 merged down over its work rows: one numbered project, its rows' work
            _add_project_row(previous, cells, spans, layout, declared)
            i += 1
            continue
        around = context.get(i, [])
        # a section row that is also the outline's heading in force (一、主要预期目标) appears once
        inner = section[1:] if section and around and around[-1] == section[0] else section
        previous = _table_task(cells, spans, layout, [*around, *inner], len(tasks), declared)
        tasks.append(previous)
        i += 1
    return i


def _deadline_year(deadline: str | None) -> int | None:
    """The year a row's 完成时限 cell names (2021年11月, 2021.8), if any."""
    return int(m.group(1)) if deadline and (m := _YEAR.search(deadline)) else None


def _project_row_units(previous: Task, cells, spans, layout: _Layout, declared):
    """1 | 农村人居环境整治提升工程 merged down over the project's work rows, its unit too: this row's
    units (and whether open-ended) when it is one more work row of the numbered project above, else
    None. A row naming units of its own is a task of its own; a row whose work is merged too is a
    later year's row of the same work (read elsewhere)."""
    body = _cell(cells, layout.task).strip()
    if (
        layout.number is None
        or layout.title is None
        or not previous.number
        or _cell(cells, layout.number) not in ("", previous.number)
        or _cell(cells, layout.title).strip() not in ("", previous.title or "")
        or len({c for c in cells if c}) < 2
        or not body
        or body == previous.text.rsplit("\n", 1)[-1]
        or match_marker(body) is not None
    ):
        return None
    units, open_ended = _row_units(cells, spans, layout, declared)
    if not {(u.name, u.role) for u in units} <= {(u.name, u.role) for u in previous.units}:
        return None
    return units, open_ended


def _add_project_row(task: Task, cells, spans, layout: _Layout, declared, row_units=None) -> None:
    """A further work row of a numbered project whose name is merged down the table: its work,
    units, deadline and targets join the project's task (``row_units``: its units, if read)."""
    body = cells[layout.task].strip()
    deadline = _cell(cells, layout.deadline) or None
    units, open_ended = row_units or _row_units(cells, spans, layout, declared)
    _merge_units(task.units, units)
    task.open_ended |= open_ended
    task.deadline = task.deadline or deadline
    if body == task.text.rsplit("\n", 1)[-1]:
        return  # the work cell merged down too: this row adds its unit only
    targets, milestones = extract(body, spans[layout.task][0], default_year=_deadline_year(deadline))
    task.text = f"{task.text}\n{body}"
    task.targets.extend(targets)
    task.milestones.extend(milestones)
    task.source_span = (task.source_span[0], max(task.source_span[1], spans[layout.task][1]))


def _table_task(cells, spans, layout: _Layout, path, count, declared) -> Task:
    if layout.quota is not None:
        return _quota_task(cells, spans, layout, path, count)
    units, open_ended = _row_units(cells, spans, layout, declared)
    deadline = _cell(cells, layout.deadline) or None
    year = _deadline_year(deadline)
    body = cells[layout.task]
    targets, milestones = extract(body, spans[layout.task][0], default_year=year)
    if layout.title is not None and _cell(cells, layout.title):
        # 实事项目 | 工作举措及实施计划: the item's own cell states its targets too (新增学位6800个),
        # before those of its measures (9月底前完成500个)
        own, _steps = extract(cells[layout.title], spans[layout.title][0], default_year=year)
        targets = [*own, *targets]
    if layout.value is not None and layout.value < len(cells):
        # 城镇新增就业人数(人) | 1300: the measure in brackets after the task's name
        measure = NAMED_MEASURE.search(body.strip())
        unit = measure.group(1) if measure and is_measure(measure.group(1)) else ""
        targets.extend(cell_value_targets(cells[layout.value], body, spans[layout.value], year, unit=unit))
    if layout.requirement is not None and (required := _cell(cells, layout.requirement)):
        # 地区生产总值 | 增长5.5%(市下达指标): the phrase of the figure, read as the task's own text would be
        found, _steps = extract(required, spans[layout.requirement][0], default_year=year)
        for target in found:
            target.indicator = target.indicator or body
        targets.extend(found)
    for column_year, column in layout.phases:  # 2024年 | 选取1~2家停车保养场
        targets.extend(phase_cell_targets(_cell(cells, column), spans[column][0], body, column_year))
    measure = _cell(cells, layout.measure).strip()
    for k, (column_year, column) in enumerate(layout.years):
        cell = _cell(cells, column)
        if k == 0 and len(layout.years) > 1 and not SIGNED_CELL.search(cell):
            continue  # 2022年 | 2025年 | 2027年: the first year, unsigned, is where things stand
        found = cell_value_target(cell, body, spans[column], column_year, unit=measure)
        if found is not None:
            targets.append(found)
    if year is not None:
        for milestone in milestones:
            milestone.deadline_year = milestone.deadline_year or year
    title = _cell(cells, layout.title) or None
    if title is None:
        split = split_title(body)
        title = split if split != body else None
    # no 序号 column: a goal cell that opens on its own number (1.妇女…, restarting per section),
    # or a project's name cell that does (1.城市人居环境提升项目 | 对…进行改造)
    marker = match_marker(body) if layout.number is None else None
    if layout.number is None and marker is None and title and (marker := match_marker(title)):
        title = title[marker.end :].strip() or title  # (the project's number is the task's)
    return Task(
        number=_cell(cells, layout.number) or (marker.number if marker else str(count + 1)),
        path=[*path, *(cells[k] for k in layout.categories if _cell(cells, k))],
        title=title,
        text=body,
        units=units,
        open_ended=open_ended,
        targets=targets,
        milestones=milestones,
        source_span=spans[layout.task],  # the task cell; units' spans point into their cells
        deadline=deadline,
        from_table=True,
    )


def _quota_task(cells, spans, layout: _Layout, path, count) -> Task:
    """A row of a quota table: 马陆镇 | 122.52 -> the task 马陆镇：2026年任务量122.52亩 of 马陆镇."""
    header, measure, header_year = layout.quota
    place, figure = cells[layout.task].strip(), _cell(cells, layout.value).strip()
    deadline = _cell(cells, layout.deadline) or None
    year = header_year or _deadline_year(deadline)
    found = parse_cell(place, spans[layout.task][0], ROLE_RESPONSIBLE)
    target = cell_value_target(figure, header, spans[layout.value], year, unit=measure) if figure else None
    unit = (target.unit or "") if target is not None else ""
    shown = figure if figure.endswith(unit) else figure + unit  # 122.52 -> 122.52亩
    return Task(
        number=_cell(cells, layout.number) or str(count + 1),
        path=[*path, *(cells[k] for k in layout.categories if _cell(cells, k))],
        title=None,
        text=f"{place}：{header}{shown}",
        units=found.units,
        open_ended=found.open_ended,
        targets=[target] if target is not None else [],
        milestones=[],
        source_span=spans[layout.task],
        deadline=deadline,
        from_table=True,
    )


# the general provisions of a 办法 / 规定 / 细则: its purpose (为了…，制定本办法), scope (本办法适用于),
# principles (…坚持…的原则), definitions (本办法所称), interpretation and entry into force; not tasks
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇两0-9０-９]{1,5}条\s*")
_RULES = r"(?:办法|规定|细则|条例|制度|规则|准则)"
_GENERAL_PROVISION = re.compile(
    rf"^(?:(?:为了?|根据|依据|按照)[^。]{{0,240}}?(?:制定|制订)本{_RULES}"
    rf"|本{_RULES}(?:适用于|所称|由[^。]{{0,40}}负责解释|自[^。]{{0,30}}(?:起|之日起)(?:施行|执行|实施))"
    rf"|[^。]{{0,60}}坚持[^。]{{0,80}}原则[。；;]?$)"
)


def without_general_provisions(tasks: list[Task]) -> list[Task]:
    """Tasks less the general articles of a 办法 (第一条 为了…制定本办法, 第二条 本办法适用于…)."""
    out = []
    for task in tasks:
        if task.units or not _ARTICLE.match(task.number):
            out.append(task)
            continue
        body = _ARTICLE.sub("", task.text, count=1).strip()
        if not _GENERAL_PROVISION.match(body):
            out.append(task)
    return out
