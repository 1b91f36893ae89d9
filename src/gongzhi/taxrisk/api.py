"""/api/v1/taxrisk/: leads (疑点) through their workflow, rules and runs — the pages' services and
selectors, with the pages' permissions and audit. People only: a unit's API token holds none of
the taxrisk capabilities (403)."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from gongzhi.accounts.models import User
from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.org.models import Unit
from gongzhi.taxrisk import selectors, services
from gongzhi.taxrisk.choices import DismissReason, Engine, LeadStatus, RulePurpose, RunState
from gongzhi.taxrisk.models import Lead, RiskRule, RiskRun

router = Router(tags=["税收风险"])

PAGE_SIZE = 50  # as the lead list page


def _can(request, capability: str) -> None:
    require_capability(request.principal, capability, allow_system=False)


def _amount(value) -> str | None:
    return None if value is None else str(value)


# --- leads ------------------------------------------------------------------------------------


class TaxriskLeadOut(Schema):
    id: int
    rule: str
    rule_name: str
    uscc: str
    person: str
    taxpayer_name: str
    period: str
    industry_code: str
    town: str
    tax_at_risk: str | None
    amount: str | None
    status: str
    status_label: str
    assignee: str | None
    assignee_unit: str | None
    deadline: datetime.date | None
    recovered_tax: str | None
    recovered_date: datetime.date | None
    recovered_period: str
    dismiss_reason: str
    note: str


def _lead_out(lead: Lead) -> dict:
    return {
        "id": lead.pk,
        "rule": lead.rule.code,
        "rule_name": lead.rule.name,
        "uscc": lead.uscc,
        "person": lead.person,
        "taxpayer_name": lead.taxpayer_name,
        "period": lead.period,
        "industry_code": lead.industry_code,
        "town": lead.town,
        "tax_at_risk": _amount(lead.tax_at_risk),
        "amount": _amount(lead.amount),
        "status": lead.status,
        "status_label": str(LeadStatus(lead.status).label),
        "assignee": lead.assignee.username if lead.assignee else None,
        "assignee_unit": lead.assignee_unit.name if lead.assignee_unit else None,
        "deadline": lead.deadline,
        "recovered_tax": _amount(lead.recovered_tax),
        "recovered_date": lead.recovered_date,
        "recovered_period": lead.recovered_period,
        "dismiss_reason": lead.dismiss_reason,
        "note": lead.note,
    }


class TaxriskLeadPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[TaxriskLeadOut]


@router.get(
    "/leads",
    response={200: TaxriskLeadPageOut, **errors()},
    summary="疑点清单（筛选同网页：规则、行业、镇街、状态、最低风险税额、逾期；每页50条）",
)
def taxrisk_leads(
    request,
    rule: str = "",
    industry: str = "",
    town: str = "",
    status: LeadStatus | None = None,
    min_amount: Annotated[Decimal | None, Field(ge=0, max_digits=18, decimal_places=2)] = None,
    overdue: bool = False,
    page: Annotated[int, Field(ge=1, le=100000)] = 1,
):
    _can(request, "taxrisk.view_leads")
    leads = selectors.lead_list(
        user=request.principal,
        rule=rule,
        industry=industry,
        town=town,
        status=status or "",
        min_amount=min_amount,
        overdue=overdue,
    )
    paginator = Paginator(leads, PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [_lead_out(lead) for lead in current.object_list],
    }


class TaxriskEventOut(Schema):
    action: str
    label: str
    note: str
    actor: str | None
    at: datetime.datetime
    link: str


class TaxriskContactOut(Schema):
    method: str
    note: str
    actor: str
    at: datetime.datetime


class TaxriskEvidenceRefOut(Schema):
    dataset: str | None
    submission: int | None
    row: int | None


class TaxriskLeadDetailOut(TaxriskLeadOut):
    evidence: list[TaxriskEvidenceRefOut]
    events: list[TaxriskEventOut]
    contacts: list[TaxriskContactOut]


def _lead_detail(request, lead_id: int) -> Lead:
    """The lead if the caller may see it (each read audited, as the page); 404 for another's."""
    _can(request, "taxrisk.view_leads")
    return selectors.lead_get(user=request.principal, pk=lead_id)


def _lead_detail_out(lead: Lead) -> dict:
    lead = Lead.objects.select_related("rule", "assignee", "assignee_unit").get(pk=lead.pk)
    return {
        **_lead_out(lead),
        "evidence": [
            {"dataset": e.get("dataset"), "submission": e.get("submission"), "row": e.get("row")}
            for e in lead.evidence
            if isinstance(e, dict)
        ],
        "events": [
            {
                "action": e.action,
                "label": e.action_label,
                "note": e.note,
                "actor": e.actor.username if e.actor else None,
                "at": e.at,
                "link": getattr(e, "link", ""),
            }
            for e in lead.events.select_related("actor")
        ],
        "contacts": [
            {"method": c.method, "note": c.note, "actor": c.actor.username, "at": c.at}
            for c in lead.contacts.select_related("actor")
        ],
    }


@router.get(
    "/leads/{lead_id}",
    response={200: TaxriskLeadDetailOut, **errors(404)},
    summary="疑点详情：证据出处、处理记录、接触记录（每次查看留痕）",
)
def taxrisk_lead(request, lead_id: int):
    return _lead_detail_out(_lead_detail(request, lead_id))


class TaxriskDispatchIn(Schema):
    assignee: int | None = Field(None, description="核实人（税务核查员）的用户编号")
    unit: int | None = Field(None, description="核实单位（镇、街道）编号")
    deadline: datetime.date


@router.post(
    "/leads/{lead_id}/dispatch",
    response={200: TaxriskLeadDetailOut, **errors(400, 404, 409)},
    summary="派发：交税务核查员或镇街网格核实，限期",
)
def taxrisk_lead_dispatch(request, lead_id: int, body: TaxriskDispatchIn):
    lead = _lead_detail(request, lead_id)
    assignee = unit = None
    if body.assignee is not None:
        assignee = User.objects.filter(pk=body.assignee, role="tax_officer", is_active=True).first()
        if assignee is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("核实人不存在或不是税务核查员"))
    if body.unit is not None:
        unit = Unit.objects.active().filter(pk=body.unit).first()
        if unit is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("核实单位不存在"))
    services.lead_dispatch(
        actor=request.principal, lead=lead, assignee=assignee, unit=unit, deadline=body.deadline
    )
    return _lead_detail_out(lead)


@router.post(
    "/leads/{lead_id}/start",
    response={200: TaxriskLeadDetailOut, **errors(404, 409)},
    summary="开始核实（核实人或核实单位）",
)
def taxrisk_lead_start(request, lead_id: int):
    lead = _lead_detail(request, lead_id)
    services.lead_start(actor=request.principal, lead=lead)
    return _lead_detail_out(lead)


class TaxriskConfirmIn(Schema):
    recovered_tax: Decimal = Field(..., max_digits=18, decimal_places=2, description="查补税款（元）")
    recovered_date: datetime.date = Field(..., description="入库日期")
    recovered_period: str = Field("", description="入库期间，如 2025-06")
    note: str = ""


@router.post(
    "/leads/{lead_id}/confirm",
    response={200: TaxriskLeadDetailOut, **errors(400, 404, 409)},
    summary="确认疑点：记录核实结果、查补税款、入库日期和入库期间",
)
def taxrisk_lead_confirm(request, lead_id: int, body: TaxriskConfirmIn):
    lead = _lead_detail(request, lead_id)
    services.lead_confirm(
        actor=request.principal,
        lead=lead,
        recovered_tax=body.recovered_tax,
        recovered_date=body.recovered_date,
        recovered_period=body.recovered_period,
        note=body.note,
    )
    return _lead_detail_out(lead)


class TaxriskDismissIn(Schema):
    reason: str = Field(
        ..., description="排除原因：" + "、".join(f"{v} {label}" for v, label in DismissReason.choices)
    )
    note: str = Field(..., description="排除理由")


@router.post(
    "/leads/{lead_id}/dismiss",
    response={200: TaxriskLeadDetailOut, **errors(400, 404, 409)},
    summary="排除疑点：选择原因并说明理由",
)
def taxrisk_lead_dismiss(request, lead_id: int, body: TaxriskDismissIn):
    lead = _lead_detail(request, lead_id)
    services.lead_dismiss(actor=request.principal, lead=lead, reason=body.reason, note=body.note)
    return _lead_detail_out(lead)


class TaxriskContactIn(Schema):
    method: str = Field(..., description="接触方式，如 电话、约谈、实地")
    note: str = ""


@router.post(
    "/leads/{lead_id}/contacts",
    response={200: TaxriskLeadDetailOut, **errors(400, 404, 409)},
    summary="记录与纳税人的接触（无风险不打扰：只针对未结疑点）",
)
def taxrisk_lead_contact(request, lead_id: int, body: TaxriskContactIn):
    lead = _lead_detail(request, lead_id)
    if not body.method.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写接触方式"))
    services.contact_record(
        actor=request.principal, uscc=lead.uscc, lead=lead, method=body.method, note=body.note
    )
    return _lead_detail_out(lead)


# --- rules ------------------------------------------------------------------------------------


class TaxriskRuleOut(Schema):
    code: str
    name: str
    enabled: bool
    builtin: bool
    purpose: str
    version: int | None
    leads: int
    verified: int
    confirmed: int
    hit_rate: float | None
    recovered: str | None


def _rule_out(rule: RiskRule, stats: dict) -> dict:
    row = stats.get(rule.code, {})
    return {
        "code": rule.code,
        "name": rule.name,
        "enabled": rule.enabled,
        "builtin": rule.builtin,
        "purpose": rule.purpose,
        "version": rule.current.version if rule.current else None,
        "leads": row.get("leads", 0),
        "verified": row.get("verified", 0),
        "confirmed": row.get("confirmed", 0),
        "hit_rate": row.get("hit_rate"),
        "recovered": _amount(row.get("recovered")),
    }


@router.get(
    "/rules",
    response={200: list[TaxriskRuleOut], **errors()},
    summary="风险规则及其成效（疑点数、已核实、已确认、命中率、查补税款；按可见疑点统计）",
)
def taxrisk_rules(request):
    _can(request, "taxrisk.view_leads")
    stats = selectors.rule_stats(user=request.principal)
    rules = RiskRule.objects.filter(purpose=RulePurpose.RISK).select_related("current").order_by("code")
    return [_rule_out(rule, stats) for rule in rules]


class TaxriskVersionOut(Schema):
    version: int
    note: str
    created_by: str | None
    created_at: datetime.datetime


class TaxriskRuleDetailOut(TaxriskRuleOut):
    sql: str
    meta: str
    versions: list[TaxriskVersionOut]


def _rule(request, code: str) -> RiskRule:
    _can(request, "taxrisk.view_leads")
    rule = RiskRule.objects.filter(code=code).select_related("current").first()
    if rule is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("规则不存在"))
    return rule


def _rule_detail_out(request, rule: RiskRule) -> dict:
    stats = selectors.rule_stats(user=request.principal)
    return {
        **_rule_out(rule, stats),
        "sql": rule.current.sql if rule.current else "",
        "meta": rule.current.meta if rule.current else "",
        "versions": [
            {
                "version": v.version,
                "note": v.note,
                "created_by": v.created_by.username if v.created_by else None,
                "created_at": v.created_at,
            }
            for v in rule.versions.select_related("created_by")[:20]
        ],
    }


@router.get(
    "/rules/{code}",
    response={200: TaxriskRuleDetailOut, **errors(404)},
    summary="规则详情：当前版本的 SQL 与元数据、最近20个版本",
)
def taxrisk_rule(request, code: str):
    return _rule_detail_out(request, _rule(request, code))


class TaxriskEnabledIn(Schema):
    enabled: bool


@router.post(
    "/rules/{code}/enabled",
    response={200: TaxriskRuleDetailOut, **errors(404)},
    summary="启用或停用规则（领导小组办公室）",
)
def taxrisk_rule_enable(request, code: str, body: TaxriskEnabledIn):
    rule = _rule(request, code)
    rule = services.rule_toggle(actor=request.principal, rule=rule, enabled=body.enabled)
    return _rule_detail_out(request, rule)


# --- runs -------------------------------------------------------------------------------------


class TaxriskRunJobOut(Schema):
    id: int
    state: str
    progress: int
    message: str


class TaxriskRunOut(Schema):
    id: int
    engine: str
    rules: list[str]
    period_from: str
    period_to: str
    state: str
    state_label: str
    leads: int
    new_leads: int
    started_by: str | None
    created_at: datetime.datetime
    seconds: dict
    errors: dict
    job: TaxriskRunJobOut | None


def _run_out(request, run: RiskRun) -> dict:
    # the job's message states the run's total: only for those who see every lead (as the page)
    show_job = request.principal.has_capability("taxrisk.view_all_leads") and run.job is not None
    return {
        "id": run.pk,
        "engine": run.engine,
        "rules": list(run.rules or []),
        "period_from": run.period_from,
        "period_to": run.period_to,
        "state": run.state,
        "state_label": str(RunState(run.state).label),
        "leads": run.shown_leads,
        "new_leads": run.shown_new,
        "started_by": run.started_by.username if run.started_by else None,
        "created_at": run.created_at,
        "seconds": run.seconds if show_job else {},
        "errors": run.errors if show_job else {},
        "job": (
            {
                "id": run.job.pk,
                "state": run.job.state,
                "progress": run.job.progress,
                "message": run.job.message,
            }
            if show_job
            else None
        ),
    }


@router.get("/runs", response={200: list[TaxriskRunOut], **errors()}, summary="风险分析运行（最近30次）")
def taxrisk_runs(request):
    _can(request, "taxrisk.view_leads")
    return [_run_out(request, run) for run in selectors.run_list(user=request.principal)[:30]]


@router.get(
    "/runs/{run_id}",
    response={200: TaxriskRunOut, **errors(404)},
    summary="一次运行的状态与进度（疑点数按可见疑点统计）",
)
def taxrisk_run(request, run_id: int):
    _can(request, "taxrisk.view_leads")
    return _run_out(request, selectors.run_get(user=request.principal, pk=run_id))


class TaxriskRunIn(Schema):
    engine: Engine = Engine.DUCKDB
    rules: list[str] = Field(default_factory=list, description="规则编号；空表示全部启用的风险规则")
    period_from: str = Field("", description="起始期间，如 2025-01")
    period_to: str = Field("", description="截止期间，如 2025-06")


@router.post(
    "/runs",
    response={200: TaxriskRunOut, **errors(400, 404)},
    summary="开始一次风险分析（后台任务；进度见 GET /taxrisk/runs/{run_id}）",
)
def taxrisk_run_start(request, body: TaxriskRunIn):
    _can(request, "taxrisk.view_leads")
    _can(request, "taxrisk.run")
    rules = [code for code in body.rules if code]
    if rules:
        services.loaded_rules(rules)  # unknown codes: 404 naming them, before anything is stored
    run = services.run_start(
        actor=request.principal,
        engine=body.engine,
        rules=rules,
        period_from=body.period_from,
        period_to=body.period_to,
    )
    return _run_out(request, selectors.run_get(user=request.principal, pk=run.pk))
