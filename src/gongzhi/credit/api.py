"""/api/v1/credit/: the check other departments use (unit token or session) and its decision."""

from datetime import datetime

from ninja import Router, Schema

from gongzhi.core.api import errors
from gongzhi.credit import selectors, services
from gongzhi.credit.choices import CheckChannel, Scenario

router = Router(tags=["纳税信用"])


class MeasureOut(Schema):
    code: str
    version: int
    kind: str
    text: str
    legal_basis: str


class CheckOut(Schema):
    check_id: int
    uscc: str
    name: str | None
    scenario: str
    scenario_name: str
    level: str | None
    eval_year: int | None
    data_date: datetime | None
    rated: bool
    message: str
    measures: list[MeasureOut]


def check_out(check) -> dict:
    measures = list(check.measures.order_by("kind", "code"))
    if not check.level:
        message = "暂无纳税信用评价结果，无适用措施"
    elif measures:
        message = f"{check.eval_year}年度纳税信用{check.level}级，适用{len(measures)}项措施"
    else:
        message = f"{check.eval_year}年度纳税信用{check.level}级，本场景无适用措施"
    return {
        "check_id": check.pk,
        "uscc": check.uscc,
        "name": check.taxpayer_name or None,
        "scenario": check.scenario,
        "scenario_name": str(Scenario(check.scenario).label),
        "level": check.level or None,
        "eval_year": check.eval_year,
        "data_date": check.data_date,
        "rated": bool(check.level),
        "message": message,
        "measures": [
            {
                "code": m.code,
                "version": m.version,
                "kind": m.kind,
                "text": m.text,
                "legal_basis": m.legal_basis,
            }
            for m in measures
        ],
    }


@router.get(
    "/check",
    response={200: CheckOut, **errors(400, 503)},
    summary="联合奖惩信用核查：信用级别、评价年度、数据日期及适用措施（每次核查留痕）",
)
def check(request, uscc: str = "", scenario: str = ""):
    result = services.check_run(
        actor=request.principal, uscc=uscc, scenario=scenario, channel=CheckChannel.API
    )
    return check_out(result)


class DecisionIn(Schema):
    decision: str  # applied | not_applied
    reason: str = ""


class DecisionOut(Schema):
    check_id: int
    decision: str
    reason: str
    decided_at: datetime | None


@router.post(
    "/checks/{check_id}/decision",
    response={200: DecisionOut, **errors(400, 404, 409)},
    summary="记录核查后的实施情况（已实施 applied / 未实施 not_applied，未实施须说明原因）",
)
def decision(request, check_id: int, body: DecisionIn):
    check = selectors.check_get(user=request.principal, pk=check_id)
    check = services.check_decide(
        actor=request.principal, check=check, decision=body.decision, reason=body.reason
    )
    return {
        "check_id": check.pk,
        "decision": check.decision,
        "reason": check.decision_reason,
        "decided_at": check.decided_at,
    }
