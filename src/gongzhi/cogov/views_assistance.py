"""Pages of the assistance list (税费协助事项清单), the look-up (涉税查验) and its ledger (查验台账)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.cogov import selectors_assistance as selectors
from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.choices_assistance import CREDIT_LEVELS, TAX_TYPES, Condition, LookupChannel, Outcome
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.files import open_then_remove, temporary_directory
from gongzhi.core.http import raise_as_http
from gongzhi.core.params import get_choice, get_date, get_id, get_page, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.org.models import Unit

# the `state` filter of the item list: the leader's figure counts the items in effect
ITEM_STATES = {"current": gettext_lazy("现行有效")}


@require_GET
def item_list(request):
    """协助事项清单：共治办看全部（含草稿、已停用），部门看适用于本单位的现行事项。"""
    today = clock.today()
    include_retired = request.GET.get("retired") == "1"
    unit_id = get_id(request.GET, "unit") if selectors.sees_all(request.user) else None
    state = get_choice(request.GET, "state", ITEM_STATES)
    rows = selectors.item_rows(
        user=request.user, today=today, include_retired=include_retired, unit_id=unit_id
    )
    if state == "current":
        rows = [r for r in rows if r.current is not None]
    return render(
        request,
        "cogov/assistance/item_list.html",
        {
            "rows": rows,
            "today": today,
            "can_manage": selectors.can_manage(request.user),
            "sees_all": selectors.sees_all(request.user),
            "include_retired": include_retired,
            "unit_id": unit_id,
            "state": state,
            "state_label": ITEM_STATES.get(state, ""),
            "units": Unit.objects.filter(active=True).order_by("name")
            if selectors.sees_all(request.user)
            else [],
        },
    )


@require_GET
def item_detail(request, pk: int):
    row = selectors.item_get(user=request.user, pk=pk)
    versions = [
        v for v in row.item.versions.all() if selectors.sees_all(request.user) or v.state == "approved"
    ]
    return render(
        request,
        "cogov/assistance/item_detail.html",
        {
            "row": row,
            "versions": versions,
            "today": clock.today(),
            "can_manage": selectors.can_manage(request.user),
            "can_lookup": request.user.has_capability("cogov.assistance_lookup") and row.current is not None,
        },
    )


def _content(post) -> dict:
    conditions = []
    if post.get("tax_paid"):
        conditions.append({"kind": Condition.TAX_PAID, "tax_types": post.getlist("tax_types")})
    if post.get("no_arrears"):
        conditions.append({"kind": Condition.NO_ARREARS})
    if post.get("credit_level"):
        conditions.append({"kind": Condition.CREDIT_LEVEL, "levels": post.getlist("levels")})
    if post.get("not_abnormal"):
        conditions.append({"kind": Condition.NOT_ABNORMAL})
    return {
        "matter": post.get("matter", ""),
        "conditions": conditions,
        "legal_basis": post.get("legal_basis", ""),
        "description": post.get("description", ""),
        "units": services.units_by_ids(post.getlist("units")),
    }


def _initial(version) -> dict:
    if version is None:
        return {"conditions": {}, "unit_ids": set()}
    return {
        "matter": version.matter,
        "legal_basis": version.legal_basis,
        "description": version.description,
        "conditions": {c["kind"]: c for c in version.conditions},
        "unit_ids": {u.pk for u in version.units.all()},
    }


def _edit(request, row=None):
    require_capability(request.user, "cogov.assistance_manage")
    error, field = "", ""
    if request.method == "POST":
        try:
            version = services.item_draft(
                actor=request.user,
                data=_content(request.POST),
                item=row.item if row else None,
                code=request.POST.get("code", ""),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "已保存草稿，批准后生效")
            return redirect("cogov:assistance_item_detail", pk=version.item_id)
        except ApplicationError as exc:
            raise_as_http(exc)
            error, field = exc.message, exc.extra.get("field", "")
        content = _content(request.POST)
        initial = {
            "code": request.POST.get("code", ""),
            "matter": content["matter"],
            "legal_basis": content["legal_basis"],
            "description": content["description"],
            "conditions": {c["kind"]: c for c in content["conditions"]},
            "unit_ids": {u.pk for u in content["units"]},
            "reason": request.POST.get("reason", ""),
        }
    else:
        initial = _initial(row.draft or row.current or row.shown if row else None)
        if row and row.draft:
            initial["reason"] = row.draft.change_reason
    return render(
        request,
        "cogov/assistance/item_edit.html",
        {
            "row": row,
            "initial": initial,
            "error": error,
            "field": field,
            "tax_types": TAX_TYPES,
            "levels": CREDIT_LEVELS,
            "units": Unit.objects.filter(active=True).order_by("name"),
            "needs_reason": bool(row and (row.current or row.upcoming)),
        },
    )


@require_http_methods(["GET", "POST"])
def item_new(request):
    return _edit(request)


@require_http_methods(["GET", "POST"])
def item_change(request, pk: int):
    require_capability(request.user, "cogov.assistance_manage")
    return _edit(request, selectors.item_get(user=request.user, pk=pk))


@require_POST
def version_approve(request, pk: int):
    require_capability(request.user, "cogov.assistance_manage")
    from gongzhi.cogov.models_assistance import AssistanceListVersion
    from gongzhi.core.permissions import access_or_404

    version = access_or_404(AssistanceListVersion.objects.all(), pk)
    try:
        services.version_approve(
            actor=request.user, version=version, effective_from=get_date(request.POST, "effective_from")
        )
        messages.success(request, "已批准")
    except ApplicationError as exc:
        raise_as_http(exc)
        messages.error(request, exc.message)
    return redirect("cogov:assistance_item_detail", pk=version.item_id)


@require_POST
def item_retire(request, pk: int):
    require_capability(request.user, "cogov.assistance_manage")
    row = selectors.item_get(user=request.user, pk=pk)
    try:
        services.item_retire(
            actor=request.user,
            item=row.item,
            day=get_date(request.POST, "day"),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, "已停用")
    except ApplicationError as exc:
        raise_as_http(exc)
        messages.error(request, exc.message)
    return redirect("cogov:assistance_item_detail", pk=row.item.pk)


@require_POST
def list_import(request):
    require_capability(request.user, "cogov.assistance_manage")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择协助事项清单文件（.xlsx）")
        return redirect("cogov:assistance_item_list")
    try:
        counts = services.list_import(actor=request.user, data=upload.read(), filename=upload.name)
        messages.success(
            request,
            f"已导入：新增{counts['created']}项、变更{counts['changed']}项、未变{counts['unchanged']}项（新增和变更为草稿，批准后生效）",
        )
    except ApplicationError as exc:
        raise_as_http(exc)
        messages.error(request, exc.message)
    return redirect("cogov:assistance_item_list")


@require_GET
def list_export(request):
    require_capability(request.user, "cogov.assistance_manage")
    today = clock.today()
    path = temporary_directory("assistance") / f"税费协助事项清单（{today.isoformat()}）.xlsx"
    services.list_export(actor=request.user, path=path, today=today)
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


@require_http_methods(["GET", "POST"])
def lookup(request):
    """涉税查验：选择本单位适用的协助事项，输入统一社会信用代码，逐项查验并留痕。"""
    require_capability(request.user, "cogov.assistance_lookup")
    today = clock.today()
    rows = [r for r in selectors.item_rows(user=request.user, today=today) if r.current is not None]
    error = ""
    values = {"item": get_str(request.GET, "item"), "code": "", "purpose": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("item", "code", "purpose")}
        try:
            record = services.lookup_run(
                actor=request.user,
                item_code=values["item"],
                code=values["code"],
                purpose=values["purpose"],
                channel=LookupChannel.PAGE,
                today=today,
            )
            return redirect("cogov:assistance_lookup_detail", pk=record.pk)
        except ApplicationError as exc:
            if exc.code == "permission_denied":
                raise_as_http(exc)
            error = exc.message
    recent = selectors.lookup_list(user=request.user).filter(unit_id=request.user.unit_id)[:20]
    return render(
        request,
        "cogov/assistance/lookup.html",
        {"rows": rows, "values": values, "error": error, "recent": recent},
    )


@require_http_methods(["GET", "POST"])
def lookup_detail(request, pk: int):
    record = selectors.lookup_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.lookup_outcome(
                actor=request.user,
                lookup=record,
                outcome=request.POST.get("outcome", ""),
                handling=request.POST.get("handling", ""),
            )
            messages.success(request, "已记录查验结果")
        except ApplicationError as exc:
            raise_as_http(exc)
            messages.error(request, exc.message)
        return redirect("cogov:assistance_lookup_detail", pk=record.pk)
    return render(
        request,
        "cogov/assistance/lookup_detail.html",
        {
            "record": record,
            "can_record": record.unit_id == request.user.unit_id and record.outcome == Outcome.PENDING,
        },
    )


@require_GET
def ledger(request):
    """查验台账：各部门各事项的查验次数、通过、未通过、待记录（逾期）；部门只看本单位。"""
    today = clock.today()
    start, end = get_date(request.GET, "from"), get_date(request.GET, "to")
    unit_id = get_id(request.GET, "unit")
    rows = selectors.ledger(user=request.user, today=today, start=start, end=end, unit_id=unit_id)
    lookups = selectors.lookup_list(user=request.user)
    if start:
        lookups = lookups.filter(looked_up_at__date__gte=start)
    if end:
        lookups = lookups.filter(looked_up_at__date__lte=end)
    if unit_id:
        lookups = lookups.filter(unit_id=unit_id)
    outcome = get_choice(request.GET, "outcome", {**dict(Outcome.choices), "overdue": ""})
    if outcome == "overdue":
        lookups = lookups.filter(
            pk__in=selectors.overdue_lookups(user=request.user, today=today).values("pk")
        )
    elif outcome in Outcome.values:
        lookups = lookups.filter(outcome=outcome)
    page = Paginator(lookups, 50).get_page(get_page(request.GET))
    totals = {
        k: sum(getattr(r, k) for r in rows) for k in ("lookups", "passed", "failed", "pending", "overdue")
    }
    return render(
        request,
        "cogov/assistance/ledger.html",
        {
            "rows": rows,
            "totals": totals,
            "page": page,
            "start": start,
            "end": end,
            "outcome": outcome,
            "outcome_label": {**dict(Outcome.choices), "overdue": gettext_lazy("逾期未记录")}.get(
                outcome, ""
            ),
            "outcomes": Outcome.choices,
            "all_units": request.user.has_capability("cogov.assistance_ledger_all"),
            "overdue_days": selectors.OUTCOME_DUE_DAYS,
        },
    )
