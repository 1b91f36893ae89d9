import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.supervision import services
from gongzhi.supervision.api_workflow import router as workflow_router
from gongzhi.supervision.choices import ValueSource
from gongzhi.supervision.models import Indicator

router = Router(tags=["督查督办"])
router.add_router("", workflow_router)  # task reports and orders (issue 16, part 7)


class ValueIn(Schema):
    period_end: datetime.date
    value: Decimal
    note: str = ""


class ValueOut(Schema):
    id: int
    indicator: int
    unit: str
    period_end: datetime.date
    value: float
    state: str


@router.post(
    "/indicators/{indicator_id}/values",
    response={200: ValueOut, **errors(400, 404, 409)},
    summary="推送指标数值（接口令牌，按本单位报送；校验同网页填报）",
)
def push_value(request, indicator_id: int, body: ValueIn):
    principal = request.principal
    if not principal.has_capability("supervision.push_values") and not principal.has_capability(
        "supervision.report"
    ):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))
    indicator = Indicator.objects.filter(pk=indicator_id, active=True).select_related("plan").first()
    if indicator is None or principal.unit is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("指标不存在或无权访问"))
    if principal.unit_id not in services.value_units(indicator):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("指标不存在或无权访问"))
    row = services.value_save(
        actor=principal,
        indicator=indicator,
        unit=principal.unit,
        period_end=body.period_end,
        value=body.value,
        note=body.note,
        source=ValueSource.API,
        submit=True,
    )
    return {
        "id": row.pk,
        "indicator": indicator.pk,
        "unit": row.unit.name,
        "period_end": row.period_end,
        "value": float(row.value),
        "state": row.state,
    }


@router.get(
    "/plans/{plan_id}/status",
    response={200: dict, **errors(400, 404)},
    summary="方案监测：各任务及指标的预警等级和原因",
)
def plan_status(request, plan_id: int, as_of: datetime.date | None = None):
    from gongzhi.plans.selectors import plan_get
    from gongzhi.supervision.monitoring import plan_status_json

    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能查看监测结果"))
    return plan_status_json(plan=plan_get(user=request.principal, pk=plan_id), as_of=as_of)
