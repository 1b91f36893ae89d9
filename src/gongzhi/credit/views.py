"""Pages of the credit registry, the joint-measures catalogue, the check and the 联合奖惩 ledger."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.http import raise_as_http
from gongzhi.core.params import get_page, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.credit import selectors, services
from gongzhi.credit.choices import CheckChannel, Decision, Level, MeasureKind, Scenario
from gongzhi.credit.models import JointMeasure

SCENARIO_NAMES = dict(Scenario.choices)


@require_GET
def ratings(request):
    """纳税信用记录：各评价年度各级别户数；按统一社会信用代码查询一户的历次评价。"""
    require_capability(request.user, "credit.view")
    code = get_str(request.GET, "uscc")
    if code:
        try:
            return redirect("credit:rating_history", uscc=selectors.normalize_uscc(code))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    years = selectors.rating_years(user=request.user) if selectors.rating_dataset_ready() else []
    return render(
        request,
        "credit/ratings.html",
        {"years": years, "levels": Level.values, "uscc": code, "data_date": selectors.data_date()},
    )


@require_GET
def rating_history(request, uscc: str):
    require_capability(request.user, "credit.view")
    try:
        history = selectors.rating_history(uscc, user=request.user, purpose="查阅纳税信用记录")
    except ApplicationError as exc:
        raise_as_http(exc)
        messages.error(request, exc.message)
        return redirect("credit:ratings")
    years: dict[int, list] = {}
    for h in reversed(history):
        years.setdefault(h.eval_year, []).append(h)
    name = next((h.name for h in reversed(history) if h.name), "")
    return render(request, "credit/rating_history.html", {"uscc": uscc, "name": name, "years": years.items()})


@require_GET
def panel(request, uscc: str):
    """The credit panel beside a lead and in the taxpayer's 360° view (an htmx fragment)."""
    require_capability(request.user, "credit.view")
    history, error = [], ""
    try:
        history = selectors.rating_history(uscc, user=request.user, purpose="核实疑点：纳税信用")
    except ApplicationError as exc:
        error = exc.message
    current = sorted((h for h in history if h.current), key=lambda h: -h.eval_year)
    return render(
        request,
        "credit/_panel.html",
        {
            "uscc": uscc,
            "current": current[:5],
            "replaced": sum(1 for h in history if not h.current),
            "error": error,
        },
    )


@require_http_methods(["GET", "POST"])
def check(request):
    """联合奖惩信用核查：部门输入统一社会信用代码和场景，得到信用级别和适用措施，并记录实施情况。"""
    require_capability(request.user, "credit.check")
    result, error = None, ""
    uscc, scenario = get_str(request.GET, "uscc"), get_str(request.GET, "scenario")
    if request.method == "POST":
        try:
            result = services.check_run(
                actor=request.user,
                uscc=request.POST.get("uscc", ""),
                scenario=request.POST.get("scenario", ""),
                channel=CheckChannel.PAGE,
            )
            return redirect("credit:check_detail", pk=result.pk)
        except ApplicationError as exc:
            raise_as_http(exc)
            error = exc.message
            uscc, scenario = request.POST.get("uscc", ""), request.POST.get("scenario", "")
    recent = selectors.check_list(user=request.user).filter(unit_id=request.user.unit_id)[:20]
    return render(
        request,
        "credit/check.html",
        {"scenarios": Scenario.choices, "uscc": uscc, "scenario": scenario, "error": error, "recent": recent},
    )


@require_http_methods(["GET", "POST"])
def check_detail(request, pk: int):
    require_capability(request.user, "credit.check")
    item = selectors.check_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.check_decide(
                actor=request.user,
                check=item,
                decision=request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "已记录实施情况")
        except ApplicationError as exc:
            raise_as_http(exc)
            messages.error(request, exc.message)
        return redirect("credit:check_detail", pk=item.pk)
    return render(
        request,
        "credit/check_detail.html",
        {
            "check": item,
            "measures": item.measures.order_by("kind", "code"),
            "scenario_name": SCENARIO_NAMES.get(item.scenario, item.scenario),
            "can_decide": item.unit_id == request.user.unit_id and item.decision == Decision.PENDING,
        },
    )


@require_GET
def ledger(request):
    """联合奖惩台账：各部门核查次数、有适用措施的次数、实施与未实施。"""
    require_capability(request.user, "credit.view_ledger")
    rows = selectors.ledger(user=request.user)
    checks = selectors.check_list(user=request.user)
    page = Paginator(checks, 50).get_page(get_page(request.GET))
    return render(request, "credit/ledger.html", {"rows": rows, "page": page, "scenarios": SCENARIO_NAMES})


@require_GET
def measures(request):
    require_capability(request.user, "credit.view")
    items = list(selectors.measure_list())
    return render(
        request,
        "credit/measures.html",
        {
            "incentives": [m for m in items if m.kind == MeasureKind.INCENTIVE],
            "punishments": [m for m in items if m.kind == MeasureKind.PUNISHMENT],
            "scenarios": SCENARIO_NAMES,
            "can_manage": request.user.has_capability("credit.manage"),
        },
    )


def _measure_data(post) -> dict:
    return {
        "kind": post.get("kind", ""),
        "level": post.get("level", ""),
        "text": post.get("text", ""),
        "legal_basis": post.get("legal_basis", ""),
        "scenarios": post.getlist("scenarios"),
        "agencies": post.get("agencies", ""),
        "valid_from": post.get("valid_from", ""),
        "valid_until": post.get("valid_until", ""),
    }


@require_http_methods(["GET", "POST"])
def measure_edit(request, code: str | None = None):
    """新增或修订一项措施；修订保存为新版本，旧版本保留。"""
    require_capability(request.user, "credit.view")
    current = None
    if code:
        current = JointMeasure.objects.filter(code=code, current=True).first()
        if current is None:
            raise Http404("措施不存在")
    form = _measure_data(request.POST) if request.method == "POST" else None
    if request.method == "POST":
        try:
            if current is None:
                saved = services.measure_create(
                    actor=request.user,
                    code=request.POST.get("code", ""),
                    data=form,
                    note=request.POST.get("note", ""),
                )
            else:
                saved = services.measure_revise(
                    actor=request.user, measure=current, data=form, note=request.POST.get("note", "")
                )
            messages.success(request, f"已保存：{saved.code} 第{saved.version}版")
            return redirect("credit:measure_edit", code=saved.code)
        except ApplicationError as exc:
            raise_as_http(exc)
            messages.error(request, exc.message)
    versions = JointMeasure.objects.filter(code=code).order_by("-version") if code else []
    shown = form or (
        {
            "kind": current.kind,
            "level": current.level,
            "text": current.text,
            "legal_basis": current.legal_basis,
            "scenarios": current.scenarios,
            "agencies": current.agencies,
            "valid_from": current.valid_from.isoformat() if current.valid_from else "",
            "valid_until": current.valid_until.isoformat() if current.valid_until else "",
        }
        if current
        else {"kind": "punishment", "level": "D", "scenarios": []}
    )
    return render(
        request,
        "credit/measure_edit.html",
        {
            "current": current,
            "form": shown,
            "code": code or request.POST.get("code", ""),
            "versions": versions,
            "kinds": MeasureKind.choices,
            "levels": [("A", "A级"), ("D", "D级"), ("B", "B级"), ("M", "M级"), ("C", "C级")],
            "scenarios": Scenario.choices,
            "scenario_names": SCENARIO_NAMES,
            "can_manage": request.user.has_capability("credit.manage"),
        },
    )
