"""Pages of the revenue cube: 收入分析 (month beside year-to-date, YoY/MoM, plan completion),
税源结构, the taxpayers behind a figure (drill-down) and 行业税负.

economy.view reads the aggregates; economy.view_taxpayers the taxpayers behind them;
economy.manage enters the yearly plan. The checks are in the selectors and services
(cube, structure, burden, revenue_services); the views only call them."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.core.http import service_errors
from gongzhi.core.params import BadParameter, get_choice, get_int, get_str
from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.economy import burden as burden_selectors
from gongzhi.economy import cube
from gongzhi.economy import structure as structure_selectors
from gongzhi.economy.analysis_month import analysis_month, analysis_month_save, analysis_setting, chosen_month
from gongzhi.economy.models import TOTAL, RevenuePlan
from gongzhi.economy.periods import SeriesError, parse_period
from gongzhi.economy.revenue_services import plan_progress, revenue_plan_save

BY_CHOICES = [(by, cube.DIMENSIONS[by]) for by in cube.PAGE_DIMENSIONS]


class RevenuePlanForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("预算收入（元）"), max_digits=18, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class AnalysisMonthForm(forms.Form):
    data_end = forms.RegexField(
        label=_("数据截至月份"),
        regex=r"^\d{4}-\d{2}$",
        required=False,
        error_messages={"invalid": _("数据截至月份应为YYYY-MM格式")},
    )
    note = forms.CharField(
        label=_("说明"), max_length=500, required=False, error_messages={"max_length": _("说明不超过500字")}
    )


def _period(request, name: str = "period") -> str | None:
    """The month asked for (YYYY-MM), else the analysis month (数据截至月份, else the last paid
    month; None: nothing paid yet)."""
    text = get_str(request.GET, name)
    if not text:
        return analysis_month(user=request.user)
    try:
        parse_period(text)
    except SeriesError as exc:
        raise BadParameter(name, _("应为YYYY-MM格式的月份")) from exc
    return text


def _f(value) -> float | None:
    return None if value is None else float(value)


@require_GET
def revenue(request):
    require_capability(request.user, cube.VIEW)
    by = get_choice(request.GET, "by", dict(BY_CHOICES), default="tax_type")
    period = _period(request)
    context = {
        "by": by,
        "by_label": cube.DIMENSIONS[by],
        "by_choices": BY_CHOICES,
        "period": period,
        "view": None,
        "may_manage": has_capability(request.user, "economy.manage"),
        "setting": analysis_setting(),
        "month_form": AnalysisMonthForm(initial={"data_end": chosen_month()}),
    }
    if period:
        view = cube.revenue_view(user=request.user, by=by, period=period)
        progress = plan_progress(period=period, actual_ytd=view.total.ytd)
        year = int(period[:4])
        this = [m for m in view.months if m.startswith(str(year))]
        last = [m for m in view.months if m.startswith(str(year - 1))]
        context.update(
            view=view,
            progress=progress,
            plans=RevenuePlan.objects.filter(tax_type=TOTAL).order_by("-year")[:5],
            form=RevenuePlanForm(
                initial={"year": year, "amount": progress.plan.amount if progress.plan else None}
            ),
            chart={
                "labels": [f"{int(m[5:])}月" for m in last],
                "this_year": [_f(view.monthly[m]) for m in this],
                "last_year": [_f(view.monthly[m]) for m in last],
                "ytd_this": [_f(view.ytd[m]) for m in this],
                "ytd_last": [_f(view.ytd[m]) for m in last],
                "year": year,
                "keys": [r.label for r in view.rows[:12]],
                "key_ytd": [_f(r.ytd) for r in view.rows[:12]],
            },
        )
    return render(request, "economy/revenue.html", context)


@require_POST
def plan_save(request):
    require_capability(request.user, "economy.manage")
    form = RevenuePlanForm(request.POST)
    back = reverse("economy:revenue")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return HttpResponseRedirect(back)
    with service_errors(request):
        plan = revenue_plan_save(
            actor=request.user,
            year=form.cleaned_data["year"],
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"已保存{plan.year}年预算收入计划")
    return HttpResponseRedirect(back)


@require_POST
def analysis_month_set(request):
    """设置或清除数据截至月份（economy.manage，留痕）。"""
    require_capability(request.user, "economy.manage")
    form = AnalysisMonthForm(request.POST)
    back = reverse("economy:revenue")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return HttpResponseRedirect(back)
    with service_errors(request):
        setting = analysis_month_save(
            actor=request.user, period=form.cleaned_data["data_end"], note=form.cleaned_data["note"]
        )
        if setting.data_end:
            messages.success(
                request, f"已设置数据截至{int(setting.data_end[:4])}年{int(setting.data_end[5:])}月"
            )
        else:
            messages.success(request, "已清除数据截至月份，按最新入库月份分析")
    return HttpResponseRedirect(back)


@require_GET
def structure(request):
    require_capability(request.user, cube.VIEW)
    period = _period(request)
    result = structure_selectors.structure(user=request.user, period=period) if period else None
    chart = None
    if result is not None:
        chart = {
            "industries": [{"name": p.label, "value": _f(p.amount)} for p in result.industries if p.amount],
            "towns": {
                "names": [p.label for p in result.towns],
                "values": [_f(p.amount) for p in result.towns],
            },
        }
    return render(
        request,
        "economy/structure.html",
        {
            "period": period,
            "s": result,
            "chart": chart,
            "may_drill": has_capability(request.user, cube.VIEW_TAXPAYERS),
        },
    )


@require_GET
def taxpayers(request):
    require_capability(request.user, cube.VIEW_TAXPAYERS)
    period = _period(request)
    subset = get_choice(request.GET, "subset", structure_selectors.SUBSETS, default="top10")
    value = get_str(request.GET, "value")
    rows = (
        structure_selectors.drill(user=request.user, period=period, subset=subset, value=value)
        if period
        else []
    )
    title = structure_selectors.SUBSETS[subset]
    if subset in ("industry", "town"):
        title = f"{cube.key_label(subset, value)} · {title}"
    return render(
        request,
        "economy/taxpayers.html",
        {
            "period": period,
            "rows": rows,
            "title": title,
            "subset": subset,
            "limit": structure_selectors.DRILL_LIMIT,
        },
    )


@require_GET
def burden(request):
    require_capability(request.user, cube.VIEW)
    latest = burden_selectors.latest_year(user=request.user)
    if latest and (chosen := chosen_month()):
        latest = min(latest, int(chosen[:4]))  # not a year after the analysis month's
    year = get_int(request.GET, "year", default=latest, minimum=2000, maximum=2100) if latest else None
    result = burden_selectors.burden(user=request.user, year=year) if year else None
    chart = None
    if result is not None:
        rows = [i for i in result.industries if i.year(result.year)]
        chart = {
            "names": [i.label for i in rows],
            "burden": [_f(i.year(result.year)["burden"]) for i in rows],
            "q1": [i.year(result.year)["q1"] for i in rows],
            "median": [i.year(result.year)["median"] for i in rows],
            "q3": [i.year(result.year)["q3"] for i in rows],
        }
    return render(
        request,
        "economy/burden.html",
        {
            "b": result,
            "year": year,
            "chart": chart,
            "may_drill": has_capability(request.user, cube.VIEW_TAXPAYERS),
        },
    )
