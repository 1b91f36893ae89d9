from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET

from gongzhi.core import selectors
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.models import JobRun


def raise_as_http(exc) -> None:
    """A service's "not found" / "not yours" become the 404 and 403 pages; other errors are the
    caller's to show as a message."""
    from django.http import Http404

    from gongzhi.core.exceptions import ErrorCode

    if exc.code == ErrorCode.NOT_FOUND:
        raise Http404(exc.message) from exc
    if exc.code == ErrorCode.PERMISSION_DENIED:
        raise PermissionDenied(exc.message) from exc


def require_capability(user, capability: str) -> None:
    if not user.has_capability(capability):
        raise PermissionDenied("没有权限访问此页面")


@require_GET
def home(request):
    from gongzhi.accounts.models import User
    from gongzhi.org.models import Group, Unit

    user = request.user
    context = {
        "todos": _todos(user),
        "unit_count": Unit.objects.active().count(),
        "group_count": Group.objects.count(),
        "user_count": User.objects.visible_to(user).filter(is_active=True).count()
        if user.has_capability("accounts.manage_users")
        else None,
        "recent_jobs": selectors.job_list(user=user)[:5],
    }
    return render(request, "core/home.html", context)


def _todos(user) -> list[dict]:
    """The user's own to-dos across apps: only real, countable things with a link."""
    from django.urls import reverse

    from gongzhi.core.notifications import notifications_for
    from gongzhi.exchange.models import AccessGrant
    from gongzhi.plans.choices import ImportState
    from gongzhi.plans.selectors import import_list
    from gongzhi.supervision.choices import OrderState, ReportState
    from gongzhi.supervision.selectors import order_list, todo_reports

    items = [{"label": n.text, "url": n.url} for n in notifications_for(user)[:5]]
    reports = todo_reports(user=user).filter(state__in=[ReportState.DRAFT, ReportState.RETURNED]).count()
    if reports:
        items.append({"label": f"待填报的进展报告{reports}份", "url": reverse("supervision:todo")})
    orders = (
        order_list(user=user)
        .filter(unit_id=user.unit_id, state__in=[OrderState.ISSUED, OrderState.ESCALATED])
        .count()
    )
    if orders:
        items.append({"label": f"待答复的督办单{orders}件", "url": reverse("supervision:order_list")})
    if user.has_capability("exchange.decide_grants"):
        grants = AccessGrant.objects.filter(state="requested").count()
        if grants:
            items.append({"label": f"待审批的数据使用申请{grants}件", "url": reverse("exchange:grant_list")})
    if user.has_capability("plans.import"):
        imports = import_list(user=user).filter(state=ImportState.REVIEW).count()
        if imports:
            items.append({"label": f"待审核的文件导入{imports}份", "url": reverse("plans:plan_list")})
    return items


@require_GET
def audit_list(request):
    require_capability(request.user, "audit.view")
    filters = {
        "user": request.GET.get("user", "").strip(),
        "unit": request.GET.get("unit", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "object_id": request.GET.get("object_id", "").strip(),
        "date_from": parse_date(request.GET.get("date_from", "") or "")
        if request.GET.get("date_from")
        else None,
        "date_to": parse_date(request.GET.get("date_to", "") or "") if request.GET.get("date_to") else None,
    }
    page = Paginator(selectors.audit_list(**filters), 50).get_page(request.GET.get("page"))
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
    page = Paginator(selectors.job_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


@require_GET
def job_detail(request, pk: int):
    job = selectors.job_get(user=request.user, pk=pk)
    return render(request, "core/job_detail.html", {"job": job})


@require_GET
def job_progress(request, pk: int):
    """The htmx fragment a progress bar polls until the job ends."""
    job: JobRun = selectors.job_get(user=request.user, pk=pk)
    return render(request, "core/_job_progress.html", {"job": job})


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
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
