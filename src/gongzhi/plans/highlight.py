"""Source text with highlighted ranges, as HTML: every character belongs to one segment whose
classes say which ranges cover it (so overlapping or nested ranges need no special care)."""

from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    anchor: str = ""  # an id placed on the first segment of this range
    title: str = ""


def highlight(text: str, marks: list[Mark]) -> SafeString:
    marks = [
        m for m in marks if m.start is not None and m.end is not None and 0 <= m.start < m.end <= len(text)
    ]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    anchored: set[str] = set()
    for start, end in pairwise(cuts):
        piece = escape(text[start:end])
        active = [m for m in marks if m.start <= start and end <= m.end]
        if not active:
            out.append(piece)
            continue
        attrs = []
        anchors = [m.anchor for m in active if m.anchor and m.anchor not in anchored and m.start == start]
        if anchors:
            anchored.update(anchors)
            attrs.append(f'id="{escape(anchors[0])}"')
        titles = [m.title for m in active if m.title]
        if titles:
            attrs.append(f'title="{escape("；".join(titles))}"')
        classes = " ".join(sorted({m.css for m in active}))
        out.append(f'<span class="{classes}" {" ".join(attrs)}>{piece}</span>')
    return mark_safe("".join(out))
