"""Leading-group member lists (组长/副组长/成员：name title) and the group's office.

A list starts at a role line (``组  长：贺迎东  区政府副区长``); following lines that
carry only a name and a title belong to the last role; a line that carries only
words of a title continues the previous member's title (multi-line titles).
Table rows ``role | name | title`` are read the same way.
"""

from __future__ import annotations

import re

from .models import Group, GroupMember
from .numbering import match_marker
from .reading import Line

_ROLE = (
    r"(?P<role>第\s*一\s*组\s*长|常\s*务\s*副\s*组\s*长|副\s*组\s*长|组\s*长|总\s*召\s*集\s*人|副\s*召\s*集\s*人|召\s*集\s*人|"
    r"常\s*务\s*副\s*主\s*任|副\s*主\s*任|主\s*任|副\s*秘\s*书\s*长|秘\s*书\s*长|顾\s*问|成\s*员|委\s*员)"
)
ROLE_LINE = re.compile(rf"^{_ROLE}\s*[：:]\s*(?P<rest>.*)$")
ROLE_CELL = re.compile(rf"^{_ROLE}$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_TITLE_START = set("区县市省镇乡街中国党团委")
_TITLE_END = re.compile(r"(?:长|主任|书记|委员|成员|职员|主席|政委|调研员|科员|（[^（）]*级）)$")
_PUNCT = re.compile(r"[，。；！？,;]")
_LIST_TITLE = re.compile(r"^(?P<name>.+?)(?:组成人员名单|成员名单|人员名单|名单)$")
_FOUNDED = re.compile(
    r"成立(?P<name>[^，。；、“”]{2,40}?(?:领导小组|工作小组|委员会|指挥部|工作专班|专班|联席会议))"
)
_OFFICE = re.compile(r"办公室设在(?P<unit>[^，。；,;\n]{2,30}?)(?:[，。；,;\n]|$)")
_DIRECTOR = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,5})同志(?:兼任|担任|任)(?:[^，。；]{0,12}?)?办公室主任")


def _split_entry(rest: str) -> tuple[str, str] | None:
    """``赵  谦  区税务局局长`` -> (赵谦, 区税务局局长)."""
    tokens = rest.split()
    if not tokens:
        return None
    if len(tokens[0]) == 1:
        name_parts = []
        while tokens and len(tokens[0]) == 1 and len(name_parts) < 3:
            name_parts.append(tokens.pop(0))
        name = "".join(name_parts)
    elif len(tokens[0]) <= 5 and len(tokens) >= 2:
        name = tokens.pop(0)
    else:
        first = tokens.pop(0)
        cut = next((k for k in (3, 2) if len(first) > k and first[k] in _TITLE_START), None)
        if cut is None:
            return None
        name, tokens = first[:cut], [first[cut:], *tokens]
    if not _CJK_NAME.match(name):
        return None
    return name, "".join(tokens)


def _member_like(text: str) -> tuple[str, str] | None:
    if len(text) > 60 or _PUNCT.search(text):
        return None
    entry = _split_entry(text)
    if entry is None or not entry[1]:
        return None
    return entry


def _continuation(text: str, previous: GroupMember | None) -> bool:
    """``局长`` under ``…党组书记、``: the rest of the previous member's title."""
    if previous is None or len(text) > 30 or _PUNCT.search(text) or len(text.split()) != 1:
        return False
    if match_marker(text) is not None or ROLE_LINE.match(text):
        return False
    return previous.title.endswith(("、", "，")) or (len(text) <= 12 and bool(_TITLE_END.search(text)))


def find_groups(
    lines: list[Line], text: str, attachment_titles: dict[int, str]
) -> tuple[list[Group], set[int]]:
    """Groups in one document and the line indices their lists occupy."""
    groups: list[Group] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if not _starts_list(lines[i]):
            i += 1
            continue
        start = i
        members: list[GroupMember] = []
        role = None
        while i < len(lines):
            line = lines[i]
            if line.cells is not None:
                cells = [c for c in line.cells]
                if len(cells) >= 3 and (ROLE_CELL.match(cells[0]) or (not cells[0] and role)):
                    role = "".join(cells[0].split()) or role
                    name = "".join(cells[1].split())  # a name cell holds only the name
                    if _CJK_NAME.match(name) and role:
                        members.append(GroupMember(name, role, "".join(cells[2].split())))
                        i += 1
                        continue
                break
            m = ROLE_LINE.match(line.text)
            if m:
                role = "".join(m.group("role").split())
                entry = _member_like(m.group("rest"))
                if entry:
                    members.append(GroupMember(entry[0], role, entry[1]))
                i += 1
                continue
            previous = members[-1] if members else None
            if _continuation(line.text, previous):
                previous.title += line.text.strip()
                i += 1
                continue
            entry = _member_like(line.text)
            if entry and role:
                members.append(GroupMember(entry[0], role, entry[1]))
                i += 1
                continue
            break
        if len(members) >= 2:
            used.update(range(start, i))
            span = (lines[start].start, lines[i - 1].end)
            groups.append(_describe(members, start, lines, text, attachment_titles, span))
        i = max(i, start + 1)
    return groups, used


def _starts_list(line: Line) -> bool:
    if line.cells is not None:
        return len(line.cells) >= 3 and bool(ROLE_CELL.match(line.cells[0]))
    m = ROLE_LINE.match(line.text)
    return bool(m and _member_like(m.group("rest")))


def _describe(members, start, lines, text, attachment_titles, span) -> Group:
    name = None
    for k in range(start - 1, max(-1, start - 4), -1):
        title = attachment_titles.get(k) or lines[k].text
        m = _LIST_TITLE.match(title)
        if m:
            name = m.group("name")
            break
    if name is None:
        found = list(_FOUNDED.finditer(text, 0, span[0]))
        if found:
            name = found[-1].group("name")
    if name is None:
        found = list(_FOUNDED.finditer(text))
        name = found[0].group("name") if found else "领导小组"
    office = _nearest(_OFFICE, text, span)
    director = _nearest(_DIRECTOR, text, span)
    return Group(
        name=name,
        office_unit=office.group("unit") if office else None,
        office_director=_clean_person(director.group("name")) if director else None,
        members=members,
        span=span,
    )


def _nearest(pattern: re.Pattern, text: str, span: tuple[int, int]) -> re.Match | None:
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    return min(matches, key=lambda m: min(abs(m.start() - span[1]), abs(m.start() - span[0])))


def _clean_person(name: str) -> str:
    for prefix in ("由", "请", "并", "和", "及"):
        if name.startswith(prefix) and len(name) > 2:
            name = name[len(prefix) :]
    return name
