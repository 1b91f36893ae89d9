"""Query parameters read safely: a malformed value is the Chinese 400 page, never a server error.

Views read `request.GET` through these helpers only:

    page = get_page(request.GET)
    as_of = get_date(request.GET, "as_of")                 # None when absent or empty
    minimum = get_decimal(request.GET, "min")
    status = get_choice(request.GET, "status", LeadStatus)
    q = get_str(request.GET, "q")

An absent or empty parameter gives the default; anything else that is not a valid value raises
`BadParameter` (Django's `BadRequest`), which `gongzhi.core.views.error_400` renders with its
message. Bounds are part of validity: dates outside `DATE_MIN`..`DATE_MAX`, numbers that are not
finite or do not fit the column, page numbers below 1 or absurdly large.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

from gongzhi.core.money import parse_amount

MAX_LENGTH = 200
MAX_PAGE = 100_000
DATE_MIN = datetime.date(2000, 1, 1)
DATE_MAX = datetime.date(2099, 12, 31)


class BadParameter(BadRequest):
    """A query parameter that is not a valid value: its message is shown on the 400 page."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(_("查询参数“%(name)s”有误：%(reason)s") % {"name": name, "reason": reason})


def _raw(params, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if len(value) > MAX_LENGTH:
        raise BadParameter(name, _("过长（不超过%(n)d个字符）") % {"n": MAX_LENGTH})
    if "\x00" in value:
        raise BadParameter(name, _("含有不允许的字符"))
    value = value.strip()
    return value or None


def get_str(params, name: str, default: str = "") -> str:
    """A free-text parameter (search words, codes), stripped; at most `MAX_LENGTH` characters."""
    value = _raw(params, name)
    return default if value is None else value


def get_choice(params, name: str, choices, default: str = "") -> str:
    """One of `choices` (a TextChoices class, a list of pairs or a dict keyed by value)."""
    value = _raw(params, name)
    if value is None:
        return default
    allowed = {str(k) for k in (choices.values if isinstance(choices, type) else dict(choices))}
    if value not in allowed:
        raise BadParameter(name, _("不是可选的值"))
    return value


def get_int(
    params, name: str, default: int | None = None, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """A whole number written in plain digits (no exponent, no decimals), within the bounds."""
    value = _raw(params, name)
    if value is None:
        return default
    digits = value[1:] if value[:1] in "+-" else value
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise BadParameter(name, _("应为整数"))
    number = int(value)
    if minimum is not None and number < minimum:
        raise BadParameter(name, _("不能小于%(n)d") % {"n": minimum})
    if maximum is not None and number > maximum:
        raise BadParameter(name, _("不能大于%(n)d") % {"n": maximum})
    return number


def get_page(params, name: str = "page") -> int:
    """A page number: 1 when absent; a positive whole number up to `MAX_PAGE` (beyond the last
    page the paginator shows the last one)."""
    return get_int(params, name, 1, minimum=1, maximum=MAX_PAGE)


def get_id(params, name: str) -> int | None:
    """A database id: a positive whole number, or None when absent."""
    return get_int(params, name, None, minimum=1, maximum=2**63 - 1)


def get_decimal(
    params, name: str, default: Decimal | None = None, *, max_digits: int = 18, decimal_places: int = 2
) -> Decimal | None:
    """A finite decimal that fits a `DecimalField(max_digits, decimal_places)`."""
    value = _raw(params, name)
    if value is None:
        return default
    try:
        number = parse_amount(value)
    except ValueError:
        raise BadParameter(name, _("应为数字")) from None
    if abs(number) >= Decimal(10) ** (max_digits - decimal_places):
        raise BadParameter(name, _("数值过大"))
    return number.quantize(Decimal(1).scaleb(-decimal_places))


def get_date(
    params,
    name: str,
    default: datetime.date | None = None,
    *,
    minimum: datetime.date = DATE_MIN,
    maximum: datetime.date = DATE_MAX,
) -> datetime.date | None:
    """A calendar date written YYYY-MM-DD, between `minimum` and `maximum`."""
    value = _raw(params, name)
    if value is None:
        return default
    return parse_date(value, name, minimum=minimum, maximum=maximum)


def parse_date(
    value: str, name: str, *, minimum: datetime.date = DATE_MIN, maximum: datetime.date = DATE_MAX
) -> datetime.date:
    """`value` as a date written YYYY-MM-DD between the bounds, else `BadParameter` (for commands
    too: they turn its `reason` into a `CommandError`)."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or len(value) != 10:
        raise BadParameter(name, _("日期无效，应为 YYYY-MM-DD（如 2025-06-30）"))
    if not minimum <= day <= maximum:
        raise BadParameter(
            name,
            _("日期应在%(start)s至%(end)s之间") % {"start": minimum.isoformat(), "end": maximum.isoformat()},
        )
    return day


def get_flag(params, name: str) -> bool:
    """A check box: "1" is on; absent or empty is off; anything else is malformed."""
    return get_choice(params, name, {"1": "", "0": ""}, "0") == "1"
