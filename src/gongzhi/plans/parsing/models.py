"""Dataclasses the parser returns. Offsets (spans) index the document's normalised text."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]

ROLE_LEAD = "lead"
ROLE_RESPONSIBLE = "responsible"
ROLE_COOPERATING = "cooperating"
ROLES = (ROLE_LEAD, ROLE_RESPONSIBLE, ROLE_COOPERATING)


@dataclass
class UnitRef:
    """A unit named in a responsibility clause, as written."""

    name: str
    role: str  # one of ROLES
    span: Span

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "span": list(self.span)}


@dataclass
class Target:
    """A quantified target found in a task's text."""

    indicator: str
    comparator: str  # ">=" ">" "=" "<=" "<" "range" "decrease_by" "increase_by"
    value: float | int
    value_max: float | int | None
    unit: str | None
    deadline_year: int | None
    per: str | None
    text: str
    span: Span

    def to_json(self) -> dict:
        return {
            "indicator": self.indicator,
            "comparator": self.comparator,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "deadline_year": self.deadline_year,
            "per": self.per,
            "text": self.text,
            "span": list(self.span),
        }


@dataclass
class Milestone:
    """A dated qualitative commitment (到2024年，…全部救助到位)."""

    text: str
    deadline_year: int | None
    span: Span

    def to_json(self) -> dict:
        return {"text": self.text, "deadline_year": self.deadline_year, "span": list(self.span)}


@dataclass
class OutlineNode:
    """A numbered paragraph or heading and the unnumbered lines that follow it."""

    number: str  # the marker as printed: "（1）", "一、", "第三条"
    style: str  # key of the numbering style (numbering.STYLES)
    level: int  # 0 = top level, by order of first appearance
    title: str | None  # short title ("加强儿童友好规划设计"), None when the item is one long sentence
    text: str  # the whole item without the marker, continuation lines included
    span: Span  # of the item, marker and continuation lines included
    label: str  # number + title (or the start of the text): what a path shows
    children: list[OutlineNode] = field(default_factory=list)
    parent: OutlineNode | None = field(default=None, repr=False, compare=False)
    text_start: int = 0  # offset where ``text`` starts (after the marker)

    def ancestors(self):
        """The nodes above this one, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def path(self) -> list[str]:
        """Labels of the ancestors, root first (not including this node)."""
        return [node.label for node in self.ancestors()][::-1]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "style": self.style,
            "level": self.level,
            "title": self.title,
            "span": list(self.span),
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class Task:
    """A numbered item (or task-table row) that assigns responsibility."""

    number: str
    path: list[str]
    title: str | None
    text: str
    units: list[UnitRef]
    open_ended: bool
    targets: list[Target]
    milestones: list[Milestone]
    source_span: Span
    deadline: str | None = None  # a task table's 完成时限 cell, as written
    from_table: bool = False

    def _names(self, role: str) -> list[str]:
        return [u.name for u in self.units if u.role == role]

    @property
    def lead_units(self) -> list[str]:
        return self._names(ROLE_LEAD)

    @property
    def responsible_units(self) -> list[str]:
        return self._names(ROLE_RESPONSIBLE)

    @property
    def cooperating_units(self) -> list[str]:
        return self._names(ROLE_COOPERATING)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "path": list(self.path),
            "title": self.title,
            "text": self.text,
            "lead_units": self.lead_units,
            "responsible_units": self.responsible_units,
            "cooperating_units": self.cooperating_units,
            "open_ended": self.open_ended,
            "targets": [t.to_json() for t in self.targets],
            "milestones": [m.to_json() for m in self.milestones],
            "source_span": list(self.source_span),
            "spans": [u.to_json() for u in self.units],
            "deadline": self.deadline,
        }


@dataclass
class GroupMember:
    name: str
    role: str  # 组长 / 副组长 / 成员 …, spaces removed
    title: str

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "title": self.title}


@dataclass
class Group:
    """A leading group (领导小组) and its member list."""

    name: str
    office_unit: str | None
    office_director: str | None
    members: list[GroupMember]
    span: Span

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "office_unit": self.office_unit,
            "office_director": self.office_director,
            "members": [m.to_json() for m in self.members],
            "span": list(self.span),
        }


@dataclass
class Document:
    """One policy document. ``text`` is its normalised text; every span points into it."""

    title: str
    notice_title: str | None
    doc_number: str | None
    issuer: str | None
    date: str | None  # ISO date
    recipients: str | None
    publication: str | None
    attachments: list[str]
    end_year: int | None
    tasks: list[Task]
    groups: list[Group]
    outline: list[OutlineNode]
    text: str
    offset: int  # where this document starts in the whole file's normalised text
    task_rule: str  # "clauses" (items carrying a responsibility clause) or "fallback_leaves"
    # quantified goals of the document itself (goal sections, boxed 专栏), not of a task
    targets: list[Target] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "notice_title": self.notice_title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "date": self.date,
            "recipients": self.recipients,
            "publication": self.publication,
            "attachments": list(self.attachments),
            "end_year": self.end_year,
            "task_rule": self.task_rule,
            "tasks": [t.to_json() for t in self.tasks],
            "targets": [t.to_json() for t in self.targets],
            "groups": [g.to_json() for g in self.groups],
        }


@dataclass
class ParseResult:
    documents: list[Document]
    source_format: str  # "txt" | "docx" | "xlsx" | "pdf"
    encoding: str | None  # for txt: the detected encoding
    text: str  # the whole file's normalised text

    def to_json(self) -> dict:
        return {
            "documents": [d.to_json() for d in self.documents],
            "format": self.source_format,
            "encoding": self.encoding,
        }
