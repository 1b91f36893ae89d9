"""Numbering styles of Chinese government documents, as data.

Each style is a row: a key, the regular expression of its marker at the start of
a paragraph, and a default tier (0 = most major). The level a style takes in a
given document comes from the order in which styles first appear there
(``LevelTracker``); the tier is only the fallback that lets a major heading
(一、, 第二章) climb back out of stray minor numbering that came before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]"
DIGIT = "[0-9０-９]"


@dataclass(frozen=True)
class NumberingStyle:
    key: str
    pattern: str  # marker regex, anchored at the start of the paragraph
    tier: int  # default rank: smaller is more major
    example: str


_LABEL_NUMBER = rf"(?:{DIGIT}{{1,3}}|[一二三四五六七八九十]{{1,3}})"

# Order matters only where two patterns could match the same text: first wins.
STYLES: tuple[NumberingStyle, ...] = (
    NumberingStyle("part", rf"第{_CN}{{1,4}}部分", 0, "第一部分"),
    NumberingStyle("chapter", rf"第{_CN}{{1,4}}章", 0, "第一章"),
    NumberingStyle("section", rf"第{_CN}{{1,4}}节", 1, "第一节"),
    NumberingStyle("article", rf"第{_CN}{{1,5}}条", 2, "第一条"),
    NumberingStyle("cn_comma", rf"{_CN}{{1,3}}[、]", 3, "一、"),
    NumberingStyle("cn_dot", rf"{_CN}{{1,3}}[．.﹒](?![0-9０-９])", 3, "一．"),
    # ( 二 ): a reprint's stray spaces inside the brackets
    # ㈠ ㈡ (U+3220…): the same numbers as one character each
    NumberingStyle("cn_paren", rf"[（(] ?{_CN}{{1,3}} ?[）)]|[㈠-㈩]", 4, "（一） / ( 二 ) / ㈠"),
    # 1*. marks a featured item (首创 measures) in some documents: the same list
    # 1 . with a space before the full stop (a text exported from a PDF or a viewer), 1。 with the
    # sentence's full stop; 1 and a private-use character (U+E000–U+F8FF: a PDF font's own glyph
    # for its delimiter, which the text layer could not map)
    NumberingStyle(
        "arabic_dot",
        rf"{DIGIT}{{1,3}}(?:[*＊] ?| (?=[．.]))?[．.﹒。\ue000-\uf8ff](?![0-9０-９])|[⒈-⒛](?![0-9０-９])",
        5,
        "1． / 1. / 1﹒ / 1*. / 1 . / 1。 / 1 (a private-use glyph) / ⒈",
    ),
    NumberingStyle("arabic_comma", rf"{DIGIT}{{1,3}}、", 5, "1、"),
    # 4.6扎实做好… / 1.1 加强…: a section's number and the item's (not 2.5万, 1.5倍, 0.5分)
    NumberingStyle(
        "arabic_decimal",
        rf"{DIGIT}{{1,2}}[.．]{DIGIT}{{1,2}}(?![0-9０-９.．%％‰万亿千百个元年月日倍分项家人])(?=[ \u3000]*[\u4e00-\u9fff])",
        6,
        "4.6",
    ),
    # ⑴ ⑵ (U+2474…): the same numbers as one character each
    NumberingStyle("arabic_paren", rf"[（(]{DIGIT}{{1,3}}[）)]|[⑴-⒇]", 6, "（1） / (1) / ⑴"),
    NumberingStyle("arabic_half_paren", rf"{DIGIT}{{1,3}}[）)]", 7, "1）"),
    NumberingStyle("circled", "[①-⑳㉑-㉟㊱-㊿]", 8, "①"),
    # ▶对辖区80条背街小巷… / ●新增托位500个: items marked by a bullet (a news page's list)
    NumberingStyle("bullet", "[▶►▸●◆■☑✔]", 9, "▶"),  # (☑ a ticked item of a progress post)
    # 行动1：… over ——任务1：… (a plan of actions, each of numbered tasks; a dash may lead)
    NumberingStyle("label_action", rf"(?:——|—|－－)?(?:行动|工程){_LABEL_NUMBER}[：:]", 4, "行动1："),
    NumberingStyle("label_task", rf"(?:——|—|－－)?(?:任务|举措){_LABEL_NUMBER}[：:]", 5, "——任务1："),
)

# 一是…二是…: the enumeration of a paragraph, read as items only in a document that has no other
# numbered item (a 实事 list announced as 具体为：一是…二是…); not part of _COMBINED
SHI_STYLE = NumberingStyle("cn_shi", rf"{_CN}{{1,3}}是", 8, "一是")
# 1 医疗卫生 / 2 教育助学: a line holding only a number and a short title (a newspaper's list), or
# the number alone, read as items only in a document with no other numbered item, and only 1, 2,
# 3 … in turn
BARE_STYLE = NumberingStyle("arabic_bare", rf"{DIGIT}{{1,2}}[ \u3000]+", 5, "1 医疗卫生")
STYLE_BY_KEY = {s.key: s for s in (*STYLES, SHI_STYLE, BARE_STYLE)}
# (or the number alone on its line, its item in the lines under it: 1 / 新增100张床位 / 改建…)
_BARE = re.compile(r"^[ \u3000]*([0-9]{1,2})(?:[ \u3000]+(?=[\u4e00-\u9fff]{2,10}[ \u3000]*$)|[ \u3000]*$)")


# 1开展职业技能培训 / 2改善农村学校办学条件: a number glued to a short title line (a newspaper's list)
_GLUED = re.compile(
    r"^[ \u3000]*([0-9]{1,2})[ \u3000]?(?=[\u4e00-\u9fff])(?![万亿千百个年月日号次项件名人家所座条处种批届])"
    r"[^，,。；;：:！？!?]{2,24}[ \u3000]*$"
)


def glued_headings(lines: list[str]) -> set[int]:
    """Indexes of the lines that number a list by a number glued to a short title (1开展…,
    2改善…): only a run 1, 2, 3 … of at least two such lines, in order, counts."""
    found: list[tuple[int, int]] = []
    for k, line in enumerate(lines):
        m = _GLUED.match(line)
        if m:
            found.append((k, int(m.group(1))))
    run: list[int] = []
    best: list[int] = []
    for k, n in found:
        if n == len(run) + 1:
            run.append(k)
        elif n == 1:
            run = [k]
        if len(run) > len(best):
            best = list(run)
    return set(best) if len(best) >= 2 else set()


def match_glued(line: str) -> Marker | None:
    m = _GLUED.match(line)
    if m is None:
        return None
    return Marker(style=BARE_STYLE.key, number=m.group(1), end=m.end(1))


def match_bare(line: str, expected: int) -> Marker | None:
    m = _BARE.match(line)
    if m is None or int(m.group(1)) != expected:
        return None
    return Marker(style=BARE_STYLE.key, number=m.group(1), end=m.end())


_SHI = re.compile(rf"^{_CN}{{1,3}}是(?=[^，,。；;：:\s])")


def match_shi(line: str) -> Marker | None:
    m = _SHI.match(line)
    return Marker(style=SHI_STYLE.key, number=m.group(0), end=m.end()) if m else None


_COMBINED = re.compile("|".join(f"(?P<{s.key}>{s.pattern})" for s in STYLES))
# What may follow a marker: for 第X章/节/条 a space or the text itself; for the others the text.
_AFTER_SPACE = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class Marker:
    style: str
    number: str  # as printed
    end: int  # index in the line where the item text starts (after spaces)


def match_marker(line: str) -> Marker | None:
    """The numbering marker at the start of ``line``, if any."""
    m = _COMBINED.match(line)
    if not m:
        return None
    style = m.lastgroup
    assert style is not None
    end = m.end()
    rest = line[end:]
    if not rest.strip():
        return None  # a bare number is not an item
    if style in ("cn_comma", "cn_dot") and rest[:1] in "是、":
        return None
    if style == "cn_comma" and _NUMERAL_KIND.match(rest):
        return None  # 一、二星级评价标识的项目: numerals of a kind listed (a wrapped line's start), no item
    if style in ("arabic_dot", "arabic_comma", "arabic_half_paren"):
        # "2023年" never matches; reject "1.5万" style numbers and list-ish noise.
        if rest[:1].isdigit():
            return None
    end += _AFTER_SPACE.match(line, end).end() - end
    number = m.group(0).lstrip("—－") if style.startswith("label_") else m.group(0)
    return Marker(style=style, number=number, end=end)


_NUMERAL_KIND = re.compile(
    r"[一二三四五六七八九十](?:[、和至到][一二三四五六七八九十])*(?:星级|级|类|档|等|批|期|线)"
)
FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGIT_LED = re.compile(rf"({DIGIT}{{1,3}})([．.﹒、])(?={DIGIT})")


def match_digit_led(line: str, expected: dict[str, int]) -> Marker | None:
    """``11.121人才梯队项目``: a marker whose text starts with digits, which ``match_marker``
    refuses (``1.5万`` is a number, not item 1). Taken only when its number is the one the open
    list expects next (``expected``: style -> next number), so that item 11 after item 10 is
    read as an item and a decimal at the start of a paragraph never is."""
    m = _DIGIT_LED.match(line)
    if not m:
        return None
    style = "arabic_comma" if m.group(2) == "、" else "arabic_dot"
    number = int(m.group(1).translate(FULL_DIGITS))
    if expected.get(style) != number:
        return None
    return Marker(style=style, number=m.group(0), end=m.end())


def five_year_end(ordinal: str) -> int:
    """The last year of the five-year plan named by its ordinal after 十 (十四五: 四 -> 2025)."""
    return 1955 + 5 * (10 + (cn_to_int(ordinal) or 0))


def cn_to_int(text: str) -> int | None:
    """二十八 -> 28, 一百零五 -> 105, 三 -> 3; None if not a Chinese numeral."""
    digits = {
        "零": 0,
        "〇": 0,
        "一": 1,
        "二": 2,
        "两": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
    units = {"十": 10, "百": 100, "千": 1000, "万": 10000}
    if not text or any(ch not in digits and ch not in units for ch in text):
        return None
    if all(ch in digits for ch in text):  # 二〇二三 read digit by digit
        return int("".join(str(digits[ch]) for ch in text))
    total, section, number = 0, 0, 0
    for ch in text:
        if ch in digits:
            number = digits[ch]
        else:
            unit = units[ch]
            if unit == 10000:
                total += (section + number) * unit
                section, number = 0, 0
            else:
                section += (number or 1) * unit
                number = 0
    return total + section + number


class LevelTracker:
    """Assigns levels to numbered items by first appearance of their style.

    The stack holds the styles currently open, outermost first. A style already
    on the stack closes everything below it (a sibling); a new style opens one
    level deeper. A new style whose default tier is more major than the tier of
    every open style (一、 after stray 1．items; 第二章 after loose (1) items) is
    taken as a new top level instead.
    """

    def __init__(self) -> None:
        self.stack: list[str] = []

    def place(self, style: str) -> int:
        if style in self.stack:
            del self.stack[self.stack.index(style) + 1 :]
            return len(self.stack) - 1
        tier = STYLE_BY_KEY[style].tier
        if self.stack and all(STYLE_BY_KEY[s].tier > tier for s in self.stack):
            self.stack.clear()
        elif self.stack and STYLE_BY_KEY[style].tier < 3:
            # 章/节/条 always sit above any open 一、/（一）/1． level.
            while self.stack and STYLE_BY_KEY[self.stack[-1]].tier > tier:
                self.stack.pop()
        self.stack.append(style)
        return len(self.stack) - 1
