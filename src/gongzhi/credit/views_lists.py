"""Pages of the published A/D lists (拟稿、复核、发布、版本) and of credit repair, for the offices."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.params import BadParameter, get_choice, get_date, get_id, get_page, get_str
from gongzhi.core.permissions import has_capability, require_capability
from gongzhi.credit import lists, repair
from gongzhi.credit.models_lists import (
    ActionState,
    ListLevel,
    ReasonCategory,
    RepairAction,
    RepairCondition,
    RepairState,
    RevisionState,
)
from gongzhi.org.models import Unit

PAGE_SIZE = 50


def _can_draft(user) -> bool:
    return has_capability(user, lists.APPROVE) and user.role in lists.MAKER_CHECKER_ROLES


@require_GET
def list_home(request):
    """名单发布：各年度A级、D级名单及其版本；拟定新版本。"""
    credit_lists = lists.list_overview(user=request.user)
    today = clock.today()
    latest = [
        next((r for r in cl.revisions.all() if r.state == RevisionState.PUBLISHED), None)
        for cl in credit_lists
    ]
    drift = lists.published_drift(user=request.user, revisions=[r for r in latest if r], today=today)
    open_lists = {
        cl.pk
        for cl in credit_lists
        if any(r.state in (RevisionState.DRAFT, RevisionState.APPROVED) for r in cl.revisions.all())
    }
    return render(
        request,
        "credit/lists.html",
        {
            "credit_lists": credit_lists,
            "can_draft": _can_draft(request.user),
            "years": list(range(today.year - 1, lists.EARLIEST_YEAR - 1, -1)),
            "levels": ListLevel.choices,
            "drift": drift,
            "open_lists": open_lists,
        },
    )


@require_POST
def list_draft(request):
    require_capability(request.user, lists.APPROVE)
    with service_errors(request):
        revision = lists.list_draft(
            actor=request.user,
            eval_year=request.POST.get("eval_year", ""),
            level=request.POST.get("level", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(
            request,
            f"已拟定{revision}，共{revision.row_count}户，请交{_counterpart(request.user)}复核",
        )
        return redirect("credit:list_revision", pk=revision.pk)
    return redirect("credit:list_home")


def _counterpart(user) -> str:
    return "区税务局" if user.role == "cogov_office" else "共治办"


@require_http_methods(["GET", "POST"])
def list_revision(request, pk: int):
    """名单的一个版本：行、校验值、与上一版的差异；复核、退回、撤回、发布。"""
    revision = lists.revision_get(user=request.user, pk=pk)
    if request.method == "POST":
        op = request.POST.get("op")
        note = request.POST.get("note", "")
        with service_errors(request):
            if op == "approve":
                lists.list_approve(actor=request.user, revision=revision, note=note)
                messages.success(request, "已复核通过，可以发布")
            elif op == "return":
                lists.list_return(actor=request.user, revision=revision, note=note)
                messages.success(request, "已退回拟稿人")
            elif op == "withdraw":
                lists.list_withdraw(actor=request.user, revision=revision)
                messages.success(request, "已撤回")
            elif op == "publish":
                lists.list_publish(actor=request.user, revision=revision)
                messages.success(request, "已发布，公众可在公开页面查询和下载")
            else:
                messages.error(request, "未知操作")
        return redirect("credit:list_revision", pk=revision.pk)
    q = get_str(request.GET, "q")
    entries = lists.entries_search(revision.entries.order_by("seq"), q)
    user = request.user
    maker = revision.drafted_by
    is_checker = (
        _can_draft(user)
        and maker is not None
        and maker.pk != user.pk
        and {maker.role, user.role} == lists.MAKER_CHECKER_ROLES
    )
    return render(
        request,
        "credit/lists_revision.html",
        {
            "revision": revision,
            "credit_list": revision.credit_list,
            "page": Paginator(entries, PAGE_SIZE).get_page(get_page(request.GET)),
            "q": q,
            "intact": lists.revision_intact(revision),
            "diff": lists.revision_diff(revision),
            "reasons": dict(ReasonCategory.choices),
            "can_check": is_checker and revision.state == RevisionState.DRAFT,
            "can_withdraw": maker is not None
            and maker.pk == user.pk
            and revision.state in (RevisionState.DRAFT, RevisionState.APPROVED),
            "can_publish": revision.state == RevisionState.APPROVED
            and _can_draft(user)
            and user.pk in (revision.drafted_by_id, revision.checked_by_id),
            "is_maker": maker is not None and maker.pk == user.pk,
            "counterpart": _counterpart(maker) if maker else "",
        },
    )


@require_GET
def list_revision_xlsx(request, pk: int):
    revision = lists.revision_get(user=request.user, pk=pk)
    path = lists.revision_xlsx(revision)
    audit_record(
        actor=request.user,
        action=AuditAction.DOCUMENT_EXPORTED,
        target=revision,
        detail={"kind": "credit_list"},
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


# --- credit repair ------------------------------------------------------------------------------


def _date(params, name: str, label: str):
    try:
        return get_date(params, name)
    except BadParameter as exc:
        from gongzhi.core.exceptions import ApplicationError, ErrorCode

        raise ApplicationError(ErrorCode.INVALID_INPUT, f"{label}：{exc.reason}") from exc


@require_GET
def repair_list(request):
    """纳税信用修复：登记、审核、后续事项。"""
    state = get_choice(request.GET, "state", RepairState)
    cases = repair.repair_list(user=request.user, state=state or None)
    return render(
        request,
        "credit/repair_list.html",
        {
            "page": Paginator(cases, PAGE_SIZE).get_page(get_page(request.GET)),
            "state": state,
            "states": RepairState.choices,
            "conditions": RepairCondition.choices,
            "can_record": has_capability(request.user, repair.MANAGE),
            "today": clock.today(),
            "form": {},
        },
    )


@require_POST
def repair_new(request):
    require_capability(request.user, repair.MANAGE)
    data = request.POST
    with service_errors(request):
        case = repair.repair_record(
            actor=request.user,
            uscc=data.get("uscc", ""),
            eval_year=data.get("eval_year", ""),
            condition=data.get("condition", ""),
            facts=data.get("facts", ""),
            applied_on=_date(data, "applied_on", "申请日期"),
            clean_since=_date(data, "clean_since", "无新增失信记录起始日期"),
        )
        messages.success(request, f"已登记{case}，请交另一人审核")
        return redirect("credit:repair_detail", pk=case.pk)
    return redirect("credit:repair_list")


def _repair_for(request, pk: int):
    """The case, for the offices (credit.view) or a unit owning one of its follow-up actions."""
    if has_capability(request.user, repair.VIEW):
        return repair.repair_get(user=request.user, pk=pk)
    action = RepairAction.objects.filter(case_id=pk, owner_unit_id=request.user.unit_id or 0).first()
    if action is None:
        return repair.repair_get(user=request.user, pk=pk)  # refused the usual way (403)
    return action.case


@require_http_methods(["GET", "POST"])
def repair_detail(request, pk: int):
    case = _repair_for(request, pk)
    if request.method == "POST":
        op = request.POST.get("op")
        data = request.POST
        with service_errors(request):
            if op == "approve":
                unit = Unit.objects.filter(pk=get_id(data, "owner_unit") or 0).first()
                repair.repair_approve(
                    actor=request.user,
                    case=case,
                    effective_date=_date(data, "effective_date", "修复生效日期"),
                    owner_unit=unit,
                    deadline=_date(data, "deadline", "办理期限"),
                    note=data.get("note", ""),
                )
                messages.success(request, "已批准修复；后续事项已交责任单位办理")
            elif op == "refuse":
                repair.repair_refuse(actor=request.user, case=case, note=data.get("note", ""))
                messages.success(request, "已记录不予修复")
            elif op == "done":
                action = repair.action_get(user=request.user, pk=get_id(data, "action"))
                if action.case_id != case.pk:
                    messages.error(request, "事项不属于该修复记录")
                else:
                    repair.repair_action_done(
                        actor=request.user,
                        action=action,
                        note=data.get("note", ""),
                        done_on=_date(data, "done_on", "办结日期"),
                    )
                    messages.success(request, "已办结")
            else:
                messages.error(request, "未知操作")
        return redirect("credit:repair_detail", pk=case.pk)
    user = request.user
    today = clock.today()
    return render(
        request,
        "credit/repair_detail.html",
        {
            "case": case,
            "actions": [
                (a, repair.can_finish(user, a)) for a in case.actions.select_related("owner_unit", "done_by")
            ],
            "can_decide": case.state == RepairState.PENDING
            and has_capability(user, repair.APPROVE)
            and case.recorded_by_id != user.pk,
            "units": Unit.objects.active().order_by("name"),
            "default_unit": Unit.objects.filter(name=repair.DEFAULT_OWNER_UNIT).first(),
            "today": today,
            "in_effect": case.state == RepairState.APPROVED and case.effective_date <= today,
            "open_state": ActionState.OPEN,
            "list_url": reverse("credit:list_home"),
        },
    )
