"""数据截至月份: the month the economy pages analyse by default. Analysts choose it (e.g. the last
month whose data are complete); unset, it is the latest month with paid data. The revenue,
structure, burden, forecast and report pages default to it; an explicit month still wins.
economy.manage sets or clears it (audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.economy import cube
from gongzhi.economy.models import AnalysisSetting
from gongzhi.economy.periods import SeriesError, parse_period

MANAGE = "economy.manage"


def analysis_setting() -> AnalysisSetting | None:
    """The single settings row (None until someone sets the month)."""
    return AnalysisSetting.objects.order_by("pk").first()


def chosen_month() -> str:
    """The month set by an analyst ("" when none: the latest month with data applies)."""
    setting = analysis_setting()
    return setting.data_end if setting else ""


def analysis_month(*, user, purpose: str = "收入分析") -> str | None:
    """The month a page analyses by default: the chosen month, else the last paid month (None when
    nothing has been paid)."""
    require_capability(user, cube.VIEW)
    return chosen_month() or cube.latest_period(user=user, purpose=purpose)


def _check(period: str) -> str:
    try:
        year, month = parse_period(period)
    except SeriesError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("数据截至月份应为YYYY-MM格式")) from exc
    today = clock.today()
    if (year, month) > (today.year, today.month):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("数据截至月份不能晚于本月"))
    if year < 2000:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("数据截至月份不能早于2000年"))
    return period


@transaction.atomic
def analysis_month_save(*, actor, period: str | None, note: str = "") -> AnalysisSetting:
    """设置（或清除：period 为空）数据截至月份。"""
    require_capability(actor, MANAGE)
    period = (period or "").strip()
    if period:
        _check(period)
    setting = AnalysisSetting.objects.select_for_update().order_by("pk").first() or AnalysisSetting()
    before = setting.data_end
    setting.data_end, setting.note, setting.updated_by = period, note.strip(), user_or_none(actor)
    setting.full_clean()
    setting.save()
    audit_record(
        actor=actor,
        action=AuditAction.ECONOMY_ANALYSIS_MONTH_SET,
        target=setting,
        detail={"before": before, "after": period, "note": setting.note},
    )
    return setting
