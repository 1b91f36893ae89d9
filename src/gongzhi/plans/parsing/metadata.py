"""Splitting a file into documents and reading each document's header and furniture.

A document starts at an issuer line + title + 文号 block (in either order:
``issuer / title / 文号`` or the red-header ``issuer文件 / 文号 / title``).
Furniture lines (header, signature, date, publication note, attachment lists
and markers, 抄送 lines) are reported so that the outline skips them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .numbering import cn_to_int, five_year_end, match_glued, match_marker
from .reading import DOC_TYPES, Line

DOC_NUMBER = re.compile(
    r"^(?P<num>[\u4e00-\u9fffA-Za-z]{0,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号)"
    r"(?:\s+签发人[：:].*)?$"
)
DOC_TYPE_END = re.compile(rf"(?:{DOC_TYPES})(?:（[^（）]*）)?$")
ORG_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|委员会|委|局|厅|部|院|会|中心|管委会|党委|党工委|党组|办事处|公司|所|处|队|站|"
    r"集团|分局|文件|镇|街道|乡)$"
)
DATE_LINE = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
CN_DATE_LINE = re.compile(
    r"^(?P<y>[〇零○ＯOo0一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日$"
)
PUBLICATION = re.compile(r"^[（(]\s*(?P<note>(?:此件|本文)[^（）()]*)\s*[）)]$")
ATTACHMENT_LIST = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]\s*(?P<rest>.*)$")
ATTACHMENT_MARKER = re.compile(r"^附\s*件\s*(?P<n>\d{0,2})$|^附\s*[表录]\s*\d{0,2}$")
LIST_ITEM = re.compile(r"^\d{1,2}\s*[．.、]\s*(?P<name>\S.*)$")
FOOTER = re.compile(r"^(?:抄\s*送|抄\s*报|报\s*送)\s*[：:]|印发$")
RECIPIENTS = re.compile(r"^(?P<r>[^。！？]{2,200}?)[：:]$")
_TRAILING_NUMBER = re.compile(
    r"\s*[（(]\s*(?P<num>[\u4e00-\u9fffA-Za-z]{0,12}\s*[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*第?\s*\d{1,5}\s*号)"
    r"\s*[）)]$"
)
# a news lead before the text (日前，某市印发《…》。全文如下：): not the document's
_LEAD = re.compile(r"(?:全文如下|原文如下|全文)[：:]$")
# a site's field printed on the title's line (…项目公布 发布时间:2024-01-18)
_TRAILING_FIELD = re.compile(r"[ \u3000]+(?:发布时间|发布日期|发文日期|来源|信息来源)[：:].*$")
_NAV_BULLET = re.compile(r"^[\s\u3000]*[•·▪]\s*\S{2,10}$")  # • 政府信息公开: a site's menu entry
FORWARDING = re.compile(r"^(?P<prefix>.*?)关于(?:印发|转发|公布|发布)(?P<inner>.+?)的通知$")


@dataclass
class Header:
    title: str
    notice_title: str | None
    doc_number: str | None
    issuer: str | None
    recipients: str | None
    header_lines: set[int] = field(default_factory=set)  # indices into the document's lines
    field_date: str | None = None  # a date field of a site header (成文日期: 2024-03-01)


def split_documents(lines: list[Line]) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the documents in a file."""
    starts: list[int] = []
    for i, line in enumerate(lines):
        if line.cells is None and DOC_NUMBER.match(line.text) and _has_title_near(lines, i):
            start = _header_start(lines, i, starts[-1] + 1 if starts else 0)
            if not starts or start > starts[-1]:
                starts.append(start)
    if starts:
        starts[0] = 0
    starts = sorted(
        {
            0,
            *starts,
            *_titles_after_signatures(lines, starts),
            *_annexes_of_their_own(lines),
            *_named_in_turn(lines),
        }
    )
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]


_NAMED = re.compile(r"《([^《》]{4,60})》")


def _named_in_turn(lines: list[Line]) -> list[int]:
    """《支持工业互联网发展若干政策》《…行动计划（2021-2023年）》已经省政府同意，现印发给你们: a notice
    that issues several documents printed one after the other with no 附件 line between them; each
    named document after the first starts where its title stands alone on a line."""
    head = [line.text for line in lines[:20] if line.cells is None]
    issuing = next((t for t in head if _ISSUED_HERE.search(t) and len(_NAMED.findall(t)) >= 2), None)
    if issuing is None:
        return []
    titles = [_compact(t) for t in _NAMED.findall(issuing)]
    found: list[int] = []
    at = 0
    for n, title in enumerate(titles):
        k = next((i for i in range(at, len(lines)) if _compact(lines[i].text.strip()) == title), None)
        if k is None:
            return []  # not all printed as titles: no splitting by this rule
        if n:
            found.append(k)
        at = k + 1
    return found


_ISSUED_HERE = re.compile(r"印发给你们|现将[^。]{0,80}?印发")


def _annexes_of_their_own(lines: list[Line]) -> list[int]:
    """附件 1 / X政策措施 … 附件 2 / Y行动方案: a file that is its annexes alone, one after the other,
    each under its own 附件 n and title (no notice before the first): from 附件 2 on, each is a
    document of its own."""
    marks = [
        (i, int(m.group("n")))
        for i, line in enumerate(lines)
        if line.cells is None
        and (m := ATTACHMENT_MARKER.match(line.text.strip()))
        and m.group("n")
        and _title_at(lines, i + 1)
    ]
    if len(marks) < 2 or marks[0][1] != 1:
        return []
    if not any(line.text.strip() for line in lines[: marks[0][0]]):
        return [i for i, n in marks[1:] if n > 1]
    # a plan that prints its annex plans after it, each under 附件 n and its title, numbered in turn
    # (附件 1 / 四川省农村生活污水治理实施方案 … 附件 2 / …实施方案): each annex is a document of its own
    if [n for _, n in marks] == list(range(1, len(marks) + 1)) and all(
        DOC_TYPE_END.search(_title_at(lines, i + 1) or "") for i, _ in marks
    ):
        return [i for i, _ in marks]
    return []


def _titles_after_signatures(lines: list[Line], starts: list[int]) -> list[int]:
    """Documents without 文号 one after the other (a policy, then its action plan): a document
    ends with its signature (an organisation, then a date); a title line right after it starts
    the next one. Not the attachment of a notice that prints it (关于印发《X》的通知 … X)."""
    found: list[int] = []
    for i in range(2, len(lines)):
        k = i - 1
        while k > 0 and lines[k].cells is None and PUBLICATION.match(lines[k].text):
            k -= 1  # （此件公开发布）
        if not (k >= 1 and is_date_line(lines[k].text) and _is_org(lines[k - 1].text)):
            continue
        title = _title_at(lines, i)
        if title is None:
            continue
        begin = max([0, *(s for s in starts + found if s <= i)])
        head = "".join(line.text for line in lines[begin:i])
        core = re.sub(r"[（(][^（）()]*[）)]$", "", title)
        # 建德市关于X: the printed title may put its place before the 关于X the notice names
        cores = [core, core[core.index("关于") :]] if "关于" in core[1:] else [core]
        # 印发《2025年区政府实事项目和重点工程》 … 2025年区政府实事项目和重点工程安排: a word added
        if (bare := _ADDED_WORD.sub("", core)) != core and len(bare) >= 8:
            cores.append(bare)
        if (
            any(c in head or _compact(c) in _compact(head) for c in cores)
            or _named_by_place(core, head)
            or _nearly_named(core, head)
        ):
            continue  # the notice's own attachment
        found.append(i)
    return found


_ADDED_WORD = re.compile(r"(?:安排|安排表|一览表|清单|明细)$")
_ISSUED_NAME = re.compile(r"印发([^，,。；;]{8,80}?)的通知")


def _nearly_named(core: str, head: str) -> bool:
    """The notice names the attachment with a character more or less than its printed title
    (印发《关于加强…促进合理用药的意见》 … 关于加强…促合理用药的意见): nearly the same words, one
    or two characters apart in a long title."""
    title = _compact(core)
    if len(title) < 10:
        return False
    names = [*_NAMED.findall(head), *_ISSUED_NAME.findall(_compact(head))]
    return any(
        difflib.SequenceMatcher(None, title, _compact(name)).ratio() >= 0.92
        and abs(len(_compact(name)) - len(title)) <= 2
        for name in names
    )


def _compact(text: str) -> str:
    # the notice may mark a title inside a title with <> or 〈〉 where the document prints 《》
    return re.sub(r"[\s《》〈〉<>“”\"]", "", text)


_WHOLE_PLACE = re.compile(r"全([省市县区])")


def _named_by_place(core: str, head: str) -> bool:
    """The notice names the attachment with its place where the document says 全省 / 全市
    (印发2023年浙江省卫生健康工作要点 … 2023年全省卫生健康工作要点)."""
    compact = _compact(core)
    m = _WHOLE_PLACE.search(compact)
    if m is None:
        return False
    place = rf"[\u4e00-\u9fff]{{1,6}}?{m.group(1)}"
    pattern = re.escape(compact[: m.start()]) + place + re.escape(compact[m.end() :])
    return re.search(pattern, _compact(head)) is not None


def _title_at(lines: list[Line], i: int) -> str | None:
    """The title starting at line ``i`` (one line, or two when it wraps), if one does."""
    parts = []
    for line in lines[i : i + 2]:
        if not _is_header_candidate(line) or _is_org(line.text):
            return None
        parts.append(line.text.strip())
        if DOC_TYPE_END.search("".join(parts)):
            title = "".join(parts)
            return title if len(title) <= 80 or _LONG_NOTICE_TITLE.match(title) else None
    return None


def _has_title_near(lines: list[Line], i: int) -> bool:
    near = [lines[j].text for j in range(max(0, i - 6), min(len(lines), i + 4)) if j != i]
    return any("关于" in t or DOC_TYPE_END.search(t) for t in near if len(t) <= 80)


def _is_header_candidate(line: Line) -> bool:
    text = line.text
    return (
        line.cells is None
        and (len(text) <= 60 or _LONG_NOTICE_TITLE.match(text.strip()) is not None)
        and not text.endswith(("。", "；", "：", ":", "，"))
        and match_marker(text) is None
        and match_glued(text) is None  # 1开展职业技能培训: an item of a list, not a title's line
        and not text.strip().isdigit()  # 1 alone: the number of the item under it
        and not is_date_line(text)
        and not PUBLICATION.match(text)
        and not ATTACHMENT_LIST.match(text)
        and not ATTACHMENT_MARKER.match(text)
        and not DOC_NUMBER.match(text)
    )


# a notice title printed on one long line (…关于印发…第十四个五年规划和二〇三五年远景目标纲要区级任务
# 分工方案的通知): no sentence, 关于 near its start, a notice's ending
_LONG_NOTICE_TITLE = re.compile(r"^[^。；，,：:]{0,30}关于[^。；：:]{10,110}的(?:通知|通报|批复|意见)$")


def _is_org(text: str) -> bool:
    compact = text.replace(" ", "")
    return (
        len(compact) <= 40
        and bool(ORG_SUFFIX.search(compact))
        and not re.search(r"[，。；：、“”《》]", compact)
    )


def _header_lines_before(lines: list[Line], number_at: int, floor: int) -> list[int]:
    found = []
    k = number_at - 1
    while k >= floor and len(found) < 6 and _is_header_candidate(lines[k]):
        found.append(k)
        k -= 1
    return found[::-1]


def _header_start(lines: list[Line], number_at: int, floor: int) -> int:
    before = _header_lines_before(lines, number_at, floor)
    if not before:
        return number_at
    title_at = _title_start(lines, before)
    if title_at is None:  # red header: 文件 line, then 文号, then the title
        return before[-1] if _is_org(lines[before[-1]].text) else number_at
    position = before.index(title_at)
    if position > 0 and _is_org(lines[before[position - 1]].text):
        return before[position - 1]
    return title_at


def _title_start(lines: list[Line], candidates: list[int]) -> int | None:
    for k in candidates:
        if "关于" in lines[k].text:
            return k
    texts = [lines[k].text for k in candidates]
    if len(candidates) == 1 and _is_org(texts[0]):
        return None
    if _is_org(texts[0]) and len(candidates) >= 2:
        return candidates[1]
    return candidates[0]


# The field lines a government site or a legal database prints around a document (索引号：…,
# 发文字号：…, 【法宝引证码】…, 原文链接：…): not the document's text. 发文字号 and 标题 are read.
SITE_FIELD = re.compile(
    r"^[\s\u3000]*[【\[]?\s*(?P<label>索\s*引\s*号|主题分类|主题词|体裁分类|组配分类|公文种类|所属类别|发文机关|发布机关|"
    r"发布机构|发布单位|发文机构|发文单位|发文文号|公文时效|文件时效|公开时限|公开方式|规范性文件登记|发布部门|制发机关|成文日期|发布日期|发文日期|印发日期|公布日期|实施日期|生效日期|施行日期|失效日期|"
    r"标\s*题|文件名称|发文字号|文件编号|文\s*号|时效性|有\s*效\s*性|关\s*键\s*词|内容概述|信息分类|生成日期|效力级别|法规类别|信息来源|来\s*源|发布时间|浏览次数|"
    r"访问量|浏览量|点击数|字\s*体|法宝引证码|原文链接|原文地址|分享到|打印本页|关闭窗口|核心提示|名\s*称|"
    r"栏\s*目|所属栏目|本地目录|页面链接|"
    r"时\s*间(?=\s*[：:]\s*(?:19|20)\d{2}\s*[-/年.]))\s*[】\]]?\s*(?:[：:]|$|(?<=】)|(?<=\]))"
)

_CRAWLER_LINE = re.compile(r"^[\s=\-#*]{3,}\s*正\s*文\s*[\s=\-#*]{3,}$|^页面链接与图片详见")
_NEXT_FIELD = re.compile(r"\s+(?=[\u4e00-\u9fff][\u4e00-\u9fff\s]{1,7}[：:])")
# a row of a site's field table written with | (label: | value | label: | value |)
_FIELD_CELLS = re.compile(r"(?:\|?\s*[\u4e00-\u9fff\s]{2,8}[：:]\s*\|[^|]{0,60}\|?\s*){2,}\|*")
# 当前位置：首页 > 政务公开 / 位置:首页 > 职场 (the trail may break after 首页, its rest on the next
# line: > 政务公开 > 工作报告)
BREADCRUMB = re.compile(
    r"^[\s\u3000]*(?:(?:您?(?:当前|现在)的?|您的)?位置[：:]?\s*)?(?:首页|网站首页|主页)\s*(?:[>＞»›/]|$)"
    r"|^[\s\u3000]*[>＞»›]\s*[^>＞»›。，,；;]{1,20}?\s*[>＞»›]"
)
# the site's name printed alone above its breadcrumb (豆豆简历馆 / 位置:首页 > …)
_SITE_NAME = re.compile(r"^[\s\u3000]*[\u4e00-\u9fffA-Za-z0-9]{2,12}[\s\u3000]*$")


def site_fields(lines: list[Line], limit: int = 40) -> dict[int, tuple[str, str]]:
    """Field lines of a site or legal-database header: line index -> (label, value). Looked for
    among the first ``limit`` lines and among the last few (法宝引证码 and 原文链接 often close)."""
    out: dict[int, tuple[str, str]] = {}
    for k in [*range(min(limit, len(lines))), *range(max(limit, len(lines) - 6), len(lines))]:
        line = lines[k]
        if line.cells is not None:
            # a field table row (文 号: | X | 是否有效: | |): the first label whose cell is followed by a value
            cells = [c.strip() for c in line.cells]
            for j, cell in enumerate(cells[:-1]):
                if (
                    (m := SITE_FIELD.match(cell))
                    and not cell[m.end() :].strip()
                    and cell.endswith(("：", ":"))
                ):
                    value = cells[j + 1] if not SITE_FIELD.match(cells[j + 1]) else ""
                    out[k] = ("".join(m.group("label").split()), value)
                    if value:
                        break
            continue
        if len(line.text) > 200:
            continue
        if m := SITE_FIELD.match(line.text):
            # two fields on one line (文  号: X 发文日期: Y): the value ends before the next label
            value = _NEXT_FIELD.split(line.text[m.end() :].strip(), maxsplit=1)[0]
            if "|" in value:  # 文 号: | X | 是否有效: | |
                value = next((v.strip() for v in value.split("|") if v.strip()), "")
            out[k] = ("".join(m.group("label").split()), value)
        elif "|" in line.text and _FIELD_CELLS.fullmatch(line.text.strip()):
            out[k] = ("字段", line.text)  # 公开属性: | 全部公开 | 公开期限: | 长期公开 |
        elif _CRAWLER_LINE.match(line.text):
            out[k] = (
                "爬取",
                line.text,
            )  # ==== 正文 ====, 页面链接与图片详见 links.tsv: a crawler's own lines
        elif BREADCRUMB.match(line.text):
            out[k] = ("位置", line.text)
            if k == 1 and 0 not in out and lines[0].cells is None and _SITE_NAME.match(lines[0].text):
                out[0] = ("站点", lines[0].text)
    return out


def read_header(lines: list[Line], fallback_title: str) -> Header:
    """Issuer, title, 文号 and recipients from the top of one document's lines; the field lines of
    a site or legal-database header are left out (and give the 文号 and title when the text
    itself does not). A notice that prints its document (the notice, its date, then the
    document's title) gives that title; the notice's own title is the notice title."""
    header = _read_site_header(lines, fallback_title)
    if header.notice_title:
        return header  # 关于印发《X》的通知: X, as the notice names it
    printed = _printed_title(lines, header.header_lines)
    if printed is None:
        return header
    at, count, title = printed
    own = header.title if header.title != fallback_title else ""
    if own and own != title and not _NOTICE_END.search(_compact(own)):
        return header  # a title of its own that is no notice: keep it
    if own and own != title:
        header.notice_title = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", own)  # 通 知
    header.title = title
    header.header_lines |= set(range(at, at + count))
    return header


_NOTICE_END = re.compile(r"(?:通知|通报|函)$")


_ATTACHMENT_MARK = re.compile(
    r"^[\s\u3000]*附\s*件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*[：:]?[\s\u3000]*$"
)


_ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[：:]")


def _printed_title(lines: list[Line], used: set[int]) -> tuple[int, int, str] | None:
    """(line, line count, title) of the document a notice prints: a title right after the notice's
    date (and its signature, 此件公开发布), before the first numbered item."""
    listing = False  # inside the notice's list of attachments (附件：1.X 2.Y)
    for i in range(1, min(len(lines), 60)):
        text = lines[i].text.strip()
        if _ATTACHMENT_LIST.match(text):
            listing = True
            continue
        if lines[i].cells is None and match_marker(lines[i].text) is not None:
            if listing and DOC_TYPE_END.search(text):
                continue  # 2.十方面民生实事责任分解: the next attachment named, not an item
            return None
        listing = False
        if i in used:
            continue
        k = i - 1
        if k > 0 and _ATTACHMENT_MARK.match(lines[k].text):
            k -= 1  # 附件1, then the title of the document the notice prints
        while k > 0 and lines[k].cells is None and PUBLICATION.match(lines[k].text):
            k -= 1
        if not is_date_line(lines[k].text):
            continue
        title = _title_at(lines, i)
        if title is not None:
            count = 1 if DOC_TYPE_END.search(lines[i].text.strip()) else 2
            return i, count, title
    return None


_DATE_FIELDS = ("成文日期", "发文日期", "印发日期", "发布日期", "发布时间", "生成日期")
_FIELD_DATE = re.compile(
    r"(?P<label>"
    + "|".join(_DATE_FIELDS)
    + r")\s*[：:]?\s*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)


def _read_site_header(lines: list[Line], fallback_title: str) -> Header:
    fields = site_fields(lines)
    if not fields:
        return _read_header(lines, fallback_title)
    kept = [k for k in range(len(lines)) if k not in fields]
    header = _read_header([lines[k] for k in kept], "")
    header.header_lines = {kept[k] for k in header.header_lines} | set(fields)
    values = dict(fields.values())
    number = values.get("发文字号") or values.get("文号") or values.get("文件编号") or ""
    # the document's own date first, then the page's; a date field may share its line with
    # another (文  号: X 发文日期: 2019-05-20)
    dated = {
        m["label"]: f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        for k in fields
        for m in _FIELD_DATE.finditer(lines[k].text)
    }
    header.field_date = next((dated[label] for label in _DATE_FIELDS if label in dated), None)
    if header.doc_number is None and (m := DOC_NUMBER.match(number)):
        header.doc_number = m.group("num").strip()
    if not header.title:
        named = values.get("标题") or values.get("文件名称") or values.get("名称")
        if named:
            renamed = _read_header([Line(text=named, start=0)], fallback_title)
            header.title, header.notice_title = renamed.title, renamed.notice_title
            header.issuer = header.issuer or renamed.issuer
        else:
            header.title = fallback_title
    return header


def _read_header(lines: list[Line], fallback_title: str) -> Header:
    number_at = next(
        (i for i, line in enumerate(lines[:40]) if line.cells is None and DOC_NUMBER.match(line.text)), None
    )
    used: set[int] = set()
    issuer = title = recipients = doc_number = None
    if number_at is not None:
        doc_number = DOC_NUMBER.match(lines[number_at].text).group("num").strip()
        used.add(number_at)
        before = _header_lines_before(lines, number_at, 0)
        title_at = _title_start(lines, before) if before else None
        title_lines: list[int] = []
        if title_at is not None:
            title_lines = [k for k in before if k >= title_at]
            issuer_lines = [k for k in before if k < title_at][-1:]
        else:
            issuer_lines = before[-1:]
        if issuer_lines and _is_org(lines[issuer_lines[0]].text):
            issuer = lines[issuer_lines[0]].text
            used.update(issuer_lines)
        after = number_at + 1
        if not title_lines:  # title after the 文号
            k = after
            while k < len(lines) and len(title_lines) < 4 and _is_header_candidate(lines[k]):
                title_lines.append(k)
                if DOC_TYPE_END.search("".join(lines[j].text for j in title_lines)):
                    break
                k += 1
        if title_lines:
            title = "".join(lines[k].text for k in title_lines)
            used.update(title_lines)
            after = max(after, title_lines[-1] + 1)
        for k in range(after, min(after + 2, len(lines))):
            m = RECIPIENTS.match(lines[k].text)
            if m and lines[k].cells is None and match_marker(lines[k].text) is None:
                recipients = m.group("r").strip()
                used.add(k)
                break
    else:
        issuer, title, recipients, used = _read_loose_header(lines)
    if title and (m := _TRAILING_FIELD.search(title)):  # …项目公布 发布时间:2024-01-18
        title = title[: m.start()].rstrip()
    if title and (m := _TRAILING_NUMBER.search(title)):  # 关于…的通知 (粤府〔2021〕22号)
        title = title[: m.start()].rstrip()
        doc_number = doc_number or m.group("num").strip()
    if not title:
        title = fallback_title
    if issuer:
        issuer = re.sub(r"\s*文件$", "", issuer)
        issuer = " ".join(issuer.split())
    elif title and "关于" in title:
        prefix = title.split("关于", 1)[0]
        if prefix and _is_org(prefix):
            issuer = prefix
    notice_title = None
    m = FORWARDING.match(title)
    if m:
        inner = m.group("inner").strip()
        if inner.startswith("《") and inner.endswith("》") and inner.count("《") == 1:
            inner = inner[1:-1]
        notice_title, title = title, inner
    return Header(title, notice_title, doc_number, issuer, recipients, used)


# a line ending in a conjunction or particle goes on in the next one: a sentence, not a title
_SENTENCE_GLUE = frozenset("和与及是的在了对为把将从")


def _read_loose_header(lines: list[Line]) -> tuple[str | None, str | None, str | None, set[int]]:
    """Header of a document without 文号: leading short lines before the body."""
    # an attachment standing alone (附件 / 附件2, then its title): the title follows the marker
    first = 0
    while (
        first < min(2, len(lines))
        and lines[first].cells is None
        and (
            ATTACHMENT_MARKER.match(lines[first].text)
            or _LEAD.search(lines[first].text)
            or _NAV_BULLET.match(lines[first].text)
        )
    ):
        first += 1
    candidates = []
    for k, line in enumerate(lines[first : first + 6], start=first):
        if not _is_header_candidate(line):
            break
        candidates.append(k)
    if not candidates:
        return None, None, None, set()
    issuer = None
    texts = [lines[k].text for k in candidates]
    start = 0
    if len(candidates) >= 2 and _is_org(texts[0]) and "关于" not in texts[0]:
        issuer, start = texts[0], 1
    # A title is at most three lines; stop at a line that already ends like a title.
    title_lines = []
    for k in candidates[start : start + 3]:
        title_lines.append(k)
        if DOC_TYPE_END.search("".join(lines[j].text for j in title_lines)):
            break
    title = "".join(lines[k].text for k in title_lines)
    nxt = (title_lines[-1] + 1) if title_lines else 0
    if title and title[-1] in _SENTENCE_GLUE and nxt < len(lines) and not _is_header_candidate(lines[nxt]):
        # 2016年是 / “十三五”规划和 / 全面建成…之年: a first sentence broken over short lines, no title
        return None, None, None, set(range(first))
    used = set(range(first)) | set(candidates[:start]) | set(title_lines)
    recipients = None
    if nxt < len(lines):
        m = RECIPIENTS.match(lines[nxt].text)
        if m and match_marker(lines[nxt].text) is None:
            recipients = m.group("r").strip()
            used.add(nxt)
    return issuer, title, recipients, used


def is_date_line(text: str) -> bool:
    text = _BRACKETED_DATE.sub(r"\1", text.strip())
    return bool(DATE_LINE.match(text) or CN_DATE_LINE.match(text))


_ZEROS = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇", "o": "〇", "0": "〇"})
_BRACKETED_DATE = re.compile(r"^[（(]\s*([^（）()]{6,20}?日)\s*[）)]$")


def parse_date(text: str) -> str | None:
    """2023年3月28日 / 二〇二三年三月二十八日 -> 2023-03-28 (also in brackets, （二OO八年二月二十六日）:
    a date printed under a title, its zeros sometimes typed as the letter O)."""
    text = _BRACKETED_DATE.sub(r"\1", text.strip())
    m = DATE_LINE.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = CN_DATE_LINE.match(text)
        if not m:
            return None
        y = cn_to_int(m["y"].translate(_ZEROS))
        mo, d = cn_to_int(m["m"]), cn_to_int(m["d"])
        if y is None or mo is None or d is None:
            return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass
class Furniture:
    """What is not body text in a document."""

    date: str | None = None
    publication: str | None = None
    attachments: list[str] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)  # line indices that are not body text
    attachment_titles: dict[int, str] = field(default_factory=dict)
    signature: str | None = None  # 发文机关署名 above the date line, when the document has one


def find_furniture(lines: list[Line], issuer: str | None) -> Furniture:
    out = Furniture()
    issuer_key = (issuer or "").replace(" ", "")
    listing = False
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        if line.cells is not None:
            listing = False
            i += 1
            continue
        if _TOC_TITLE.match(text) and (entries := _toc_entries(lines, i + 1)) >= 2:
            # 目录 / 第一章工作回顾及机遇挑战5 / 第一节工作回顾6 …: a table of contents, its headings
            # with their pages, is no part of the body (its 第一节 are not the plan's sections)
            out.skip.update(range(i, i + 1 + entries))
            i += 1 + entries
            listing = False
            continue
        if is_date_line(text):
            out.skip.add(i)
            if out.date is None:
                out.date = parse_date(text)
        elif m := PUBLICATION.match(text):
            out.skip.add(i)
            out.publication = out.publication or m.group("note").strip()
        elif m := ATTACHMENT_LIST.match(text):
            out.skip.add(i)
            rest = m.group("rest").strip()
            listing = True
            if rest:
                item = LIST_ITEM.match(rest)
                out.attachments.append(item.group("name") if item else rest)
            i += 1
            continue
        elif listing and (item := LIST_ITEM.match(text)) and len(text) <= 60 and not text.endswith("。"):
            out.skip.add(i)
            out.attachments.append(item.group("name"))
            i += 1
            continue
        elif ATTACHMENT_MARKER.match(text):
            out.skip.add(i)
            if i + 1 < len(lines) and lines[i + 1].cells is None and match_marker(lines[i + 1].text) is None:
                out.skip.add(i + 1)
                out.attachment_titles[i + 1] = lines[i + 1].text
                i += 2
                listing = False
                continue
        elif FOOTER.search(text):
            out.skip.add(i)
        elif (
            _is_org(text)
            and match_marker(text) is None
            and (
                text.replace(" ", "") == issuer_key
                or (i + 1 < len(lines) and is_date_line(lines[i + 1].text))
                or _is_joint_signature(text, issuer_key)
            )
        ):
            out.skip.add(i)
            if out.signature is None and i + 1 < len(lines) and is_date_line(lines[i + 1].text):
                out.signature = text.replace(" ", "")
        listing = False
        i += 1
    return out


_TOC_TITLE = re.compile(r"^[\s\u3000]*目[\s\u3000]*录[\s\u3000]*$")
# 第一节工作回顾6, 一、总体要求……………3, （二）基本原则 12, 附件 —28—: a heading and its page
_TOC_ENTRY = re.compile(r"^[\s\u3000]*(?P<h>\S.{1,60}?)[\s\u3000.．·…—\-_]*[—\-]?\d{1,3}[—\-]?[\s\u3000]*$")


def _toc_entries(lines: list[Line], start: int) -> int:
    """How many lines from ``start`` on are entries of a table of contents: a numbered heading
    (第一章, 第一节, 一、, （一）, 1.) or 附件 / 前言 / 结语, ending in its page number, no sentence."""
    n = 0
    for line in lines[start:]:
        if line.cells is not None or "。" in line.text:
            break
        m = _TOC_ENTRY.match(line.text)
        if m is None:
            break
        head = m.group("h")
        if match_marker(head) is None and not re.match(
            r"(?:第[一二三四五六七八九十百]+[章节篇部分]|附件|附表|前言|结语|序言)", head
        ):
            break
        n += 1
    return n


def _is_joint_signature(text: str, issuer_key: str) -> bool:
    parts = text.split()
    return len(parts) >= 2 and "".join(parts) == issuer_key


# ---------------------------------------------------------------- plan horizon

_RANGE_YEAR = re.compile(r"(?:19|20)\d{2}\s*[—\-－～~至到]+\s*((?:19|20)\d{2})\s*年")
_FIVE_YEAR = re.compile(r"十([一二三四五六七八九])(?:个)?五")  # 十四五, 第十四个五年规划
# 2024年重点工作; also a year written straight before the plan it names (数字山东2021行动方案)
_TITLE_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|(?=(?:行动方案|行动计划|工作要点|工作方案|实施方案|工作计划)))"
)
# the year a goal is set for (到2025年, 截至2023年; not 展望2035年)
BY_YEAR = re.compile(r"(?<!展望)(?:到|至|截至)\s*((?:19|20)\d{2})\s*年")


def plan_end_year(title: str, objectives_text: str | None) -> int | None:
    """The plan's horizon: a year range in the title, 十四五-style periods, a single year in the
    title, else the latest 到YYYY年 in the objectives section. A default for a person to confirm."""
    if m := _RANGE_YEAR.search(title):
        return int(m.group(1))
    if m := _FIVE_YEAR.search(title):
        return five_year_end(m.group(1))
    years = {int(y) for y in _TITLE_YEAR.findall(title)}
    if len(years) == 1:
        return years.pop()
    if objectives_text:
        found = [int(y) for y in BY_YEAR.findall(objectives_text)]
        if found:
            return max(found)
    return None
