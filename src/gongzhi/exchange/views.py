import datetime
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.files import open_then_remove, remove_temporary, temporary_directory
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_date, get_id, get_page, get_str
from gongzhi.core.periods import shift_month
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.exchange import selectors, services, warehouse
from gongzhi.exchange.forms import CatalogUploadForm, GrantRequestForm, SubmissionForm
from gongzhi.exchange.models import AccessGrant


@require_GET
def catalog(request):
    return render(
        request,
        "exchange/catalog.html",
        {
            "datasets": selectors.dataset_list(),
            "upload_form": CatalogUploadForm(),
            "can_manage": request.user.has_capability("exchange.manage_catalog"),
        },
    )


@require_POST
def catalog_upload(request):
    require_capability(request.user, "exchange.manage_catalog")
    form = CatalogUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择需求清单文件")
        return redirect("exchange:catalog")
    upload = form.cleaned_data["file"]
    try:
        counts = services.catalog_load(actor=request.user, data=upload.read(), filename=upload.name)
    except ApplicationError as exc:
        for error in exc.extra.get("errors", [])[:20]:
            messages.error(request, str(error))
        messages.error(request, f"导入失败，未保存任何内容。{exc.message}")
    else:
        messages.success(
            request,
            f"需求清单已导入：新增{counts['created']}项，新版本{counts['new_versions']}项，"
            f"未变{counts['unchanged']}项",
        )
    return redirect("exchange:catalog")


@require_GET
def catalog_export(request, fmt: str):
    if fmt == "yaml":
        response = HttpResponse(
            services.catalog_export_yaml(), content_type="application/yaml; charset=utf-8"
        )
        response["Content-Disposition"] = (
            "attachment; filename*=UTF-8''%E9%9C%80%E6%B1%82%E6%B8%85%E5%8D%95.yaml"
        )
        return response
    if fmt != "xlsx":
        raise Http404("格式不支持")
    from gongzhi.exchange.catalog_xlsx import write_catalog_xlsx

    path = temporary_directory("catalog") / "catalog.xlsx"
    try:
        write_catalog_xlsx(services.catalog_entries_for_export(), path)
        return FileResponse(open_then_remove(path), as_attachment=True, filename="需求清单.xlsx")
    finally:
        remove_temporary(path)


@require_GET
def dataset_detail(request, code: str):
    dataset = selectors.dataset_get(code=code)
    user = request.user
    spec = dataset.current_version.to_spec() if dataset.current_version else None
    provider = dataset.provider_units.filter(pk=user.unit_id).exists()
    return render(
        request,
        "exchange/dataset_detail.html",
        {
            "dataset": dataset,
            "spec": spec,
            "versions": dataset.versions.all(),
            "can_submit": user.unit is not None and services.can_submit(user, dataset, user.unit),
            "provider": provider,
            "grant": warehouse.active_grant(user=user, dataset=dataset),
            "submissions": selectors.submission_list(user=user, dataset=dataset)[:20],
            "submit_form": SubmissionForm(),
            "grant_form": GrantRequestForm(initial={"valid_from": clock.today()}),
            "can_request": user.has_capability("exchange.request_grant") and not provider,
        },
    )


@require_GET
def dataset_template(request, code: str):
    """The fill-in template (.xlsx) of the dataset's current version: what a provider fills and uploads."""
    from gongzhi.exchange.templates_xlsx import write_template_xlsx

    dataset = selectors.dataset_get(code=code)
    version = dataset.current_version
    if version is None:
        raise Http404("该数据项还没有字段规范")
    path = temporary_directory("template") / "template.xlsx"
    try:
        write_template_xlsx(version.to_spec(), path, version=version.version)
        return FileResponse(
            open_then_remove(path),
            as_attachment=True,
            filename=f"{dataset.name}填报模板v{version.version}.xlsx",
        )
    finally:
        remove_temporary(path)


@require_POST
def submission_upload(request, code: str):
    dataset = selectors.dataset_get(code=code)
    form = SubmissionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请填写报送期间并选择文件")
        return redirect("exchange:dataset_detail", code=code)
    upload = form.cleaned_data["file"]
    # Large uploads are already on disk (Django's temporary file); small ones are written out here.
    if hasattr(upload, "temporary_file_path"):
        source = Path(upload.temporary_file_path())
        move = False
    else:
        source = temporary_directory("upload") / "upload"
        with source.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        move = True
    try:
        with service_errors(request):
            submission = services.submission_create(
                actor=request.user,
                dataset=dataset,
                unit=request.user.unit,
                period=form.cleaned_data["period"],
                source_path=source,
                filename=upload.name,
                move=move,
                via="网页上传",
            )
            return redirect("exchange:submission_detail", pk=submission.pk)
        return redirect("exchange:dataset_detail", code=code)
    finally:
        if move:  # moved into the data directory when accepted; refused, it goes now
            remove_temporary(source)


@require_GET
def submission_list(request):
    page = Paginator(selectors.submission_list(user=request.user), 50).get_page(get_page(request.GET))
    return render(request, "exchange/submission_list.html", {"page": page})


@require_GET
def submission_detail(request, pk: int):
    submission = selectors.submission_get(user=request.user, pk=pk)
    return render(
        request,
        "exchange/submission_detail.html",
        {
            "submission": submission,
            "errors": submission.errors[:200],
            "own": submission.unit_id == request.user.unit_id,
        },
    )


@require_GET
def submission_report(request, pk: int):
    submission = selectors.submission_get(user=request.user, pk=pk)
    if not submission.report_path or not Path(submission.report_path).exists():
        raise Http404("该报送没有错误报告")
    return FileResponse(
        open(submission.report_path, "rb"), as_attachment=True, filename=f"报送{submission.pk}错误报告.xlsx"
    )


@require_GET
def dataset_rows(request, code: str):
    dataset = selectors.dataset_get(code=code)
    page = get_page(request.GET)
    search = get_str(request.GET, "q")
    rows = selectors.shared_rows(
        user=request.user,
        dataset=dataset,
        purpose=get_str(request.GET, "purpose"),
        search=search,
        limit=100,
        offset=(page - 1) * 100,
    )
    return render(
        request,
        "exchange/dataset_rows.html",
        {
            "dataset": dataset,
            "data": rows,
            "page": page,
            "q": search,
            "has_next": rows.total > page * 100,
        },
    )


@require_POST
def grant_request(request, code: str):
    dataset = selectors.dataset_get(code=code)
    form = GrantRequestForm(request.POST)
    if form.is_valid():
        with service_errors(request):
            services.grant_request(actor=request.user, dataset=dataset, **form.cleaned_data)
            messages.success(request, "已提交使用申请，待共治办审批")
    else:
        messages.error(request, "请完整填写用途、依据和期限")
    return redirect("exchange:dataset_detail", code=code)


@require_GET
def grant_list(request):
    return render(
        request,
        "exchange/grant_list.html",
        {
            "grants": selectors.grant_list(user=request.user),
            "can_decide": request.user.has_capability("exchange.decide_grants"),
        },
    )


@require_POST
def grant_decide(request, pk: int):
    require_capability(request.user, "exchange.decide_grants")
    grant = access_or_404(AccessGrant.objects.all(), pk)
    try:
        if request.POST.get("op") == "revoke":
            services.grant_revoke(actor=request.user, grant=grant, note=request.POST.get("note", ""))
        else:
            services.grant_decide(
                actor=request.user,
                grant=grant,
                approve=request.POST.get("op") == "approve",
                note=request.POST.get("note", ""),
            )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("exchange:grant_list")


def _quality_window(request) -> tuple[datetime.date, datetime.date, datetime.date]:
    """(start, end, today) of the quality page: the periods ending in the last six months (from
    the first day of the month six months ago to today) unless ?from= and ?to= say otherwise."""
    today = clock.today()
    year, month = shift_month(today.year, today.month, -6)
    start = get_date(request.GET, "from", datetime.date(year, month, 1))
    end = get_date(request.GET, "to", today)
    return (end, start, today) if start > end else (start, end, today)


def _quality_unit(request):
    from gongzhi.org.models import Unit

    unit_id = get_id(request.GET, "unit")
    return Unit.objects.filter(pk=unit_id).first() if unit_id else None


def _quality_leads(*, start: datetime.date, end: datetime.date, today: datetime.date, unit) -> dict:
    """Unit -> the notice lines the apps above exchange add (taxrisk: its leads past their
    verification deadline in the window, as they stand today; `exchange.quality_hooks`)."""
    from gongzhi.exchange import quality_hooks

    units = [unit] if unit is not None else None
    return quality_hooks.notice_lines(start=start, end=end, today=today, units=units)


@require_GET
def quality(request):
    """报送质量: per unit the timeliness rate and its late, missing and wrong items, the notice
    draft grouped by unit; one unit's period-by-period table when a unit is chosen."""
    require_capability(request.user, "exchange.view_quality")
    from gongzhi.exchange.exports import quality_notice
    from gongzhi.org.models import Unit

    start, end, today = _quality_window(request)
    unit = _quality_unit(request)
    cells = selectors.quality_cells(start=start, end=end, today=today, unit=unit)
    units = selectors.quality_problems_of(cells, today=today)
    expected, on_time = sum(u.expected for u in units), sum(u.on_time for u in units)
    problems = [u for u in units if u.problem_count]
    leads = _quality_leads(start=start, end=end, today=today, unit=unit)
    return render(
        request,
        "exchange/quality.html",
        {
            "cells": cells if unit is not None else [],
            "units": units,
            "problems": problems,
            "unit": unit,
            "unit_choices": Unit.objects.filter(provided_datasets__active=True).distinct(),
            "start": start,
            "end": end,
            "today": today,
            "expected": expected,
            "on_time": on_time,
            "on_time_rate": on_time / expected if expected else None,
            "late_count": sum(len(u.late) for u in units),
            "missing_count": sum(len(u.missing) for u in units),
            "wrong_count": sum(len(u.rejected) + len(u.findings) for u in units),
            "late_units": [u.unit.name for u in problems],
            "notice": quality_notice(units=units, start=start, end=end, leads=leads)
            if problems or leads
            else None,
        },
    )


@require_GET
def quality_notice_docx(request):
    """The notice draft of the same window (and unit) as a .docx in 公文 layout; the download is
    audited."""
    require_capability(request.user, "exchange.view_quality")
    from gongzhi.core.audit import AuditAction, audit_record
    from gongzhi.exchange.exports import quality_notice, quality_notice_docx

    start, end, today = _quality_window(request)
    unit = _quality_unit(request)
    units = selectors.quality_problems(start=start, end=end, today=today, units=[unit] if unit else None)
    leads = _quality_leads(start=start, end=end, today=today, unit=unit)
    notice = quality_notice(units=units, start=start, end=end, leads=leads)
    path = quality_notice_docx(notice=notice, day=today)
    named = [u.unit.name for u in units if u.problem_count]
    named += [u.name for u in leads if u.name not in named]
    audit_record(
        actor=request.user,
        action=AuditAction.DOCUMENT_EXPORTED,
        object_repr=f"数据报送情况通报（草稿）{notice.title}",
        detail={
            "kind": "quality_notice",
            "from": str(start),
            "to": str(end),
            "unit": unit.pk if unit else None,
            "units_named": named,
        },
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


def lookup(request):
    """The old address of the tax look-up (涉税查验 moved to the assistance list of 税费共治)."""
    return redirect("cogov:assistance_lookup")
