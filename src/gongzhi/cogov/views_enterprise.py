"""Pages of enterprise requests (企业诉求, logged in): thin — form, access check, one service."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.cogov import selectors_enterprise as selectors
from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.choices_enterprise import LIST_FILTERS, RequestKind
from gongzhi.cogov.forms_enterprise import (
    AnswerForm,
    CloseForm,
    RateForm,
    RequestForm,
    RouteForm,
    add_service_error,
    routable_units,
)
from gongzhi.core import clock
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_int
from gongzhi.core.permissions import has_capability, require_capability


@require_GET
def enterprise_list(request):
    user = request.user
    require_capability(user, "cogov.enterprise_view")
    today = clock.today()
    status = get_choice(request.GET, "status", LIST_FILTERS, "")
    kind = get_choice(request.GET, "kind", RequestKind, "")
    unit_id = get_int(request.GET, "unit", None, minimum=1)
    closed_year = get_int(request.GET, "closed_year", None, minimum=2000, maximum=2099)
    rows = list(
        selectors.request_list(
            user=user, status=status, kind=kind, unit_id=unit_id, closed_year=closed_year, today=today
        )[:300]
    )
    for r in rows:
        r.contact = selectors.masked_contact(r)
        r.lead = selectors.lead_part(r)
        r.overdue_days = r.days_over(today)
    due = selectors.due_for(user=user, today=today)
    for d in due:
        d["over"] = -d["days_left"] if d["days_left"] is not None and d["days_left"] < 0 else 0
    return render(
        request,
        "cogov/enterprise/list.html",
        {
            "requests": rows,
            "status": status,
            "kind": kind,
            "unit_id": unit_id,
            "closed_year": closed_year,
            "status_label": dict(LIST_FILTERS).get(status, ""),
            "filters": LIST_FILTERS,
            "kinds": RequestKind.choices,
            "units": routable_units() if has_capability(user, "cogov.enterprise_view_all") else [],
            "due": due,
            "can_enter": has_capability(user, "cogov.enterprise_enter"),
            "can_stats": has_capability(user, "cogov.enterprise_stats"),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def enterprise_create(request):
    require_capability(request.user, "cogov.enterprise_enter")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(handle=lambda exc: add_service_error(form, exc)):
            created = services.request_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("已登记，受理编号 %(n)s") % {"n": created.receipt_no})
            return redirect("cogov:enterprise_detail", created.pk)
    return render(
        request,
        "cogov/enterprise/create.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, r, status: int = 200, **forms):
    user = request.user
    today = clock.today()
    context = {
        "r": r,
        "parts": list(r.units.all()),
        "contact": selectors.contact_for(user=user, request=r),
        "own_part": selectors.own_part(user, r),
        "overdue_days": r.days_over(today),
        "today": today,
    }
    if selectors.can_route(user, r):
        lead = selectors.lead_part(r)
        context["route_form"] = forms.get("route_form") or RouteForm(
            initial={
                "lead_unit": lead.unit_id if lead else None,
                "co_units": [p.unit_id for p in r.units.all() if p.role == "co"],
                "deadline": r.deadline,
            }
        )
    if selectors.can_answer(user, r):
        part = context["own_part"]
        context["answer_form"] = forms.get("answer_form") or AnswerForm(initial={"answer": part.answer})
    if selectors.can_close(user, r):
        context["close_form"] = forms.get("close_form") or CloseForm()
    if selectors.can_rate(user, r):
        context["rate_form"] = forms.get("rate_form") or RateForm()
    return render(request, "cogov/enterprise/detail.html", context, status=status)


@require_GET
def enterprise_detail(request, pk: int):
    r = selectors.request_get(user=request.user, pk=pk)
    return _detail(request, r)


def _act(request, pk: int, form_class, form_name: str, act, done: str):
    r = selectors.request_get(user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        with service_errors(handle=lambda exc: add_service_error(form, exc)):
            act(r, form.cleaned_data)
            messages.success(request, done)
            return redirect("cogov:enterprise_detail", r.pk)
    r = selectors.request_get(user=request.user, pk=pk)
    return _detail(request, r, status=400, **{form_name: form})


@require_POST
def enterprise_route(request, pk: int):
    require_capability(request.user, "cogov.enterprise_route")

    def act(r, data):
        services.request_route(actor=request.user, request=r, **data)

    return _act(request, pk, RouteForm, "route_form", act, _("已分办"))


@require_POST
def enterprise_answer(request, pk: int):
    require_capability(request.user, "cogov.enterprise_answer")

    def act(r, data):
        services.request_answer(actor=request.user, request=r, answer=data["answer"])

    return _act(request, pk, AnswerForm, "answer_form", act, _("已答复"))


@require_POST
def enterprise_close(request, pk: int):
    require_capability(request.user, "cogov.enterprise_answer")

    def act(r, data):
        services.request_close(actor=request.user, request=r, reply=data["reply"])

    return _act(request, pk, CloseForm, "close_form", act, _("已办结"))


@require_POST
def enterprise_rate(request, pk: int):
    require_capability(request.user, "cogov.enterprise_route")

    def act(r, data):
        services.request_rate(actor=request.user, request=r, **data)

    return _act(request, pk, RateForm, "rate_form", act, _("已记录满意度"))


@require_GET
def enterprise_stats(request):
    user = request.user
    require_capability(user, "cogov.enterprise_stats")
    today = clock.today()
    years = selectors.years(user=user)
    year = get_int(request.GET, "year", None, minimum=2000, maximum=datetime.MAXYEAR)
    counts = selectors.stats(user=user, year=year, today=today)
    return render(
        request,
        "cogov/enterprise/stats.html",
        {"counts": counts, "year": year, "years": years, "today": today},
    )
