"""Preferential-policy push (精准推送, 无风险不打扰): services and selectors.

The policies are push rules (P01…, `push_rules/*.sql + *.yml`), kept and edited as taxrisk rule
versions (purpose "push") and run by the same engine over the shared data through the warehouse.
A push rule returns the standard rule columns, read here as: uscc (the taxpayer), period (the
month, or YYYY-12 of a tax year), tax_at_risk (the relief estimated missed), amount (the base),
evidence (the rows). Every push rule declares a boolean parameter `claimed` (default false): run
with `claimed = true` it lists those eligible who enjoy the preference, which is how take-up is
detected (`takeup_refresh`): a push is taken up when that run finds the taxpayer in a pushed
period (a corrected return, a refund) or in a period from the month of the push on (a later
declaration).

无风险不打扰: a taxpayer with an active opt-out is never pushed, and no taxpayer gets the same
policy twice within `push_interval_days()` (settings.CREDIT_PUSH_INTERVAL_DAYS, default 90).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.codes import is_uscc
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_start
from gongzhi.core.periods import PeriodError, check_month_text, month_text
from gongzhi.core.permissions import access_or_404, require_capability, user_or_none
from gongzhi.credit.models_push import (
    CandidateState,
    PolicyPush,
    PushCampaign,
    PushCandidate,
    PushChannel,
    PushOptOut,
    Takeup,
)
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.warehouse import SKIP, open_warehouse
from gongzhi.taxrisk.choices import RulePurpose, RunState
from gongzhi.taxrisk.engine.rules import Rule, RuleError, parse_rule
from gongzhi.taxrisk.models import RiskRule
from gongzhi.taxrisk.services import rules_sync, run_on_warehouse

PUSH_RULES_DIR = Path(__file__).resolve().parent / "push_rules"
CLAIMED = "claimed"  # the boolean parameter every push rule declares (take-up detection)
CAPABILITY = "credit.push"
DEFAULT_INTERVAL_DAYS = 90


class PushAudit:
    """Audit actions of the push: names for the members of core.audit.AuditAction (their one home)."""

    CAMPAIGN_STARTED = AuditAction.CREDIT_PUSH_CAMPAIGN_STARTED
    CAMPAIGN_DONE = AuditAction.CREDIT_PUSH_CAMPAIGN_DONE
    PUSHED = AuditAction.CREDIT_POLICY_PUSHED
    OPTOUT_REGISTERED = AuditAction.CREDIT_PUSH_OPTOUT_REGISTERED
    OPTOUT_WITHDRAWN = AuditAction.CREDIT_PUSH_OPTOUT_WITHDRAWN
    TAKEUP_CHECKED = AuditAction.CREDIT_PUSH_TAKEUP_CHECKED
    TAKEN_UP = AuditAction.CREDIT_PUSH_TAKEN_UP


def push_interval_days() -> int:
    """同一政策对同一纳税人的最短推送间隔（天）。"""
    return int(getattr(settings, "CREDIT_PUSH_INTERVAL_DAYS", DEFAULT_INTERVAL_DAYS))


# --- rules --------------------------------------------------------------------------------------


def push_rules_sync(*, actor=None) -> dict[str, int]:
    """Bring the packaged push rules (P01…) into the rule versions (a changed file: a new version)."""
    return rules_sync(actor=actor, directory=PUSH_RULES_DIR)


def push_rule_list(*, user) -> QuerySet[RiskRule]:
    require_capability(user, CAPABILITY)
    return RiskRule.objects.filter(purpose=RulePurpose.PUSH).select_related("current").order_by("code")


def _rule_of(version) -> Rule:
    try:
        return parse_rule(version.sql, version.meta, slug=f"{version.rule.code}_db", check=True)
    except RuleError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, exc.message) from exc


# --- campaigns ----------------------------------------------------------------------------------


def _period(text: str) -> str:
    if not text:
        return ""
    try:
        return check_month_text(text.strip())
    except PeriodError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc


def campaign_start(
    *, actor, rule_code: str, period_from: str = "", period_to: str = "", background: bool = True
) -> PushCampaign:
    """开始一批推送：在当前共享数据上运行推送规则，筛选符合条件未享受的纳税人（后台任务）。"""
    require_capability(actor, CAPABILITY)
    rule = (
        RiskRule.objects.filter(code=rule_code, purpose=RulePurpose.PUSH, current__isnull=False)
        .select_related("current")
        .first()
    )
    if rule is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("找不到推送规则：%(code)s") % {"code": rule_code})
    if not rule.enabled:
        raise ApplicationError(ErrorCode.CONFLICT, _("推送规则%(code)s已停用") % {"code": rule.code})
    first, last = _period(period_from), _period(period_to)
    if first and last and first > last:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("起始期间不能晚于截止期间"))
    _rule_of(rule.current)  # a broken version is refused here, not in the worker
    with transaction.atomic():
        campaign = PushCampaign.objects.create(
            rule=rule,
            rule_version=rule.current,
            period_from=first,
            period_to=last,
            started_by=user_or_none(actor),
        )
        audit_record(
            actor=actor,
            action=PushAudit.CAMPAIGN_STARTED,
            target=campaign,
            detail={"rule": rule.code, "version": rule.current.version, "from": first, "to": last},
        )
        if background:
            campaign.job = job_start(
                kind="credit.push_campaign",
                title=_("政策推送筛选：%(name)s") % {"name": rule.name},
                actor=actor,
                params={"campaign_id": campaign.pk},
            )
            campaign.save(update_fields=["job", "updated_at"])
            return campaign
    return campaign_execute(campaign=campaign)


def _taxpayer_names(usccs: set[str]) -> dict[str, str]:
    """Names from the current taxpayer registry (one query; none if the registry is absent)."""
    if not usccs or not Dataset.objects.filter(code="taxpayer", current_version__isnull=False).exists():
        return {}
    with open_warehouse(user=None, datasets=["taxpayer"], purpose="政策推送：纳税人名称", missing=SKIP) as wh:
        rows = wh.rows("SELECT uscc, name FROM taxpayer WHERE list_contains(?, uscc)", [sorted(usccs)])
    return {uscc: name or "" for uscc, name in rows}


def campaign_execute(*, campaign: PushCampaign, progress=None) -> PushCampaign:
    """Run the campaign's rule version (the job's work); store its candidates."""
    rule = _rule_of(campaign.rule_version)
    PushCampaign.objects.filter(pk=campaign.pk).update(state=RunState.RUNNING)
    try:
        result = run_on_warehouse(
            [rule],
            purpose=f"政策推送筛选（{campaign}，{rule.code}）",
            target=campaign,
            period_from=campaign.period_from or None,
            period_to=campaign.period_to or None,
            progress=progress,
        )
    except Exception as exc:
        campaign_fail(campaign_id=campaign.pk, error=str(exc))
        raise
    if error := result.errors.get(rule.code):
        campaign_fail(campaign_id=campaign.pk, error=error)
        campaign.refresh_from_db()
        return campaign
    names = _taxpayer_names({row.uscc for row in result.leads if row.uscc})
    with transaction.atomic():
        PushCandidate.objects.filter(campaign=campaign).delete()  # a re-run job replaces, never doubles
        PushCandidate.objects.bulk_create(
            PushCandidate(
                campaign=campaign,
                uscc=row.uscc,
                taxpayer_name=names.get(row.uscc, ""),
                period=row.period,
                benefit=row.tax_at_risk,
                amount=row.amount,
                evidence=[
                    {"dataset": e.dataset, "submission": e.submission, "row": e.row} for e in row.evidence
                ],
            )
            for row in result.leads
            if row.uscc
        )
        campaign.state = RunState.DONE
        campaign.candidate_count = sum(1 for row in result.leads if row.uscc)
        campaign.seconds = round(result.seconds.get(rule.code, 0.0), 4)
        campaign.error = ""
        campaign.save()
        audit_record(
            actor=None,
            action=PushAudit.CAMPAIGN_DONE,
            target=campaign,
            detail={"rule": rule.code, "candidates": campaign.candidate_count},
        )
    return campaign


def campaign_fail(*, campaign_id: int, error: str) -> None:
    """A campaign whose run failed: marked failed with the reason (never "running" for ever)."""
    updated = PushCampaign.objects.filter(
        pk=campaign_id, state__in=[RunState.QUEUED, RunState.RUNNING]
    ).update(state=RunState.FAILED, error=error[:2000])
    if updated:
        audit_record(
            actor=None,
            action=PushAudit.CAMPAIGN_DONE,
            object_type="credit.pushcampaign",
            object_id=campaign_id,
            object_repr=f"第{campaign_id}批推送",
            detail={"failed": error[:300]},
        )


def campaign_list(*, user) -> QuerySet[PushCampaign]:
    require_capability(user, CAPABILITY)
    return PushCampaign.objects.select_related("rule", "rule_version", "started_by", "job").annotate(
        push_count=Count("pushes", distinct=True),
        taken_up=Count("pushes", filter=Q(pushes__takeup=Takeup.TAKEN_UP), distinct=True),
    )


def campaign_get(*, user, pk) -> PushCampaign:
    return access_or_404(campaign_list(user=user), pk)


def _opted_out(usccs) -> set[str]:
    return set(
        PushOptOut.objects.filter(uscc__in=list(usccs), withdrawn_on__isnull=True).values_list(
            "uscc", flat=True
        )
    )


def _recent(rule: RiskRule, usccs, day: datetime.date) -> dict[str, PolicyPush]:
    """Pushes of `rule` to these taxpayers less than the interval before or after `day`."""
    interval = datetime.timedelta(days=push_interval_days())
    pushes = PolicyPush.objects.filter(
        rule=rule, uscc__in=list(usccs), pushed_on__gt=day - interval, pushed_on__lt=day + interval
    ).order_by("-pushed_on")
    found: dict[str, PolicyPush] = {}
    for push in pushes:
        found.setdefault(push.uscc, push)
    return found


def campaign_candidates(*, user, campaign: PushCampaign, today: datetime.date | None = None) -> list[dict]:
    """The campaign's taxpayers (one entry per taxpayer, its periods together) with what may be
    done: 可推送, 已推送 (in this campaign), 已申请不打扰, 间隔期内已推送."""
    require_capability(user, CAPABILITY)
    today = today or clock.today()
    grouped: dict[str, dict] = {}
    for c in campaign.candidates.order_by("uscc", "period"):
        item = grouped.setdefault(
            c.uscc,
            {"uscc": c.uscc, "name": c.taxpayer_name, "periods": [], "benefit": None, "amount": None},
        )
        item["periods"].append(c.period)
        if c.benefit is not None:
            item["benefit"] = (item["benefit"] or Decimal(0)) + c.benefit
        if c.amount is not None:
            item["amount"] = (item["amount"] or Decimal(0)) + c.amount
    opted = _opted_out(grouped)
    recent = _recent(campaign.rule, grouped, today)
    mine = {p.uscc: p for p in campaign.pushes.all()}
    for uscc, item in grouped.items():
        if uscc in mine:
            item["state"], item["push"] = CandidateState.PUSHED, mine[uscc]
        elif uscc in opted:
            item["state"] = CandidateState.OPTED_OUT
        elif uscc in recent:
            item["state"], item["push"] = CandidateState.RECENT, recent[uscc]
        else:
            item["state"] = CandidateState.READY
        item["state_label"] = CandidateState(item["state"]).label
    return sorted(grouped.values(), key=lambda i: (-(i["benefit"] or 0), i["uscc"]))


# --- pushes -------------------------------------------------------------------------------------


@transaction.atomic
def push_send(
    *,
    actor,
    campaign: PushCampaign,
    channel: str,
    usccs: list[str] | None = None,
    note: str = "",
    pushed_on: datetime.date | None = None,
) -> dict[str, list[str]]:
    """推送：把本批政策推送给选定的纳税人（不选则为全部可推送的）。已登记不打扰的从不推送；
    同一政策对同一纳税人在间隔期内不重复推送。返回已推送、因不打扰跳过、因间隔期跳过的代码。"""
    require_capability(actor, CAPABILITY)
    if user_or_none(actor) is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("推送须记录经办人"))
    if channel not in PushChannel.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择推送渠道"))
    if campaign.state != RunState.DONE:
        raise ApplicationError(ErrorCode.CONFLICT, _("本批推送尚未筛选完成"))
    today = clock.today()
    day = pushed_on or today
    if day > today:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("推送日期不能晚于今天"))
    candidates = campaign.candidates.order_by("uscc", "period")
    if usccs is not None:
        wanted = {u.strip() for u in usccs if u.strip()}
        if not wanted:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择推送对象"))
        if unknown := wanted - set(candidates.filter(uscc__in=wanted).values_list("uscc", flat=True)):
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("不在本批推送对象中：%(codes)s") % {"codes": "、".join(sorted(unknown))},
            )
        candidates = candidates.filter(uscc__in=wanted)
    grouped: dict[str, list[PushCandidate]] = defaultdict(list)
    for c in candidates:
        grouped[c.uscc].append(c)
    opted = _opted_out(grouped)
    recent = _recent(campaign.rule, grouped, day)
    outcome: dict[str, list[str]] = {"pushed": [], "opted_out": [], "recent": []}
    for uscc, rows in grouped.items():
        if uscc in opted:
            outcome["opted_out"].append(uscc)
            continue
        if uscc in recent:
            outcome["recent"].append(uscc)
            continue
        benefits = [r.benefit for r in rows if r.benefit is not None]
        push = PolicyPush.objects.create(
            campaign=campaign,
            rule=campaign.rule,
            uscc=uscc,
            taxpayer_name=rows[0].taxpayer_name,
            periods=[r.period for r in rows],
            benefit=sum(benefits, Decimal(0)) if benefits else None,
            channel=channel,
            pushed_on=day,
            pushed_by=actor,
            note=note.strip()[:300],
        )
        audit_record(
            actor=actor,
            action=PushAudit.PUSHED,
            target=push,
            detail={"rule": campaign.rule.code, "channel": channel, "periods": push.periods, "on": str(day)},
        )
        outcome["pushed"].append(uscc)
    return outcome


def push_list(
    *, user, rule: str = "", takeup: str = "", channel: str = "", campaign: int | None = None
) -> QuerySet[PolicyPush]:
    require_capability(user, CAPABILITY)
    pushes = PolicyPush.objects.select_related("rule", "pushed_by", "campaign")
    if rule:
        pushes = pushes.filter(rule__code=rule)
    if takeup:
        pushes = pushes.filter(takeup=takeup)
    if channel:
        pushes = pushes.filter(channel=channel)
    if campaign:
        pushes = pushes.filter(campaign_id=campaign)
    return pushes


def takeup_rates(*, user) -> list[dict]:
    """Per policy (push rule): taxpayers pushed, taken up, the take-up rate, relief estimated."""
    rules = list(push_rule_list(user=user))
    counts = {
        row["rule_id"]: row
        for row in PolicyPush.objects.values("rule_id").annotate(
            pushes=Count("pk"),
            taken_up=Count("pk", filter=Q(takeup=Takeup.TAKEN_UP)),
            benefit=Sum("benefit"),
        )
    }
    out = []
    for rule in rules:
        row = counts.get(rule.pk, {"pushes": 0, "taken_up": 0, "benefit": None})
        out.append(
            {
                "rule": rule,
                "pushes": row["pushes"],
                "taken_up": row["taken_up"],
                "rate": row["taken_up"] / row["pushes"] if row["pushes"] else None,
                "benefit": row["benefit"],
            }
        )
    return out


# --- 无风险不打扰: the opt-out register ------------------------------------------------------------


@transaction.atomic
def optout_register(
    *, actor, uscc: str, taxpayer_name: str = "", reason: str = "", today: datetime.date | None = None
) -> PushOptOut:
    """登记不打扰：该纳税人此后不再接收任何政策推送，直至撤回。"""
    require_capability(actor, CAPABILITY)
    uscc = (uscc or "").strip().upper()
    if not is_uscc(uscc):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("统一社会信用代码“%(code)s”无效") % {"code": uscc})
    if PushOptOut.objects.filter(uscc=uscc, withdrawn_on__isnull=True).exists():
        raise ApplicationError(ErrorCode.CONFLICT, _("该纳税人已登记不打扰"))
    day = today or clock.today()
    if day > clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("登记日期不能晚于今天"))
    optout = PushOptOut(
        uscc=uscc,
        taxpayer_name=taxpayer_name.strip()[:200] or _taxpayer_names({uscc}).get(uscc, ""),
        reason=reason.strip()[:300],
        registered_on=day,
        registered_by=user_or_none(actor),
    )
    optout.full_clean()
    optout.save()
    audit_record(
        actor=actor, action=PushAudit.OPTOUT_REGISTERED, target=optout, detail={"reason": optout.reason}
    )
    return optout


@transaction.atomic
def optout_withdraw(*, actor, optout: PushOptOut) -> PushOptOut:
    """撤回不打扰：纳税人同意再次接收政策推送。"""
    require_capability(actor, CAPABILITY)
    if optout.withdrawn_on is not None:
        raise ApplicationError(ErrorCode.CONFLICT, _("该登记已撤回"))
    optout.withdrawn_on, optout.withdrawn_by = clock.today(), user_or_none(actor)
    optout.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
    audit_record(actor=actor, action=PushAudit.OPTOUT_WITHDRAWN, target=optout)
    return optout


def optout_list(*, user, include_withdrawn: bool = False) -> QuerySet[PushOptOut]:
    require_capability(user, CAPABILITY)
    rows = PushOptOut.objects.select_related("registered_by", "withdrawn_by")
    return rows if include_withdrawn else rows.filter(withdrawn_on__isnull=True)


def optout_get(*, user, pk) -> PushOptOut:
    return access_or_404(optout_list(user=user, include_withdrawn=True), pk)


# --- take-up ------------------------------------------------------------------------------------


def takeup_start(*, actor):
    """监测享受情况（后台任务）。"""
    require_capability(actor, CAPABILITY)
    return job_start(kind="credit.push_takeup", title=_("监测税费优惠享受情况"), actor=actor, params={})


def takeup_refresh(*, actor=None, today: datetime.date | None = None) -> dict:
    """For every push not yet taken up: run its policy's rule with `claimed = true` over the
    current data; the taxpayer found in a pushed period, or in a period from the month of the
    push on, has taken the preference up (已享受, dated today, with the rows as evidence)."""
    require_capability(actor, CAPABILITY)
    today = today or clock.today()
    pending: dict[int, list[PolicyPush]] = defaultdict(list)
    for push in PolicyPush.objects.filter(takeup=Takeup.PENDING).select_related("rule__current"):
        pending[push.rule_id].append(push)
    summary = {"checked": 0, "taken_up": 0, "errors": {}}
    for pushes in pending.values():
        row = pushes[0].rule
        summary["checked"] += len(pushes)
        if row.current is None:
            continue
        try:
            rule = _rule_of(row.current)
        except ApplicationError as exc:
            summary["errors"][row.code] = exc.message
            continue
        if CLAIMED not in rule.params:
            summary["errors"][row.code] = _("推送规则%(code)s未声明参数 claimed，无法监测享受情况") % {
                "code": row.code
            }
            continue
        start = min(min([*p.periods, month_text(p.pushed_on.year, p.pushed_on.month)]) for p in pushes)
        result = run_on_warehouse(
            [rule],
            purpose=f"政策推送：监测享受情况（{rule.code}）",
            period_from=start,
            params_override={rule.code: {CLAIMED: True}},
        )
        if error := result.errors.get(rule.code):
            summary["errors"][rule.code] = error
            continue
        found: dict[str, list] = defaultdict(list)
        for hit in result.leads:
            if hit.uscc:
                found[hit.uscc].append(hit)
        with transaction.atomic():
            for push in pushes:
                since = month_text(push.pushed_on.year, push.pushed_on.month)
                hits = sorted(
                    (h for h in found.get(push.uscc, []) if h.period in push.periods or h.period >= since),
                    key=lambda h: h.period,
                )
                if not hits:
                    continue
                push.takeup, push.taken_up_on, push.takeup_period = Takeup.TAKEN_UP, today, hits[0].period
                push.takeup_evidence = [
                    {"dataset": e.dataset, "submission": e.submission, "row": e.row} for e in hits[0].evidence
                ]
                push.save(update_fields=["takeup", "taken_up_on", "takeup_period", "takeup_evidence"])
                audit_record(
                    actor=actor,
                    action=PushAudit.TAKEN_UP,
                    target=push,
                    detail={"period": push.takeup_period, "evidence": push.takeup_evidence[:10]},
                )
                summary["taken_up"] += 1
    audit_record(
        actor=actor,
        action=PushAudit.TAKEUP_CHECKED,
        object_type="credit.policypush",
        object_repr=_("政策推送享受情况"),
        detail=summary,
    )
    return summary
