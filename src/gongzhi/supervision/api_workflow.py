"""/api/v1/supervision/: task reports (save a draft, submit, review) and supervision orders (issue,
answer, escalate, close) through the pages' selectors and services, with their permissions and
audit (issue 16, part 7). People only: these are a person's acts (a unit's token gets 403)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode
from gongzhi.plans.selectors import is_plan_office, plan_get
from gongzhi.supervision import selectors, services
from gongzhi.supervision.choices import OrderState, ReportState, TaskStatus
from gongzhi.supervision.models import Indicator, SupervisionOrder, TaskReport

router = Router(tags=["督查督办"])


def _people_only(request) -> None:
    if request.principal.role == "api_token":
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("接口令牌不能办理进展报告和督办单"))


def _name(user) -> str | None:
    return user.username if user else None


# --- task reports -----------------------------------------------------------------------------


class SupervisionReportOut(Schema):
    id: int
    plan: int
    round: int
    period: str
    due_date: datetime.date
    task: int
    task_number: str
    task_title: str
    unit: str
    role: str
    status: str
    percent: int | None
    done_text: str
    problems: str
    next_steps: str
    state: str
    state_label: str
    version: int
    submitted_at: datetime.datetime | None
    submitted_by: str | None
    reviewed_at: datetime.datetime | None
    reviewed_by: str | None
    review_comment: str


class SupervisionReportVersionOut(Schema):
    version: int
    note: str
    saved_by: str | None
    snapshot: dict


class SupervisionReportDetailOut(SupervisionReportOut):
    versions: list[SupervisionReportVersionOut]


def _report_out(report: TaskReport) -> dict:
    return {
        "id": report.pk,
        "plan": report.round.plan_id,
        "round": report.round_id,
        "period": report.round.period_label,
        "due_date": report.round.due_date,
        "task": report.task_id,
        "task_number": report.task.number,
        "task_title": report.task.title,
        "unit": report.unit.name,
        "role": report.role,
        "status": report.status,
        "percent": report.percent,
        "done_text": report.done_text,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "state": report.state,
        "state_label": str(ReportState(report.state).label),
        "version": report.version,
        "submitted_at": report.submitted_at,
        "submitted_by": _name(report.submitted_by),
        "reviewed_at": report.reviewed_at,
        "reviewed_by": _name(report.reviewed_by),
        "review_comment": report.review_comment,
    }


def _report(request, report_id: int) -> TaskReport:
    _people_only(request)
    return selectors.report_get(user=request.principal, pk=report_id)


def _report_detail_out(request, report_id: int) -> dict:
    report = selectors.report_get(user=request.principal, pk=report_id)
    return {
        **_report_out(report),
        "versions": [
            {"version": v.version, "note": v.note, "saved_by": _name(v.saved_by), "snapshot": v.snapshot}
            for v in report.versions.select_related("saved_by")[:10]
        ],
    }


@router.get(
    "/reports",
    response={200: list[SupervisionReportOut], **errors()},
    summary="本单位待办进展报告（进行中轮次，先列未提交的）",
)
def supervision_todo(request):
    _people_only(request)
    reports = selectors.todo_reports(user=request.principal).select_related(
        "unit", "submitted_by", "reviewed_by"
    )
    return [_report_out(r) for r in reports]


@router.get(
    "/rounds/{round_id}/reports",
    response={200: list[SupervisionReportOut], **errors(404)},
    summary="一个报送轮次中调用者可见的进展报告",
)
def supervision_round_reports(request, round_id: int):
    _people_only(request)
    round_ = selectors.round_get(user=request.principal, pk=round_id)
    reports = selectors.report_list(user=request.principal, round_=round_).select_related(
        "round", "round__plan", "submitted_by", "reviewed_by"
    )
    return [_report_out(r) for r in reports]


@router.get(
    "/reports/{report_id}",
    response={200: SupervisionReportDetailOut, **errors(404)},
    summary="进展报告详情及最近10个版本",
)
def supervision_report(request, report_id: int):
    _report(request, report_id)
    return _report_detail_out(request, report_id)


class SupervisionReportIn(Schema):
    status: TaskStatus = Field(..., description="进展状态")
    percent: int | None = Field(None, ge=0, le=100, description="完成比例（%）")
    done_text: str = Field("", description="工作进展")
    problems: str = Field("", description="存在问题")
    next_steps: str = Field("", description="下步计划")
    submit: bool = Field(False, description="保存后同时提交")


@router.post(
    "/reports/{report_id}",
    response={200: SupervisionReportDetailOut, **errors(400, 404, 409)},
    summary="填报进展报告（保存草稿，submit=true 时同时提交；本单位联络员）",
)
def supervision_report_save(request, report_id: int, body: SupervisionReportIn):
    report = _report(request, report_id)
    if report.unit_id != request.principal.unit_id:  # as the page: another unit's report
        raise ApplicationError(ErrorCode.NOT_FOUND, _("报告不存在或无权访问"))
    with transaction.atomic():  # all or nothing: the draft and its submission
        report = services.report_save(
            actor=request.principal,
            report=report,
            status=body.status,
            percent=body.percent,
            done_text=body.done_text,
            problems=body.problems,
            next_steps=body.next_steps,
        )
        if body.submit:
            services.report_submit(actor=request.principal, report=report)
    return _report_detail_out(request, report_id)


@router.post(
    "/reports/{report_id}/submit",
    response={200: SupervisionReportDetailOut, **errors(400, 404, 409)},
    summary="提交进展报告（连同本轮填报的指标数值）",
)
def supervision_report_submit(request, report_id: int):
    report = _report(request, report_id)
    if report.unit_id != request.principal.unit_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("报告不存在或无权访问"))
    services.report_submit(actor=request.principal, report=report)
    return _report_detail_out(request, report_id)


class SupervisionReviewIn(Schema):
    accept: bool = Field(..., description="true 审核通过，false 退回")
    comment: str = Field("", description="审核意见（退回时必填）")


@router.post(
    "/reports/{report_id}/review",
    response={200: SupervisionReportDetailOut, **errors(400, 404, 409)},
    summary="牵头办公室审核进展报告：通过或退回（退回须写明意见）",
)
def supervision_report_review(request, report_id: int, body: SupervisionReviewIn):
    report = _report(request, report_id)
    services.report_review(actor=request.principal, report=report, accept=body.accept, comment=body.comment)
    return _report_detail_out(request, report_id)


# --- supervision orders -----------------------------------------------------------------------


class SupervisionOrderOut(Schema):
    id: int
    number: str
    plan: int
    plan_title: str
    task: int | None
    indicator: int | None
    unit: str
    issue: str
    requirement: str
    deadline: datetime.date
    state: str
    state_label: str
    issued_by: str | None
    answer: str
    answered_by: str | None
    answered_at: datetime.datetime | None
    escalation_note: str
    close_note: str
    closed_at: datetime.datetime | None


def _order_out(order: SupervisionOrder) -> dict:
    return {
        "id": order.pk,
        "number": order.number,
        "plan": order.plan_id,
        "plan_title": order.plan.title,
        "task": order.task_id,
        "indicator": order.indicator_id,
        "unit": order.unit.name,
        "issue": order.issue,
        "requirement": order.requirement,
        "deadline": order.deadline,
        "state": order.state,
        "state_label": str(OrderState(order.state).label),
        "issued_by": _name(order.issued_by),
        "answer": order.answer,
        "answered_by": _name(order.answered_by),
        "answered_at": order.answered_at,
        "escalation_note": order.escalation_note,
        "close_note": order.close_note,
        "closed_at": order.closed_at,
    }


def _order(request, order_id: int) -> SupervisionOrder:
    _people_only(request)
    return selectors.order_get(user=request.principal, pk=order_id)


def _order_reply(request, order_id: int) -> dict:
    return _order_out(selectors.order_get(user=request.principal, pk=order_id))


@router.get(
    "/orders",
    response={200: list[SupervisionOrderOut], **errors()},
    summary="督办单：本单位收到的，或（牵头办公室、领导）可见方案的全部",
)
def supervision_orders(request, state: OrderState | None = None):
    _people_only(request)
    orders = selectors.order_list(user=request.principal).select_related("answered_by")
    if state:
        orders = orders.filter(state=state)
    return [_order_out(o) for o in orders.order_by("-created_at")]


@router.get("/orders/{order_id}", response={200: SupervisionOrderOut, **errors(404)}, summary="督办单详情")
def supervision_order(request, order_id: int):
    return _order_out(_order(request, order_id))


class SupervisionOrderIn(Schema):
    unit: int = Field(..., description="督办单位编号")
    issue: str = Field(..., description="督办事项")
    requirement: str = Field(..., description="办理要求")
    deadline: datetime.date = Field(..., description="办理期限")
    task: int | None = Field(None, description="方案任务编号（可选）")
    indicator: int | None = Field(None, description="指标编号（可选）")


@router.post(
    "/plans/{plan_id}/orders",
    response={200: SupervisionOrderOut, **errors(400, 404)},
    summary="签发督办单（方案的牵头办公室）",
)
def supervision_order_issue(request, plan_id: int, body: SupervisionOrderIn):
    _people_only(request)
    plan = plan_get(user=request.principal, pk=plan_id)
    if not is_plan_office(request.principal, plan, capability=services.MANAGE):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有牵头办公室可以签发督办单"))
    unit = Unit.objects.active().filter(pk=body.unit).first()
    if unit is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("督办单位不存在"))
    task = indicator = None
    if body.task is not None:
        task = PlanNode.objects.filter(document=plan, pk=body.task).first()
        if task is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("任务不属于该方案"))
    if body.indicator is not None:
        indicator = Indicator.objects.filter(plan=plan, pk=body.indicator).first()
        if indicator is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("指标不属于该方案"))
    order = services.order_issue(
        actor=request.principal,
        plan=plan,
        unit=unit,
        issue=body.issue,
        requirement=body.requirement,
        deadline=body.deadline,
        task=task,
        indicator=indicator,
    )
    return _order_reply(request, order.pk)


class SupervisionAnswerIn(Schema):
    answer: str = Field(..., description="整改措施及成效")


@router.post(
    "/orders/{order_id}/answer",
    response={200: SupervisionOrderOut, **errors(400, 404, 409)},
    summary="答复督办单（被督办单位的联络员）",
)
def supervision_order_answer(request, order_id: int, body: SupervisionAnswerIn):
    order = _order(request, order_id)
    services.order_answer(actor=request.principal, order=order, answer=body.answer)
    return _order_reply(request, order_id)


class SupervisionCloseIn(Schema):
    note: str = Field("", description="办结意见")


@router.post(
    "/orders/{order_id}/close",
    response={200: SupervisionOrderOut, **errors(404, 409)},
    summary="办结督办单（牵头办公室，单位答复后）",
)
def supervision_order_close(request, order_id: int, body: SupervisionCloseIn):
    order = _order(request, order_id)
    services.order_close(actor=request.principal, order=order, note=body.note)
    return _order_reply(request, order_id)


class SupervisionEscalateIn(Schema):
    note: str = Field(..., description="升级说明")
    deadline: datetime.date = Field(..., description="新的办理期限")


@router.post(
    "/orders/{order_id}/escalate",
    response={200: SupervisionOrderOut, **errors(400, 404, 409)},
    summary="升级督办：提出新要求和新期限（牵头办公室）",
)
def supervision_order_escalate(request, order_id: int, body: SupervisionEscalateIn):
    order = _order(request, order_id)
    services.order_escalate(actor=request.principal, order=order, note=body.note, deadline=body.deadline)
    return _order_reply(request, order_id)
