"""Pages of task funding (资金保障), the plan's publicity switch and the evaluator's evidence bundle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.choices import JobState
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.jobs import job_start
from gongzhi.core.models import JobRun
from gongzhi.plans.selectors import plan_get, task_get
from gongzhi.supervision import funding as services
from gongzhi.supervision.bundle import require_bundle
from gongzhi.supervision.forms import FundingForm, FundingImportForm, PublicityForm
from gongzhi.supervision.monitoring import funding_totals, plan_status
from gongzhi.supervision.views import LEVEL_LABELS

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@require_POST
def task_funding(request, pk: int):
    """登记一行任务资金（任务页上的表单）。"""
    task = task_get(user=request.user, pk=pk)
    if not services.may_manage_funding(request.user, task.document):
        raise PermissionDenied("只有方案牵头办公室或区财政局（共治办）可以登记任务资金")
    form = FundingForm(request.POST)
    if form.is_valid():
        with service_errors(request):
            services.funding_record(actor=request.user, task=task, **form.cleaned_data)
            messages.success(request, "已登记任务资金")
    else:
        messages.error(request, "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items()))
    return redirect("supervision:task_monitor", pk=task.pk)


@require_http_methods(["GET", "POST"])
def plan_funding(request, pk: int):
    """资金保障：各任务的计划、下达、支出与进展，导入区财政局的资金表。"""
    plan = plan_get(user=request.user, pk=pk)
    may_manage = services.may_manage_funding(request.user, plan)
    form = FundingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("只有方案牵头办公室或区财政局（共治办）可以导入任务资金")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_IMPORT_BYTES:
                form.add_error("file", "文件超过 20 MB 上限")
            else:
                with service_errors(form=form):
                    counts = services.funding_import(
                        actor=request.user, plan=plan, data=upload.read(), filename=upload.name
                    )
                    messages.success(
                        request,
                        f"已导入{counts['rows']}行资金：新增{counts['created']}行，更新{counts['updated']}行",
                    )
                    return redirect("supervision:plan_funding", pk=plan.pk)
    return render(
        request,
        "supervision/plan_funding.html",
        {
            "plan": plan,
            "rows": funding_rows(plan),
            "total": services.funding_total(services.funding_of_plan(plan=plan)),
            "form": form,
            "may_manage": may_manage,
            "publicity": services.publication_of(plan),
            "level_labels": LEVEL_LABELS,
        },
    )


def funding_rows(plan) -> list[dict]:
    """Tasks with funding recorded: their money beside their progress and level."""
    totals = funding_totals(plan=plan)
    if not totals:
        return []
    rows = []
    for state in plan_status(plan=plan, task_ids=list(totals)):
        money = totals[state.task.pk]
        rows.append(
            {
                "state": state,
                **money,
                "spent_share": (money["spent"] / money["planned"] * 100) if money["planned"] else None,
            }
        )
    return rows


@require_GET
def funding_template(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    path = services.funding_template(plan=plan)
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


@require_POST
def plan_publicity(request, pk: int):
    """牵头办公室设置方案是否在公众页面公开。"""
    plan = plan_get(user=request.user, pk=pk)
    form = PublicityForm(request.POST)
    if form.is_valid():
        with service_errors(request):
            services.plan_publicity_set(actor=request.user, plan=plan, **form.cleaned_data)
            messages.success(request, "已公开本方案进展" if form.cleaned_data["public"] else "已取消公开")
    return redirect("supervision:plan_funding", pk=plan.pk)


def _bundle_jobs(user, plan):
    return JobRun.objects.filter(
        kind="supervision.bundle", created_by=user, params__plan_id=plan.pk
    ).order_by("-created_at")[:5]


@require_http_methods(["GET", "POST"])
def plan_bundle(request, pk: int):
    """评估证据包：第三方评估人员（和牵头办公室）生成并下载方案的全部证据。"""
    plan = plan_get(user=request.user, pk=pk)
    require_bundle(request.user, plan)
    if request.method == "POST":
        job_start(
            kind="supervision.bundle",
            title=f"评估证据包：{plan.title}"[:200],
            actor=request.user,
            params={"plan_id": plan.pk},
        )
        messages.success(request, "已开始生成评估证据包，完成后可在本页下载")
        return redirect("supervision:plan_bundle", pk=plan.pk)
    return render(
        request, "supervision/plan_bundle.html", {"plan": plan, "jobs": _bundle_jobs(request.user, plan)}
    )


@require_GET
def bundle_download(request, pk: int):
    """下载自己生成的评估证据包（留痕：谁下载了哪个方案的证据包）。"""
    job = JobRun.objects.filter(pk=pk, kind="supervision.bundle", created_by=request.user).first()
    if job is None or job.state != JobState.SUCCEEDED or not job.result_file:
        raise Http404("证据包不存在")
    plan = plan_get(user=request.user, pk=job.params.get("plan_id"))
    require_bundle(request.user, plan)
    audit_record(
        actor=request.user,
        action=AuditAction.EVIDENCE_BUNDLE_DOWNLOADED,
        target=plan,
        detail={"job": job.pk, "size": (job.result or {}).get("size")},
    )
    try:
        handle = open(job.result_file, "rb")
    except FileNotFoundError:
        raise Http404("证据包文件已不存在，请重新生成") from None
    name = f"评估证据包-{plan.doc_number or plan.pk}.zip"
    return FileResponse(handle, as_attachment=True, filename=name)
