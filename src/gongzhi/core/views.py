from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.core import selectors
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.models import JobRun
from gongzhi.core.params import BadParameter, get_choice, get_date, get_flag, get_page, get_str
from gongzhi.core.permissions import require_capability


@require_GET
def audit_list(request):
    require_capability(request.user, "audit.view")
    filters = {
        "user": get_str(request.GET, "user"),
        "unit": get_str(request.GET, "unit"),
        "action": get_choice(request.GET, "action", AuditAction),
        "object_type": get_str(request.GET, "object_type"),
        "object_id": get_str(request.GET, "object_id"),
        "date_from": get_date(request.GET, "date_from"),
        "date_to": get_date(request.GET, "date_to"),
    }
    page = Paginator(selectors.audit_list(**filters), 50).get_page(get_page(request.GET))
    audit_record(
        actor=request.user,
        action=AuditAction.AUDIT_VIEWED,
        object_type="core.auditentry",
        purpose="审计检查",
        detail={k: str(v) for k, v in filters.items() if v},
    )
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "filters": request.GET,
            "actions": AuditAction.choices,
        },
    )


@require_GET
def job_list(request):
    page = Paginator(selectors.job_list(user=request.user), 30).get_page(get_page(request.GET))
    return render(request, "core/job_list.html", {"page": page})


@require_GET
def job_detail(request, pk: int):
    job = selectors.job_get(user=request.user, pk=pk)
    return render(request, "core/job_detail.html", {"job": job})


@require_GET
def job_progress(request, pk: int):
    """The htmx fragment a progress bar polls until the job ends. With `?reload=1` (a page whose
    content is the job's result), the finished job reloads the page, so it ends on the result."""
    job: JobRun = selectors.job_get(user=request.user, pk=pk)
    reload = get_flag(request.GET, "reload")
    response = render(request, "core/_job_progress.html", {"job": job, "reload": reload})
    if reload and job.is_finished:
        response["HX-Refresh"] = "true"
    return response


@login_not_required
def error_400(request, exception=None):
    """A malformed request: our own `BadParameter` says what was wrong; other causes stay generic."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)


@login_not_required
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def error_500(request):
    return render(request, "500.html", status=500)


@login_not_required
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
