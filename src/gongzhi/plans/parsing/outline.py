"""The heading tree of a document: numbered paragraphs nested by their numbering style.

A numbered line opens a node; unnumbered lines that follow it (until the next
numbered line, a table, or any furniture line) are its continuation. Levels
follow the order in which styles first appear (numbering.LevelTracker).
"""

from __future__ import annotations

import re

from .models import OutlineNode
from .numbering import (
    FULL_DIGITS,
    STYLE_BY_KEY,
    LevelTracker,
    cn_to_int,
    glued_headings,
    match_bare,
    match_digit_led,
    match_glued,
    match_marker,
    match_shi,
)
from .reading import Line

_TITLE_END = "。：:；;！"
_SHORT_TITLE = re.compile(r"^(?P<t>[^。，,；;：:！？]{2,30}?)[。：:；;！]")
# 一、总体目标以建设美丽宜居乡村为导向，…: a section's name run into its first sentence (a copy that
# lost the line break); only the names of a plan's parts, never a word that starts a sentence
_RUN_IN_TITLE = re.compile(
    r"^(?P<t>(?:总体|主要|工作|发展|具体|预期|年度)目标(?:任务)?|重点任务|主要任务|保障措施|基本原则|指导思想|总体要求"
    r"|工作要求|实施步骤|组织保障|组织领导)"
    # (二、年度目标2019年下半年，…: a goal section opening on its year)
    r"(?![是为有将要在：:，,。、和与及])(?=[\u4e00-\u9fff“《（(]|(?:19|20)\d{2}\s*年)"
)


def split_title(rest: str) -> str | None:
    """``加强儿童友好规划设计。推动…`` -> ``加强儿童友好规划设计``; a bare heading is its own title;
    one long sentence has no title."""
    # (——加快生活垃圾有效治理。…: a dashed item's title, without its dash)
    first_line = rest.split("\n", 1)[0].strip().lstrip("—－-").strip()
    if not first_line:
        return None
    if len(first_line) <= 40 and not any(ch in first_line for ch in "。，,；;！？"):
        return first_line.rstrip(_TITLE_END) or None
    m = _SHORT_TITLE.match(first_line)
    if m and m.end() < len(first_line.rstrip("。")) + 1:
        title = m.group("t").strip()
        if "（" in title and "）" not in title:
            return None
        return title
    if (
        len(first_line) <= 40
        and first_line.endswith("。")
        and first_line.count("。") == 1
        and "，" not in first_line
    ):
        return first_line.rstrip("。")
    if (m := _RUN_IN_TITLE.match(first_line)) and re.search(r"[。，,；;]", first_line):
        return m.group("t")
    if (m := _SPACED_TITLE.match(first_line)) and re.search(r"[。，,；;]", first_line[m.end() :]):
        return m.group("t")
    return None


# 二、主要目标 到2020年，入海…: a heading a space apart from its text (a page copied onto one line,
# the line break become a space); words only, no figure or stop in the heading
_SPACED_TITLE = re.compile(r"^(?P<t>[\u4e00-\u9fff“”、]{2,16})[ \u3000]+(?=[^\s])")


def _next_numbers(open_nodes: list[OutlineNode]) -> dict[str, int]:
    """The number each open arabic list expects next (``10．`` open -> 11)."""
    out: dict[str, int] = {}
    for node in open_nodes:
        digits = node.number.rstrip("．.﹒、 *＊").translate(FULL_DIGITS)
        if node.style in ("arabic_dot", "arabic_comma") and digits.isascii() and digits.isdecimal():
            out[node.style] = int(digits) + 1
    return out


_INLINE_AT = re.compile(
    r"(?<=[。；;：:）)])[ \u3000]*(?=[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[0-9０-９]{1,2}[．.、](?![0-9]))"
)


# a heading before its first item on the same line (保障措施：), not a sentence introducing a list
_HEADING_BEFORE = re.compile(r"^(?!.*(?:下列|以下|如下|包括|应当|主要有))[^。，,；;]{2,16}[：:。]?$")
_LIST_AFTER_COLON = re.compile(r"(?:是|有|为|如下|包括)[：:][ \u3000]*(?=[1１][．.、](?![0-9]))")
_FIRST_SUB = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")  # (numbering may run on: 三、…（四）…)
_NUMBER_BEFORE = re.compile(r"[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]$")


def _item_number(marker) -> int | None:
    digits = marker.number.strip("（()）．.﹒、 *＊").translate(FULL_DIGITS)
    return int(digits) if digits.isascii() and digits.isdecimal() else cn_to_int(digits)


def _inline_items(line: Line, skipped: bool) -> list[Line]:
    """A paragraph holding several items (``（一）加强领导。…（X负责）（二）强化保障。…``, or a heading
    and its first item ``五、保障措施：（一）…``): one piece per item. An inline marker counts only
    right after a sentence end or a closing bracket, and when it goes on from the one before (the
    next number of the same style, or a first item right after a heading)."""
    if skipped or line.cells is not None or len(line.text) < 20:
        return [line]
    first = match_marker(line.text)
    out: list[Line] = []
    introduced = first is None
    if introduced:
        # 这十件实事是：1.新修农田10万亩。2.…: a sentence introducing a list run into one paragraph
        lead = _LIST_AFTER_COLON.search(line.text)
        if (
            lead is None
            or (first := match_marker(line.text[lead.end() :])) is None
            or _item_number(first) != 1
        ):
            return [line]
        out.append(Line(text=line.text[: lead.end()].rstrip(" \u3000"), start=line.start))
        begin = lead.end()
        first = match_marker(line.text[begin:])
        assert first is not None
        style, number, start = first.style, 1, begin
        scan_from = begin + first.end
    else:
        style, number, start = first.style, _item_number(first), 0
        scan_from = first.end
    positions = [m.end() for m in _INLINE_AT.finditer(line.text, scan_from)]
    glued_at = -1
    glued = _FIRST_SUB.search(line.text, scan_from) if first is not None else None
    if (
        glued is not None
        and first.style in ("cn_comma", "cn_dot")
        and glued.start() - scan_from <= 40
        and not re.search(r"[。；;]", line.text[scan_from : glued.start()])
    ):
        # 二、完善工作机制，压实各方责任（一）发挥…: a heading run into its first item with no stop
        glued_at = glued.start()
        positions = sorted({glued_at, *positions})
    for at in positions:
        if _NUMBER_BEFORE.search(line.text[:at].rstrip(" \u3000")):
            continue  # 第（一）（二）项: a reference, not an item
        marker = match_marker(line.text[at:])
        if marker is None:
            continue
        n = _item_number(marker)
        heading = not out and (
            (n == 1 and _HEADING_BEFORE.match(line.text[first.end : at].strip()) is not None)
            or at == glued_at
        )
        if not ((marker.style == style and number is not None and n == number + 1) or heading):
            continue
        out.append(Line(text=line.text[start:at].rstrip(" \u3000"), start=line.start + start))
        style, number, start = marker.style, n, at
    if len(out) <= int(introduced):
        return [line]  # no second item (after an introduction: no item 2, not a list)
    out.append(Line(text=line.text[start:], start=line.start + start))
    return out


def _shi_items(line: Line, skipped: bool, carried: int = 1) -> tuple[list[Line], int]:
    """具体为：一是稳定就业，…。二是…。三是…: one piece per 一是/二是 … that runs on (after a colon or
    a sentence end), when at least 一是 and 二是 are there; and the number the next line may go on
    from. A line broken inside the list (…；五是加大 / 医疗卫生投入…；六是…) goes on from ``carried``:
    its text before 六是 belongs to 五是."""
    if skipped or line.cells is not None:
        return [line], 1
    starts: list[int] = []
    for first, least in ((carried, 1), (1, 2)) if carried > 1 else ((1, 2),):
        starts, expected = _shi_starts(line.text, _SHI_AT, first)
        if len(starts) >= least:
            break
        starts = []
    if not starts:
        return [line], carried  # (a line of the list broken twice goes on with the same number)
    return _cut(line, starts), expected


def _shi_starts(text: str, pattern: re.Pattern, first: int = 1) -> tuple[list[int], int]:
    """Where 一是, 二是 … (from ``first`` on, in turn) start in ``text`` by ``pattern``, and the
    number that would come next."""
    starts, expected = [], first
    for m in pattern.finditer(text):
        if cn_to_int(m.group(1)) == expected:
            starts.append(m.start(1))
            expected += 1
    return starts, expected


def _cut(line: Line, starts: list[int]) -> list[Line]:
    """``line`` in pieces at ``starts`` (the text before the first, if any, a piece of its own)."""
    out = [Line(text=line.text[: starts[0]].rstrip(" \u3000"), start=line.start)] if starts[0] else []
    for a, b in zip(starts, [*starts[1:], len(line.text)], strict=True):
        out.append(Line(text=line.text[a:b].rstrip(" \u3000"), start=line.start + a))
    return out


# a unit clause closing a piece: （责任单位：区交建局、各乡镇） / （区交建局牵头） / 责任单位：区交建局、各乡镇
_PIECE_UNITS = re.compile(
    r"(?:[（(][^（）()]{0,40}(?:单位|部门|牵头|负责|配合|参与|协助)[^（）()]{0,80}[）)]"
    r"|(?:牵头|责任|配合)(?:单位|部门)[：:][^。；;！？]{2,80})[。；;]?[ \u3000]*$"
)
# 一是 after a sentence's end, a colon, or the units that close the part before it and a space
_SHI_PART = re.compile(
    r"(?:^|(?<=[：:。；;）)])|(?<=[\u4e00-\u9fff][ \u3000]))[ \u3000]*([一二三四五六七八九十]{1,3})是(?=[^，,。；;：:\s])"
)


def _shi_with_units(line: Line, skipped: bool) -> list[Line]:
    """（一）合理规划公厕布局。一是…。（责任单位：区交建局、各乡镇）二是…。（责任单位：…）: in a document
    numbered otherwise, 一是/二是 … parts that each close with their own unit clause are items of their
    own (the depth at which the document assigns responsibility); the text before 一是 stays with
    the item it belongs to."""
    if skipped or line.cells is not None or "二是" not in line.text:
        return [line]
    starts, _ = _shi_starts(line.text, _SHI_PART)
    if len(starts) < 2:
        return [line]
    pieces = _cut(line, starts)
    shi = [p for p in pieces if match_shi(p.text) is not None]
    if len(shi) < 2 or not all(_PIECE_UNITS.search(p.text) for p in shi):
        return [line]
    for p in shi:
        p.shi = True
    return pieces


def _shi_pieces(lines: list[Line], skip: set[int]):
    """(line index, piece) of every line, 一是…二是… lists split (``_shi_items``), the numbering
    carried over a line broken inside the list."""
    carried = 1
    for i, line in enumerate(lines):
        pieces, carried = _shi_items(line, i in skip, carried)
        for piece in pieces:
            yield i, piece


_SHI_AT = re.compile(r"(?:^|(?<=[：:。；;]))[ \u3000]*([一二三四五六七八九十]{1,3})是(?=[^，,。；;：:\s])")


def build_outline(
    lines: list[Line], text: str, skip: set[int], *, shi: bool = False
) -> tuple[list[OutlineNode], list[OutlineNode]]:
    """Roots and all nodes (document order) of the outline of one document. With ``shi`` (a
    document with no numbered item), 一是…二是… enumerations are its items."""
    tracker = LevelTracker()
    open_nodes: list[OutlineNode] = []
    roots: list[OutlineNode] = []
    nodes: list[OutlineNode] = []
    current: OutlineNode | None = None
    if shi:
        pieces = _shi_pieces(lines, skip)
    else:
        pieces = (
            (i, shi_piece)
            for i, line in enumerate(lines)
            for piece in _inline_items(line, i in skip)
            for shi_piece in _shi_with_units(piece, i in skip)
        )
    bare_next = 1
    glued = glued_headings([line.text if line.cells is None else "" for line in lines])
    for i, line in pieces:
        if i in skip or line.cells is not None:
            current = None
            continue
        marker = match_marker(line.text) if not shi else match_shi(line.text)
        if marker is None and not shi and line.shi:
            marker = match_shi(line.text)
        if marker is None and i in glued:
            marker = match_glued(line.text)
        if shi and marker is None and (marker := match_bare(line.text, bare_next)) is not None:
            bare_next += 1
        if marker is None and line.text[:1].isdigit():
            marker = match_digit_led(line.text, _next_numbers(open_nodes))
        if marker is None:
            if current is not None:
                current.span = (current.span[0], line.end)
                current.text = text[current.text_start : line.end]
            continue
        level = tracker.place(marker.style)
        del open_nodes[level:]
        rest = line.text[marker.end :]
        title = split_title(rest.lstrip("：: \u3000"))  # 第一部分：发展基础: the colon is the number's
        spaced = marker.end > len(marker.number) and STYLE_BY_KEY[marker.style].tier < 3
        sep = " " if spaced else ""
        shown = title if title else (rest[:24] + ("…" if len(rest) > 24 else ""))
        # ——任务1：: the item starts at its number, not at the dash before it
        lead = line.text.find(marker.number) if marker.style.startswith("label_") else 0
        node = OutlineNode(
            number=marker.number,
            style=marker.style,
            level=level,
            title=title,
            text=rest,
            span=(line.start + max(lead, 0), line.end),
            label=f"{marker.number}{sep}{shown}",
            text_start=line.start + marker.end,
        )
        if open_nodes:
            node.parent = open_nodes[-1]
            open_nodes[-1].children.append(node)
        else:
            roots.append(node)
        open_nodes.append(node)
        nodes.append(node)
        current = node
    return roots, nodes
