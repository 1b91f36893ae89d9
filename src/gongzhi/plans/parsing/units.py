"""Responsibility clauses: who leads, who is responsible, who cooperates.

Two written forms are recognised:

* labelled: ``（牵头单位：A、B，责任单位：C，D）``, also without brackets at the
  end of a sentence or on a line of its own (``牵头单位：区民政局``,
  ``【牵头单位】区民政局``), with any order of roles;
* verb-suffixed: ``（A牵头，B、C配合）``, ``（A、B负责）`` — only as a final bracket.

Unit names are returned as written, spaces removed. Generic tails (等有关部门,
按职责分工负责, a bare 等 …) are stripped and mark the clause as open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import ROLE_COOPERATING, ROLE_LEAD, ROLE_RESPONSIBLE, UnitRef

# Label -> role. Longer labels first in the regex (built below), so 牵头单位 wins over 牵头.
ROLE_LABELS: dict[str, str] = {
    "牵头部门": ROLE_LEAD,
    "牵头单位": ROLE_LEAD,
    "牵头责任单位": ROLE_LEAD,
    "牵头责任部门": ROLE_LEAD,
    "牵头处室": ROLE_LEAD,
    "牵头科室": ROLE_LEAD,
    "主责单位": ROLE_LEAD,
    "主责部门": ROLE_LEAD,
    "主办单位": ROLE_LEAD,
    "牵头": ROLE_LEAD,
    "责任单位": ROLE_RESPONSIBLE,
    "责任部门": ROLE_RESPONSIBLE,
    "责任主体": ROLE_RESPONSIBLE,
    "责任处室": ROLE_RESPONSIBLE,
    "责任科室": ROLE_RESPONSIBLE,
    "实施单位": ROLE_RESPONSIBLE,
    "承办单位": ROLE_RESPONSIBLE,
    "落实单位": ROLE_RESPONSIBLE,
    "责任": ROLE_RESPONSIBLE,
    "配合单位": ROLE_COOPERATING,
    "配合部门": ROLE_COOPERATING,
    "参与单位": ROLE_COOPERATING,
    "参与部门": ROLE_COOPERATING,
    "协办单位": ROLE_COOPERATING,
    "协办部门": ROLE_COOPERATING,
    "协同单位": ROLE_COOPERATING,
    "协作单位": ROLE_COOPERATING,
    "协助单位": ROLE_COOPERATING,
    "配合": ROLE_COOPERATING,
}
# Verb after the units in the suffixed form -> role.
ROLE_VERBS: dict[str, str] = {
    "牵头负责": ROLE_LEAD,
    "牵头": ROLE_LEAD,
    "按职责分工负责": ROLE_RESPONSIBLE,
    "分别负责": ROLE_RESPONSIBLE,
    "共同负责": ROLE_RESPONSIBLE,
    "负责落实": ROLE_RESPONSIBLE,
    "负责": ROLE_RESPONSIBLE,
    "落实": ROLE_RESPONSIBLE,
    "配合": ROLE_COOPERATING,
    "参与": ROLE_COOPERATING,
    "协助": ROLE_COOPERATING,
    "协办": ROLE_COOPERATING,
}

_LABELS_RE = "|".join(sorted(ROLE_LABELS, key=len, reverse=True))
# 牵头单位：… or 【牵头单位】… / [牵头单位]…
_LABEL = re.compile(rf"(?:(?P<label>{_LABELS_RE})\s*[：:]|[【\[](?P<boxed>{_LABELS_RE})[】\]]\s*[：:]?)\s*")
_LABEL_BEFORE = set("（(【[，,；;。、 \n\t")
_OPEN, _CLOSE = "（(【[", "）)】]"
_SEPARATORS = set("、，,；;")
_TAIL = re.compile(
    r"(?:等(?:各|有关|相关|其他|其它)*(?:行业主管|主管|职能|成员|涉税|相关)?(?:部门和单位|部门单位|部门|单位|机构)?"
    r"(?:按照职责分工负责|按职责分工负责|按职责负责|负责)?"
    r"|按照职责分工负责|按职责分工负责|按职责分工|按职责负责)$"
)
_GENERIC = re.compile(
    r"^(?:各|有关|相关|其他|其它|区直|市直|县直|镇直|各级)*(?:行业主管|主管|职能|成员)?(?:部门和单位|部门单位|部门|单位|机构)$"
)
_ORG_END = re.compile(
    r"(?:局|委|办|院|部|会|中心|政府|镇|街道|（街道）|\(街道\)|处|所|队|站|社|团|室|公司|集团|行|厅|分局|管委会|办事处|"
    r"支队|大队|中队|馆|台|校|园|区|县|市|村|（社区）|社区|协|联|科|股|组)$"
)


@dataclass
class Clauses:
    units: list[UnitRef] = field(default_factory=list)
    open_ended: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the clauses are, local offsets

    @property
    def found(self) -> bool:
        return bool(self.spans)


def find_clauses(text: str, offset: int = 0) -> Clauses:
    """Responsibility clauses in ``text``; spans are ``offset`` + local index."""
    out = Clauses()
    labels = [m for m in _LABEL.finditer(text) if m.start() == 0 or text[m.start() - 1] in _LABEL_BEFORE]
    for idx, m in enumerate(labels):
        limit = labels[idx + 1].start() if idx + 1 < len(labels) else len(text)
        end = _segment_end(text, m.end(), limit)
        role = ROLE_LABELS[m.group("label") or m.group("boxed")]
        units, open_ended = parse_unit_list(text[m.end() : end], offset + m.end(), role)
        out.units.extend(units)
        out.open_ended |= open_ended
        out.spans.append((offset + m.start(), offset + end))
    if not labels:
        _find_suffixed(text, offset, out)
    return out


def _segment_end(text: str, start: int, limit: int) -> int:
    depth = 0
    j = start
    while j < limit:
        ch = text[j]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                break
            depth -= 1
        elif ch == "\n" or (ch == "。" and depth == 0):
            break
        j += 1
    return j


def _split_top(text: str, separators: set[str], split_on_space: bool = True) -> list[tuple[int, str]]:
    """Split at separators outside brackets; returns (start index, piece)."""
    pieces, depth, start = [], 0, 0
    for j, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append((start, text[start:j]))
            start = j + 1
        elif depth == 0 and split_on_space and ch.isspace():
            # 市生态环境局 各区人民政府 (two cell paragraphs) splits; 区 财政局 (a stray space) does not.
            left = text[start:j].strip()
            if len(left) >= 2 and _ORG_END.search(left) and text[j + 1 : j + 2].strip():
                pieces.append((start, text[start:j]))
                start = j + 1
    pieces.append((start, text[start:]))
    return pieces


def parse_unit_list(text: str, offset: int, role: str) -> tuple[list[UnitRef], bool]:
    """``区财政局、区税务局等有关部门单位，各镇（街道）按职责分工负责`` -> units, open_ended."""
    units: list[UnitRef] = []
    open_ended = False
    for start, piece in _split_top(text, _SEPARATORS):
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip().rstrip("。.")
        if not name:
            continue
        tail = _TAIL.search(name)
        if tail:
            name = name[: tail.start()]
            open_ended = True
        if not name:
            continue
        if _GENERIC.match(name):
            open_ended = True
            continue
        begin = offset + start + lead
        units.append(UnitRef(name="".join(name.split()), role=role, span=(begin, begin + len(name))))
    return units, open_ended


def _find_suffixed(text: str, offset: int, out: Clauses) -> None:
    """The last bracket of each line, if it reads ``A牵头，B配合`` / ``A负责``."""
    for line_start, line in _lines(text):
        stripped = line.rstrip("。；; ")
        if not stripped.endswith(("）", ")")):
            continue
        open_at = _matching_open(stripped, len(stripped) - 1)
        if open_at is None:
            continue
        inner_start = open_at + 1
        inner = stripped[inner_start:-1]
        found: list[UnitRef] = []
        open_ended = False
        ok = True
        for start, part in _split_top(inner, {"，", ",", "；", ";"}, split_on_space=False):
            part_stripped = part.strip()
            verb = next(
                (v for v in sorted(ROLE_VERBS, key=len, reverse=True) if part_stripped.endswith(v)), None
            )
            if verb is None:
                ok = False
                break
            body = part_stripped[: -len(verb)]
            if verb.startswith("按职责"):
                open_ended = True
            lead = len(part) - len(part.lstrip())
            units, tail_open = parse_unit_list(
                body, offset + line_start + inner_start + start + lead, ROLE_VERBS[verb]
            )
            if not units and not tail_open:
                ok = False
                break
            found.extend(units)
            open_ended |= tail_open
        if ok and found and all(len(u.name) <= 30 and _ORG_END.search(u.name) for u in found):
            out.units.extend(found)
            out.open_ended |= open_ended
            out.spans.append((offset + line_start + open_at, offset + line_start + len(stripped)))


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _matching_open(text: str, close_at: int) -> int | None:
    depth = 0
    for j in range(close_at, -1, -1):
        ch = text[j]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return j
    return None


def role_of_header(header: str) -> str | None:
    """Column header of a task table -> role (牵头单位 -> lead …)."""
    compact = "".join(header.split())
    compact = re.sub(r"[（(].*?[）)]", "", compact)
    if compact in ROLE_LABELS and len(compact) > 2:
        return ROLE_LABELS[compact]
    for label, role in sorted(ROLE_LABELS.items(), key=lambda kv: -len(kv[0])):
        if len(label) > 2 and compact.startswith(label):
            return role
    if compact in ("牵头", "责任", "配合"):
        return ROLE_LABELS[compact]
    return None
