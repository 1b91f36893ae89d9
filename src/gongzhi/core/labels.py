"""What codes say in words: the one home of the labels people read (pure: no app imports).

Targets and indicators (`target_words`: "不低于4.5个", "3–5处", "每年下降1个百分点"), units of a level
and of a change (`level_unit`: a rate's 百分点 is a change, its level is %), values with their unit
(`value_words`: "83.3%", "5所"), roles, job kinds, audit object references ("用户 fuer（区妇联）"),
GB/T 4754 industries ("L72 商务服务业"), and task numbers in brackets without doubling them.
The template filters in `core.templatetags.gongzhi` and the exports call these.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongzhi.core.industries import industry_name

# Words are marked for translation here and translated when used (English is available).
COMPARATOR_WORDS = {
    ">=": gettext_noop("不低于"),
    ">": gettext_noop("超过"),
    "=": gettext_noop("达到"),
    "<=": gettext_noop("不高于"),
    "<": gettext_noop("低于"),
}
CHANGE_WORDS = {"decrease_by": gettext_noop("下降"), "increase_by": gettext_noop("提高")}
PERCENT_UNITS = ("%", "％", "百分点", "个百分点")

# JobRun.kind -> what the job does; tests check every registered kind has a label.
JOB_KINDS = {
    "exchange.validate": gettext_noop("数据校验"),
    "plans.parse": gettext_noop("方案解析"),
    "taxrisk.run": gettext_noop("风险分析"),
    "taxrisk.dry_run": gettext_noop("规则试运行"),
    "credit.push_campaign": gettext_noop("政策推送筛选"),
    "credit.push_takeup": gettext_noop("优惠享受情况监测"),
    "core.selfcheck": gettext_noop("系统自检"),
    "supervision.bundle": gettext_noop("生成评估证据包"),
    "economy.report": gettext_noop("生成经济运行分析报告"),
    "economy.cube_warm": gettext_noop("收入数据立方预聚合"),
}
ROLE_EXTRA = {
    "system": gettext_noop("系统"),
    "anonymous": gettext_noop("未登录"),
    "token": gettext_noop("接口令牌"),
}


def number(value) -> str:
    """4.5000 -> "4.5", 90.0 -> "90", None -> ""."""
    if value in (None, ""):
        return ""
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def level_unit(unit: str) -> str:
    """The unit of a level: a target written as a change in 百分点 is a rate measured in %."""
    return "%" if unit in PERCENT_UNITS else unit


def _joined(text: str, unit: str) -> str:
    """A number and its unit; a rate per N (unit "1/10万") reads 7/10万, not 71/10万."""
    return f"{text}{unit[1:]}" if unit.startswith("1/") and text else f"{text}{unit}"


def change_unit(unit: str) -> str:
    """The unit of a difference: percentages change by 个百分点."""
    return "个百分点" if unit in PERCENT_UNITS else unit


def value_words(value, unit: str = "") -> str:
    """A reported value with its unit: 83.3 and % -> "83.3%"; None -> ""."""
    text = number(value)
    return _joined(text, level_unit(unit)) if text else ""


def target_words(comparator: str, value, value_max=None, unit: str = "", per: str = "") -> str:
    """A target in words: (">=", 4.5, 个) -> "不低于4.5个"; ("range", 3, 5, 处) -> "3–5处";
    ("decrease_by", 1, 百分点, per 年) -> "每年下降1个百分点" (without a per: "比基期下降…")."""
    per_text = f"/{per}" if per and per != "年" else ""
    if per and unit and unit.endswith(("/日", "/天") if per == "日" else (f"/{per}",)):
        per, per_text = "", ""  # 万吨/日 per 日 (an older reading): the measure says it already
    if comparator in CHANGE_WORDS:
        lead = _("每年") if per == "年" else _("比基期")
        return f"{lead}{_(CHANGE_WORDS[comparator])}{_joined(number(value), change_unit(unit))}{per_text}"
    amount = _joined(number(value), level_unit(unit))
    if comparator == "range" or (value_max not in (None, "") and comparator not in COMPARATOR_WORDS):
        upper = number(value_max)
        return f"{number(value)}–{_joined(upper, level_unit(unit))}{per_text}" if upper else amount + per_text
    if per == "年":
        per_text = "/年"
    words = COMPARATOR_WORDS.get(comparator)
    return f"{_(words) if words else ''}{amount}{per_text}"


def describe_target(obj) -> str:
    """A Target (plans) or an Indicator (supervision) in words, read by duck typing: an indicator
    of kind "rate" changes each year; a milestone is "按期完成"."""
    if obj is None:
        return ""
    if getattr(obj, "kind", "") == "milestone":
        return _("按期完成")
    if hasattr(obj, "target_value"):  # an Indicator
        value, value_max = obj.target_value, obj.target_value_max
        per = "年" if obj.kind == "rate" else ""
    else:  # a Target
        value, value_max, per = obj.value, obj.value_max, obj.per
    return target_words(obj.comparator, value, value_max, obj.unit_of_measure, per)


def role_label(role: str) -> str:
    from gongzhi.core.roles import Role

    if not role:
        return ""
    try:
        return str(Role(role).label)
    except ValueError:
        return _(ROLE_EXTRA[role]) if role in ROLE_EXTRA else role


def job_kind_label(kind: str) -> str:
    return _(JOB_KINDS[kind]) if kind in JOB_KINDS else kind


def object_type_label(object_type: str) -> str:
    """ "accounts.user" -> "用户" (the model's verbose name); unknown types as they are."""
    from django.apps import apps

    if not object_type:
        return ""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def object_words(object_type: str, object_id: str, object_repr: str) -> str:
    """An audit entry's object for people: "用户 fuer（区妇联）", "疑点 R01 …"; never "accounts.user#1"."""
    kind = object_type_label(object_type)
    name = object_repr.strip()
    if name:
        return f"{kind} {name}".strip()
    if object_id:
        return _("%(kind)s（编号%(id)s）") % {"kind": kind, "id": object_id}
    return kind


def bracketed(text: str) -> str:
    """A task number in full-width brackets once: "（2）" stays, "2" -> "（2）", "" -> ""."""
    text = (text or "").strip()
    if not text:
        return ""
    if text.startswith(("（", "(")) and text.endswith(("）", ")")):
        return text
    return f"（{text}）"


def industry_words(code: str) -> str:
    """ "L72" -> "L72 商务服务业"; an unknown code as it is."""
    code = (code or "").strip()
    name = industry_name(code)
    return f"{code} {name}" if name else code


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_value(text: str, unit: str = "") -> Decimal:
    """A value as people type it: "65%", "65 %", "６５", "1,234.5", "83.3％" -> Decimal.

    Raises ValueError with a Chinese message for anything else. A trailing unit that matches the
    indicator's unit of measure ("5所" for 所) is accepted too.
    """
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not raw:
        raise ValueError(_("请填写数值"))
    cleaned = raw.replace(" ", "")
    for suffix in sorted({"%", "个百分点", "百分点", level_unit(unit), unit} - {""}, key=len, reverse=True):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(_("“%(value)s”不是数字（可填 65、65%%、1,234.5）") % {"value": raw})
    return Decimal(cleaned.replace(",", ""))
