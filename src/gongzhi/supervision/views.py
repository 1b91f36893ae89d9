import datetime
from collections import Counter, defaultdict

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.files import open_then_remove
from gongzhi.core.http import service_errors
from gongzhi.core.params import get_date, get_id
from gongzhi.plans.models import PlanNode
from gongzhi.plans.selectors import is_plan_office, lead_unit_names, plan_get, task_get
from gongzhi.supervision import exports, monitoring, selectors, services
from gongzhi.supervision import warning as engine
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.forms import (
    AnswerForm,
    EscalateForm,
    IndicatorForm,
    OrderForm,
    ReportForm,
    RoundForm,
    parse_indicator_values,
)
from gongzhi.supervision.models import Indicator, TaskReport

LEVEL_LABELS = {"green": _("正常"), "yellow": _("预警"), "red": _("严重"), "grey": _("无法判断")}
LEVEL_COLORS = {"green": "#2e8b57", "yellow": "#e0a800", "red": "#c0392b", "grey": "#9aa5b1"}


def _plan_summary(plan, states):
    levels = Counter(monitoring.level_counts(states))
    statuses = Counter(s.status_label for s in states)
    by_area: dict[str, Counter] = defaultdict(Counter)
    for s in states:
        area = s.task.path[1] if len(s.task.path) > 1 else (s.task.path[0] if s.task.path else "其他")
        by_area[area][s.assessment.level] += 1
    return levels, statuses, by_area


def _unit_ranking(plan, states):
    level_by_task = {s.task.pk: s.assessment.level for s in states}
    stats: dict[str, dict] = defaultdict(lambda: {"tasks": 0, "green": 0, "due": 0, "on_time": 0})
    for r in plan.nodes.tasks().current().values("pk", "responsibilities__unit__name"):
        name = r["responsibilities__unit__name"]
        if name:
            stats[name]["tasks"] += 1
            stats[name]["green"] += level_by_task.get(r["pk"]) == "green"
    today = clock.today()
    due = (  # counted in the database: a plan's reports run into the thousands
        TaskReport.objects.filter(round__plan=plan, round__due_date__lt=today)
        .annotate(submitted_on=TruncDate("submitted_at"))  # the local day (the current time zone)
        .values("unit__name")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=Q(submitted_on__lte=F("round__due_date"))))
    )
    for row in due:
        stats[row["unit__name"]]["due"] += row["due"]
        stats[row["unit__name"]]["on_time"] += row["on_time"]
    rows = [
        {
            "unit": name,
            "tasks": s["tasks"],
            "on_track": s["green"] / s["tasks"] if s["tasks"] else None,
            "on_time": s["on_time"] / s["due"] if s["due"] else None,
        }
        for name, s in stats.items()
    ]
    rows.sort(key=lambda r: (-(r["on_time"] or 0), -(r["on_track"] or 0), r["unit"]))
    return rows


def _cached_ranking(plan, states, *, version: int, as_of) -> list[dict]:
    """The unit ranking is the same for everyone who may open the dashboard (no row scope in it):
    cached per plan, data version (read before the states), day and as-of day, so never stale."""
    key = f"supervision:ranking:{plan.pk}:{version}:{clock.today()}:{as_of}"
    rows = cache.get(key)
    if rows is None:
        rows = _unit_ranking(plan, states)
        cache.set(key, rows, 6 * 3600)
    return rows


@require_GET
def plan_dashboard(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    as_of = get_date(request.GET, "as_of")
    version = monitoring.data_version(plan)
    states = monitoring.plan_status(plan=plan, as_of=as_of)
    levels, statuses, by_area = _plan_summary(plan, states)
    areas = list(by_area)
    charts = {
        "levels": [
            {"name": str(LEVEL_LABELS[k]), "value": levels.get(k, 0), "itemStyle": {"color": LEVEL_COLORS[k]}}
            for k in ("green", "yellow", "red", "grey")
        ],
        "statuses": {"names": list(statuses), "values": list(statuses.values())},
        "areas": {
            "names": areas,
            "series": [
                {
                    "name": str(LEVEL_LABELS[k]),
                    "type": "bar",
                    "stack": "l",
                    "itemStyle": {"color": LEVEL_COLORS[k]},
                    "data": [by_area[a].get(k, 0) for a in areas],
                }
                for k in ("green", "yellow", "red", "grey")
            ],
        },
    }
    warnings = [s for s in states if s.assessment.level in ("red", "yellow")]
    warnings.sort(key=lambda s: (s.assessment.level != "red", s.task.order))
    return render(
        request,
        "supervision/plan_dashboard.html",
        {
            "plan": plan,
            "states": states,
            "warnings": warnings,
            "lead_units": lead_unit_names(s.task.pk for s in warnings),
            "levels": levels,
            "charts": charts,
            "ranking": _cached_ranking(plan, states, version=version, as_of=as_of),
            "is_office": is_plan_office(request.user, plan, capability=services.MANAGE),
            "rounds": selectors.round_list(user=request.user, plan=plan)[:6],
            "overdue_orders": selectors.overdue_orders(user=request.user).filter(plan=plan),
            "rules": engine.rules_zh(monitoring.thresholds_for(plan)),
            "level_labels": LEVEL_LABELS,
            "as_of": as_of or clock.today(),
            "funding": _funding_summary(plan, states),
        },
    )


def _funding_summary(plan, states) -> dict | None:
    """Money beside progress on the dashboard: totals, and the red tasks that have spent money."""
    totals = monitoring.funding_totals(plan=plan)
    if not totals:
        return None
    keys = ("planned", "allocated", "spent")
    summed = {k: sum((t[k] for t in totals.values()), start=0) for k in keys}
    red = [
        s
        for s in states
        if s.task.pk in totals and totals[s.task.pk]["spent"] and s.assessment.level == "red"
    ]
    return {**summed, "tasks": len(totals), "spent_red": [(s, totals[s.task.pk]["spent"]) for s in red]}


@require_GET
def task_monitor(request, pk: int):
    task = task_get(user=request.user, pk=pk)
    state = monitoring.plan_status(plan=task.document, task_ids=[task.pk])[0]
    reports = (
        TaskReport.objects.visible_to(request.user)
        .filter(task=task)
        .exclude(state=ReportState.DRAFT)
        .select_related("round", "unit")
        .order_by("-round__period_end")[:30]
    )
    return render(
        request,
        "supervision/task_monitor.html",
        {
            "task": task,
            "state": state,
            "reports": reports,
            "level_labels": LEVEL_LABELS,
            "is_office": is_plan_office(request.user, task.document, capability=services.MANAGE),
            **_task_funding(request.user, task),
        },
    )


def _task_funding(user, task) -> dict:
    from gongzhi.supervision import funding
    from gongzhi.supervision.forms import FundingForm

    rows = funding.funding_list(task=task)
    return {
        "funding": list(rows),
        "funding_total": funding.funding_total(rows),
        "may_fund": funding.may_manage_funding(user, task.document),
        "funding_form": FundingForm(initial={"year": clock.today().year}),
    }


@require_http_methods(["GET", "POST"])
def indicator_list(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    if request.method == "POST":
        counts = services.indicators_sync(actor=request.user, plan=plan)
        messages.success(request, f"已生成监测指标：新增{counts['created']}项，保留{counts['kept']}项")
        return redirect("supervision:indicator_list", pk=plan.pk)
    states = {s.indicator.pk: s for t in monitoring.plan_status(plan=plan) for s in t.indicators}
    indicators = selectors.indicator_list(user=request.user, plan=plan)
    return render(
        request,
        "supervision/indicator_list.html",
        {
            "plan": plan,
            "rows": [(i, states.get(i.pk)) for i in indicators],
            "level_labels": LEVEL_LABELS,
            "is_office": is_plan_office(request.user, plan, capability=services.MANAGE),
        },
    )


def _chart(indicator, status, start):
    spec = monitoring.spec_for(indicator, start)
    series = {
        "values": [
            [str(o.period_end), o.value]
            for o in (status.observations if status else [])
            if not o.unit or not spec or not spec.per_units or o.unit == indicator.reporting_unit.name
        ]
    }
    if spec is not None:
        dates, day = [], spec.path_start
        while day <= spec.deadline:
            dates.append(day)
            day = (day.replace(day=1) + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(
                days=1
            )
        dates.append(spec.deadline)
        series["path"] = [[str(d), engine.expected_value(spec, d)] for d in sorted(set(dates))]
        series["target"] = float(engine.target_value(spec)) if engine.target_value(spec) is not None else None
        a = status.assessment if status else None
        if a and a.latest is not None and a.projected is not None and a.latest_date:
            series["projection"] = [[str(a.latest_date), a.latest], [str(spec.deadline), a.projected]]
    return series


@require_http_methods(["GET", "POST"])
def indicator_detail(request, pk: int):
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    is_office = is_plan_office(request.user, indicator.plan, capability=services.MANAGE)
    form = IndicatorForm(
        request.POST or None, initial={f: getattr(indicator, f) for f in services.INDICATOR_FIELDS}
    )
    if request.method == "POST":
        if not is_office:
            raise PermissionDenied("只有牵头办公室可以补全指标")
        if form.is_valid():
            with service_errors(form=form):
                services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
                messages.success(request, "已保存指标设置")
                return redirect("supervision:indicator_detail", pk=indicator.pk)
    plan = indicator.plan
    start = services.monitoring_settings(plan).start
    status = monitoring.assess_indicator(
        indicator,
        list(
            indicator.values.filter(state__in=monitoring.COUNTED)
            .select_related("unit")
            .order_by("period_end", "reported_at", "pk")
        ),
        start=start,
        as_of=clock.today(),
        thresholds=monitoring.thresholds_for(plan),
    )
    return render(
        request,
        "supervision/indicator_detail.html",
        {
            "indicator": indicator,
            "status": status,
            "form": form,
            "is_office": is_office,
            "chart": _chart(indicator, status, start),
            "level_labels": LEVEL_LABELS,
            "values": selectors.indicator_values(user=request.user, indicator=indicator)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
def round_list(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            with service_errors(form=form):
                round_ = services.round_open(actor=request.user, plan=plan, **form.cleaned_data)
                messages.success(
                    request, f"已开启“{round_.period_label}”报送，{round_.reports.count()}份报告待各单位填报"
                )
                return redirect("supervision:round_detail", pk=round_.pk)
    return render(
        request,
        "supervision/round_list.html",
        {
            "plan": plan,
            "rounds": selectors.round_list(user=request.user, plan=plan),
            "form": form,
            "is_office": is_plan_office(request.user, plan, capability=services.MANAGE),
        },
    )


@require_http_methods(["GET", "POST"])
def round_detail(request, pk: int):
    round_ = selectors.round_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.round_close(actor=request.user, round_=round_)
        messages.success(request, "已结束本轮报送")
        return redirect("supervision:round_detail", pk=round_.pk)
    return render(
        request,
        "supervision/round_detail.html",
        {
            "round": round_,
            "reports": selectors.report_list(user=request.user, round_=round_),
            "late": selectors.late_reports(round_=round_),
            "is_office": is_plan_office(request.user, round_.plan, capability=services.MANAGE),
            "today": clock.today(),
        },
    )


@require_GET
def todo(request):
    return render(
        request,
        "supervision/todo.html",
        {"reports": selectors.todo_reports(user=request.user), "today": clock.today()},
    )


def _as_of_day(round_) -> datetime.date:
    """A value entered during its period counts as of today; after the period, as of its end."""
    return min(round_.period_end, clock.today())


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    own = report.unit_id == request.user.unit_id
    is_office = is_plan_office(request.user, report.round.plan, capability=services.MANAGE)
    indicators = [
        i
        for i in report.task.indicators.filter(active=True).select_related("reporting_unit")
        if report.unit_id == i.reporting_unit_id or i.per_units.filter(pk=report.unit_id).exists()
    ]
    form = ReportForm(
        request.POST or None,
        initial={
            "status": report.status,
            "percent": report.percent,
            "done_text": report.done_text,
            "problems": report.problems,
            "next_steps": report.next_steps,
        },
    )
    value_errors: dict[int, str] = {}
    if request.method == "POST":
        op = request.POST.get("op", "save")
        with service_errors(request):
            if op in ("accept", "return"):
                services.report_review(
                    actor=request.user,
                    report=report,
                    accept=op == "accept",
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, "已审核通过" if op == "accept" else "已退回")
                return redirect("supervision:round_detail", pk=report.round_id)
            if not own:
                raise ApplicationError(ErrorCode.NOT_FOUND, "报告不存在或无权访问")
            parsed, value_errors = parse_indicator_values(request.POST, indicators)
            if not form.is_valid() or value_errors:
                files = request.FILES.getlist("evidence")
                raise ApplicationError(
                    ErrorCode.INVALID_INPUT,
                    "请检查填写内容，未保存" + ("；选择的佐证材料未上传，请改正后重新选择" if files else ""),
                )
            with transaction.atomic():  # all or nothing: the report, its values and its evidence
                services.report_save(actor=request.user, report=report, **form.cleaned_data)
                for indicator, value, note in parsed:
                    services.value_save(
                        actor=request.user,
                        indicator=indicator,
                        unit=report.unit,
                        period_end=_as_of_day(report.round),
                        value=value,
                        note=note,
                        round_=report.round,
                    )
                for upload in request.FILES.getlist("evidence"):
                    evidence_store(
                        actor=request.user,
                        unit=report.unit,
                        filename=upload.name,
                        data=upload.read(),
                        report=report,
                    )
                if op == "submit":
                    services.report_submit(actor=request.user, report=report)
            if op == "submit":
                messages.success(request, "报告已提交，等待牵头办公室审核")
            else:
                messages.success(request, "已保存草稿")
            return redirect("supervision:report_detail", pk=report.pk)
    values = {
        v.indicator_id: v for v in report.round.values.filter(unit=report.unit, indicator__in=indicators)
    }
    return render(
        request,
        "supervision/report_detail.html",
        {
            "report": report,
            "form": form,
            "own": own,
            "is_office": is_office,
            "editable": own and report.state in (ReportState.DRAFT, ReportState.RETURNED),
            "indicator_rows": [(i, values.get(i.pk)) for i in indicators],
            "co_reports": report.task.reports.filter(round=report.round)
            .exclude(pk=report.pk)
            .select_related("unit")
            if report.role == "lead" and (own or is_office)
            else [],
            "versions": report.versions.all()[:10],
            "evidence": report.evidence.all(),
            "value_day": _as_of_day(report.round),
            "posted_values": {i.pk: request.POST.get(f"value-{i.pk}", "") for i in indicators}
            if request.method == "POST"
            else {},
            "posted_notes": {i.pk: request.POST.get(f"note-{i.pk}", "") for i in indicators}
            if request.method == "POST"
            else {},
            "value_errors": value_errors,
        },
    )


@require_GET
def evidence_download(request, pk: int):
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    audit_record(actor=request.user, action=AuditAction.EVIDENCE_VIEWED, target=evidence)
    return FileResponse(
        open(evidence.file_path, "rb"), filename=evidence.filename, content_type=evidence.content_type
    )


@require_http_methods(["GET", "POST"])
def order_list(request):
    orders = selectors.order_list(user=request.user)
    return render(request, "supervision/order_list.html", {"orders": orders, "today": clock.today()})


@require_http_methods(["GET", "POST"])
def order_create(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    if not is_plan_office(request.user, plan, capability=services.MANAGE):
        raise PermissionDenied("只有牵头办公室可以签发督办单")
    params = request.POST if request.method == "POST" else request.GET
    task_id, indicator_id = get_id(params, "task"), get_id(params, "indicator")
    task = PlanNode.objects.filter(document=plan, pk=task_id).first() if task_id else None
    indicator = Indicator.objects.filter(plan=plan, pk=indicator_id).first() if indicator_id else None
    reason = ""
    initial = {"deadline": clock.today() + datetime.timedelta(days=15)}
    if task is not None:
        state = monitoring.plan_status(plan=plan, task_ids=[task.pk])[0]
        reason = state.assessment.reason
        lead = task.responsibilities.filter(role="lead").first() or task.responsibilities.first()
        initial.update(
            unit=lead.unit if lead else None,
            issue=f"任务{task.number}{task.full_title}：{reason}",
            requirement="请于办理期限前报送整改措施和阶段成效，并附佐证材料。",
        )
    form = OrderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form=form):
            order = services.order_issue(
                actor=request.user,
                plan=plan,
                task=task,
                indicator=indicator,
                level_reason=request.POST.get("level_reason", reason),
                **form.cleaned_data,
            )
            messages.success(request, f"已签发督办单{order.number}")
            return redirect("supervision:order_detail", pk=order.pk)
    return render(
        request,
        "supervision/order_form.html",
        {"plan": plan, "task": task, "indicator": indicator, "form": form, "reason": reason},
    )


@require_http_methods(["GET", "POST"])
def order_detail(request, pk: int):
    order = selectors.order_get(user=request.user, pk=pk)
    is_office = is_plan_office(request.user, order.plan, capability=services.MANAGE)
    answer_form = AnswerForm(
        request.POST if request.POST.get("op") == "answer" else None, request.FILES or None
    )
    escalate_form = EscalateForm(request.POST if request.POST.get("op") == "escalate" else None)
    if request.method == "POST":
        op = request.POST.get("op")
        with service_errors(request):
            if op == "answer" and answer_form.is_valid():
                services.order_answer(
                    actor=request.user, order=order, answer=answer_form.cleaned_data["answer"]
                )
                if upload := answer_form.cleaned_data.get("file"):
                    evidence_store(
                        actor=request.user,
                        unit=order.unit,
                        filename=upload.name,
                        data=upload.read(),
                        order=order,
                    )
                messages.success(request, "已答复督办单")
                return redirect("supervision:order_detail", pk=order.pk)
            if op == "close":
                services.order_close(actor=request.user, order=order, note=request.POST.get("note", ""))
                messages.success(request, "督办单已办结")
                return redirect("supervision:order_detail", pk=order.pk)
            if op == "escalate" and escalate_form.is_valid():
                services.order_escalate(actor=request.user, order=order, **escalate_form.cleaned_data)
                messages.success(request, "已升级督办")
                return redirect("supervision:order_detail", pk=order.pk)
    return render(
        request,
        "supervision/order_detail.html",
        {
            "order": order,
            "is_office": is_office,
            "own": services.can_answer_order(request.user, order),
            "answer_form": answer_form,
            "escalate_form": escalate_form,
            "today": clock.today(),
            "evidence": order.evidence.all(),
        },
    )


@require_GET
def leader_summary(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    states = monitoring.plan_status(plan=plan)
    levels, statuses, _areas = _plan_summary(plan, states)
    red = [s for s in states if s.assessment.level == "red"][:10]
    return render(
        request,
        "supervision/leader_summary.html",
        {
            "plan": plan,
            "levels": levels,
            "statuses": statuses,
            "total": len(states),
            "level_labels": LEVEL_LABELS,
            "red": red,
            "lead_units": lead_unit_names(s.task.pk for s in red),
            "ranking": _unit_ranking(plan, states)[:10],
            "orders_open": selectors.order_list(user=request.user)
            .filter(plan=plan)
            .exclude(state="closed")
            .count(),
            "overdue_orders": selectors.overdue_orders(user=request.user).filter(plan=plan).count(),
        },
    )


def _export(request, path, *, target, kind: str):
    audit_record(
        actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, target=target, detail={"kind": kind}
    )
    return FileResponse(open_then_remove(path), as_attachment=True, filename=path.name)


@require_GET
def export_ledger(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    return _export(request, exports.ledger_xlsx(plan=plan), target=plan, kind="ledger")


@require_GET
def export_indicators(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    return _export(request, exports.indicators_xlsx(plan=plan), target=plan, kind="indicators")


@require_GET
def export_round_report(request, pk: int):
    round_ = selectors.round_get(user=request.user, pk=pk)
    if not request.user.has_capability("supervision.view_all"):
        raise PermissionDenied("没有权限导出报告")
    as_of = get_date(request.GET, "as_of", maximum=clock.today())  # the dashboard's ?as_of=, same counts
    return _export(
        request, exports.round_report_docx(round_=round_, as_of=as_of), target=round_, kind="round_report"
    )


@require_GET
def export_round_notice(request, pk: int):
    round_ = selectors.round_get(user=request.user, pk=pk)
    if not is_plan_office(request.user, round_.plan, capability=services.MANAGE):
        raise PermissionDenied("只有牵头办公室可以出具通报")
    return _export(request, exports.round_notice_docx(round_=round_), target=round_, kind="round_notice")


@require_GET
def export_order(request, pk: int):
    order = selectors.order_get(user=request.user, pk=pk)
    return _export(request, exports.order_docx(order=order), target=order, kind="order")
