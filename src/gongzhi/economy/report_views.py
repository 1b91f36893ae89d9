"""The economic analysis report (经济运行分析报告): a page to choose the month, the basis and the
version, and the .docx download (economy.view; the working version with taxpayer names needs
economy.view_taxpayers). Each download is audited."""

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_choice, get_flag, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.economy import cube
from gongzhi.economy import report as reports


@require_GET
def report(request):
    """经济运行分析报告：选择月份、口径和版本后下载（.docx，公文格式）。"""
    require_capability(request.user, cube.VIEW)
    period = get_str(request.GET, "period")
    mode = get_choice(request.GET, "mode", reports.MODES, reports.MONTH)
    with_names = get_flag(request.GET, "names")
    if request.GET.get("download"):
        with service_errors(request):
            path = reports.report_docx(user=request.user, period=period, mode=mode, with_names=with_names)
            audit_record(
                actor=request.user,
                action=AuditAction.ECONOMY_REPORT_EXPORTED,
                object_type="economy.report",
                object_id=period,
                object_repr=path.stem,
                detail={"period": period, "mode": mode, "names": with_names},
            )
            return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)
    return render(
        request,
        "economy/report.html",
        {
            "period": period or cube.latest_period(user=request.user, purpose=reports.PURPOSE) or "",
            "mode": mode,
            "modes": reports.MODES,
            "can_name": request.user.has_capability(cube.VIEW_TAXPAYERS),
        },
    )
