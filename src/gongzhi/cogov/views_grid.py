"""Pages of grid verification (网格联动): tasks (list, new, from the registry, detail, dispatch, the
grid worker's phone page, review), photos, grids (the office manages them), counts per grid and
town, a taxpayer's verification record."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.cogov import selectors_grid as selectors
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import (
    CHECK_ITEMS,
    FindingResult,
    VerificationKind,
    VerificationSource,
    VerificationState,
)
from gongzhi.cogov.forms_grid import DispatchForm, GridForm, RegistryForm, ReviewForm, TaskForm
from gongzhi.cogov.models_grid import Grid
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.http import raise_as_http, service_errors
from gongzhi.core.params import get_choice, get_id, get_int, get_page, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.org.choices import TOWN_KINDS
from gongzhi.org.models import Unit
from gongzhi.taxrisk.selectors import lead_get

STATE_FILTERS = [("open", "未复核"), ("overdue", "逾期"), *VerificationState.choices]


def _creatable_grids(user):
    grids = Grid.objects.filter(active=True).select_related("town")
    if services.is_office(user):
        return grids
    return grids.filter(tax_manager=user)


@require_GET
def task_list(request):
    filters = {
        "state": get_choice(request.GET, "state", dict(STATE_FILTERS)),
        "grid_id": get_id(request.GET, "grid"),
        "town_id": get_id(request.GET, "town"),
        "kind": get_choice(request.GET, "kind", VerificationKind),
        "source": get_choice(request.GET, "source", VerificationSource),
        "reviewed_year": get_int(request.GET, "reviewed_year", None, minimum=2000, maximum=2099),
    }
    tasks = selectors.task_list(user=request.user, **filters)
    page = Paginator(tasks, 50).get_page(get_page(request.GET))
    notes = selectors.taxpayer_notes(user=request.user, usccs={t.uscc for t in page})
    for task in page:
        task.taxpayer_notes = notes.get(task.uscc, [])[:2]
    return render(
        request,
        "cogov/grid/task_list.html",
        {
            "page": page,
            "filters": filters,
            "states": STATE_FILTERS,
            "state_label": dict(STATE_FILTERS).get(filters["state"], ""),
            "kinds": VerificationKind.choices,
            "sources": VerificationSource.choices,
            "grids": selectors.grid_list(user=request.user),
            "today": clock.today(),
            "can_create": request.user.has_capability("cogov.grid_create"),
            "is_office": request.user.has_capability("cogov.grid_manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def task_create(request):
    require_capability(request.user, "cogov.grid_create")
    lead_id = get_id(request.GET, "lead") or get_id(request.POST, "lead")
    lead = lead_get(user=request.user, pk=lead_id, purpose="发起网格核查") if lead_id else None
    grids = _creatable_grids(request.user)
    initial = {"uscc": lead.uscc, "kind": VerificationKind.ACTIVITY} if lead else {}
    form = TaskForm(request.POST or None, grids=grids, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form=form):
            if lead is not None:
                task = services.task_create_from_lead(
                    actor=request.user,
                    lead=lead,
                    kind=data["kind"],
                    due_date=data["due_date"],
                    grid=data["grid"],
                    instructions=data["instructions"],
                )
            else:
                task = services.task_create(actor=request.user, **data)
            messages.success(request, "核查任务已新建，待派发")
            return redirect("cogov:grid_task_detail", pk=task.pk)
    return render(request, "cogov/grid/task_form.html", {"form": form, "lead": lead})


@require_http_methods(["GET", "POST"])
def task_registry(request):
    """共治办从登记信息批量生成核查任务（非正常户、近30日新登记）。"""
    require_capability(request.user, "cogov.grid_manage")
    form = RegistryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            result = services.tasks_from_registry(actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                f"已生成{len(result['created'])}个核查任务；已有同类任务跳过{result['skipped']}户；"
                f"未能确定网格{len(result['no_grid'])}户",
            )
            return redirect(reverse("cogov:grid_task_list") + "?state=pending&source=registry")
    return render(request, "cogov/grid/task_registry.html", {"form": form})


@require_GET
def task_detail(request, pk: int):
    task = selectors.task_get(user=request.user, pk=pk)
    user = request.user
    can_dispatch = (
        user.has_capability("cogov.grid_create")
        and services.can_create_in(user, task.grid)
        and task.state in (VerificationState.PENDING, VerificationState.DISPATCHED)
    )
    return render(
        request,
        "cogov/grid/task_detail.html",
        {
            "task": task,
            "photos": task.photos.all(),
            "labels": dict(FindingResult.choices),
            "can_dispatch": can_dispatch,
            "dispatch_form": DispatchForm(task=task) if can_dispatch else None,
            "can_work": services.can_work(user, task) and task.state in VerificationState.in_the_field(),
            "can_review": services.can_review(user, task) and task.state == VerificationState.SUBMITTED,
            "review_form": ReviewForm(),
            "notes": selectors.taxpayer_notes(user=user, usccs=[task.uscc]).get(task.uscc, []),
            "today": clock.today(),
            "can_see_lead": user.has_capability("taxrisk.view_leads"),
        },
    )


@require_POST
def task_dispatch(request, pk: int):
    task = selectors.task_get(user=request.user, pk=pk, audit=False)
    form = DispatchForm(request.POST, task=task)
    if form.is_valid():
        with service_errors(request):
            services.task_dispatch(actor=request.user, task=task, **form.cleaned_data)
            messages.success(request, "已派发")
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return redirect("cogov:grid_task_detail", pk=task.pk)


def _posted_findings(post, task) -> list[dict]:
    return [
        {"item": item, "result": post.get(f"result-{i}", ""), "note": post.get(f"note-{i}", "")}
        for i, item in enumerate(CHECK_ITEMS[task.kind])
    ]


@require_http_methods(["GET", "POST"])
def task_work(request, pk: int):
    """网格员的手机页面：逐项核查结论、现场照片、位置，提交复核。"""
    task = selectors.task_get(user=request.user, pk=pk, audit=request.method == "GET")
    if not services.can_work(request.user, task):
        raise Http404("页面不存在或无权访问")
    error = None
    items = [
        {"index": i, "item": item, "result": "", "note": ""} for i, item in enumerate(CHECK_ITEMS[task.kind])
    ]
    given = {f["item"]: f for f in task.findings}
    for row in items:
        row.update({k: given.get(row["item"], {}).get(k, "") for k in ("result", "note")})
    summary, location = task.summary, task.location
    if request.method == "POST":
        findings = _posted_findings(request.POST, task)
        for row, posted in zip(items, findings, strict=True):
            row.update(result=posted["result"], note=posted["note"])
        summary, location = request.POST.get("summary", ""), request.POST.get("location", "")
        uploads = request.FILES.getlist("photos")
        if any(u.size > services.MAX_PHOTO_BYTES for u in uploads):
            error = "现场照片：每张不超过 10 MB"
        elif len(uploads) > services.MAX_PHOTOS:
            error = "现场照片：最多5张"
        else:
            try:
                services.task_submit(
                    actor=request.user,
                    task=task,
                    findings=findings,
                    summary=summary,
                    location=location,
                    photos=[(u.name, u.read()) for u in uploads],
                )
            except ApplicationError as exc:
                raise_as_http(exc)
                error = exc.message
            else:
                messages.success(request, "核查结果已提交，待税收管理员复核")
                return redirect("cogov:grid_task_detail", pk=task.pk)
    response = render(
        request,
        "cogov/grid/task_work.html",
        {
            "task": task,
            "items": items,
            "results": FindingResult.choices,
            "summary": summary,
            "location": location,
            "photos": task.photos.all(),
            "error": error,
            "max_photos": services.MAX_PHOTOS,
        },
        status=400 if error else 200,
    )
    # this page only may ask for the browser's position (the 获取定位 button); the site's default
    # Permissions-Policy (core.middleware) refuses geolocation everywhere else
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()"
    return response


@require_POST
def task_review(request, pk: int):
    task = selectors.task_get(user=request.user, pk=pk, audit=False)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "复核结论：请选择复核通过或退回重做")
    else:
        with service_errors(request):
            services.task_review(
                actor=request.user,
                task=task,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, "已复核，结果已回流" if form.cleaned_data["decision"] == "accept" else "已退回重做"
            )
    return redirect("cogov:grid_task_detail", pk=task.pk)


@require_GET
def photo(request, pk: int):
    item = selectors.photo_get(user=request.user, pk=pk)
    try:
        handle = open(item.file_path, "rb")
    except FileNotFoundError as exc:
        raise Http404("照片文件缺失") from exc
    return FileResponse(handle, filename=item.filename, content_type=item.content_type)


@require_http_methods(["GET", "POST"])
def grid_list(request):
    """网格：各镇街的网格、网格员和税收管理员；共治办在此新建网格。"""
    town_id = get_id(request.GET, "town")
    grids = selectors.grid_list(user=request.user, town_id=town_id)
    is_office = request.user.has_capability("cogov.grid_manage")
    form = GridForm(request.POST or None, initial={"active": True}) if is_office else None
    if request.method == "POST":
        require_capability(request.user, "cogov.grid_manage")
        if form.is_valid():
            with service_errors(form=form):
                grid = services.grid_save(actor=request.user, **form.cleaned_data)
                messages.success(request, f"已新建网格：{grid}")
                return redirect("cogov:grid_list")
    return render(
        request,
        "cogov/grid/grid_list.html",
        {
            "grids": grids,
            "form": form,
            "towns": Unit.objects.active().filter(kind__in=TOWN_KINDS),
            "town_id": town_id,
        },
    )


@require_http_methods(["GET", "POST"])
def grid_edit(request, pk: int):
    grid = selectors.grid_get(user=request.user, pk=pk)
    require_capability(request.user, "cogov.grid_manage")
    initial = {
        "town": grid.town,
        "name": grid.name,
        "area": grid.area,
        "tax_manager": grid.tax_manager,
        "workers": list(grid.workers.all()),
        "active": grid.active,
    }
    form = GridForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            services.grid_save(actor=request.user, grid=grid, **form.cleaned_data)
            messages.success(request, "网格已保存")
            return redirect("cogov:grid_list")
    return render(request, "cogov/grid/grid_form.html", {"grid": grid, "form": form})


@require_GET
def stats(request):
    """核查任务数：按网格、按镇街（共治办、领导；镇街和税收管理员看本人范围）。"""
    counts = selectors.grid_counts(user=request.user, today=clock.today())
    return render(request, "cogov/grid/stats.html", {"counts": counts, "states": VerificationState.choices})


@require_GET
def taxpayer(request, uscc: str):
    """一个纳税人的网格核查记录：核查任务和复核后的结论。"""
    uscc = get_str({"uscc": uscc}, "uscc").upper()
    tasks = list(selectors.task_list(user=request.user, uscc=uscc))
    notes = selectors.taxpayer_notes(user=request.user, usccs=[uscc]).get(uscc, [])
    if not tasks and not notes:
        raise Http404("页面不存在或无权访问")
    return render(
        request,
        "cogov/grid/taxpayer.html",
        {"uscc": uscc, "tasks": tasks, "notes": notes, "name": (tasks or notes)[0].taxpayer_name},
    )
