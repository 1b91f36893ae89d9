"""收入预测 page: the next 12 months of total revenue or one tax type, with the backtest errors of
the chosen method beside the baselines', and the marks (economy.manage adds and removes them).
Checks are in economy.forecast_services; the view only calls it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.core.http import service_errors
from gongzhi.core.params import BadParameter, get_int, get_str
from gongzhi.core.permissions import has_capability
from gongzhi.economy import forecast_services as services
from gongzhi.economy.forecast import METHOD_LABELS, METHODS
from gongzhi.economy.models import MarkKind
from gongzhi.economy.periods import SeriesError, parse_period


def _points(result) -> list[dict]:
    if result is None:
        return []
    return [{"period": p.period, "value": p.value, "lower": p.lower, "upper": p.upper} for p in result.points]


@require_GET
def forecast_page(request):
    tax_type = get_str(request.GET, "tax_type") or ""
    period = get_str(request.GET, "period") or None  # 数据截至: else the analysis month
    if period:
        try:
            parse_period(period)
        except SeriesError as exc:
            raise BadParameter("period", _("应为YYYY-MM格式的月份")) from exc
    sf = services.series_forecast(user=request.user, tax_type=tax_type, period=period)
    result = sf.result
    scores = []
    if result is not None:
        for name in METHODS:
            score = result.scores.get(name)
            if score is not None:
                scores.append(
                    {
                        "name": name,
                        "label": METHOD_LABELS[name],
                        "mape": score.mape,
                        "mase": score.mase,
                        "chosen": name == result.method,
                    }
                )
    chart = {
        "history": {"periods": sf.periods[-36:], "values": sf.values[-36:]},
        "forecast": _points(result),
        "without_marks": _points(sf.without_marks),
    }
    return render(
        request,
        "economy/forecast.html",
        {
            "tax_type": tax_type,
            "period": period or "",
            "tax_types": services.tax_types(user=request.user),
            "sf": sf,
            "result": result,
            "method_label": METHOD_LABELS.get(result.method, "") if result else "",
            "scores": scores,
            "chart": chart,
            "may_manage": has_capability(request.user, services.MANAGE),
            "mark_kinds": MarkKind.choices,
        },
    )


def _back(tax_type: str) -> HttpResponseRedirect:
    url = reverse("economy:forecast")
    return HttpResponseRedirect(f"{url}?{urlencode({'tax_type': tax_type})}" if tax_type else url)


@require_POST
def mark_add(request):
    tax_type = get_str(request.POST, "tax_type") or ""
    with service_errors(request):
        services.mark_add(
            actor=request.user,
            tax_type=tax_type,
            period=get_str(request.POST, "period") or "",
            kind=get_str(request.POST, "kind") or "",
            note=get_str(request.POST, "note") or "",
        )
        messages.success(request, "已添加标注")
    return _back(tax_type)


@require_POST
def mark_remove(request):
    tax_type = get_str(request.POST, "tax_type") or ""
    with service_errors(request):
        services.mark_remove(actor=request.user, mark_id=get_int(request.POST, "mark") or 0)
        messages.success(request, "已删除标注")
    return _back(tax_type)
