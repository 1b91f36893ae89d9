"""Template filters for what users read: 2025年6月30日, 1.23万元, masked values."""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def cn_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"


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
    """1616772.74 -> 1,616,772.74 (元, two places); None -> empty."""
    if value in (None, ""):
        return ""
    return f"{Decimal(str(value)):,.2f}"


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
    """A shared-data cell: decimals without padding zeros past two places (9279.0000 -> 9279.00,
    0.1250 -> 0.125); None -> empty; anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        return format(
            value.quantize(Decimal(1).scaleb(min(-2, exponent if isinstance(exponent, int) else -2))), "f"
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
