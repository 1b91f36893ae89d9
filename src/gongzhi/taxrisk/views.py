import datetime
from decimal import InvalidOperation

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.choices import JobState
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.http import raise_as_http, service_errors
from gongzhi.core.money import parse_amount
from gongzhi.core.params import get_choice, get_decimal, get_flag, get_id, get_page, get_str
from gongzhi.core.permissions import require_capability
from gongzhi.core.selectors import job_get
from gongzhi.org.models import Unit
from gongzhi.taxrisk import hooks, selectors, services
from gongzhi.taxrisk.choices import DismissReason, Engine, LeadStatus, RulePurpose
from gongzhi.taxrisk.models import RiskRule


@require_GET
def lead_list(request):
    require_capability(request.user, "taxrisk.view_leads")
    leads = selectors.lead_list(
        user=request.user,
        rule=get_str(request.GET, "rule"),
        industry=get_str(request.GET, "industry"),
        town=get_str(request.GET, "town"),
        status=get_choice(request.GET, "status", LeadStatus),
        min_amount=get_decimal(request.GET, "min"),
        overdue=get_flag(request.GET, "overdue"),
    )
    page = Paginator(leads, 50).get_page(get_page(request.GET))
    page.object_list = list(page.object_list)
    credit, credit_error = {}, ""
    try:
        credit = selectors.lead_credit_levels(user=request.user, leads=page.object_list)
    except ApplicationError as exc:
        if exc.code != ErrorCode.DATA_MISSING:
            raise
        credit_error = exc.message  # a rating file gone: the leads stay workable, the levels wait
    for lead in page.object_list:
        lead.credit = credit.get(lead.uscc)
    return render(
        request,
        "taxrisk/lead_list.html",
        {
            "page": page,
            "filters": request.GET,
            "rules": RiskRule.objects.order_by("code"),
            "statuses": LeadStatus.choices,
            "today": clock.today(),
            "show_credit": request.user.has_capability("credit.view"),
            "credit_error": credit_error,
        },
    )


@require_http_methods(["GET", "POST"])
def lead_detail(request, pk: int):
    require_capability(request.user, "taxrisk.view_leads")
    lead = selectors.lead_get(user=request.user, pk=pk)
    if request.method == "POST":
        op = request.POST.get("op")
        data = request.POST
        try:
            if op == "dispatch":
                assignee = User.objects.filter(pk=data.get("assignee") or 0, role="tax_officer").first()
                unit = Unit.objects.filter(pk=data.get("unit") or 0).first()
                services.lead_dispatch(
                    actor=request.user,
                    lead=lead,
                    assignee=assignee,
                    unit=unit,
                    deadline=datetime.date.fromisoformat(data.get("deadline", "")),
                )
            elif op == "start":
                services.lead_start(actor=request.user, lead=lead)
            elif op == "confirm":
                services.lead_confirm(
                    actor=request.user,
                    lead=lead,
                    recovered_tax=parse_amount(data.get("recovered_tax", "")),
                    recovered_date=datetime.date.fromisoformat(data.get("recovered_date", "")),
                    recovered_period=data.get("recovered_period", ""),
                    note=data.get("note", ""),
                )
            elif op == "dismiss":
                services.lead_dismiss(
                    actor=request.user, lead=lead, reason=data.get("reason", ""), note=data.get("note", "")
                )
            elif op == "contact":
                services.contact_record(
                    actor=request.user,
                    uscc=lead.uscc,
                    lead=lead,
                    method=data.get("method", ""),
                    note=data.get("note", ""),
                )
            messages.success(request, "已保存")
        except ApplicationError as exc:
            raise_as_http(exc)  # not found / not yours: the 404 and 403 pages
            messages.error(request, exc.message)
        except (ValueError, InvalidOperation):
            messages.error(request, "日期或金额格式不正确")
        return redirect("taxrisk:lead_detail", pk=lead.pk)
    others = (
        selectors.lead_list(user=request.user).filter(uscc=lead.uscc).exclude(pk=lead.pk)[:20]
        if lead.uscc
        else []
    )
    return render(
        request,
        "taxrisk/lead_detail.html",
        {
            "lead": lead,
            "evidence": selectors.lead_evidence(user=request.user, lead=lead),
            "rule": selectors.rule_explained(lead.rule.current.meta) if lead.rule.current else None,
            "taxpayer": selectors.taxpayer_view(user=request.user, uscc=lead.uscc) if lead.uscc else None,
            "others": others,
            "events": lead.events.select_related("actor"),
            "panels": hooks.lead_panels(lead, user=request.user),  # apps above (cogov's grid tasks)
            "contacts": lead.contacts.select_related("actor"),
            "officers": User.objects.filter(role="tax_officer", is_active=True),
            "units": Unit.objects.active().filter(kind__in=services.GRID_UNIT_KINDS),
            "reasons": DismissReason.choices,
            "can_dispatch": request.user.has_capability("taxrisk.dispatch"),
            "default_deadline": clock.today() + datetime.timedelta(days=30),
        },
    )


@require_GET
def rule_list(request):
    require_capability(request.user, "taxrisk.view_leads")
    return render(
        request,
        "taxrisk/rule_list.html",
        {
            "rules": RiskRule.objects.filter(purpose=RulePurpose.RISK)
            .select_related("current")
            .order_by("code"),
            "stats": selectors.rule_stats(user=request.user),
            "can_manage": request.user.has_capability("taxrisk.manage_rules"),
        },
    )


def _dry_run_job(request, code: str):
    """The dry-run job of ?dry_run=<id>: the user's own (or their unit's), of this rule; else 404."""
    require_capability(request.user, "taxrisk.manage_rules")
    job = job_get(user=request.user, pk=get_id(request.GET, "dry_run"))
    if job.kind != "taxrisk.dry_run" or job.params.get("code") != code:
        raise Http404("试运行不存在")
    return job


@require_http_methods(["GET", "POST"])
def rule_edit(request, code: str):
    """View, copy (?copy=R01), edit or add a rule; dry-run before saving: a dry run is a job (in
    the worker, never in this request) and the page (?dry_run=<job>) shows its progress, then the
    draft it ran and its result."""
    require_capability(request.user, "taxrisk.view_leads")
    rule = RiskRule.objects.filter(code=code).select_related("current").first()
    source = RiskRule.objects.filter(code=get_str(request.GET, "copy")).select_related("current").first()
    sql = (rule or source).current.sql if (rule or source) and (rule or source).current else ""
    meta = (
        (rule or source).current.meta if (rule or source) and (rule or source).current else f"code: {code}\n"
    )
    if source and not rule:
        meta = meta.replace(f"code: {source.code}", f"code: {code}", 1)
    preview = dry_run = None
    if request.method == "GET" and "dry_run" in request.GET:
        dry_run = _dry_run_job(request, code)
        sql, meta = dry_run.params.get("sql", ""), dry_run.params.get("meta", "")
        if dry_run.state == JobState.SUCCEEDED:
            preview = dry_run.result
        elif dry_run.state == JobState.FAILED:
            preview = {"error": dry_run.error}
    if request.method == "POST":
        require_capability(request.user, "taxrisk.manage_rules")
        sql, meta = request.POST.get("sql", ""), request.POST.get("meta", "")
        try:
            if request.POST.get("op") == "dry_run":
                job = services.rule_dry_run_start(actor=request.user, sql=sql, meta=meta, code=code)
                return redirect(f"{reverse('taxrisk:rule_edit', args=[code])}?dry_run={job.pk}")
            elif request.POST.get("op") == "toggle" and rule:
                services.rule_toggle(actor=request.user, rule=rule, enabled=not rule.enabled)
                return redirect("taxrisk:rule_edit", code=code)
            else:
                services.rule_save(
                    actor=request.user, code=code, sql=sql, meta=meta, note=request.POST.get("note", "")
                )
                messages.success(request, f"规则{code}已保存为新版本")
                return redirect("taxrisk:rule_edit", code=code)
        except ApplicationError as exc:
            raise_as_http(exc)  # not found / not yours: the 404 and 403 pages
            messages.error(request, exc.message)
    elif rule is None and source is None and not code.startswith(("R", "P")):
        raise Http404("规则不存在")
    return render(
        request,
        "taxrisk/rule_edit.html",
        {
            "rule": rule,
            "code": code,
            "push": RulePurpose.of_code(code) == RulePurpose.PUSH,
            "sql": sql,
            "meta": meta,
            "preview": preview,
            "dry_run": dry_run,
            "versions": rule.versions.select_related("created_by")[:20] if rule else [],
            "can_manage": request.user.has_capability("taxrisk.manage_rules"),
        },
    )


@require_http_methods(["GET", "POST"])
def run_list(request):
    require_capability(request.user, "taxrisk.view_leads")
    if request.method == "POST":
        with service_errors(request):
            run = services.run_start(
                actor=request.user,
                engine=request.POST.get("engine", Engine.DUCKDB),
                rules=[c for c in request.POST.getlist("rules") if c],
                period_from=request.POST.get("period_from", ""),
                period_to=request.POST.get("period_to", ""),
            )
            messages.success(request, f"已开始第{run.pk}次运行")
            return redirect("taxrisk:run_detail", pk=run.pk)
    return render(
        request,
        "taxrisk/run_list.html",
        {
            "runs": selectors.run_list(user=request.user)[:30],
            "engines": Engine.choices,
            "rules": RiskRule.objects.filter(enabled=True, purpose=RulePurpose.RISK).order_by("code"),
            "can_run": request.user.has_capability("taxrisk.run"),
        },
    )


@require_GET
def run_detail(request, pk: int):
    require_capability(request.user, "taxrisk.view_leads")
    run = selectors.run_get(user=request.user, pk=pk)
    # the job's message states the run's total: only for those who see every lead
    show_job = request.user.has_capability("taxrisk.view_all_leads")
    return render(request, "taxrisk/run_detail.html", {"run": run, "show_job": show_job})


@require_GET
def industry(request, key: str):
    require_capability(request.user, "taxrisk.view_leads")
    if key not in selectors.KEY_INDUSTRIES:
        raise Http404("行业不存在")
    label, prefixes = selectors.KEY_INDUSTRIES[key]
    leads = selectors.lead_list(user=request.user)
    from django.db.models import Q

    condition = Q()
    for prefix in prefixes:
        condition |= Q(industry_code__startswith=prefix)
    leads = leads.filter(condition)
    by_rule = {}
    for lead in leads:
        by_rule.setdefault(f"{lead.rule.code} {lead.rule.name}", []).append(lead)
    return render(
        request,
        "taxrisk/industry.html",
        {
            "label": label,
            "key": key,
            "leads": leads[:100],
            "by_rule": {k: len(v) for k, v in sorted(by_rule.items())},
            "payments": selectors.industry_payments(user=request.user, prefixes=prefixes),
            "industries": selectors.KEY_INDUSTRIES,
        },
    )
