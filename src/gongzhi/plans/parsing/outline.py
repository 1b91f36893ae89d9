"""The heading tree of a document: numbered paragraphs nested by their numbering style.

A numbered line opens a node; unnumbered lines that follow it (until the next
numbered line, a table, or any furniture line) are its continuation. Levels
follow the order in which styles first appear (numbering.LevelTracker).
"""

from __future__ import annotations

import re

from .models import OutlineNode
from .numbering import FULL_DIGITS, STYLE_BY_KEY, LevelTracker, match_digit_led, match_marker
from .reading import Line

_TITLE_END = "。：:；;！"
_SHORT_TITLE = re.compile(r"^(?P<t>[^。，,；;：:！？]{2,30}?)[。：:；;！]")


def split_title(rest: str) -> str | None:
    """``加强儿童友好规划设计。推动…`` -> ``加强儿童友好规划设计``; a bare heading is its own title;
    one long sentence has no title."""
    first_line = rest.split("\n", 1)[0].strip()
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
    return None


def _next_numbers(open_nodes: list[OutlineNode]) -> dict[str, int]:
    """The number each open arabic list expects next (``10．`` open -> 11)."""
    out: dict[str, int] = {}
    for node in open_nodes:
        digits = node.number.rstrip("．.﹒、").translate(FULL_DIGITS)
        if node.style in ("arabic_dot", "arabic_comma") and digits.isdigit():
            out[node.style] = int(digits) + 1
    return out


def build_outline(
    lines: list[Line], text: str, skip: set[int]
) -> tuple[list[OutlineNode], list[OutlineNode]]:
    """Roots and all nodes (document order) of the outline of one document."""
    tracker = LevelTracker()
    open_nodes: list[OutlineNode] = []
    roots: list[OutlineNode] = []
    nodes: list[OutlineNode] = []
    current: OutlineNode | None = None
    for i, line in enumerate(lines):
        if i in skip or line.cells is not None:
            current = None
            continue
        marker = match_marker(line.text)
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
        title = split_title(rest)
        spaced = marker.end > len(marker.number) and STYLE_BY_KEY[marker.style].tier < 3
        sep = " " if spaced else ""
        shown = title if title else (rest[:24] + ("…" if len(rest) > 24 else ""))
        node = OutlineNode(
            number=marker.number,
            style=marker.style,
            level=level,
            title=title,
            text=rest,
            span=(line.start, line.end),
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
