"""Responsibility clauses: who leads, who is responsible, who cooperates.

A *clause* is a bracket (（…） (…) 〔…〕 […] 【…】) whose content reads as a unit
annotation, or a labelled run outside brackets (``牵头单位：X`` up to the end of its
line or sentence). Its content is split into parts at ``，；。`` and each part is read:

* labelled: ``牵头单位：X、Y`` / ``【责任单位】X`` (the label's role holds for the
  unlabelled parts after it); labels are built from a prefix that gives the role
  (牵头/主责 → lead, 责任/负责/指导/实施… → responsible, 配合/参与/协同… →
  cooperating) and a noun (单位/部门/处室/主体), so ``牵头考核单位``,
  ``协同责任单位``, ``负责部门`` are labels; ``部门分工：`` introduces verb parts;
* verb-suffixed: ``X牵头``, ``Y、Z配合``, ``X负责``, ``X、Y按职责分工负责``,
  ``X指导``, ``X负责落实``, ``X会同Y负责`` (X lead, Y cooperating), ``由X牵头``,
  ``X为牵头单位``, ``X（牵头）`` inside a list; unit parts without a verb take the verb
  of the next part (``X牵头，Y，Z等按职责分工负责``); posts and people (``分管副市长牵头``)
  are read and skipped;
* not units, skipped: a deadline (``6月底完成``), a score (``0.5分``), another label
  and its text (``适用范围：…``, ``分管省领导：…``), a standing sentence
  (``以下各项工作均需X落实，不再列出`` adds X as responsible to this task), and the
  declaration ``列第一位者为牵头单位，下同``.

A bracket with any other part is not a clause (prose such as ``（由X负责同志牵头）``).
Unit names are returned as written, spaces removed, split at ``、，,；/`` and at
``和/及`` between two complete unit names; a list of administrative levels
(``各县、市、区政府``) is one unit; a trailing ``等`` / ``等有关部门`` is dropped and
marks the clause open-ended; generic units (相关部门, 各地区) are kept as written (an
unnamed one, 各有关部门, also marks the clause open-ended).

Roles decided above the single part (``find_clauses``):

* ``（X负责）`` naming one unit (also beside units that only 配合), when it is the task's
  only clause, is lead;
* after a declaration (``排在第一位的部门为牵头部门``, ``首位单位为牵头单位``,
  ``列第一位者为牵头单位``) the first unit of a clause without a lead is lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import ROLE_COOPERATING, ROLE_LEAD, ROLE_RESPONSIBLE, UnitRef

# ---------------------------------------------------------------- vocabulary

# Label prefix -> role. A label is PREFIX [考核|责任|实施|落实] NOUN (牵头考核单位, 协同责任单位).
_LABEL_PREFIX_ROLE: dict[str, str] = {
    "牵头": ROLE_LEAD,
    "主责": ROLE_LEAD,
    "主办": ROLE_LEAD,
    "责任": ROLE_RESPONSIBLE,
    "负责": ROLE_RESPONSIBLE,
    "实施": ROLE_RESPONSIBLE,
    "承办": ROLE_RESPONSIBLE,
    "落实": ROLE_RESPONSIBLE,
    "指导": ROLE_RESPONSIBLE,
    "主管": ROLE_RESPONSIBLE,
    "推进": ROLE_RESPONSIBLE,
    "相关": ROLE_RESPONSIBLE,  # 相关部门：X、Y等。 under a task, as its 责任部门
    "建设": ROLE_RESPONSIBLE,  # a project list's 建设单位 column: who builds it
    "配合": ROLE_COOPERATING,
    "支撑": ROLE_COOPERATING,
    "支持": ROLE_COOPERATING,
    "参加": ROLE_COOPERATING,
    "参与": ROLE_COOPERATING,
    "协同": ROLE_COOPERATING,
    "协办": ROLE_COOPERATING,
    "协作": ROLE_COOPERATING,
    "协助": ROLE_COOPERATING,
    "数据提供": ROLE_COOPERATING,  # 数据提供单位：市统计局 (it supplies the figures the task is judged by)
}
_PREFIXES = "|".join(sorted(_LABEL_PREFIX_ROLE, key=len, reverse=True))
# 省直配合单位 / 市级责任单位: a label qualified by the level of government its units belong to
_LEVEL_QUAL = "(?:省|市|州|县|区|镇|乡)(?:直|级)"
_LABEL_PLAIN = (
    rf"(?:主要|其他|其它|相关|具体|共同|{_LEVEL_QUAL})?(?:{_PREFIXES})(?:组织实施|组织|考核|责任|实施|落实|配合|负责|指导|协调)?(?:单位|部门|处室|科室|司局|主体|机构)"
    r"|牵头|责任|配合|主办|协办|参与|协助|主责"
)
_LABEL_WORD = (
    rf"(?P<qual>主要|其他|其它|相关|具体|共同|{_LEVEL_QUAL})?(?P<prefix>{_PREFIXES})(?:组织实施|组织|考核|责任|实施|落实|配合|负责|指导|协调)?"
    r"(?:单位|部门|处室|科室|司局|主体|机构)"
    r"|(?P<bare>牵头|责任|配合|主办|协办|参与|协助|主责)"
    r"|(?P<division>(?:部门|责任|任务|职责)?分工)"
)
_LABEL_WORD_RE = re.compile(rf"(?:{_LABEL_WORD})")
# 牵头单位：… or 【牵头单位】… / [牵头单位]… / 牵头单位（部门）：…
_LABEL_FIRST = "".join(
    sorted(
        {
            w[0]
            for w in (
                *_LABEL_PREFIX_ROLE,
                "主要",
                "其他",
                "其它",
                "相关",
                "具体",
                "共同",
                "省",
                "市",
                "州",
                "县",
                "区",
                "镇",
                "乡",
                "部门",
                "任务",
                "职责",
                "分工",
            )
        }
    )
)
_LABEL = re.compile(
    rf"(?=[【\[{_LABEL_FIRST}])(?P<box>[【\[])?(?:{_LABEL_WORD})"
    r"(?(box)[】\]]\s*[：:]?|(?:[（(][^（）()：:]{1,8}[）)])?\s*[：:])\s*"
)
# ``（牵头单位为X，配合单位为Y）``: a label with 为 instead of a colon (inside a clause only)
_LABEL_IS = re.compile(rf"(?:{_LABEL_WORD})为(?!牵头|配合|责任)")
# ``X为牵头单位`` / ``Y为配合单位``: a label word as the verb
_AS_LABEL = re.compile(rf"为(?:{_LABEL_PLAIN})$")
# ``X牵头、Y配合``: parts apart by 、 after a verb
_AFTER_VERB = re.compile(r"(?<=牵头|负责|配合|参与|协助|指导|落实)[、\s]+")
# ``分管副市长牵头``: a post or a person, not a unit
_DUN_OR_SPACE = re.compile(r"[、\s]")
_POST = re.compile(r"(?:长|书记|主任|领导|同志|委员|主席|专员|负责人)$")
# ``【牵头单位】X【配合单位】Y``: a boxed label starts a part of its own
_BOXED_LABEL = re.compile(rf"[【\[](?=(?:{_LABEL_PLAIN})[】\]])")
# any label after a space (``配合单位：Y　完成时限：2024年``) starts a part of its own
_SPACED_LABEL = re.compile(r"(?<=\s)[\u4e00-\u9fff]{2,10}\s*[：:]")
_BOUNDARY = set("（(【[〔）)，,；;。、 \n\t")  # (…补助。）责任单位：X: after a closing note too)
# Any other label (适用范围：, 分管省领导：, 完成时限：) ends what the previous label listed.
_OTHER_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,10}\s*[：:]")

# Verb after the units -> role, longest first.
ROLE_VERBS: dict[str, str] = {
    "牵头负责": ROLE_LEAD,
    "牵头落实": ROLE_LEAD,
    "牵头实施": ROLE_LEAD,
    "牵头抓总": ROLE_LEAD,
    "按照职责分工分别牵头负责": ROLE_LEAD,
    "按职责分工分别牵头负责": ROLE_LEAD,
    "按照职责分工分别牵头": ROLE_LEAD,
    "按职责分工分别牵头": ROLE_LEAD,
    "分别牵头负责": ROLE_LEAD,
    "共同牵头": ROLE_LEAD,
    "分别牵头": ROLE_LEAD,
    "联合牵头": ROLE_LEAD,
    "负总责": ROLE_LEAD,
    "主责": ROLE_LEAD,
    "主抓": ROLE_LEAD,
    "主办": ROLE_LEAD,  # （X主办，Y协办）: 主办 leads as 牵头 does, 协办 cooperates
    "牵头": ROLE_LEAD,
    "按照职责分工分别负责": ROLE_RESPONSIBLE,  # （…，乡镇人民政府按职责分工分别负责）
    "按职责分工分别负责": ROLE_RESPONSIBLE,
    "按照职责分工负责": ROLE_RESPONSIBLE,
    "按职责分工负责": ROLE_RESPONSIBLE,
    "按职能分工负责": ROLE_RESPONSIBLE,
    "按职责分工落实": ROLE_RESPONSIBLE,
    "按职责负责": ROLE_RESPONSIBLE,
    "按职责分工": ROLE_RESPONSIBLE,  # （X、Y等按职责分工）: 负责 left out
    # （X牵头负责，Y、Z按职责组织落实 / 按职责组织配合 / 按职责牵头负责）
    "按职责组织落实": ROLE_RESPONSIBLE,
    "按职责组织实施": ROLE_RESPONSIBLE,
    "按职责组织配合": ROLE_COOPERATING,
    "按职责配合": ROLE_COOPERATING,
    "按职责牵头负责": ROLE_LEAD,
    "分别负责": ROLE_RESPONSIBLE,
    "依职责办理": ROLE_RESPONSIBLE,  # （责任单位：X、Y依职责办理）
    "按职责办理": ROLE_RESPONSIBLE,
    "按照分工负责": ROLE_RESPONSIBLE,  # （X牵头，各相关部门按分工负责）
    "按分工负责": ROLE_RESPONSIBLE,
    "分工负责": ROLE_RESPONSIBLE,  # （X、Y分工负责，Z配合）
    "分头负责": ROLE_RESPONSIBLE,
    "分头落实": ROLE_RESPONSIBLE,
    "分工落实": ROLE_RESPONSIBLE,
    "共同负责": ROLE_RESPONSIBLE,
    "具体负责": ROLE_RESPONSIBLE,
    "负责落实": ROLE_RESPONSIBLE,
    "负责实施": ROLE_RESPONSIBLE,
    "组织实施": ROLE_RESPONSIBLE,
    "组织落实": ROLE_RESPONSIBLE,
    "具体实施": ROLE_RESPONSIBLE,
    "督促指导": ROLE_RESPONSIBLE,
    "指导推动": ROLE_RESPONSIBLE,  # （X、Y按照职责分工指导推动，各区人民政府组织实施）
    "负责": ROLE_RESPONSIBLE,
    "落实": ROLE_RESPONSIBLE,
    "指导": ROLE_RESPONSIBLE,
    "配合落实": ROLE_COOPERATING,
    "协同配合": ROLE_COOPERATING,
    "配合": ROLE_COOPERATING,
    "参与": ROLE_COOPERATING,
    "参加": ROLE_COOPERATING,  # （X牵头负责，Y参加）
    "协助": ROLE_COOPERATING,
    "协办": ROLE_COOPERATING,
    "协同": ROLE_COOPERATING,
}
_VERBS = sorted(ROLE_VERBS, key=len, reverse=True)
_VERB_END = re.compile(f"(?:{'|'.join(_VERBS)})$")
# The verbs after which a single unit, alone in the task, leads (（X负责）).
_SOLE_LEAD_VERBS = {"负责", "负责落实", "具体负责"}
_COOP_VERBS = {v for v, role in ROLE_VERBS.items() if role == ROLE_COOPERATING}
# In a labelled list these verbs are a generic tail, not a role (责任单位：X，Y按职责分工负责).
_TAIL_VERBS = {v for v in ROLE_VERBS if "负责" in v or v == "落实"}

_OPEN, _CLOSE = "（(【[〔〈《", "）)】]〕〉》"
_PART_SEPARATORS = set("，,；;。")
_BRACKET_CHARS = re.compile(r"[（(【\[〔）)】\]〕]")
_MAX_CLAUSE = 400
_SPLIT_CHARS = re.compile(r"[（(【\[〔〈《）)】\]〕〉》、，,；;。/／\s]")
_SEPARATORS = set("、，,；;/／")
_TAIL = re.compile(
    r"(?:等(?:[0-9一二三四五六七八九十]{1,3}个)?(?:国务院|中央和国家机关|中央|国家|[省市区县](?:级|直)?)?(?:各|有关|相关|其他|其它)*"
    r"(?:行业主管|主管|职能|成员|涉税|相关|[\u4e00-\u9fff]{2,4}主管)?"
    r"(?:部门和单位|部门单位|部门|单位|机构)?"
    r"(?:按照?职责分工(?:分别)?负责|按职责负责|按照?分工负责|[依按]职责办理|负责)?"
    r"|按照?职责分工(?:分别)?负责|按照职责分工|按职责分工|按职责负责|按照?分工负责|[依按]职责办理)$"
)
_ORG_END = re.compile(
    r"(?:局|委|办|院|部|会|中心|政府|府|镇|街道|（街道）|\(街道\)|处|所|队|站|社|团|室|公司|集团|行|厅|分局|管委会|办事处|"
    r"支队|大队|中队|馆|台|校|大学|园|区|县|市|乡|村|（社区）|社区|协|联|科|股|组|署|关|司|门|中央|班|部|库|地区|各地|成员单位)"
    r"(?:[（(][^（）()]{1,12}[）)]|〈[^〈〉]{1,12}〉)?$"  # (a second name: 新区科技和人才局〈区科技局〉)
)
# Where ``和`` / ``及`` may split two units: after a complete unit name (not 工业和信息化部).
_SPLIT_END = re.compile(
    r"(?:局|委|办|院|部|会|中心|政府|厅|署|室|公司|集团|管委会|办事处|队|站|社|馆|团)(?:[（(][^（）()]{1,12}[）)]|〈[^〈〉]{1,12}〉)?$"
)
# a name's last character, and the words a gloss in brackets opens on (或, 即, 含, 权属为 …)
_ORG_LAST_CHAR = re.compile(r"[局委办会部厅院所站司处队社心组室馆府镇]")
_GLOSS_OPENS = re.compile(r"(?:或|即|含|包括|如|指|权属|下同|简称|以下)")
# the end of an organisation's name, for a bare list with no role word (not 区, 县, 村: places)
_OFFICE = re.compile(r"^(?![此该多各一两何本原某])[\u4e00-\u9fff]{2,6}(?:处|科)$")
_STRICT_ORG_END = re.compile(
    r"(?:局|委|办|院|厅|署|中心|政府|管委会|办事处|公司|集团|委员会|部)(?:[（(][^（）()]{1,12}[）)]|〈[^〈〉]{1,12}〉)?$"
)
# a generic unit (市级有关部门, 各相关单位): ``及`` after it may start another (…及各县区政府)
# (省直有关部门(单位)及各市(州)人民政府: the generic kind's own bracket may close it)
_GENERIC_END = re.compile(
    r"(?:(?:各|有关|相关|其他|直属)[^、，,；;]{0,4}(?:部门|单位|机构)|成员(?:单位|部门))(?:[（(][^（）()]{1,6}[）)])?$"
)
_PLACE_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,6}[区县市镇]$")
_BARE_PROSE = re.compile(r"简称|以下|含|包括|即|如|详见|附件|参见")
_UNNAMED = re.compile(
    r"^(?:各|有关|相关|其他|其它|区直|市直|县直|镇直|各级)+(?:行业主管|主管|职能|成员)?(?:部门和单位|部门单位|部门|单位|机构)$"
)
_GENERIC_START = re.compile(
    r"^(?:各|有关|相关|其他|其它|全市|全县|全区|全省|全国|试点|省直|市直|州直|盟直|县直|区直|旗直|镇直|乡直)"
)
_PROSE = re.compile(r"[的要将把对从并使被让给向在是该此]")
_NOT_NAME = re.compile(r"[的要将把对从并使被让给向在是由该此]|[0-9０-９%％《》“”\"]|年|月")
# words of unit names that hold one of those characters (市委机要保密局, 市对外友好协会, 使用单位)
_NAME_WORDS = re.compile(r"机要|对外|使用")


def _prose_name(name: str, pattern: re.Pattern = _NOT_NAME) -> bool:
    """``name`` reads as prose, not as a unit's name (a function word, a number, a date)."""
    return bool(pattern.search(_NAME_WORDS.sub("", name)))


_LEVEL = r"(?:省|自治区|直辖市|县级市|市|县|区|自治州|州|盟|旗|乡镇|街镇|镇街|乡|镇|街道|村|社区|开发区|园区)"
# 各县、市 / 相关市、县政府 / 各县(市)、区人民政府
_LEVEL_FIRST = re.compile(rf"^(?:各|相关|有关){_LEVEL}(?:[（(]{_LEVEL}[）)])?$")
_LEVEL_NEXT = re.compile(
    rf"^{_LEVEL}(?:[（(][^（）()]{{1,12}}[）)])?(?:人民政府|政府|党委|党委和政府|管委会|委员会)?"
    r"(?:[（(][^（）()]{1,12}[）)])?$"
)
# (市州、县市区人民政府: levels written together, 市州 and 县市区, one kind of body each)
_LEVEL_BARE = re.compile(rf"^{_LEVEL}{{1,3}}$")
_LEVEL_HEAD = re.compile(rf"^{_LEVEL}{{1,3}}[\u4e00-\u9fff]{{2,}}")
DECLARATION = re.compile(
    r"(?:排在第一位|排第一位|列第一位|位列第一|排名第一|排在首位|列在首位|第一位|第一个|首位|首个|排名首位|"
    # (排在第一为牵头单位，下同: 位 left out)
    r"(?:排在|排|列在|列|居)第一(?=(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:部门|单位)|者)?(?:为|是|系))|"
    r"排在前面|列在前面|排在最前|排名在前|排序第一|排位靠前|排名靠前|排序靠前|排列靠前|"
    r"第一(?=[\u4e00-\u9fff]{0,4}?(?:部门|单位)(?:为|是)))"
    r"(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:部门|单位)|者)?(?:为|是|系)(?:工作|责任|任务)?牵头(?:部门|单位)?"
    r"|牵头(?:部门|单位)(?:为|是)?(?:排在|列在|列于|排|列|居)(?:第一位|首位|第一个|前面|最前)"
)
# ［责任单位：X、Y，Z；逗号前为牵头单位，下同］: the units before the clause's first comma lead
COMMA_DECLARATION = re.compile(r"(?:逗号|，|,)(?:之|以)?前(?:的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)")
_STANDING = re.compile(r"^以下.*?(?:均需|均由|均要|需|由)(?P<units>.+?)(?:负责)?落实$")
_DECLARED_REST = re.compile(r"^(?:其他|其余|其它)[\u4e00-\u9fff]{0,10}?按(?:照)?职责(?:分工)?负责$")
_SKIP_PART = re.compile(r"^(?:下同|不再(?:单独|另行|一一)?列出|[0-9０-９.．]+分|各地各部门按职责分工负责)$")
_DEADLINE = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十]+月|年底|年末|季度|上半年|下半年|长期|持续|常态|立即|年内|底前|前完成"
)
_MARKED_ROLES = {
    "牵头": ROLE_LEAD,
    "牵头单位": ROLE_LEAD,
    "牵头部门": ROLE_LEAD,
    "配合": ROLE_COOPERATING,
    "配合单位": ROLE_COOPERATING,
}
_OWN_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_HINT = re.compile(r"牵头|负责|配合|参与|参加|协助|协办|协同|指导|落实|单位|部门|会同|分工")


@dataclass
class Clauses:
    units: list[UnitRef] = field(default_factory=list)
    open_ended: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the clauses are, local offsets

    @property
    def found(self) -> bool:
        return bool(self.spans)


@dataclass
class _Region:
    """One clause: its units, whether open-ended, and what decides roles above the part."""

    units: list[UnitRef] = field(default_factory=list)
    open_ended: bool = False
    declared: bool = False  # holds a first-is-lead declaration
    comma_declared: bool = False  # holds a declaration that the units before the first comma lead
    group_declared: int = 0  # holds a declaration that the first of each ；-group leads (of so many)
    sole_lead: UnitRef | None = None  # the one unit said to 负责 (others only 配合): leads if alone
    labelled: bool = False


# ---------------------------------------------------------------- entry points


@dataclass(frozen=True)
class Declaration:
    """Where a document declares who leads (``at``, an offset), and how: the first unit listed
    (``排在第一位的为牵头单位，下同``) or, ``before_comma``, those before a clause's first comma
    (``逗号前为牵头单位，下同``). Clauses ending after ``at`` follow it."""

    at: int
    before_comma: bool = False
    per_group: int = (
        0  # (两省市列首位的为牵头单位: the first of each side's group, split by ；; how many sides)
    )


# 两省市列首位的为牵头单位, 双方排在第一位的为牵头单位: each side's units are a group of their own (split by
# ；), and the first of each group leads (of as many groups as there are sides: a third group, a body of
# neither side, does not)
_EACH_SIDE = re.compile(
    r"(?:(?P<sides>[两双三各])(?:省市|省|市|区|县|地|方))(?:各自|分别)?(?:列|排|列在|排在)?$"
)
_SIDES = {"两": 2, "双": 2, "三": 3, "各": 99}


def _per_group(text: str, start: int) -> int:
    """How many sides a first-is-lead declaration ending at ``start`` names (0: none)."""
    m = _EACH_SIDE.search(text, max(0, start - 8), start)
    return _SIDES[m.group("sides")] if m else 0


def declaration_offset(text: str, offset: int = 0) -> Declaration | None:
    """The document's declaration of who leads, if it makes one."""
    found = [
        (m.start(), before_comma, not before_comma and _per_group(text, m.start()))
        for before_comma, rx in ((False, DECLARATION), (True, COMMA_DECLARATION))
        if (m := rx.search(text))
    ]
    if not found:
        return None
    at, before_comma, per_group = min(found)
    # 各项任务中排位靠前的责任单位为牵头单位 (under 保障措施, after the tasks): a rule for every task of the
    # document, wherever it stands
    sentence = text[max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1 : at]
    if _EVERY_TASK.search(sentence):
        at = 0
    return Declaration(offset + at, before_comma, per_group)


_EVERY_TASK = re.compile(
    r"各项(?:任务|工作)|上述(?:任务|各项)|以上(?:任务|各项)|本(?:方案|计划|意见)(?:中|所列)"
)


def find_clauses(text: str, offset: int = 0, *, declared: Declaration | None = None) -> Clauses:
    """Responsibility clauses in ``text``; spans are ``offset`` + local index. ``declared``: the
    document's declaration of who leads (offsets on the same base as ``offset``)."""
    text = text.replace(
        "∶", "："
    )  # （责任单位∶X）: the ratio sign printed for the colon (one character each)
    regions: list[tuple[int, int, _Region]] = []
    for a, b in _bracket_pairs(text):
        if any(s <= a and b <= e for s, e, _ in regions):
            continue
        content = text[a + 1 : b]
        # a bracket that closes the item after its last sentence may list its units bare:
        # ``…完成投资300亿元以上。（市发改局、市住建局）``
        line_end = text.find("\n", b + 1)
        closing = (
            a > 0
            # (it ends the item, or its paragraph: 持续优化…调度。/ …（X、Y）/ 提升需求侧响应能力。/ …（X、Z）,
            # each paragraph of work under one item closed by its own bare list)
            and not text[b + 1 : line_end if line_end >= 0 else len(text)].strip(" 。；;\u3000")
            and not _BARE_PROSE.search(content)
            and (
                # (。 (工资处): a space may stand between)
                text[:a].rstrip(" \t\u3000")[-1:] in ("。", "；", ";", "!", "！", "\n")
                # (or before the last full stop of its paragraph: …应用基础研究（市科委、中关村管委会）。, a
                # bare list of offices; not a name's gloss: 园区管委会（或开发公司）。, 区建设管理委（区水务局）。)
                or (
                    text[b + 1 : b + 2] in ("。", "；", ";")
                    and text[a - 1] not in "（(，,、。；;：:\n"
                    and not _ORG_LAST_CHAR.search(text[a - 1])
                    and not _GLOSS_OPENS.match(content)
                )
            )
        )
        if not _HINT.search(content) and not closing:
            continue
        region = _parse_region(content, offset + a + 1, bare_ok=closing)
        if region is not None and region.units:
            regions.append((a, b + 1, region))
    pos = 0
    has_label = any(mark in text for mark in "：:】]")
    for m in _LABEL.finditer(text) if has_label else ():
        start = m.start()
        if start < pos or (start and text[start - 1] not in _BOUNDARY):
            continue
        if any(s <= start < e for s, e, _ in regions):
            continue
        end = _segment_end(text, m.end(), len(text))
        # 责任单位：莲塘镇任务目标：…: the work after the glued label is not the clause's
        if glued := _GLUED_LABEL.search(text, m.end(), end):
            end = glued.start()
        region = _parse_region(text[start:end], offset + start, labelled_run=True)
        pos = end
        if region is not None and region.units:
            regions.append((start, end, region))
    if not regions:
        regions.extend(_inline_by(text, offset))
    regions.sort(key=lambda r: r[0])
    out = Clauses()
    sole = len(regions) == 1
    for start, end, region in regions:
        units = region.units
        if sole and region.sole_lead is not None:
            units = [_with_role(u, ROLE_LEAD) if u is region.sole_lead else u for u in units]
        units = _as_declared(units, region, declared, text[start:end], offset + start)
        _add_units(out.units, units)
        out.open_ended |= region.open_ended
        out.spans.append((offset + start, offset + end))
    return out


# ``由发展改革委会同农业部、财政部等部门研究提出落实意见``: the units named in the sentence itself (a
# 分工 notice written without brackets): X leads, Y cooperates. Only with 会同 and names that end
# as organisations do (局, 委, 部, 厅 …): a bare ``由X负责`` is too common in prose.
_INLINE_BY = re.compile(
    r"由(?P<lead>(?:[^，,。；;：:“”（）()由]|[（(][^（）()]{1,12}[）)]){2,40}?)"
    r"会同(?P<coop>(?:[^，,。；;：:“”（）()]|[（(][^（）()]{1,12}[）)]){2,120}?)"
    r"(?P<tail>等(?:有关|相关|其他)?(?:部门|单位)(?:和单位)?)?"
    r"(?=(?:牵头)?负责|研究|制定|提出|组织|抓紧|牵头)"
)


# ``由市财政局、农业局，各县（市）、区人民政府负责落实。`` as the item's last sentence (or a line
# of its own): the sentence holds nothing but the units and the verb, so it is an annotation, not
# prose (``由财政部负责制定具体办法`` goes on after 负责 and is not read). One unit leads, as
# ``（X负责）`` does; several are all responsible.
_SOLE_BY = re.compile(
    r"(?:^|(?<=[。；;！!\n]))[ \t\u3000]*由(?P<units>[^。；;：:“”由\n]{2,160}?)"
    r"(?:共同)?(?:具体负责|负责落实|负责实施|负责组织实施|组织实施|负责)[。；;]?[ \t\u3000]*$"
)


def _sole_by(text: str, offset: int) -> list[tuple[int, int, _Region]]:
    m = _SOLE_BY.search(text.rstrip())
    if m is None:
        return []
    units, open_ended, _d = parse_unit_list(m.group("units"), offset + m.start("units"), ROLE_RESPONSIBLE)
    # 交通部门 (a department named by its field); 水利、电力部门: the kind before shares 部门
    shared = bool(units) and units[-1].name.endswith("部门")
    if not _all_named(
        units,
        lambda name: bool(
            _STRICT_ORG_END.search(name)
            or _GENERIC_END.search(name)
            or _GENERIC_START.match(name)
            or _FIELD_DEPARTMENT.match(name)
            or (shared and 2 <= len(name) <= 4)
        ),
    ):
        return []
    return [(m.start(), m.end(), _said_to_do(units, open_ended))]


def _all_named(units: list[UnitRef], named) -> bool:
    """Every unit of a clause written in prose is a name (``named`` says which endings count)."""
    return bool(units) and all(named(u.name) and not _prose_name(u.name) for u in units)


def _said_to_do(units: list[UnitRef], open_ended: bool) -> _Region:
    """由X负责 / 由X、Y负责落实: several are responsible; one alone leads when its clause is the
    item's only one (as ``（X负责）``: ``find_clauses`` decides by ``sole_lead``)."""
    return _Region(units=units, open_ended=open_ended, sole_lead=units[0] if len(units) == 1 else None)


_FIELD_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{2,6}部门$")


def _generic(name: str) -> bool:
    """有关部门, 各市(州), 各县（市、区）: a unit named by its kind, not by its name."""
    return bool(
        _UNNAMED.match(name)
        or _GENERIC_END.search(name)
        or _GENERIC_KIND.match(name)
        or _LEVEL_FIRST.match(name.split("、")[0])
    )


# 有关油气企业, 有关可再生能源开发企业, 相关金融机构: the bodies of a kind, named by it (not by their names)
_GENERIC_KIND = re.compile(
    r"^(?:各|有关|相关|其他|重点|省属|市属|驻[省市区县])[^、，,；;的]{0,8}(?:企业|电厂|银行|金融机构|医院|学校|高校|协会|商会)$"
)


# 区财政局牵头负责，加强与市财政局沟通对接…: a paragraph of work that opens with the units that lead it
# (由杨某副市长负责，市发改委牵头，相关部门配合，…: the leader in charge named first is a person, not
# a unit; the units that cooperate may follow the lead)
_LEAD_OPENS = re.compile(
    r"(?:^|(?<=\n))[ \t\u3000]*(?:由[\u4e00-\u9fff]{1,6}?(?:副)?(?:省|市|区|县|州|镇|乡)长(?:助理)?负责[，,])?"
    r"(?P<lead>[^，,。；;：:\n（）()]{2,40}?)牵头(?:负责|协调|抓总|组织)?"
    r"(?:[，,](?P<coop>[^，,。；;：:\n（）()]{2,40}?)(?:配合|协助|参与))?(?=[，,])"
)


# 整改要求:由县环卫站负责清除上述地段垃圾。: a line whose work opens with 由X负责 (one unit leads; the
# 包片单位 before a name says how it was chosen)
_BY_OPENS = re.compile(
    r"(?:^|(?<=\n))[ \t\u3000]*(?:[\u4e00-\u9fff]{2,6}[：:])?(?:按照[^。\n由]{0,40}?[，,])?"
    r"由(?:[\u4e00-\u9fff]{0,8}?(?:包片|联系|挂钩|责任)单位)?"
    r"(?P<units>[^，,。；;：:\n（）()由]{2,40}?)(?:牵头)?负责(?!人|同志|领导)"
)


def _by_opens(text: str, offset: int) -> list[tuple[int, int, _Region]]:
    out = []
    for m in _BY_OPENS.finditer(text):
        units, open_ended, _d = parse_unit_list(m.group("units"), offset + m.start("units"), ROLE_RESPONSIBLE)
        if _all_named(units, lambda name: len(name) <= 16 and bool(_ORG_END.search(name) or _generic(name))):
            out.append((m.start("units"), m.end(), _said_to_do(units, open_ended)))
    return out


def _lead_opens(text: str, offset: int) -> list[tuple[int, int, _Region]]:
    out = []
    for m in _LEAD_OPENS.finditer(text):
        units, open_ended, _d = parse_unit_list(m.group("lead"), offset + m.start("lead"), ROLE_LEAD)
        if not _all_named(units, lambda name: bool(_STRICT_ORG_END.search(name) or _generic(name))):
            continue
        if m.group("coop"):
            coop, more, _d = parse_unit_list(m.group("coop"), offset + m.start("coop"), ROLE_COOPERATING)
            if _all_named(coop, lambda name: bool(_STRICT_ORG_END.search(name) or _generic(name))):
                units, open_ended = [*units, *coop], open_ended or more
        out.append((m.start("lead"), m.end(), _Region(units=units, open_ended=open_ended)))
    return out


# 责任分工：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施，区直有关责任部门配合。: each body's part
# in prose after the label, a body and its verb a clause
_PROSE_DUTIES = re.compile(r"(?:责任分工|职责分工|任务分工)[：:]")
_PROSE_PART = re.compile(
    r"^[\s\u3000]*(?:由)?(?P<units>[^，,；;。：:“”]{2,60}?)(?:等(?:区直)?(?:有关|相关)?(?:部门|单位)?)?"
    r"(?:具体|全力|协同|共同)?(?P<verb>负责|组织实施|配合|协助|业务检查指导|业务指导|指导|牵头)"
)
_PROSE_COOPERATE = ("配合", "协助")


def _prose_duties(text: str, offset: int) -> list[tuple[int, int, _Region]]:
    """The parts a ``责任分工：`` sentence gives in prose (X负责…，Y组织实施，Z配合): X and Y responsible,
    Z cooperating; only clauses that open with units and their verb, the rest of the sentence
    (…作为业主单位, 区直各部门各司其职) is no unit."""
    out = []
    for label in _PROSE_DUTIES.finditer(text):
        end = text.find("。", label.end())
        end = len(text) if end < 0 else end
        units: list[UnitRef] = []
        pos = label.end()
        for part in re.split(r"([，,；;])", text[label.end() : end]):
            m = _PROSE_PART.match(part)
            if m is not None and names_units_only(m.group("units")):
                role = ROLE_COOPERATING if m.group("verb") in _PROSE_COOPERATE else ROLE_RESPONSIBLE
                found, _o, _d = parse_unit_list(m.group("units"), offset + pos + m.start("units"), role)
                _add_units(units, found)
            pos += len(part)
        if units:
            out.append((label.start(), end, _Region(units=units)))
    return out


def _inline_by(text: str, offset: int) -> list[tuple[int, int, _Region]]:
    if found := _prose_duties(text, offset):
        return found
    if found := _sole_by(text, offset):
        return found
    if found := _lead_opens(text, offset) or _by_opens(text, offset):
        return found
    out = []
    for m in _INLINE_BY.finditer(text):
        lead, _o, _d = parse_unit_list(m.group("lead"), offset + m.start("lead"), ROLE_LEAD)
        coop: list[UnitRef] = []
        open_ended = bool(m.group("tail"))
        coop, more, _d = parse_unit_list(m.group("coop"), offset + m.start("coop"), ROLE_COOPERATING)
        open_ended |= more
        units = [*lead, *coop]
        # the ones consulted may be generic (会同有关部门和各市(州)); the lead is named
        if not (
            _all_named(lead, lambda name: bool(_STRICT_ORG_END.search(name)))
            and (
                not coop
                or _all_named(coop, lambda name: bool(_STRICT_ORG_END.search(name) or _generic(name)))
            )
        ):
            continue
        out.append((m.start(), m.end(), _Region(units=units, open_ended=open_ended)))
    return out


def parse_cell(text: str, offset: int, role: str, *, declared: Declaration | None = None) -> Clauses:
    """A unit cell of a task table (its column gives ``role``): the cell's own words decide
    when they carry roles (``X牵头，Y按职责分工负责``), else every unit takes the column's role.
    A later sentence of the cell counts only when it reads as a clause of its own (``X负责。Y配合。``);
    any other (``具体任务均涉及相关市(州)人民政府，不再做分工，下同。``) is a remark, not units."""
    out = Clauses()
    if not text.strip():
        return out
    text = text.replace("∶", "：")
    if (joined := _joined_vertical(text)) != text:
        # one name printed down the cell: found in the joined text, marked over the whole cell
        out = parse_cell(joined, offset, role, declared=declared)
        start = offset + len(text) - len(text.lstrip())
        for unit in out.units:
            unit.span = (start, offset + len(text.rstrip()))
        out.spans = [(start, offset + len(text.rstrip()))] if out.spans else []
        return out
    sentences = [(m.start(), m.group()) for m in re.finditer(r"[^。]+。?", text)]
    if len(sentences) > 1:
        for k, (at, sentence) in enumerate(sentences):
            region = _parse_region(sentence.rstrip("。"), offset + at)
            if k > 0 and (region is None or not region.units) and not _names_only(sentence):
                continue
            found = _parse_cell_sentence(sentence, offset + at, role, declared)
            _add_units(out.units, found.units)
            out.open_ended |= found.open_ended
            out.spans.extend(found.spans)
        return out
    return _parse_cell_sentence(text, offset, role, declared)


def _joined_vertical(text: str) -> str:
    """市政 / 府办 / 公厅 (a narrow cell printing a name a few characters a paragraph): the name
    again, when the paragraphs are short, one of them (not the last) is two characters or fewer
    and no name by itself, and the joined text ends as an organisation's name; a cell of names
    one a paragraph stays as it is."""
    parts = text.split()  # paragraphs (a .docx cell's, joined by spaces) or lines
    if len(parts) < 2 or any(len(p) > 5 for p in parts):
        return text
    if not any(len(p) <= 2 and not _ORG_END.search(p) for p in parts[:-1]):
        return text  # (产业科 / 市畜牧中心: names one a paragraph)
    joined = "".join(parts)
    return joined if _STRICT_ORG_END.search(joined) else text


def names_units_only(text: str) -> bool:
    """A cell that is a list of unit names and nothing else (甲科 乙中心), not people or figures."""
    return bool(text.strip()) and _names_only(text)


def _names_only(sentence: str) -> bool:
    """Every part of the sentence is a list of unit names (or furniture such as 下同)."""
    for _start, part in _split_top(sentence.rstrip("。"), _PART_SEPARATORS, split_on_space=False):
        part = part.strip()
        if not part or _SKIP_PART.match(part):
            continue
        units, _open, _declared = parse_unit_list(part, 0, ROLE_RESPONSIBLE)
        if not units or not _plausible(units):
            return False
    return True


def _parse_cell_sentence(text: str, offset: int, role: str, declared: Declaration | None) -> Clauses:
    out = Clauses()
    region = _parse_region(text, offset)
    if region is None or not region.units:
        region = _parse_region(text, offset, default_role=role)
    if region is None:
        region = _Region()
        units, open_ended, declared = parse_unit_list(text, offset, role)
        region.units, region.open_ended, region.declared = units, open_ended, declared
    units = _as_declared(region.units, region, declared, text, offset)
    _add_units(out.units, units)
    out.open_ended = region.open_ended
    if units:
        out.spans.append((offset, offset + len(text)))
    return out


def role_of_header(header: str) -> str | None:
    """Column header of a task table -> role (牵头单位 -> lead, 市级责任单位 -> responsible,
    指导部门 -> responsible); person columns (牵头领导, 责任人) and 分工 have none."""
    compact = "".join(header.split())
    compact = re.sub(r"[（(].*?[）)]", "", compact)
    if compact in ("牵头", "责任", "配合", "主办", "协办", "参与", "协助", "主责"):
        return _LABEL_PREFIX_ROLE[compact]
    for m in _LABEL_WORD_RE.finditer(compact):
        if m.group("prefix"):
            return _label_role(m)
    return None


def roles_of_header(header: str) -> list[str]:
    """Every role a column header names, in order: ``牵头单位/配合单位`` -> lead, cooperating."""
    compact = re.sub(r"[（(].*?[）)]", "", "".join(header.split()))
    roles: list[str] = []
    for piece in re.split(r"[/／、]|及|和", compact):
        role = role_of_header(piece) if piece else None
        if role and role not in roles:
            roles.append(role)
    return roles


# ---------------------------------------------------------------- regions and parts


def _label_role(m: re.Match) -> str | None:
    if m.group("prefix"):
        if m.group("qual") == "主要" and _LABEL_PREFIX_ROLE[m.group("prefix")] == ROLE_RESPONSIBLE:
            return ROLE_LEAD  # 主要责任单位 = 主责单位
        return _LABEL_PREFIX_ROLE[m.group("prefix")]
    if m.group("bare"):
        return _LABEL_PREFIX_ROLE[m.group("bare")]
    return None


def _parse_region(
    content: str,
    offset: int,
    *,
    labelled_run: bool = False,
    default_role: str | None = None,
    bare_ok: bool = False,
) -> _Region | None:
    """Read a clause's content part by part; None when a part is neither units nor furniture."""
    region = _Region()
    role = default_role  # the role of the last label, for unlabelled parts after it
    skipping = False  # after a non-unit label (适用范围：…) until the next unit label
    parts = _split_after_verbs(_split_at_labels(_split_top(content, _PART_SEPARATORS, split_on_space=False)))
    verbs: list[str] = []
    pending: list[tuple[str, int]] = []  # unit parts waiting for the verb of a later part
    standing_units: list[UnitRef] = []  # (以下均需X落实: the units every task has)
    for start, raw in parts:
        lead_ws = len(raw) - len(raw.lstrip())
        part = raw.strip()
        begin = offset + start + lead_ws
        if not part:
            continue
        m = _LABEL.match(part) or _LABEL_IS.match(part)
        if m and (m.group("prefix") or m.group("bare") or m.group("division")):
            region.labelled = True
            skipping = False
            body, body_at = part[m.end() :], begin + m.end()
            if m.group("division"):
                role = None
                if body and not _verb_part(body, body_at, region, verbs, pending):
                    return None
                continue
            role = _label_role(m)
            _labelled_part(body, body_at, role, region)
            continue
        if _OTHER_LABEL.match(part):
            role, skipping = None, True
            continue
        if COMMA_DECLARATION.search(_BRACKETED.sub("", part)):
            region.comma_declared = True
            continue
        if declaration := DECLARATION.search(unbracketed := _BRACKETED.sub("", part)):
            region.declared = True
            region.group_declared = region.group_declared or _per_group(unbracketed, declaration.start())
            continue
        if _SKIP_PART.match(part) or (region.declared and _DECLARED_REST.match(part)):
            # (列第一位者为牵头部门或单位，其他有关部门和单位按职责分工负责，下同: the rest of the
            # declaration, no unit of this task)
            continue
        standing = _STANDING.match(part)
        if standing:
            at = begin + standing.start("units")
            units, _open, _declared = parse_unit_list(standing.group("units"), at, ROLE_RESPONSIBLE)
            _add_units(region.units, units)
            standing_units.extend(units)
            continue
        if skipping:
            continue
        if role is not None:
            if _role_verb_override(part) and _verb_part(part, begin, region, verbs, pending):
                continue
            if _DEADLINE.search(part) and not _ORG_END.search(part):
                continue
            _labelled_part(part, begin, role, region)
            continue
        if _verb_part(part, begin, region, verbs, pending):
            continue
        if _DEADLINE.search(part):
            continue
        units, _open, _declared = parse_unit_list(part, begin, ROLE_RESPONSIBLE)
        if units and _plausible(units):  # 省公安厅，X、Y等按职责分工负责: the verb comes later
            pending.append((part, begin))
            continue
        return None
    if pending and bare_ok and not verbs and not region.labelled:
        # a bare list of unit names closing the item: responsible (first-is-lead when declared)
        for part, begin in pending:
            units, open_ended, declared = parse_unit_list(part, begin, ROLE_RESPONSIBLE)
            # (各街镇, 各县市区: the places' own bodies, named by their kind)
            # (工资处、就管中心: a department's own offices in its own document)
            if not _bare_names(units):
                return None
            _add_units(region.units, units)
            region.open_ended |= open_ended
            region.declared |= declared
        pending = []
    if pending or (labelled_run and not region.labelled):
        return None
    said = set(verbs) - {""}
    if not region.labelled and said & _SOLE_LEAD_VERBS and said <= _SOLE_LEAD_VERBS | _COOP_VERBS:
        # (省生态环境厅负责。以下均需各市州党委和政府落实: the standing units of every task do not count)
        responsible = [u for u in region.units if u.role == ROLE_RESPONSIBLE and u not in standing_units]
        if len(responsible) == 1 and not any(u.role == ROLE_LEAD for u in region.units):
            region.sole_lead = responsible[0]
    return region


def _bare_names(units: list[UnitRef]) -> bool:
    """A bare bracket's list reads as units when every name is an office's (局, 委, 中心 …), a
    generic one (各街镇) or a department's own office (工资处); or when most are and the rest
    still end as a body does or open with 各/相关 (…、相关沿海街镇、各岸段使用或管理单位)."""
    strong = [u for u in units if _STRICT_ORG_END.search(u.name) or _generic(u.name) or _OFFICE.match(u.name)]
    if all(
        u in strong
        or (
            u.name.startswith(("各", "相关", "有关")) and (_ORG_END.search(u.name) or u.name.endswith("单位"))
        )
        for u in units
    ):
        return True
    return 2 * len(strong) >= len(units) and all(
        _ORG_END.search(u.name) or u.name.startswith(("各", "相关", "有关")) for u in units
    )


def _split_after_verbs(parts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``X牵头、Y配合`` -> ``X牵头``, ``Y配合``."""
    out = []
    for start, part in parts:
        if not _DUN_OR_SPACE.search(part):
            out.append((start, part))
            continue
        pos = 0
        for m in _AFTER_VERB.finditer(part):
            out.append((start + pos, part[pos : m.start()]))
            pos = m.end()
        out.append((start + pos, part[pos:]))
    return out


# a label of what is not a unit, run onto the unit list with no space (责任单位：莲塘镇任务目标：…)
_GLUED_LABEL = re.compile(
    r"(?<=[\u4e00-\u9fff）)])(?:任务目标|工作目标|目标任务|建设内容|改造内容|完成时限|时间节点|工作措施|主要措施|具体措施)[：:]"
)


# 牵头单位：区口岸办配合单位：平潭海关实施单位：区交通集团: a role label glued to the last name before it
# (the name ends as a body's does: 局, 办, 关, 集团, 公司, 片区)
_GLUED_ROLE_LABEL = re.compile(
    r"(?<=[局委办厅府部会司院所站心队处科社校团组室馆企联关区）)])"  # (区招商局（产业办）责任单位：)
    r"(?:配合|实施|责任|协办|参与|协同|牵头|主办)(?:单位|部门)[：:]"
)


def _split_at_labels(parts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``牵头单位：X　配合单位：Y`` (labels apart by a space only) and ``【牵头单位】X【配合单位】Y``
    -> two parts."""
    out = []
    for start, part in parts:
        cuts = sorted(
            {m.start() for m in _SPACED_LABEL.finditer(part)}
            | {m.start() for m in _BOXED_LABEL.finditer(part) if m.start() > 0}
            | {m.start() for m in _GLUED_LABEL.finditer(part)}
            | {m.start() for m in _GLUED_ROLE_LABEL.finditer(part)}
        )
        for cut, nxt in zip([0, *cuts], [*cuts, len(part)], strict=True):
            out.append((start + cut, part[cut:nxt]))
    return out


def _role_verb_override(part: str) -> bool:
    """In a labelled list, ``X牵头`` / ``Y配合`` / ``Y为实施单位`` still say their own role."""
    if _AS_LABEL.search(part):
        return True
    verb = _ending_verb(part)
    return verb is not None and verb not in _TAIL_VERBS


def _labelled_part(body: str, at: int, role: str | None, region: _Region) -> None:
    if role is None:
        return
    units, open_ended, declared = parse_unit_list(body, at, role)
    units = [
        u
        for u in units
        if (not _DEADLINE.search(u.name) or _ORG_END.search(u.name))
        and len(u.name) <= 30
        and not _prose_name(u.name, _PROSE)  # 责任单位：X，各区要…: the sentence after the list
    ]
    _add_units(region.units, units)
    region.open_ended |= open_ended
    region.declared |= declared


def _ending_verb(part: str) -> str | None:
    m = _VERB_END.search(part, max(0, len(part) - 8))
    return m.group() if m else None


def _verb_part(part: str, at: int, region: _Region, verbs: list[str], pending: list[tuple[str, int]]) -> bool:
    """``X、Y牵头`` / ``由X牵头`` / ``X为牵头单位`` / ``X会同Y负责``: add the units (and those of
    the ``pending`` parts before, in the same role) and return True, or return False."""
    as_label = _AS_LABEL.search(part)
    if as_label:
        verb = as_label.group()
        role = _label_role(_LABEL_WORD_RE.match(verb[1:]))
    else:
        verb = _ending_verb(part)
        role = ROLE_VERBS.get(verb) if verb else None
    if verb is None or role is None:
        return False
    body = part[: -len(verb)]
    if body.startswith(("由", "请")):
        body, at = body[1:], at + 1
    if _POST.search(body) and not _ORG_END.search(body):
        verbs.append("")  # 分管副市长牵头: read, not a unit
        return True
    together = body.find("会同")
    if together == 0:  # （由X牵头，会同Y、Z等单位负责落实）: the lead was named before
        units, open_ended, declared = parse_unit_list(body[2:], at + 2, ROLE_COOPERATING)
        if not units or not _plausible(units):
            return False
    elif together > 0:
        leads, tail1, d1 = parse_unit_list(body[:together], at, ROLE_LEAD)
        coop, tail2, d2 = parse_unit_list(body[together + 2 :], at + together + 2, ROLE_COOPERATING)
        units, open_ended, declared = leads + coop, tail1 or tail2, d1 or d2
        if not leads or not _plausible(leads) or (coop and not _plausible(coop)):
            return False
    else:
        units, open_ended, declared = parse_unit_list(body, at, role)
        if not units or not _plausible(units):
            return False
    for text, text_at in pending:
        more, more_open, _declared = parse_unit_list(text, text_at, role)
        _add_units(region.units, more)
        open_ended |= more_open
    pending.clear()
    _add_units(region.units, units)
    # 按职责分工负责: each within its remit, others may share the work (as the synthetic corpus reads it)
    region.open_ended |= open_ended or verb.startswith("按")
    region.declared |= declared
    verbs.append(verb)
    return True


def _plausible(units: list[UnitRef]) -> bool:
    """Names, not prose: short, no function words or numbers, the list ending on a unit word."""
    # (使用单位, 各岸段使用或管理单位: 使 of 使用 is no causative)
    if any(len(u.name) > 30 or len(u.name) < 2 or _prose_name(u.name) for u in units):
        return False
    last = units[-1].name
    return bool(_ORG_END.search(last) or _GENERIC_START.match(last))


# ---------------------------------------------------------------- unit lists


def parse_unit_list(text: str, offset: int, role: str) -> tuple[list[UnitRef], bool, bool]:
    """``区财政局、区税务局等有关部门单位，各镇（街道）按职责分工负责`` -> units, open_ended,
    and whether a unit's own bracket declared that the first unit leads."""
    if m := _STANDING_LEAD.match(text):  # 以下均需X负责（，不再列出）: X, for this task (README)
        text = " " * m.end() + text[m.end() :]
    pieces: list[tuple[int, str]] = []
    for start, piece in _split_top(text, _SEPARATORS):
        lead = len(piece) - len(piece.lstrip())
        pieces.extend(_split_and(start + lead, piece.strip()))
    pieces = _merge_levels(pieces)
    units: list[UnitRef] = []
    open_ended = declared = False
    run: list[int] = []  # the units of the current 、-joined run (X、Y分别牵头: both lead)
    for start, name in pieces:
        name = name.rstrip("。.")
        unit_role = role
        if not (start > 0 and text[start - 1] == "、"):
            run = []
        if (marked := _LEAD_MARK.search(name)) and marked.start() >= 2:
            name = name[: marked.start()]
            unit_role = ROLE_LEAD  # 责任单位：市人力社保局、市农业农村局分别牵头
            for k in run:
                units[k] = UnitRef(name=units[k].name, role=ROLE_LEAD, span=units[k].span)
        bracket = _OWN_BRACKET.search(name) if name.endswith(("）", ")")) else None
        if bracket and DECLARATION.search(bracket.group(0)):
            declared = True
            name = name[: bracket.start()]
        elif bracket and bracket.group(0)[1:-1] in _MARKED_ROLES:  # 市发改委（牵头）
            unit_role = _MARKED_ROLES[bracket.group(0)[1:-1]]
            name = name[: bracket.start()]
        if name[:1] in _STAR_MARKS and len(name) > 2:  # ★区发改委: the starred unit leads
            start += len(name) - len(name[1:].lstrip())
            name = name[1:].lstrip()
            unit_role = ROLE_LEAD
        elif name[-1:] in _STAR_AFTER and len(name) > 2:  # 区财政局*: the same mark after the name
            name = name[:-1].rstrip()
            unit_role = ROLE_LEAD
        if (verb := _STANDING_VERB.search(name)) and (
            _ORG_END.search(name[: verb.start()])
            or _LEVEL_FIRST.match(name[: verb.start()])
            or _GENERIC_END.search(name[: verb.start()])  # (各处室单位负责落实)
        ):
            # 以下均需X,Y落实,不再列出 / …，各镇街落实: the verb closes the last unit's name
            name = name[: verb.start()]
        tail = _TAIL.search(name)
        if tail:
            name = name[: tail.start()]
            open_ended = True
        compact = "".join(name.split())
        if not compact or _STANDING_WORDS.search(compact):
            continue  # 除专门列出外，以下任务均涉及X，不再重复: a standing sentence, not a unit
        if _UNNAMED.match(compact):  # 各有关部门: kept as written, and the list is open-ended
            open_ended = True
        begin = offset + start
        run.append(len(units))
        units.append(UnitRef(name=compact, role=unit_role, span=(begin, begin + len(name.rstrip()))))
    return units, open_ended, declared


_STAR_MARKS = "★☆▲△*＊"  # (*市发展改革委、市生态环境局: a task list's star before the lead)
_STAR_AFTER = "*＊★☆"
_STANDING_LEAD = re.compile(r"^\s*以下(?:各项)?(?:工作|任务)?(?:均需|均由|均要|均应|需|由)")
_STANDING_VERB = re.compile(r"(?:负责|组织)?落实$")
_STANDING_WORDS = re.compile(r"^(?:除|以下|不再|凡)|涉及|列出|重复")
_LEAD_MARK = re.compile(r"(?:分别|共同)?牵头$")


_PAIRED = re.compile(r"(?:党委|党工委)$")
_PAIRED_WITH = re.compile(r"^(?:人民政府|政府|管委会|管理委员会)")


def _split_and(start: int, piece: str) -> list[tuple[int, str]]:
    """Split at 和/及/以及 between two unit names: after 等, or after a complete unit name."""
    if "和" not in piece and "及" not in piece:
        return [(start, piece)] if piece else []
    out: list[tuple[int, str]] = []
    pos = 0
    for m in re.finditer(r"以及|和|及", piece):
        left = piece[pos : m.start()]
        right = piece[m.end() :]
        if not left or not right:
            continue
        if _PAIRED.search(left) and _PAIRED_WITH.match(right):
            continue  # 各县(市、区)党委和人民政府, 高新区党工委和管委会: one body named by its two organs
        if left.endswith("部门") and right.startswith(("单位", "机构")) and m.group() == "和":
            continue  # 国务院相关部门和单位: one generic unit
        if (
            left.endswith("等")
            or re.search(r"等(?:有关|相关|其他)?(?:部门|单位|机构)$", left)  # 市商务局等部门和各区人民政府
            or (
                len(left) >= 3
                and (_SPLIT_END.search(left) or _GENERIC_END.search(left))
                and (_ORG_END.search(right) or _GENERIC_START.match(right))
            )
            # 岳麓区和市直相关单位: a place (its government) and a generic unit
            or (_PLACE_UNIT.match(left) and _GENERIC_START.match(right) and _GENERIC_END.search(right))
        ):
            out.append((start + pos, left))
            pos = m.end()
    out.append((start + pos, piece[pos:]))
    return [(s, p) for s, p in out if p]


def _merge_levels(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``各县``, ``市``, ``区政府`` -> ``各县、市、区政府`` (one generic unit)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(pieces):
        start, name = pieces[i]
        if _LEVEL_FIRST.match(name):
            j = i + 1
            merged = name
            while j < len(pieces) and _LEVEL_NEXT.match(pieces[j][1]):
                merged += "、" + pieces[j][1]
                j += 1
                if not _LEVEL_BARE.match(pieces[j - 1][1]):
                    break
            if j > i + 1:
                out.append((start, merged))
                i = j
                continue
        # 市、区机管局 / 省、市财政部门: a bare level before the body it shares (市机管局 and 区机管局), one
        # unit as printed, never a unit named 市
        j = i + 1
        while j < len(pieces) and _LEVEL_BARE.match(pieces[j - 1][1]) and _LEVEL_BARE.match(pieces[j][1]):
            j += 1
        if (
            _LEVEL_BARE.match(name)
            and j < len(pieces)
            and _LEVEL_HEAD.match(pieces[j][1])
            and not _LEVEL_BARE.match(pieces[j][1])
        ):
            out.append((start, "、".join(p for _, p in pieces[i : j + 1])))
            i = j + 1
            continue
        out.append((start, name))
        i += 1
    return out


def _add_units(into: list[UnitRef], units: list[UnitRef]) -> None:
    """Each unit once per role."""
    seen = {(u.name, u.role) for u in into}
    for unit in units:
        if (unit.name, unit.role) not in seen:
            into.append(unit)
            seen.add((unit.name, unit.role))


def _with_role(unit: UnitRef, role: str) -> UnitRef:
    return UnitRef(name=unit.name, role=role, span=unit.span)


def _as_declared(
    units: list[UnitRef], region: _Region, declared: Declaration | None, clause: str, at: int
) -> list[UnitRef]:
    """The clause's units (``clause`` at offset ``at``) with the roles a declaration gives them:
    the clause's own, or the document's when the clause ends after it."""
    in_force = declared is not None and at + len(clause) > declared.at
    if region.comma_declared or (in_force and declared.before_comma):
        return _leads_before_comma(units, clause, at)
    if region.group_declared or (in_force and declared.per_group and not region.declared):
        return _first_of_each_group_leads(units, clause, at, region.group_declared or declared.per_group)
    if region.declared or in_force:
        return _first_leads(units)
    return units


def _first_of_each_group_leads(units: list[UnitRef], clause: str, at: int, sides: int) -> list[UnitRef]:
    """Declared for each side (两省市列首位的为牵头单位): in a clause without a lead, the first
    responsible unit of each group of units split by ； (outside any bracket but its own) leads."""
    if any(u.role == ROLE_LEAD for u in units):
        return units
    cuts = _top_level(clause, at, "；;")
    out, led = [], set()
    for unit in units:
        group = sum(1 for c in cuts if c < unit.span[0])
        if unit.role == ROLE_RESPONSIBLE and group not in led and group < sides:
            led.add(group)
            unit = _with_role(unit, ROLE_LEAD)
        out.append(unit)
    return out


def _leads_before_comma(units: list[UnitRef], clause: str, at: int) -> list[UnitRef]:
    """Declared: the responsible units listed before the clause's first comma (outside any bracket
    but its own) lead, in a clause without a lead of its own."""
    if any(u.role == ROLE_LEAD for u in units):
        return units
    commas = _top_level(clause, at, "，,")
    if not commas:
        return units
    comma = commas[0]
    return [
        _with_role(u, ROLE_LEAD) if u.role == ROLE_RESPONSIBLE and u.span[0] < comma else u for u in units
    ]


def _top_level(clause: str, at: int, marks: str) -> list[int]:
    """Offsets (``at`` + index) of ``marks`` in ``clause`` outside any bracket but its own."""
    own = 1 if clause[:1] in _OPEN else 0  # (the clause's own bracket around it)
    depth, found = 0, []
    for k, ch in enumerate(clause):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif depth == own and ch in marks:
            found.append(at + k)
    return found


def _first_leads(units: list[UnitRef]) -> list[UnitRef]:
    """A declared first-is-lead: in a clause without a lead, the first responsible unit leads."""
    if not units or any(u.role == ROLE_LEAD for u in units):
        return units
    for k, unit in enumerate(units):
        if unit.role == ROLE_RESPONSIBLE:
            return [*units[:k], _with_role(unit, ROLE_LEAD), *units[k + 1 :]]
    return units


# ---------------------------------------------------------------- text helpers


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of balanced brackets, by opening position."""
    pairs, stack = [], []
    for m in _BRACKET_CHARS.finditer(text):
        ch, j = m.group(), m.start()
        if ch in _OPEN:
            stack.append(j)
        elif stack:
            a = stack.pop()
            if j - a <= _MAX_CLAUSE:  # a clause may run over a line break (a PDF's wrapped line)
                pairs.append((a, j))
    pairs.sort()
    return pairs


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
    for m in _SPLIT_CHARS.finditer(text):
        ch, j = m.group(), m.start()
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
