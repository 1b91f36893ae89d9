"""Policy-document parser (pure: no Django, no database).

    result = parse_bytes(data, "方案.docx")      # or parse_file(path)
    result.to_json()                              # {"documents": [...]}

Bytes -> lines (reading) -> documents (metadata) -> outline (numbering, outline)
-> tasks (tasks, units) -> targets/milestones (targets) and groups (groups).
Bad input raises ``ParseError(code, message)`` with a Chinese message.

Which items are tasks: a numbered item carrying a responsibility clause, and
every row of a task table; only in a document with neither do tasks fall back
to the leaf items of its task sections (not 总体要求, 保障措施 …) (``Document.task_rule`` says which).
"""

from .errors import ParseError
from .models import (
    Document,
    Group,
    GroupMember,
    Milestone,
    OutlineNode,
    ParseResult,
    Target,
    Task,
    UnitRef,
)
from .parser import parse_bytes, parse_file, parse_text
from .reading import DEFAULT_MAX_BYTES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "Group",
    "GroupMember",
    "Milestone",
    "OutlineNode",
    "ParseError",
    "ParseResult",
    "Target",
    "Task",
    "UnitRef",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
