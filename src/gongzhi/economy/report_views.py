"""The economic analysis report (经济运行分析报告): a page to choose the month, the basis and the
version; the .docx built at once (GET ...&download=1) or in the background with progress (POST: a
job whose file its owner downloads). economy.view; the working version with taxpayer names needs
economy.view_taxpayers. Each download is audited."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.choices import JobState
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.jobs import job_start
from gongzhi.core.models import JobRun
from gongzhi.core.params import get_choice, get_flag, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.economy import cube
from gongzhi.economy import report as reports
from gongzhi.economy.analysis_month import analysis_month

KIND = "economy.report"


def _audit(request, *, period: str, mode: str, names: bool, name: str, job: int | None = None) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.ECONOMY_REPORT_EXPORTED,
        object_type="economy.report",
        object_id=period,
        object_repr=name,
        detail={"period": period, "mode": mode, "names": names, "job": job},
    )


def _check(user, *, period: str, mode: str, names: bool) -> None:
    """What the report would refuse, refused before a job is queued."""
    if names:
        require_capability(user, cube.VIEW_TAXPAYERS)
    if mode not in reports.MODES:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "报告口径应为当月或年初至今")
    cube.check_period(period, "报告月份")


@require_http_methods(["GET", "POST"])
def report(request):
    """经济运行分析报告：选择月份、口径和版本，直接生成下载或后台生成（.docx，公文格式）。"""
    require_capability(request.user, cube.VIEW)
    params = request.POST if request.method == "POST" else request.GET
    period = get_str(params, "period")
    mode = get_choice(params, "mode", reports.MODES, reports.MONTH)
    names = get_flag(params, "names")
    if request.method == "POST":
        with service_errors(request):
            _check(request.user, period=period, mode=mode, names=names)
            job_start(
                kind=KIND,
                title=f"经济运行分析报告{period}{'（工作版）' if names else ''}",
                actor=request.user,
                params={"period": period, "mode": mode, "names": names},
            )
            messages.success(request, "已开始生成报告，完成后可在本页下载")
            return redirect("economy:report")
    elif get_flag(request.GET, "download"):
        with service_errors(request):
            path = reports.report_docx(user=request.user, period=period, mode=mode, with_names=names)
            _audit(request, period=period, mode=mode, names=names, name=path.stem)
            return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)
    return render(
        request,
        "economy/report.html",
        {
            "period": period or analysis_month(user=request.user, purpose=reports.PURPOSE) or "",
            "mode": mode,
            "modes": reports.MODES,
            "can_name": request.user.has_capability(cube.VIEW_TAXPAYERS),
            "jobs": JobRun.objects.filter(kind=KIND, created_by=request.user).order_by("-created_at")[:5],
        },
    )


@require_GET
def report_download(request, pk: int):
    """下载自己在后台生成的报告（留痕）。"""
    require_capability(request.user, cube.VIEW)
    job = JobRun.objects.filter(pk=pk, kind=KIND, created_by=request.user).first()
    if job is None or job.state != JobState.SUCCEEDED or not job.result_file:
        raise Http404("报告不存在")
    if job.params.get("names"):  # the role may have changed since
        require_capability(request.user, cube.VIEW_TAXPAYERS)
    try:
        handle = open(job.result_file, "rb")
    except FileNotFoundError:
        raise Http404("报告文件已不存在，请重新生成") from None
    period, mode, names = (
        job.params.get("period", ""),
        job.params.get("mode", ""),
        bool(job.params.get("names")),
    )
    name = f"经济运行分析报告{period}{'工作版' if names else ''}.docx"
    _audit(request, period=period, mode=mode, names=names, name=name, job=job.pk)
    return FileResponse(handle, as_attachment=True, filename=name)
