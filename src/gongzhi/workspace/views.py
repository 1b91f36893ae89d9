from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongzhi.accounts.models import ApiToken, User
from gongzhi.core import selectors as core_selectors
from gongzhi.core.notifications import notifications_for
from gongzhi.core.permissions import access_or_404
from gongzhi.exchange import selectors as exchange_selectors
from gongzhi.exchange.models import AccessGrant
from gongzhi.org.models import Group, Unit
from gongzhi.org.selectors import can_see_unit_workspace
from gongzhi.plans.choices import ImportState
from gongzhi.plans.selectors import import_list
from gongzhi.supervision.choices import OrderState, ReportState
from gongzhi.supervision.selectors import order_list, todo_reports
from gongzhi.taxrisk.selectors import provider_feedback


@require_GET
def home(request):
    user = request.user
    context = {
        "todos": _todos(user),
        "unit_count": Unit.objects.active().count(),
        "group_count": Group.objects.count(),
        "user_count": User.objects.visible_to(user).filter(is_active=True).count()
        if user.has_capability("accounts.manage_users")
        else None,
        "recent_jobs": core_selectors.job_list(user=user)[:5],
    }
    return render(request, "workspace/home.html", context)


def _todos(user) -> list[dict]:
    """The user's own to-dos across apps: only real, countable things with a link."""
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


def unit_workspace(request, pk: int):
    """单位工作台：本单位的账号与接口令牌。联络员只能看本单位的；看他单位的与不存在一样（404）。"""
    unit = access_or_404(Unit.objects.all(), pk)
    if not can_see_unit_workspace(request.user, unit):
        raise Http404("页面不存在或无权访问")
    return render(
        request,
        "workspace/unit_workspace.html",
        {
            "unit": unit,
            "users": User.objects.filter(unit=unit).order_by("username"),
            "tokens": ApiToken.objects.filter(unit=unit).select_related("created_by"),
        },
    )


@require_GET
def data_feedback(request):
    """数据运用反馈: what a provider unit's data was used for (grants, reads by other units) and
    what the tax-risk analysis made of it."""
    unit = request.user.unit
    if unit is None:
        raise Http404("您的账号没有所属单位")
    return render(
        request,
        "exchange/feedback.html",
        {
            "uses": exchange_selectors.uses_of_unit_data(unit=unit)[:200],
            "grants": exchange_selectors.grant_list(user=request.user).filter(dataset__provider_units=unit),
            "results": provider_feedback(unit=unit),
        },
    )
