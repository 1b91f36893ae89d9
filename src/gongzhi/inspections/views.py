"""Pages of inspections (督查检查), rectification (整改) and good-practice cases (优秀工作案例).

Thin: form -> access check -> one service from `gongzhi.inspections.services` -> message + redirect.
Who may do what is decided there; a refused action answers 403, a hidden object 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.core import clock
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_flag, get_id, get_page
from gongzhi.core.permissions import require_capability
from gongzhi.inspections import services as inspections
from gongzhi.inspections.choices import RectificationState
from gongzhi.inspections.forms import (
    CASE_FILTERS,
    RECTIFICATION_FILTERS,
    CaseDecisionForm,
    CaseForm,
    FindingForm,
    InspectionForm,
    RectificationRaiseForm,
    RectificationReviewForm,
    RectificationSubmitForm,
    read_files,
)
from gongzhi.inspections.models import Rectification

DEFAULT_RECTIFICATION_DAYS = 30


# --- inspections ----------------------------------------------------------------------------------


@require_GET
def inspection_list(request):
    page = Paginator(inspections.inspection_list(user=request.user), 50).get_page(get_page(request.GET))
    return render(
        request,
        "inspections/list.html",
        {"page": page, "can_record": inspections.inspection_plans(user=request.user).exists()},
    )


@require_http_methods(["GET", "POST"])
def inspection_create(request):
    require_capability(request.user, "supervision.inspect")
    form = InspectionForm(
        request.POST or None,
        request.FILES or None,
        plans=inspections.inspection_plans(user=request.user),
        initial={"plan": get_id(request.GET, "plan")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form=form):
            inspection = inspections.inspection_record(
                actor=request.user,
                plan=data["plan"],
                kind=data["kind"],
                date=data["date"],
                place=data["place"],
                unit=data["unit"],
                summary=data["summary"],
                findings=data["findings"],
                photos=read_files(data["photos"]),
            )
            messages.success(request, f"已记录督查检查（发现问题{len(data['findings'])}条）")
            return redirect("inspections:inspection_detail", pk=inspection.pk)
    return render(request, "inspections/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def inspection_detail(request, pk: int):
    inspection = inspections.inspection_get(user=request.user, pk=pk)
    can_record = inspections.can_inspect(request.user, inspection.plan)
    op = request.POST.get("op") if request.method == "POST" else None
    if op and not can_record:
        raise PermissionDenied("只有该方案的牵头办公室和指定的第三方评估人员可以记录问题和提出整改")
    findings = inspection.findings.prefetch_related(
        Prefetch("rectifications", queryset=Rectification.objects.select_related("unit").order_by("deadline"))
    )
    finding_form = FindingForm(request.POST if op == "finding" else None, prefix="finding")
    raise_form = RectificationRaiseForm(
        request.POST if op == "rectify" else None,
        prefix="rectify",
        findings=inspection.findings.all(),
        initial={
            "finding": get_id(request.GET, "finding"),
            "unit": inspection.unit,
            "deadline": max(clock.today(), inspection.date)
            + datetime.timedelta(days=DEFAULT_RECTIFICATION_DAYS),
        },
    )
    with service_errors(form=finding_form if op == "finding" else raise_form):
        if op == "finding" and finding_form.is_valid():
            inspections.finding_add(
                actor=request.user, inspection=inspection, text=finding_form.cleaned_data["text"]
            )
            messages.success(request, "已添加发现问题")
            return redirect("inspections:inspection_detail", pk=pk)
        if op == "rectify" and raise_form.is_valid():
            inspections.rectification_raise(actor=request.user, **raise_form.cleaned_data)
            messages.success(request, "已提出整改事项")
            return redirect("inspections:inspection_detail", pk=pk)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "findings": [
                {"finding": f, "rectifications": inspections.rectification_rows(f.rectifications.all())}
                for f in findings
            ],
            "photos": inspection.evidence.all(),
            "can_record": can_record,
            "finding_form": finding_form,
            "raise_form": raise_form,
        },
    )


# --- rectification --------------------------------------------------------------------------------


@require_GET
def rectification_list(request):
    state = get_choice(request.GET, "state", RECTIFICATION_FILTERS)
    items = inspections.rectification_list(
        user=request.user, state="" if state == "overdue" else state, overdue=state == "overdue"
    )
    page = Paginator(items, 50).get_page(get_page(request.GET))
    return render(
        request,
        "inspections/rectification_list.html",
        {
            "page": page,
            "rows": inspections.rectification_rows(page.object_list),
            "state": state,
            "filters": RECTIFICATION_FILTERS,
            "overdue_count": inspections.rectification_list(user=request.user, overdue=True).count(),
        },
    )


@require_http_methods(["GET", "POST"])
def rectification_detail(request, pk: int):
    rectification = inspections.rectification_get(user=request.user, pk=pk)
    op = request.POST.get("op") if request.method == "POST" else None
    submit_form = RectificationSubmitForm(
        request.POST if op == "submit" else None, request.FILES if op == "submit" else None
    )
    review_form = RectificationReviewForm(request.POST if op in ("close", "return") else None)
    with service_errors(form=submit_form if op == "submit" else review_form):
        if op == "submit" and submit_form.is_valid():
            inspections.rectification_submit(
                actor=request.user,
                rectification=rectification,
                result=submit_form.cleaned_data["result"],
                files=read_files(submit_form.cleaned_data["files"]),
            )
            messages.success(request, "已报送整改结果，等待牵头办公室销号")
            return redirect("inspections:rectification_detail", pk=pk)
        if op == "close" and review_form.is_valid():
            inspections.rectification_close(
                actor=request.user, rectification=rectification, note=review_form.cleaned_data["comment"]
            )
            messages.success(request, "整改事项已销号")
            return redirect("inspections:rectification_detail", pk=pk)
        if op == "return" and review_form.is_valid():
            inspections.rectification_return(
                actor=request.user, rectification=rectification, comment=review_form.cleaned_data["comment"]
            )
            messages.success(request, "已退回，整改单位须继续整改")
            return redirect("inspections:rectification_detail", pk=pk)
    plan = rectification.finding.inspection.plan
    return render(
        request,
        "inspections/rectification_detail.html",
        {
            "r": rectification,
            "inspection": rectification.finding.inspection,
            "overdue_days": inspections.rectification_overdue_days(rectification),
            "evidence": rectification.evidence.all(),
            "history": inspections.rectification_history(rectification=rectification),
            "can_submit": rectification.state == RectificationState.OPEN
            and inspections.can_submit_result(request.user, rectification),
            "can_review": rectification.state == RectificationState.SUBMITTED
            and inspections.can_manage(request.user, plan),
            "submit_form": submit_form,
            "review_form": review_form,
        },
    )


# --- good-practice cases --------------------------------------------------------------------------


@require_GET
def case_list(request):
    state = get_choice(request.GET, "state", CASE_FILTERS)
    mine = get_flag(request.GET, "mine")
    page = Paginator(inspections.case_list(user=request.user, state=state, mine=mine), 50).get_page(
        get_page(request.GET)
    )
    return render(
        request,
        "inspections/cases/list.html",
        {
            "page": page,
            "state": state,
            "mine": mine,
            "filters": CASE_FILTERS,
            "can_submit": inspections.can_submit_case(request.user),
            "view_all": request.user.has_capability("supervision.view_all"),
        },
    )


@require_http_methods(["GET", "POST"])
def case_create(request):
    if request.user.unit_id is None:
        raise PermissionDenied("您的账号没有所属单位，不能报送工作案例")
    if not inspections.can_submit_case(request.user):
        raise PermissionDenied("只有单位联络员和牵头办公室可以报送工作案例")
    form = CaseForm(
        request.POST or None, request.FILES or None, plans=inspections.case_plans(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["attachment"]
        with service_errors(form=form):
            case = inspections.case_submit(
                actor=request.user,
                plan=data["plan"],
                title=data["title"],
                body=data["body"],
                attachment=(upload.name, upload.read()) if upload else None,
            )
            messages.success(request, "已报送工作案例，等待牵头办公室遴选")
            return redirect("inspections:case_detail", pk=case.pk)
    return render(request, "inspections/cases/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def case_detail(request, pk: int):
    case = inspections.case_get(user=request.user, pk=pk)
    op = request.POST.get("op") if request.method == "POST" else None
    form = CaseDecisionForm(request.POST if op else None)
    with service_errors(form=form):
        if op in ("select", "decline") and form.is_valid():
            inspections.case_decide(
                actor=request.user, case=case, select=op == "select", note=form.cleaned_data["note"]
            )
            messages.success(request, "案例已入选" if op == "select" else "案例未入选")
            return redirect("inspections:case_detail", pk=pk)
        if op == "publish":
            inspections.case_publish(actor=request.user, case=case)
            messages.success(request, "案例已公开")
            return redirect("inspections:case_detail", pk=pk)
    return render(
        request,
        "inspections/cases/detail.html",
        {
            "case": case,
            "is_office": inspections.can_manage(request.user, case.plan),
            "attachments": inspections.case_attachments(user=request.user, case=case),
            "form": form,
        },
    )


@login_not_required
@require_GET
def public_cases(request):
    """公开页面：已公开的优秀工作案例，只有标题、单位、日期和正文。"""
    page = Paginator(inspections.case_public_list(), 20).get_page(get_page(request.GET))
    return render(request, "inspections/cases/public.html", {"page": page})
