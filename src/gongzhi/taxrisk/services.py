"""Rules, runs and leads (疑点). The rule engine is pure (`engine/`); this module keeps the rule
versions, runs the engine as a job over the current shared data, deduplicates leads across runs
and carries them through dispatch, verification and the result."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_start
from gongzhi.core.masking import mask_id_number
from gongzhi.core.money import format_amount
from gongzhi.core.periods import PeriodError, check_month_text, date_words
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.warehouse import catalog_tables, open_warehouse
from gongzhi.taxrisk.choices import DismissReason, Engine, LeadStatus, RulePurpose, RunState
from gongzhi.taxrisk.engine.rules import RULES_DIR, Rule, RuleError, parse_rule
from gongzhi.taxrisk.engine.runner import run_rules
from gongzhi.taxrisk.engine.sqlcheck import check_fields
from gongzhi.taxrisk.models import Lead, LeadEvent, RiskRule, RiskRun, RuleVersion, TaxpayerContact

# --- rules ------------------------------------------------------------------------------------


def _check(sql: str, meta: str, slug: str, *, known_datasets=None) -> Rule:
    try:
        return parse_rule(sql, meta, slug=slug, check=True, known_datasets=known_datasets)
    except RuleError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc


@transaction.atomic
def rules_sync(*, actor=None, directory: Path | None = None) -> dict[str, int]:
    """Bring the built-in rule files into the database (a changed file becomes a new version).
    `directory`: another folder of rule files (the credit app's policy-push rules, P01…)."""
    counts = {"created": 0, "updated": 0}
    for sql_path in sorted(Path(directory or RULES_DIR).glob("[RP]*_*.sql")):
        sql, meta = sql_path.read_text("utf-8"), sql_path.with_suffix(".yml").read_text("utf-8")
        rule = _check(sql, meta, sql_path.stem)
        row, created = RiskRule.objects.get_or_create(
            code=rule.code,
            defaults={"name": rule.name, "builtin": True, "purpose": RulePurpose.of_code(rule.code)},
        )
        if created or (row.builtin and row.current and (row.current.sql, row.current.meta) != (sql, meta)):
            _new_version(row, sql=sql, meta=meta, actor=actor, note="内置规则文件")
            counts["created" if created else "updated"] += 1
    return counts


def _new_version(row: RiskRule, *, sql: str, meta: str, actor, note: str) -> RuleVersion:
    number = (row.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    version = RuleVersion.objects.create(
        rule=row, version=number, sql=sql, meta=meta, note=note[:200], created_by=user_or_none(actor)
    )
    row.current = version
    row.save(update_fields=["current", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.RULE_SAVED, target=row, detail={"version": number, "note": note}
    )
    return version


@transaction.atomic
def rule_save(*, actor, code: str, sql: str, meta: str, note: str = "") -> RiskRule:
    """保存规则（新增或修改）：SQL 须通过检查——只有一条 SELECT、只用声明的数据集、参数都已声明。"""
    require_capability(actor, "taxrisk.manage_rules")
    tables = catalog_tables()
    rule = _check(sql, meta, f"{code}_custom", known_datasets=tables)
    if rule.code != code:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("元数据中的编号 %(stated)s 与规则编号 %(code)s 不一致") % {"stated": rule.code, "code": code},
        )
    try:
        check_fields(rule, {d: tables[d] for d in rule.datasets})
    except RuleError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc
    row, _created = RiskRule.objects.get_or_create(
        code=code, defaults={"name": rule.name, "purpose": RulePurpose.of_code(code)}
    )
    row.name = rule.name
    row.save(update_fields=["name", "updated_at"])
    _new_version(row, sql=sql, meta=meta, actor=actor, note=note or "修改规则")
    return row


@transaction.atomic
def rule_toggle(*, actor, rule: RiskRule, enabled: bool) -> RiskRule:
    require_capability(actor, "taxrisk.manage_rules")
    rule.enabled = enabled
    rule.save(update_fields=["enabled", "updated_at"])
    audit_record(actor=actor, action=AuditAction.RULE_SAVED, target=rule, detail={"enabled": enabled})
    return rule


def loaded_rules(codes: list[str] | None = None) -> list[Rule]:
    """The enabled risk rules, or those named (policy-push rules are never run as risk rules: the
    credit app's campaigns run them)."""
    risk = RiskRule.objects.filter(current__isnull=False, purpose=RulePurpose.RISK)
    rows = risk.filter(enabled=True).select_related("current")
    if codes:
        rows = risk.filter(code__in=codes).select_related("current")
        missing = set(codes) - set(rows.values_list("code", flat=True))
        if missing:
            raise ApplicationError(
                ErrorCode.NOT_FOUND, _("找不到规则：%(names)s") % {"names": "、".join(sorted(missing))}
            )
    return [_check(r.current.sql, r.current.meta, f"{r.code}_db") for r in rows.order_by("code")]


# --- runs -------------------------------------------------------------------------------------


def _run_on_warehouse(
    rules: list[Rule],
    *,
    purpose: str,
    engine: str = Engine.DUCKDB,
    target=None,
    timeout: float | None = None,
    **options,
):
    """Run `rules` over the current shared data (read as the system, through the warehouse; a
    dataset the demand list lacks fails only the rules that read it). Each rule is interrupted
    after `timeout` seconds (default: settings.RULE_SECONDS)."""
    known = set(Dataset.objects.filter(current_version__isnull=False).values_list("code", flat=True))
    needed = sorted({d for rule in rules for d in rule.datasets if d in known})
    timeout = timeout or settings.RULE_SECONDS
    with open_warehouse(user=None, datasets=needed, purpose=purpose, connect=False, target=target) as wh:
        if engine == Engine.SPARK:
            result = run_rules(
                rules, wh.sources, engine="spark", timeout=timeout, master=settings.SPARK_MASTER, **options
            )
        else:
            result = run_rules(
                rules, wh.sources, timeout=timeout, memory_limit=settings.RULE_MEMORY, **options
            )
        wh.returned = len(result.leads)
        wh.detail.update({"engine": result.engine, "errors": sorted(result.errors)})
    return result


# The credit app's policy-push campaigns run their rules the same way.
run_on_warehouse = _run_on_warehouse


def _period(text: str | None) -> str:
    if not text:
        return ""
    try:
        return check_month_text(text)
    except PeriodError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc


def run_start(
    *,
    actor,
    engine: str = Engine.DUCKDB,
    rules: list[str] | None = None,
    period_from: str = "",
    period_to: str = "",
    background: bool = True,
) -> RiskRun:
    require_capability(actor, "taxrisk.run")
    if engine not in Engine.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("引擎“%(engine)s”无效") % {"engine": engine})
    run = RiskRun.objects.create(
        engine=engine,
        rules=rules or [],
        period_from=_period(period_from),
        period_to=_period(period_to),
        started_by=user_or_none(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.RISK_RUN_STARTED,
        target=run,
        detail={"engine": engine, "rules": rules, "from": period_from, "to": period_to},
    )
    if background:
        run.job = job_start(
            kind="taxrisk.run",
            title=f"税收风险分析（{Engine(engine).label}）",
            actor=actor,
            params={"run_id": run.pk},
        )
        run.save(update_fields=["job"])
        return run
    return run_execute(run=run)


def run_execute(*, run: RiskRun, progress=None) -> RiskRun:
    rules = loaded_rules(run.rules or None)
    RiskRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING)
    try:
        result = _run_on_warehouse(
            rules,
            purpose=f"税收风险分析（第{run.pk}次运行）",
            engine=run.engine,
            target=run,
            period_from=run.period_from or None,
            period_to=run.period_to or None,
            progress=progress,
        )
    except Exception as exc:
        RiskRun.objects.filter(pk=run.pk).update(state=RunState.FAILED, errors={"*": str(exc)[:2000]})
        raise
    return leads_store(run=run, result=result)


def run_fail(*, run_id: int, error: str) -> RiskRun | None:
    """A run whose job failed for good: marked failed with the reason (never "running" for ever)."""
    updated = RiskRun.objects.filter(pk=run_id, state__in=[RunState.QUEUED, RunState.RUNNING]).update(
        state=RunState.FAILED, errors={"*": error[:2000]}
    )
    if updated:
        audit_record(
            actor=None,
            action=AuditAction.RISK_RUN_DONE,
            object_type="taxrisk.riskrun",
            object_id=run_id,
            object_repr=f"第{run_id}次运行",
            detail={"failed": error[:300]},
        )
    return RiskRun.objects.filter(pk=run_id).first()


def _taxpayers(usccs: set[str]) -> dict[str, tuple]:
    """name, industry and town of the taxpayers in the current registry (one query)."""
    if not usccs:
        return {}
    with open_warehouse(user=None, datasets=["taxpayer"], purpose="疑点入库：纳税人名称、行业、镇街") as wh:
        rows = wh.rows(
            "SELECT uscc, name, industry_code, town FROM taxpayer WHERE list_contains(?, uscc)",
            [sorted(usccs)],
        )
    return {r[0]: r[1:] for r in rows}


@transaction.atomic
def leads_store(*, run: RiskRun, result) -> RiskRun:
    """Upsert the run's leads: one per rule, taxpayer (or person) and period; evidence updated."""
    rules = {r.code: r for r in RiskRule.objects.all()}
    info = _taxpayers({lead.uscc for lead in result.leads if lead.uscc})
    existing = {
        (lead.rule.code, lead.uscc, lead.person, lead.period): lead
        for lead in Lead.objects.filter(rule__code__in={lead.rule for lead in result.leads}).select_related(
            "rule"
        )
    }
    new = 0
    for found in result.leads:
        person = mask_id_number(found.person) if found.person else ""
        key = (found.rule, found.uscc or "", person, found.period)
        evidence = [{"dataset": e.dataset, "submission": e.submission, "row": e.row} for e in found.evidence]
        name, industry, town = info.get(found.uscc or "", ("", "", ""))
        lead = existing.get(key)
        if lead is None:
            lead = Lead(
                rule=rules[found.rule],
                uscc=found.uscc or "",
                person=person,
                period=found.period,
                first_run=run,
            )
            new += 1
        lead.tax_at_risk, lead.amount, lead.evidence, lead.last_run = (
            found.tax_at_risk,
            found.amount,
            evidence,
            run,
        )
        lead.taxpayer_name, lead.industry_code, lead.town = name or "", industry or "", town or ""
        lead.save()
    run.state = RunState.DONE
    run.seconds = {k: round(v, 4) for k, v in result.seconds.items()}
    run.errors = dict(result.errors)
    run.lead_count, run.new_leads = len(result.leads), new
    run.save()
    audit_record(
        actor=None,
        action=AuditAction.RISK_RUN_DONE,
        target=run,
        detail={"leads": len(result.leads), "new": new, "errors": list(result.errors)},
    )
    return run


def rule_dry_run(*, actor, sql: str, meta: str, code: str) -> dict:
    """试运行：在当前数据上运行一条（未保存的）规则，预览疑点（至多200条，可存为 JSON），不保存
    任何结果；每条规则至多运行 settings.RULE_DRY_RUN_SECONDS 秒。由任务进程调用
    （`rule_dry_run_start`）。"""
    require_capability(actor, "taxrisk.manage_rules")
    rule = _check(sql, meta, f"{code}_draft")
    result = _run_on_warehouse(
        [rule],
        purpose=f"规则试运行 {code}（{getattr(actor, 'username', '系统')}）",
        timeout=settings.RULE_DRY_RUN_SECONDS,
    )
    audit_record(
        actor=actor,
        action=AuditAction.RULE_DRY_RUN,
        object_type="taxrisk.riskrule",
        object_repr=code,
        detail={"leads": len(result.leads), "errors": result.errors},
    )
    return {
        "leads": [
            {
                "uscc": lead.uscc or "",
                "person": mask_id_number(lead.person) if lead.person else "",
                "period": lead.period,
                "tax_at_risk": None if lead.tax_at_risk is None else str(lead.tax_at_risk),
                "evidence": [[e.dataset, e.submission, e.row] for e in lead.evidence],
            }
            for lead in result.leads[:200]
        ],
        "total": len(result.leads),
        "seconds": result.seconds.get(rule.code),
        "error": result.errors.get(rule.code),
    }


def rule_dry_run_start(*, actor, sql: str, meta: str, code: str):
    """试运行作为后台任务：规则先在请求中检查（格式错误当场提示），运行交给任务进程，
    从不在网页请求中运行；结果（JSON，见 `rule_dry_run`）存在任务上，不保存疑点。"""
    require_capability(actor, "taxrisk.manage_rules")
    _check(sql, meta, f"{code}_draft")
    return job_start(
        kind="taxrisk.dry_run",
        title=_("规则试运行 %(code)s") % {"code": code},
        actor=actor,
        params={"code": code, "sql": sql, "meta": meta},
        max_attempts=1,
    )


# --- the lead workflow -------------------------------------------------------------------------


def _event(lead: Lead, action: str, actor, note: str = "", link: str = "") -> None:
    LeadEvent.objects.create(lead=lead, action=action, note=note, actor=user_or_none(actor), link=link)
    audit_record(
        actor=actor, action=AuditAction.LEAD_CHANGED, target=lead, detail={"step": action, "note": note}
    )


GRID_UNIT_KINDS = ("town", "subdistrict")  # the grids that verify leads on the spot: 镇、街道


@transaction.atomic
def lead_dispatch(*, actor, lead: Lead, assignee=None, unit=None, deadline: datetime.date) -> Lead:
    """派发：交税务核查员或镇街网格员核实，限期。"""
    require_capability(actor, "taxrisk.dispatch")
    if lead.status not in (LeadStatus.NEW, LeadStatus.DISPATCHED):
        raise ApplicationError(ErrorCode.CONFLICT, _("只能派发新疑点或重新派发未开始核实的疑点"))
    if assignee is None and unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择核实人或核实单位"))
    if unit is not None and assignee is None and unit.kind not in GRID_UNIT_KINDS:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("只能派给镇（街道）网格核实"))
    if deadline < clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("核实期限不能早于今天"))
    lead.assignee, lead.assignee_unit = assignee, unit or (assignee.unit if assignee else None)
    lead.deadline, lead.status = deadline, LeadStatus.DISPATCHED
    lead.save()
    _event(lead, "dispatched", actor, f"交{assignee or unit}核实，期限{date_words(deadline)}")
    return lead


def _require_handler(actor, lead: Lead) -> None:
    if actor is None or actor.has_capability("taxrisk.view_all_leads"):
        return
    if not (
        actor.has_capability("taxrisk.verify")
        and (lead.assignee_id == actor.pk or lead.assignee_unit_id == actor.unit_id)
    ):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("疑点不存在或无权访问"))


@transaction.atomic
def lead_start(*, actor, lead: Lead) -> Lead:
    _require_handler(actor, lead)
    if lead.status != LeadStatus.DISPATCHED:
        raise ApplicationError(ErrorCode.CONFLICT, _("疑点尚未派发或已在核实"))
    lead.status = LeadStatus.VERIFYING
    lead.save(update_fields=["status", "updated_at"])
    _event(lead, "verifying", actor)
    return lead


@transaction.atomic
def lead_confirm(
    *,
    actor,
    lead: Lead,
    recovered_tax: Decimal,
    recovered_date: datetime.date,
    recovered_period: str,
    note: str = "",
) -> Lead:
    """确认：记录查补税款、入库日期和入库期间。"""
    _require_handler(actor, lead)
    if lead.status not in (LeadStatus.DISPATCHED, LeadStatus.VERIFYING):
        raise ApplicationError(ErrorCode.CONFLICT, _("只能确认核实中的疑点"))
    if recovered_tax < 0:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("查补税款不能为负数"))
    lead.status, lead.recovered_tax, lead.recovered_date = LeadStatus.CONFIRMED, recovered_tax, recovered_date
    lead.recovered_period, lead.note = _period(recovered_period), note
    lead.save()
    _event(
        lead,
        "confirmed",
        actor,
        f"查补税款{format_amount(recovered_tax)}元，{date_words(recovered_date)}入库",
    )
    return lead


@transaction.atomic
def lead_dismiss(*, actor, lead: Lead, reason: str, note: str) -> Lead:
    """排除：选择原因并说明。"""
    _require_handler(actor, lead)
    if lead.status not in LeadStatus.open():
        raise ApplicationError(ErrorCode.CONFLICT, _("疑点已办结"))
    if reason not in DismissReason.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择排除原因"))
    if not note.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请说明排除理由"))
    lead.status, lead.dismiss_reason, lead.note = LeadStatus.DISMISSED, reason, note.strip()
    lead.save()
    _event(lead, "dismissed", actor, f"{DismissReason(reason).label}：{note}")
    return lead


@transaction.atomic
def lead_result_add(*, actor, lead: Lead, note: str, link: str = "", action: str = "grid_verified") -> Lead:
    """A result found for the lead elsewhere (网格核查结果 from the grid verification of the cogov
    app): one step in the lead's history, with a link to its record; the lead's state is not
    changed (the tax officer confirms or dismisses it)."""
    if action not in EXTERNAL_RESULTS:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("不支持的疑点处理记录"))
    _event(lead, action, actor, note.strip(), link[:200])
    return lead


EXTERNAL_RESULTS = ("grid_verified",)


@transaction.atomic
def contact_record(
    *, actor, uscc: str, method: str, note: str = "", lead: Lead | None = None
) -> TaxpayerContact:
    """无风险不打扰：与纳税人的接触只能针对一条未结疑点记录；没有疑点的纳税人不得接触。"""
    require_capability(actor, "taxrisk.verify")
    open_leads = Lead.objects.visible_to(actor).filter(uscc=uscc, status__in=LeadStatus.open())
    if lead is None:
        lead = open_leads.first()
    if lead is None or not open_leads.filter(pk=lead.pk).exists():
        raise ApplicationError(ErrorCode.CONFLICT, _("无风险不打扰：该纳税人没有待核实的疑点，不得接触"))
    contact = TaxpayerContact.objects.create(
        lead=lead, uscc=uscc, method=method.strip()[:50], note=note, actor=actor
    )
    audit_record(actor=actor, action=AuditAction.TAXPAYER_CONTACTED, target=contact, detail={"lead": lead.pk})
    return contact
