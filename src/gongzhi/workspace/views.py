from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from gongzhi.accounts.models import ApiToken, User
from gongzhi.core import clock
from gongzhi.core import selectors as core_selectors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.industries import SECTIONS
from gongzhi.core.notifications import notifications_for
from gongzhi.core.params import get_choice, get_int, get_page, get_str
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.core.roles import Role
from gongzhi.exchange import selectors as exchange_selectors
from gongzhi.exchange.models import AccessGrant
from gongzhi.inspections.choices import RectificationState
from gongzhi.inspections.services import inspection_plans, rectification_list, rectification_rows
from gongzhi.org.models import Group, Unit
from gongzhi.org.selectors import can_see_unit_workspace
from gongzhi.plans.choices import ImportState
from gongzhi.plans.selectors import import_list, plan_list
from gongzhi.supervision.services import MANAGE, report_review_batch
from gongzhi.taxrisk.choices import LeadStatus
from gongzhi.taxrisk.selectors import lead_list, provider_feedback
from gongzhi.workspace import selectors, taxfee

ROLE_SECTIONS = {
    # which parts of the home page each role gets, in order (the to-do list always comes first)
    Role.LEADER: ["taxfee", "plans", "alerts", "orders", "late"],
    Role.PLAN_OFFICE: ["inbox", "late_units", "orders", "plans", "alerts"],
    Role.COGOV_OFFICE: ["cogov", "due", "alerts", "plans"],
    Role.LIAISON: ["due"],
    Role.TAX_OFFICER: ["leads", "due"],
    Role.EVALUATOR: ["evaluator", "alerts", "plans"],
    Role.ADMIN: ["inbox", "admin"],
    Role.GRID_WORKER: ["due"],  # 网格员: the verification tasks of its grids (cogov grid part)
}
INBOX_SHOWN = 30
LATE_SHOWN = 15


@require_GET
def home(request):
    """工作台: the user's to-dos first, then what its role acts on (see ROLE_SECTIONS)."""
    user = request.user
    today = clock.today()
    sections = ROLE_SECTIONS.get(user.role, [])
    context = {"sections": sections, "today": today, "role_label": user.get_role_display()}
    plans = selectors.home_plans(user=user)
    if "alerts" in sections or "plans" in sections:
        context["overview"] = selectors.plans_overview(user=user, plans=plans, today=today)
    if "late" in sections:
        late = selectors.late_reports(user=user, plans=plans, today=today)
        shown = [(r, (today - r.round.due_date).days) for r in late[: LATE_SHOWN + 1]]
        context["late_reports"] = shown[:LATE_SHOWN]
        context["late_total"] = late.count() if len(shown) > LATE_SHOWN else len(shown)
    if "orders" in sections:
        context["orders"] = selectors.open_orders(user=user, plans=plans, today=today)
    if "late_units" in sections:
        context["late_units"] = selectors.late_units(user=user, plans=plans, today=today)
    if "inbox" in sections:
        inbox = selectors.review_inbox(user=user)
        context["inbox"] = selectors.with_labels(inbox[:INBOX_SHOWN], "status", "state")
        context["inbox_total"] = inbox.count()
    if "due" in sections:
        context["due"] = selectors.due_items(user=user, today=today)
    if "leads" in sections:
        leads = lead_list(user=user).filter(status__in=[LeadStatus.DISPATCHED, LeadStatus.VERIFYING])
        context["leads"] = list(leads.order_by("deadline", "pk")[: selectors.LIST_LIMIT])
    if "cogov" in sections:
        context["overdue_leads"] = list(lead_list(user=user, overdue=True).order_by("deadline")[:10])
        context["grants"] = list(
            exchange_selectors.grant_list(user=user).filter(state="requested").order_by("created_at")[:10]
        )
    if "taxfee" in sections and user.has_capability(taxfee.CAPABILITY):
        # 税费共治: this year's leads and the co-governance parts' figures (the one-pager has more)
        context["taxfee"] = taxfee.taxfee_overview(user=user, today=today, units=False)
    if "evaluator" in sections:
        context["inspection_plans"] = inspection_plans(user=user)
        context["rectifications"] = rectification_rows(
            rectification_list(user=user, state=RectificationState.OPEN).filter(
                finding__inspection__plan__in=plan_list(user=user)
            )[: selectors.LIST_LIMIT],
            today=today,
        )
    if "admin" in sections:
        context["failed_jobs"] = core_selectors.job_list(user=user).filter(state="failed")[:10]
        context["user_count"] = User.objects.visible_to(user).filter(is_active=True).count()
        context["unit_count"] = Unit.objects.active().count()
        context["group_count"] = Group.objects.count()
        context["recent_jobs"] = core_selectors.job_list(user=user)[:5]
    context["todos"] = _todos(user, context)
    return render(request, "workspace/home.html", context)


def _todos(user, context) -> list[dict]:
    """The user's own to-dos across apps: only real, countable things with a link, the most
    pressing first; the sections below give the detail."""
    items = [{"label": n.text, "url": n.url} for n in notifications_for(user)[:5]]
    if inbox_total := context.get("inbox_total"):
        items.insert(
            0, {"label": _("待审核的进展报告%(n)d份") % {"n": inbox_total}, "url": "#inbox", "urgent": True}
        )
    overview = context.get("overview")
    if overview is not None and "alerts" in context["sections"]:
        if red := len(overview.red):
            items.insert(
                0, {"label": _("严重（红色）预警任务%(n)d项") % {"n": red}, "url": "#alerts", "urgent": True}
            )
        if yellow := len(overview.yellow):
            items.append({"label": _("预警（黄色）任务%(n)d项") % {"n": yellow}, "url": "#alerts"})
    if late_total := context.get("late_total"):
        items.append(
            {"label": _("逾期未报的进展报告%(n)d份") % {"n": late_total}, "url": "#late", "urgent": True}
        )
    if late_units := context.get("late_units"):
        items.append(
            {"label": _("有逾期未报报告的单位%(n)d个") % {"n": len(late_units)}, "url": "#late-units"}
        )
    if orders := context.get("orders"):
        overdue = sum(1 for o in orders if o.overdue_days)
        label = _("在办督办单%(n)d件") % {"n": len(orders)} + (
            _("，其中逾期%(overdue)d件") % {"overdue": overdue} if overdue else ""
        )
        items.append({"label": label, "url": "#orders", "urgent": bool(overdue)})
    if "due" in context:
        due = context["due"]
        overdue = sum(1 for d in due if d.overdue)
        if due:
            label = _("待办事项%(n)d项") % {"n": len(due)} + (
                _("，其中已逾期%(overdue)d项") % {"overdue": overdue} if overdue else ""
            )
            items.insert(0, {"label": label, "url": "#due", "urgent": bool(overdue)})
    if leads := context.get("leads"):
        items.append({"label": _("待核实的疑点%(n)d条") % {"n": len(leads)}, "url": "#leads"})
    if user.has_capability("exchange.decide_grants"):
        grants = AccessGrant.objects.filter(state="requested").count()
        if grants:
            items.append(
                {
                    "label": _("待审批的数据使用申请%(n)d件") % {"n": grants},
                    "url": reverse("exchange:grant_list"),
                }
            )
    if user.has_capability("taxrisk.dispatch"):
        new_leads = lead_list(user=user, status=LeadStatus.NEW).count()
        if new_leads:
            items.append(
                {
                    "label": _("待派发的新疑点%(n)d条") % {"n": new_leads},
                    "url": reverse("taxrisk:lead_list") + "?status=new",
                }
            )
    if user.has_capability("plans.import"):
        imports = import_list(user=user).filter(state=ImportState.REVIEW).count()
        if imports:
            items.append(
                {"label": _("待审核的文件导入%(n)d份") % {"n": imports}, "url": reverse("plans:plan_list")}
            )
    if rectifications := context.get("rectifications"):
        overdue = sum(1 for r in rectifications if r["overdue_days"])
        label = _("在办整改事项%(n)d项") % {"n": len(rectifications)} + (
            _("，其中逾期%(overdue)d项") % {"overdue": overdue} if overdue else ""
        )
        items.append({"label": label, "url": "#rectifications", "urgent": bool(overdue)})
    if failed := context.get("failed_jobs"):
        items.append(
            {"label": _("失败的后台任务%(n)d个") % {"n": len(failed)}, "url": "#jobs", "urgent": True}
        )
    return items


@require_POST
def review_batch(request):
    """批量审核: accept or return the reports ticked on the home page's inbox, all or none."""
    if not request.user.has_capability(MANAGE):
        raise PermissionDenied(_("只有牵头办公室可以审核报告"))
    ids = request.POST.getlist("report")
    op = request.POST.get("op", "")
    with service_errors(request):
        if op not in ("accept", "return"):
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择“批量通过”或“批量退回”"))
        if not all(i.isascii() and i.isdigit() and len(i) < 18 for i in ids):
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("所选报告有误，请刷新页面后重试"))
        count = report_review_batch(
            actor=request.user,
            report_ids=[int(i) for i in ids],
            accept=op == "accept",
            comment=request.POST.get("comment", ""),
        )
        messages.success(
            request,
            (_("已批量审核通过%(n)d份报告") if op == "accept" else _("已批量退回%(n)d份报告")) % {"n": count},
        )
    return redirect(reverse("workspace:home") + "#inbox")


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


def _taxfee_year(request) -> int:
    today = clock.today()
    return get_int(request.GET, "year", today.year, minimum=taxfee.FIRST_YEAR, maximum=today.year)


@require_GET
def taxfee_overview(request):
    """税费共治概览: the leader's one-pager of the tax-fee work for a year, every figure a link to
    the list of its rows."""
    require_capability(request.user, taxfee.CAPABILITY)
    today = clock.today()
    overview = taxfee.taxfee_overview(user=request.user, year=_taxfee_year(request), today=today)
    return render(
        request,
        "workspace/taxfee.html",
        {
            "o": overview,
            "chart": overview.chart(),
            "years": list(range(today.year, max(taxfee.FIRST_YEAR, today.year - 5) - 1, -1)),
        },
    )


BASIS_LABELS = {"found": gettext_lazy("发现的疑点"), "confirmed": gettext_lazy("确认并查补入库的疑点")}


@require_GET
def taxfee_leads(request):
    """The leads behind a figure of the one-pager (year, found or confirmed, rule, industry). The
    taxpayer is named, and the lead opened, only for one who may see the leads themselves."""
    require_capability(request.user, taxfee.CAPABILITY)
    year = _taxfee_year(request)
    basis = get_choice(request.GET, "basis", dict.fromkeys(taxfee.BASES, ""), "found")
    rule = get_str(request.GET, "rule")
    industry = get_choice(request.GET, "industry", dict.fromkeys([*SECTIONS, taxfee.NO_INDUSTRY], ""), "")
    leads = (
        taxfee.lead_register(year=year, basis=basis, rule=rule, industry=industry)
        .select_related("rule", "assignee_unit")
        .order_by("-recovered_tax" if basis == "confirmed" else "-tax_at_risk", "pk")
    )
    page = Paginator(leads, 50).get_page(get_page(request.GET))
    return render(
        request,
        "workspace/taxfee_leads.html",
        {
            "page": page,
            "year": year,
            "basis": basis,
            "basis_label": BASIS_LABELS[basis],
            "rule": rule,
            "industry": industry,
            "industry_label": taxfee.industry_label(industry) if industry else "",
            "can_open": request.user.has_capability("taxrisk.view_all_leads"),
        },
    )


@require_GET
def taxfee_export(request):
    """The one-pager of a year as an .xlsx; the download is audited."""
    from gongzhi.core.audit import AuditAction, audit_record
    from gongzhi.workspace.exports import taxfee_xlsx

    require_capability(request.user, taxfee.CAPABILITY)
    overview = taxfee.taxfee_overview(user=request.user, year=_taxfee_year(request), today=clock.today())
    path = taxfee_xlsx(overview)
    audit_record(
        actor=request.user,
        action=AuditAction.DOCUMENT_EXPORTED,
        object_repr=path.stem,
        detail={"kind": "taxfee_overview", "year": overview.year},
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)
