"""Entry points: bytes (or a path) in, ``ParseResult`` out."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from pathlib import Path

from .errors import ParseError
from .groups import find_groups
from .metadata import BY_YEAR, find_furniture, plan_end_year, read_header, split_documents
from .models import Document, OutlineNode, ParseResult
from .outline import build_outline
from .reading import DEFAULT_MAX_BYTES, Line, Source, read, size_label
from .targets import (
    annual_plan_year,
    document_targets,
    goal_regions,
    goal_table_titles,
    outside_goal_sections,
    plan_period_end,
    task_section,
)
from .tasks import (
    THIS_DOCUMENT,
    duty_tasks,
    fallback_tasks,
    frames_title,
    listed_sentence_tasks,
    outside_bare_frames,
    outside_framing_sections,
    paragraph_tasks,
    tasks_from_outline,
    tasks_from_tables,
    titled_paragraph_tasks,
    unassigned_siblings,
    unassigned_task_sections,
    without_general_provisions,
    work_section,
)

_OBJECTIVES = re.compile(r"目标|总体要求|总体思路")


def parse_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParseResult:
    """Parse one uploaded file (.txt, .docx, .pdf) into documents, tasks, targets and groups.

    Raises ``ParseError`` (with a Chinese message) and nothing else for bad input.
    """
    source = read(data, filename, max_bytes)
    return _parse_source(source, filename)


def parse_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParseResult:
    path = Path(path)
    if path.stat().st_size > max_bytes:
        raise ParseError(ParseError.TOO_LARGE, f"文件过大：超过 {size_label(max_bytes)} 上限")
    return parse_bytes(path.read_bytes(), path.name, max_bytes=max_bytes)


def parse_text(text: str, filename: str = "document.txt") -> ParseResult:
    """Convenience for tests and tools: parse a string as a UTF-8 .txt file."""
    return parse_bytes(text.encode("utf-8"), filename)


def _parse_source(source: Source, filename: str) -> ParseResult:
    stem = Path(filename.replace("\\", "/")).stem or filename
    documents, items = _parse_documents(source, stem, shi=False)
    if items == 0 and not any(d.targets for d in documents):
        # no numbered item at all: a list written as one paragraph's 一是…二是… (具体为：一是…)
        documents, items = _parse_documents(source, stem, shi=True)
    # a document with goals but no task (a plan's indicator table) is a result; nothing at all is not
    if items == 0 and not any(d.targets for d in documents):
        raise ParseError(ParseError.NO_ITEMS, "未找到编号条目：文档中没有可识别为任务的编号项")
    return ParseResult(
        documents=documents, source_format=source.source_format, encoding=source.encoding, text=source.text
    )


def _parse_documents(source: Source, stem: str, *, shi: bool) -> tuple[list[Document], int]:
    documents: list[Document] = []
    items = 0
    for start, end in split_documents(source.lines):
        if start >= end:
            continue
        document, count = _parse_document(source, start, end, stem, shi=shi)
        documents.append(document)
        items += count
    return documents, items


def _parse_document(
    source: Source, start: int, end: int, stem: str, *, shi: bool = False
) -> tuple[Document, int]:
    base = source.lines[start].start
    lines = [Line(text=ln.text, start=ln.start - base, cells=ln.cells) for ln in source.lines[start:end]]
    text = "\n".join(line.text for line in lines)
    header = read_header(lines, fallback_title=stem)
    furniture = find_furniture(lines, header.issuer)
    groups, group_lines = find_groups(lines, text, furniture.attachment_titles)
    # a table of goals on its own title line ends the item above it (its cells are goals)
    skip = header.header_lines | furniture.skip | group_lines | goal_table_titles(lines)
    roots, nodes = build_outline(lines, text, skip, shi=shi)
    # (goal sections and 专栏 boxes: read once, for the items below)
    _, boxes, pure_goals = goal_regions(lines, roots)

    # no numbered item at all: the paragraphs that carry their own units
    tasks = tasks_from_outline(nodes, text) if nodes else paragraph_tasks(lines, text, skip)
    if tasks and nodes:
        tasks += unassigned_task_sections(roots, tasks, text)
        # (not the numbered lines of a 专栏 box among the items: 专栏2 能源安全保障项目 / 1.油气勘探：… /
        # 2.电网：…, the box's projects, not tasks)
        tasks += [
            t
            for t in unassigned_siblings(nodes, tasks, text)
            if not any(a <= t.source_span[0] < b for a, b in boxes)
        ]
    unnumbered = 0 if nodes else len(tasks)
    table_tasks = tasks_from_tables(lines, _table_context(lines, nodes, furniture.attachment_titles))
    task_rule = "clauses"
    # a plan whose body names no unit, with its tasks in an annex table too (附件 重点任务一览表, with or
    # without a 责任单位 column): the body's items are read all the same, beside the table's rows
    body_beside_tables = bool(table_tasks) and any(task_section(r) or work_section(r) for r in roots)
    if body_beside_tables and not tasks:
        # its rows under 保障措施 are no more tasks than the body's 保障措施 items
        table_tasks = [t for t in table_tasks if not (t.path and frames_title(t.path[-1]))]
    if (
        not tasks
        and (not table_tasks or body_beside_tables)
        and not _assigns_units(header.title, header.notice_title)
    ):
        tasks = outside_goal_sections(fallback_tasks(roots, text, boxes), pure_goals)
        if body_beside_tables:  # a table's own section rows (一、水安全 between its rows) are no items
            starts = [line.start for line in lines]
            tasks = [t for t in tasks if not _after_table_row(lines, starts, t.source_span[0])]
        tasks = outside_bare_frames(tasks, lines, nodes, skip, header.title)
        if not nodes:  # no numbered item either: paragraphs that open with a title of their own
            tasks = titled_paragraph_tasks(lines, text, skip) or listed_sentence_tasks(lines, text, skip)
            unnumbered = len(tasks)
        task_rule = "fallback_leaves"
    if duties := duty_tasks(lines, roots, text):  # 五、职责分工: each unit's duties, a task of that unit
        taken = [t.source_span for t in duties]
        if task_rule == "fallback_leaves":  # the units are named after all: not the framing sections' items
            tasks = outside_framing_sections(tasks, roots)
        tasks = [t for t in tasks if not any(a <= t.source_span[0] < b for a, b in taken)] + duties
    tasks = sorted(tasks + table_tasks, key=lambda t: t.source_span[0])
    tasks = without_general_provisions(tasks)

    objectives = next((r for r in roots if _OBJECTIVES.search(r.label)), None)
    objectives_text = text[objectives.span[0] : _subtree_end(objectives)] if objectives else None
    document = Document(
        title=header.title,
        notice_title=header.notice_title,
        doc_number=header.doc_number,
        issuer=_fuller(header.issuer, furniture.signature),
        date=furniture.date or header.field_date,
        recipients=header.recipients,
        publication=furniture.publication,
        attachments=furniture.attachments,
        end_year=plan_end_year(header.title, objectives_text),
        tasks=tasks,
        groups=groups,
        outline=roots,
        text=text,
        offset=base,
        task_rule=task_rule,
    )
    # document targets (goal sections, 专栏); undated targets of a time-boxed plan, the tasks'
    # too, take its end year
    head = text[: nodes[0].span[0]] if nodes else text
    plan_year = _plan_year(
        [header.title, header.notice_title], head, furniture.date or header.field_date, objectives_text
    )
    if plan_year is None and (valid := _VALID_UNTIL.search(text)) is not None:
        # 本措施自印发之日起施行，有效期至2025年12月31日: measures in force until then, their goals too
        plan_year = int(valid.group(1))
    if document.end_year is None:  # no year in the title read: the period or year the notice names
        document.end_year = plan_year
    document.targets = document_targets(
        text, lines, roots, tasks, plan_year, titles=(header.title, header.notice_title)
    )
    for task in tasks:
        _stated_deadline(task)
    if furniture.date:  # 2010年…为17.7% in a document signed in 2011: a figure of the past (a baseline)
        issued = int(furniture.date[:4])
        document.targets = _not_before(document.targets, issued)
        for task in tasks:
            task.targets = _not_before(task.targets, issued)
        for targets in [document.targets, *(task.targets for task in tasks)]:
            this_year_end = None  # where the last target dated "this year" ends
            for target in sorted(targets, key=lambda t: t.span[0]):
                if target.deadline_year is not None or target.per is not None:
                    this_year_end = None
                    continue
                if _THIS_YEAR.search(target.text or "") or (
                    # 年内开工建设…71.7公里，建成产业环线路90公里: the sentence's other figures too
                    this_year_end is not None
                    and not _SENTENCE_END.search(text, this_year_end - base, target.span[0] - base)
                ):
                    # 今年计划组织…圆桌会议3场, 年内开工建设…71.7公里: this year, the year it was signed
                    target.deadline_year = issued
                    this_year_end = target.span[1]
                else:
                    this_year_end = None
    return document, len(nodes) + len(table_tasks) + unnumbered


# （责任单位：…；完成时限：2025年12月） / 完成时限：2022年2月底前: a task's deadline stated in its text
_STATED_DEADLINE = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限要求)[：:]\s*(?P<when>(?P<year>(?:19|20)\d{2})\s*年[^；;。，,）)\n]{0,12})"
)


def _stated_deadline(task) -> None:
    """A task of the text (not a table's row, whose 完成时限 is a cell) whose text states its
    deadline with a year: that deadline, and the year for its targets that name none (a yearly
    rate aside)."""
    if task.from_table or task.deadline:
        return
    found = list(_STATED_DEADLINE.finditer(task.text or ""))
    if len(found) != 1:  # (several: each is a step's, not the task's)
        return
    task.deadline = found[0].group("when").strip()
    year = int(found[0].group("year"))
    for target in task.targets:
        if target.deadline_year is None and target.per is None:
            target.deadline_year = year


def _after_table_row(lines: list[Line], starts: list[int], at: int) -> bool:
    """The line holding offset ``at`` comes right after a table row, blank lines aside (a section
    row of that table). ``starts``: the lines' start offsets, ascending."""
    k = bisect_right(starts, at) - 1
    before = next((lines[i] for i in range(k - 1, -1, -1) if lines[i].text.strip()), None)
    return before is not None and before.cells is not None


def _plan_year(titles: list[str | None], head: str, signed: str | None, objectives: str | None) -> int | None:
    """The year undated targets take: a time-boxed plan's end year, else an annual plan's year,
    else the signing year of a share-out of the 政府工作报告 that names none, else the period the
    goal section states (从2005年起，…用3年左右时间)."""
    year = plan_period_end(titles, head)
    if year is None:  # an annual plan (2023年重点工作及责任分解): its year
        year = annual_plan_year(titles, head)
    named = " ".join(t for t in titles if t)
    if year is None and signed and _WITHIN_THE_YEAR.search(named):
        # 关于奋力实现一季度经济“开门红”的若干措施: measures for a part of the year they are signed in
        year = int(signed[:4])
    if year is None and signed and _WORK_REPORT_SHARE.search(named):
        # 关于落实《政府工作报告》重点工作分工的意见 with no year: the report is the year's, so is the
        # document that shares its work out (signed that year)
        year = int(signed[:4])
    if year is None and objectives:
        year = plan_period_end([], objectives)
        if year is None:
            # （二）工作目标。2019年全市生活垃圾分类工作明确三大目标。: the year the goals are set for
            years = {int(m.group(1)) for m in _GOAL_YEAR.finditer(objectives)}
            if not years and _YEARS_COUNTED.search(objectives):
                # 经过两年努力，…。量化目标：到2023年，…: a plan that counts its years, and the one
                # year its goals are set for
                years = {int(m.group(1)) for m in BY_YEAR.finditer(objectives)}
            if not years:
                # 一、主要目标 / 2020年，…浓度保持在30微克/立方米以下: goals opening on their year
                years = {int(m.group(1)) for m in _YEAR_OPENS_GOAL.finditer(objectives)}
            year = years.pop() if len(years) == 1 else None
    if year is None and head:
        # 2022年主要目标：全年公路水路投资完成1000亿元。… before the first item (a work plan that prints
        # no title): the one year its goals are set for
        years = {int(m.group(1)) for m in _GOAL_YEAR.finditer(head)}
        year = years.pop() if len(years) == 1 else None
    return year


# the document's own validity (not 中标有效期限…至2027年, another thing's)
_VALID_UNTIL = re.compile(
    rf"{THIS_DOCUMENT}[^。；;]{{0,30}}?"
    r"有效期(?:限)?(?:为|自[^。；;]{0,24}?)?(?:至|到)\s*((?:19|20)\d{2})\s*年"
)
_YEAR_OPENS_GOAL = re.compile(r"(?:^|[。\n])[\s\u3000]*((?:19|20)\d{2})\s*年[，,]")


_YEARS_COUNTED = re.compile(
    r"(?:经过|通过|用)\s*(?:\d{1,2}|[一二两三四五六七八九十])\s*年(?:左右)?(?:的|时间)?(?:努力|时间)"
)


# a sentence of the goal section that opens on the year its goals are for
_GOAL_YEAR = re.compile(
    r"(?:^|[。\n])\s*(?:[（(][一二三四五六七八九十]+[）)])?(?:[^。\n]{1,6}。)?((?:19|20)\d{2})年[^。\n]{0,24}?目标"
)


_SENTENCE_END = re.compile(r"[。；;\n]")
_THIS_YEAR = re.compile(r"今年|(?<![0-9一二三四五六七八九十两多])年内")
_WITHIN_THE_YEAR = re.compile(
    r"(?:第?一季度|上半年|开门红|首季)"
    # “国企提升发展年”行动方案, 项目攻坚年活动实施方案: a campaign named for the year it is signed in
    r"|(?:提升|发展|攻坚|建设|落实|突破|质量|服务|效能|作风|创新|推进|深化|巩固|提质|增效|优化|招商|执行|能力|规范|整治|管理|改革|赶超|跨越)年"
    r"[”\"」]?(?:活动|行动|专项行动)?(?:方案|实施方案|工作方案|行动方案|计划)"
)
_WORK_REPORT_SHARE = re.compile(r"政府工作报告[》”]?[^，,。]{0,16}?(?:分工|分解|责任|目标任务|重点工作)")


# a document made to assign units (责任分解, 任务分工, 责任清单): its tasks are the items that carry
# them; a copy that names none (cut before the first unit line) has no task, not its leaf items
_ASSIGNING = re.compile(r"责任分解|任务分解|责任分工|任务分工|分工方案|责任清单")


def _assigns_units(*titles: str | None) -> bool:
    return any(t and _ASSIGNING.search(t) for t in titles)


def _not_before(targets: list, year: int) -> list:
    return [t for t in targets if t.deadline_year is None or t.deadline_year >= year]


def _fuller(issuer: str | None, signature: str | None) -> str | None:
    """The issuer of the heading, unless the signature names it in full (区人民政府办公室 signed
    蔡甸区人民政府办公室)."""
    if issuer and signature and len(signature) > len(issuer) and signature.endswith(issuer):
        return signature
    return issuer or signature


def _subtree_end(node: OutlineNode) -> int:
    return max(n.span[1] for n in node.walk())


def _table_context(
    lines: list[Line], nodes: list[OutlineNode], attachment_titles: dict[int, str]
) -> dict[int, list[str]]:
    """For each table line: the attachment title above it, else the path of the heading above it."""
    context: dict[int, list[str]] = {}
    by_start = {n.span[0]: n for n in nodes}
    current: list[str] = []
    for i, line in enumerate(lines):
        if i in attachment_titles:
            current = [attachment_titles[i]]
        elif line.start in by_start:
            node = by_start[line.start]
            current = [*node.path(), node.label] if node.title else node.path()
        if line.cells is not None:
            context[i] = current
    return context
