"""Template filters for what users read: 2025年6月30日, 1.23万元, masked values."""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from gongzhi.core import labels
from gongzhi.core.money import format_amount
from gongzhi.core.periods import date_words, period_range_words, period_words

register = template.Library()


@register.filter
def cn_date(value) -> str:
    """A date, a datetime or an ISO date text (a parse result's) as 2025年6月30日; other text as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_words(value)


@register.filter
def cn_datetime(value) -> str:
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"


@register.filter
def wan_yuan(value) -> str:
    if value in (None, ""):
        return ""
    return f"{Decimal(value) / Decimal(10000):,.2f}万元"


@register.filter
def money(value) -> str:
    """1616772.74 -> 1,616,772.74 (元, two places, half up); None -> empty (`core.money`)."""
    return format_amount(value)


@register.filter
def has_cap(user, capability: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_capability(capability))


@register.filter
def num(value) -> str:
    """4.5000 -> 4.5; 90.0 -> 90; None -> empty."""
    if value in (None, ""):
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


@register.filter
def data_cell(value) -> str:
    """A shared-data cell: decimals with thousands separators and without padding zeros past two
    places (9279.0000 -> 9,279.00, 0.1250 -> 0.125); None -> empty; anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        return format(
            value.quantize(Decimal(1).scaleb(min(-2, exponent if isinstance(exponent, int) else -2))), ",f"
        )
    return value


@register.filter
def audit_label(action: str) -> str:
    from gongzhi.core.audit import AuditAction

    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }} for dicts keyed by a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


# --- codes in words: one home each, in gongzhi.core.labels -----------------------------------


@register.filter
def target_words(obj) -> str:
    """A Target or an Indicator in words: "不低于4.5个", "3–5处", "每年下降1个百分点"."""
    return labels.describe_target(obj)


@register.filter
def level_unit(unit: str) -> str:
    return labels.level_unit(unit or "")


@register.filter
def value_words(value, unit: str = "") -> str:
    """83.3 and % -> "83.3%"; 5 and 所 -> "5所"."""
    return labels.value_words(value, unit or "")


@register.filter
def role_label(role: str) -> str:
    return labels.role_label(role)


@register.filter
def job_kind(kind: str) -> str:
    return labels.job_kind_label(kind)


@register.filter
def audit_object(entry) -> str:
    """An audit entry's object: "用户 fuer（区妇联）", never "accounts.user#1"."""
    return labels.object_words(entry.object_type, entry.object_id, entry.object_repr)


@register.filter
def object_type_label(object_type: str) -> str:
    return labels.object_type_label(object_type)


@register.filter
def bracketed(text: str) -> str:
    """A task number in brackets once: "（2）" stays "（2）"."""
    return labels.bracketed(text)


@register.filter
def industry(code: str) -> str:
    """ "L72" -> "L72 商务服务业"."""
    return labels.industry_words(code)


_NO_LAST = object()


@register.filter
def cn_period(value, last=_NO_LAST) -> str:
    """2026-10 -> 2026年10月, 2026-Q3 -> 2026年第3季度, 2026 -> 2026年, 2023-01..2025-12 ->
    2023年1月至2025年12月; ``{{ first|cn_period:last }}`` names a range (2023年1月至2025年12月,
    2023年1月起, 至2025年12月). `core.periods.period_words`."""
    if last is _NO_LAST:
        return period_words(value)
    return period_range_words(value, last)
