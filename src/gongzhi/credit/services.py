"""Writes of the credit app: the measures catalogue (an edit is a new version) and the checks
other departments make, with their decisions. Every write is audited in its transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.credit import selectors
from gongzhi.credit.catalogue import SEED
from gongzhi.credit.choices import CheckChannel, Decision, Level, MeasureKind, Scenario
from gongzhi.credit.models import CreditCheck, JointMeasure

MEASURE_FIELDS = (
    "kind",
    "level",
    "text",
    "legal_basis",
    "scenarios",
    "agencies",
    "valid_from",
    "valid_until",
)


def _clean_measure(data: dict) -> dict:
    out = {k: data.get(k) for k in MEASURE_FIELDS}
    problems = []
    if out["kind"] not in MeasureKind.values:
        problems.append(_("类别应为联合激励或联合惩戒"))
    if out["level"] not in Level.values:
        problems.append(_("适用信用级别应为A、B、M、C、D之一"))
    out["text"] = (out["text"] or "").strip()
    out["legal_basis"] = (out["legal_basis"] or "").strip()
    out["agencies"] = (out["agencies"] or "").strip()
    if not out["text"]:
        problems.append(_("措施内容不能为空"))
    if not out["legal_basis"]:
        problems.append(_("依据不能为空"))
    scenarios = list(dict.fromkeys(out["scenarios"] or []))
    if not scenarios or any(s not in Scenario.values for s in scenarios):
        problems.append(_("请选择适用场景"))
    out["scenarios"] = scenarios
    for key in ("valid_from", "valid_until"):
        value = out[key]
        if isinstance(value, str):
            try:
                out[key] = datetime.date.fromisoformat(value) if value.strip() else None
            except ValueError:
                problems.append(_("日期格式不正确：%(v)s") % {"v": value[:20]})
                out[key] = None
    if out["valid_from"] and out["valid_until"] and out["valid_from"] > out["valid_until"]:
        problems.append(_("失效日期早于生效日期"))
    if problems:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "；".join(problems))
    return out


@transaction.atomic
def measure_create(*, actor, code: str, data: dict, note: str = "") -> JointMeasure:
    """新增一项联合奖惩措施（第1版）。"""
    require_capability(actor, "credit.manage")
    code = (code or "").strip().upper()
    if not code or len(code) > 40:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("措施编号不能为空，且不超过40个字符"))
    if JointMeasure.objects.filter(code=code).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("措施编号“%(code)s”已存在") % {"code": code})
    measure = JointMeasure.objects.create(
        code=code,
        version=1,
        current=True,
        created_at=clock.now(),
        created_by=user_or_none(actor),
        change_note=(note or "")[:300],
        **_clean_measure(data),
    )
    audit_record(
        actor=actor, action=AuditAction.CREDIT_MEASURE_CREATED, target=measure, detail={"code": code}
    )
    return measure


@transaction.atomic
def measure_revise(*, actor, measure: JointMeasure, data: dict, note: str) -> JointMeasure:
    """修订措施：保存为新版本，原版本保留（已有核查记录仍指向原版本）。"""
    require_capability(actor, "credit.manage")
    note = (note or "").strip()
    if not note:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写修订说明"))
    current = JointMeasure.objects.select_for_update().filter(code=measure.code, current=True).first()
    if current is None or current.pk != measure.pk:
        raise ApplicationError(ErrorCode.CONFLICT, _("该措施已有更新的版本，请刷新后再修订"))
    cleaned = _clean_measure(data)
    if all(getattr(current, k) == v for k, v in cleaned.items()):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("内容没有变化，无需保存新版本"))
    JointMeasure.objects.filter(pk=current.pk).update(current=False)
    revised = JointMeasure.objects.create(
        code=current.code,
        version=current.version + 1,
        current=True,
        created_at=clock.now(),
        created_by=user_or_none(actor),
        change_note=note[:300],
        **cleaned,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_MEASURE_REVISED,
        target=revised,
        detail={"code": revised.code, "version": revised.version, "note": note[:200]},
    )
    return revised


def measures_seed(*, actor=None) -> int:
    """Seed the catalogue (once per code); returns how many measures were added."""
    added = 0
    for code, kind, level, text, basis, scenarios, agencies in SEED:
        if JointMeasure.objects.filter(code=code).exists():
            continue
        measure_create(
            actor=actor,
            code=code,
            data={
                "kind": kind,
                "level": level,
                "text": text,
                "legal_basis": basis,
                "scenarios": scenarios,
                "agencies": agencies,
            },
            note="初始清单",
        )
        added += 1
    return added


@transaction.atomic
def check_run(
    *, actor, uscc: str, scenario: str, channel: str = CheckChannel.PAGE, today: datetime.date | None = None
) -> CreditCheck:
    """一次联合奖惩信用核查：某单位在某场景下查询纳税人的信用级别和适用措施，留痕。
    No rating: level empty and no measures (never an error). A bad credit code or scenario:
    ApplicationError(invalid_input) in Chinese, nothing stored."""
    require_capability(actor, "credit.check")
    uscc = selectors.normalize_uscc(uscc)
    scenario = selectors.check_scenario(scenario)
    today = today or clock.today()
    unit = getattr(actor, "unit", None)
    # read as the system: the memorandums are the legal basis of the check, which is audited below
    rating = selectors.latest_rating(uscc)
    measures = selectors.applicable_measures(
        level=rating.level if rating else None, scenario=scenario, today=today
    )
    check = CreditCheck.objects.create(
        unit=unit,
        user=user_or_none(actor),
        username=actor.get_username() if actor is not None else "system",
        channel=channel,
        uscc=uscc,
        taxpayer_name=(rating.name or "")[:200] if rating else "",
        scenario=scenario,
        level=rating.level if rating else "",
        eval_year=rating.eval_year if rating else None,
        data_date=selectors.data_date(),
        submission_id=rating.submission_id if rating else None,
        checked_at=clock.now(),
        decision=Decision.PENDING,
    )
    check.measures.set(measures)
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_CHECK,
        target=check,
        purpose=f"联合奖惩核查：{Scenario(scenario).label}",
        detail={
            "uscc": uscc,
            "scenario": scenario,
            "level": check.level or None,
            "eval_year": check.eval_year,
            "measures": [f"{m.code}v{m.version}" for m in measures],
            "channel": channel,
            # what was read of the shared data: the rating row and the submission it came from
            "source": {"dataset": selectors.DATASET, "submission": check.submission_id},
        },
    )
    return check


@transaction.atomic
def check_decide(*, actor, check: CreditCheck, decision: str, reason: str = "") -> CreditCheck:
    """记录核查后的实施情况：已实施，或未实施（须说明原因）。只有核查单位可以记录。"""
    require_capability(actor, "credit.check")
    check = CreditCheck.objects.select_for_update().get(pk=check.pk)
    if actor is not None and check.unit_id != getattr(actor, "unit_id", None):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有核查单位可以记录实施情况"))
    if decision not in (Decision.APPLIED, Decision.NOT_APPLIED):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("实施情况应为“已实施”或“未实施”"))
    reason = (reason or "").strip()
    if decision == Decision.NOT_APPLIED and not reason:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("未实施的，请说明原因"))
    if decision == Decision.APPLIED and not check.measures.exists():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("本次核查没有适用的措施，无需记录实施"))
    if check.decision != Decision.PENDING:
        raise ApplicationError(ErrorCode.CONFLICT, _("本次核查已记录实施情况"))
    check.decision, check.decision_reason = decision, reason[:500]
    check.decided_at = clock.now()
    check.decided_by = actor.get_username() if actor is not None else "system"
    check.save(update_fields=["decision", "decision_reason", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_CHECK_DECISION,
        target=check,
        detail={"decision": decision, "reason": reason[:200], "uscc": check.uscc},
    )
    return check
