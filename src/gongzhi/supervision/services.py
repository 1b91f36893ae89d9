"""Writes of the supervision app: indicators, rounds, reports, values, orders.

Every service checks who acts, writes in one transaction and leaves an audit entry.
"""

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.labels import level_unit
from gongzhi.core.permissions import user_or_none
from gongzhi.org.choices import UnitKind
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode, PolicyDocument, Responsibility
from gongzhi.plans.selectors import is_plan_office
from gongzhi.supervision.choices import (
    Frequency,
    IndicatorKind,
    OrderState,
    ReportState,
    RoundState,
    TaskStatus,
    ValueSource,
)
from gongzhi.supervision.models import (
    Indicator,
    IndicatorValue,
    MonitoringSettings,
    ReportingRound,
    SupervisionOrder,
    TaskReport,
    TaskReportVersion,
)

COUNT_UNITS = {"处", "条", "个", "所", "家", "片", "座", "场", "项", "间", "支"}
_PER_UNIT = re.compile(r"镇|街道|社区|村|学校|医院|幼儿园")


def _denied(message: str = "") -> ApplicationError:
    return ApplicationError(ErrorCode.PERMISSION_DENIED, message or _("没有权限执行此操作"))


# the role a plan office needs to run a plan's monitoring (see plans.selectors.is_plan_office)
MANAGE = "supervision.manage"


def require_plan_office(user, plan: PolicyDocument) -> None:
    if not is_plan_office(user, plan, capability=MANAGE):
        raise _denied(
            _("只有“%(plan)s”的牵头办公室（%(office_unit)s）可以执行此操作")
            % {"plan": plan.title, "office_unit": plan.office_unit}
        )


def monitoring_settings(plan: PolicyDocument) -> MonitoringSettings:
    # monitoring begins the day the plan was imported (the set-up step may move it), not the day it
    # was issued: nobody was asked to report for the periods before
    start = timezone.localdate(plan.created_at) if plan.created_at else clock.today()
    settings_row, _created = MonitoringSettings.objects.get_or_create(plan=plan, defaults={"start": start})
    return settings_row


# --- indicators ------------------------------------------------------------------------------


def _kind_for(target) -> str:
    if target.comparator in ("decrease_by", "increase_by"):
        return IndicatorKind.RATE
    if target.comparator == "range":
        return IndicatorKind.RANGE
    if target.per and _PER_UNIT.search(target.per):
        return IndicatorKind.PER_UNIT
    name = target.indicator
    if target.unit_of_measure in COUNT_UNITS and not re.search(r"每|率|比|占", name):
        return IndicatorKind.CUMULATIVE
    return IndicatorKind.LEVEL


def _per_units(per: str) -> list[Unit]:
    kinds = []
    if "镇" in per:
        kinds.append(UnitKind.TOWN)
    if "街道" in per:
        kinds.append(UnitKind.SUBDISTRICT)
    if "村" in per:
        kinds.append(UnitKind.VILLAGE)
    if "社区" in per:
        kinds.append(UnitKind.COMMUNITY)
    return list(Unit.objects.active().filter(kind__in=kinds)) if kinds else []


def _reporting_unit(task: PlanNode) -> Unit | None:
    responsibilities = list(task.responsibilities.select_related("unit").order_by("role", "order"))
    lead = [r.unit for r in responsibilities if r.role == "lead"]
    return (lead or [r.unit for r in responsibilities] or [None])[0]


def _year_end(year: int | None) -> datetime.date | None:
    return datetime.date(year, 12, 31) if year else None


@transaction.atomic
def indicators_sync(*, actor, plan: PolicyDocument) -> dict[str, int]:
    """Every target and milestone of the plan's active tasks becomes an indicator (kept if it exists).

    A target without a year takes the plan's end year as its deadline only when the plan office
    confirmed that year on import (PolicyDocument.end_year); otherwise it has no deadline yet.
    """
    require_plan_office(actor, plan)
    monitoring_settings(plan)
    counts = {"created": 0, "kept": 0, "retired": 0}
    seen = []
    order = 0
    tasks = plan.nodes.tasks().current().prefetch_related("targets", "milestones").order_by("order")
    for task in tasks:
        unit = _reporting_unit(task)
        if unit is None:
            continue
        for target in task.targets.all():
            order += 1
            indicator = Indicator.objects.filter(target=target).first()
            if indicator is None:
                kind = _kind_for(target)
                indicator = Indicator.objects.create(
                    plan=plan,
                    task=task,
                    target=target,
                    name=target.indicator,
                    kind=kind,
                    comparator=target.comparator if kind != IndicatorKind.PER_UNIT else ">=",
                    target_value=target.value,
                    target_value_max=target.value_max,
                    unit_of_measure=level_unit(target.unit_of_measure),  # values are levels: % not 百分点
                    deadline=_year_end(target.deadline_year or plan.end_year),
                    frequency=Frequency.YEARLY
                    if kind in (IndicatorKind.RATE, IndicatorKind.PER_UNIT)
                    else Frequency.QUARTERLY,
                    reporting_unit=unit,
                    order=order,
                )
                if kind == IndicatorKind.PER_UNIT:
                    indicator.per_units.set(_per_units(target.per))
                counts["created"] += 1
            else:
                indicator.order, indicator.active = order, True
                indicator.save(update_fields=["order", "active", "updated_at"])
                counts["kept"] += 1
            seen.append(indicator.pk)
        for milestone in task.milestones.all():
            if milestone.deadline_year is None:
                continue
            order += 1
            indicator = Indicator.objects.filter(milestone=milestone).first()
            if indicator is None:
                indicator = Indicator.objects.create(
                    plan=plan,
                    task=task,
                    milestone=milestone,
                    name=milestone.text[:200],
                    kind=IndicatorKind.MILESTONE,
                    comparator=">=",
                    target_value=Decimal(1),
                    unit_of_measure="",
                    deadline=_year_end(milestone.deadline_year),
                    frequency=Frequency.QUARTERLY,
                    reporting_unit=unit,
                    order=order,
                )
                counts["created"] += 1
            else:
                counts["kept"] += 1
            seen.append(indicator.pk)
    counts["retired"] = plan.indicators.exclude(pk__in=seen).filter(active=True).update(active=False)
    if counts["retired"]:
        from gongzhi.supervision.freshness import plan_data_changed

        plan_data_changed(plan.pk)  # a bulk update sends no signal
    audit_record(actor=actor, action=AuditAction.INDICATORS_SYNCED, target=plan, detail=counts)
    return counts


INDICATOR_FIELDS = (
    "name",
    "kind",
    "direction",
    "target_value",
    "target_value_max",
    "unit_of_measure",
    "baseline_value",
    "baseline_date",
    "deadline",
    "frequency",
    "reporting_unit",
    "definition",
    "data_source",
)


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, per_units=None, **fields) -> Indicator:
    """牵头办公室补全指标：基线、方向、频率、报送单位、口径、来源等。"""
    require_plan_office(actor, indicator.plan)
    changes = {}
    for name, value in fields.items():
        if name not in INDICATOR_FIELDS:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("不能修改字段：%(name)s") % {"name": name})
        if getattr(indicator, name) != value:
            changes[name] = str(value)
            setattr(indicator, name, value)
    if indicator.kind == IndicatorKind.RANGE and (
        indicator.target_value_max is None or indicator.target_value_max < (indicator.target_value or 0)
    ):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("区间目标须填写不小于下限的上限"))
    if indicator.baseline_date and indicator.deadline and indicator.baseline_date > indicator.deadline:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("基线日期不能晚于期限"))
    indicator.confirmed = True
    indicator.full_clean()
    indicator.save()
    if per_units is not None:
        indicator.per_units.set(per_units)
        changes["per_units"] = [u.name for u in per_units]
    audit_record(actor=actor, action=AuditAction.INDICATOR_UPDATED, target=indicator, detail=changes)
    return indicator


# --- rounds and reports ---------------------------------------------------------------------


@transaction.atomic
def round_open(
    *,
    actor,
    plan: PolicyDocument,
    period_label: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
) -> ReportingRound:
    """开启报送轮次：每个责任单位的每项任务生成一份待填报告。"""
    require_plan_office(actor, plan)
    if due_date < period_start:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("报送截止日期不能早于期间开始"))
    if ReportingRound.objects.filter(plan=plan, period_start=period_start, period_end=period_end).exists():
        raise ApplicationError(
            ErrorCode.DUPLICATE, _("“%(period_label)s”的报送轮次已存在") % {"period_label": period_label}
        )
    round_ = ReportingRound(
        plan=plan,
        period_label=period_label.strip(),
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        opened_by=user_or_none(actor),
    )
    round_.full_clean()
    round_.save()
    reports = []
    for r in Responsibility.objects.filter(task__document=plan, task__active=True).order_by("task__order"):
        reports.append(TaskReport(round=round_, task_id=r.task_id, unit_id=r.unit_id, role=r.role))
    TaskReport.objects.bulk_create(reports, ignore_conflicts=True)
    audit_record(
        actor=actor,
        action=AuditAction.ROUND_OPENED,
        target=round_,
        detail={"period": period_label, "reports": len(reports), "due": str(due_date)},
    )
    return round_


@transaction.atomic
def round_close(*, actor, round_: ReportingRound) -> ReportingRound:
    require_plan_office(actor, round_.plan)
    round_.state = RoundState.CLOSED
    round_.save(update_fields=["state", "updated_at"])
    audit_record(actor=actor, action=AuditAction.ROUND_CLOSED, target=round_)
    return round_


def _require_reporter(actor, report: TaskReport) -> None:
    if actor is None or actor.has_capability("plans.manage_all"):
        return
    if not (actor.has_capability("supervision.report") and actor.unit_id == report.unit_id):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("报告不存在或无权访问"))


def _snapshot(report: TaskReport) -> dict:
    return {
        "status": report.status,
        "percent": report.percent,
        "done_text": report.done_text,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "state": report.state,
    }


def _version(report: TaskReport, actor, note: str) -> None:
    report.version += 1
    report.save()
    TaskReportVersion.objects.create(
        report=report,
        version=report.version,
        snapshot=_snapshot(report),
        saved_by=user_or_none(actor),
        note=note,
    )


@transaction.atomic
def report_save(
    *,
    actor,
    report: TaskReport,
    status: str,
    percent: int | None,
    done_text: str,
    problems: str,
    next_steps: str,
) -> TaskReport:
    """联络员保存进展报告（草稿），每次保存留一个版本。"""
    _require_reporter(actor, report)
    report = TaskReport.objects.select_for_update().get(pk=report.pk)
    if report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED):
        raise ApplicationError(ErrorCode.CONFLICT, _("报告已提交，不能修改；如需修改请联系牵头办公室退回"))
    if report.round.state != RoundState.OPEN:
        raise ApplicationError(ErrorCode.CONFLICT, _("该报送轮次已结束"))
    if status not in TaskStatus.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("进展状态无效"))
    if percent is not None and not 0 <= percent <= 100:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("完成比例应在0到100之间"))
    report.status, report.percent = status, percent
    report.done_text, report.problems, report.next_steps = (
        done_text.strip(),
        problems.strip(),
        next_steps.strip(),
    )
    if report.state == ReportState.RETURNED:
        report.state = ReportState.DRAFT
    _version(report, actor, "保存草稿")
    audit_record(
        actor=actor, action=AuditAction.REPORT_SAVED, target=report, detail={"version": report.version}
    )
    return report


@transaction.atomic
def report_submit(*, actor, report: TaskReport) -> TaskReport:
    """联络员提交进展报告（连同本轮填报的指标数值）。"""
    _require_reporter(actor, report)
    report = TaskReport.objects.select_for_update().get(pk=report.pk)
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise ApplicationError(ErrorCode.CONFLICT, _("报告已提交，不能重复提交"))
    if not report.done_text:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请先填写工作进展"))
    report.state, report.submitted_at, report.submitted_by = (
        ReportState.SUBMITTED,
        clock.now(),
        user_or_none(actor),
    )
    _version(report, actor, "提交")
    values = IndicatorValue.objects.filter(
        round=report.round,
        indicator__task=report.task,
        unit=report.unit,
        state__in=[ReportState.DRAFT, ReportState.RETURNED],
    )
    values.update(state=ReportState.SUBMITTED, reported_at=clock.now())
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_SUBMITTED,
        target=report,
        detail={"late": clock.today() > report.round.due_date},
    )
    return report


@transaction.atomic
def report_review(*, actor, report: TaskReport, accept: bool, comment: str = "") -> TaskReport:
    """牵头办公室审核：通过或退回（退回须写明意见）。"""
    require_plan_office(actor, report.round.plan)
    report = TaskReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只能审核已提交的报告"))
    if not accept and not comment.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("退回时请填写意见"))
    report.state = ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.reviewed_at, report.reviewed_by, report.review_comment = (
        clock.now(),
        user_or_none(actor),
        comment,
    )
    _version(report, actor, "审核通过" if accept else "退回")
    IndicatorValue.objects.filter(
        round=report.round, indicator__task=report.task, unit=report.unit, state=ReportState.SUBMITTED
    ).update(state=report.state)
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_ACCEPTED if accept else AuditAction.REPORT_RETURNED,
        target=report,
        detail={"comment": comment},
    )
    return report


BATCH_LIMIT = 200


@transaction.atomic
def report_review_batch(*, actor, report_ids, accept: bool, comment: str = "") -> int:
    """批量审核：一次通过或退回多份已提交的报告（退回须写明意见）。

    All or nothing: each report goes through `report_review` (its plan office checked, one audit
    entry per report); the first refusal undoes the batch and names the report. Returns how many
    were reviewed."""
    ids = sorted({int(i) for i in report_ids})
    if not ids:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请先勾选要审核的报告"))
    if len(ids) > BATCH_LIMIT:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("一次最多审核%(limit)s份报告") % {"limit": BATCH_LIMIT}
        )
    if not accept and not comment.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("退回时请填写意见"))
    reports = list(
        TaskReport.objects.filter(pk__in=ids).select_related("round", "round__plan", "task", "unit")
    )
    if len(reports) != len(ids):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("报告不存在或无权访问"))
    for report in reports:
        try:
            report_review(actor=actor, report=report, accept=accept, comment=comment.strip())
        except ApplicationError as exc:
            raise ApplicationError(
                exc.code,
                _("任务%(task)s（%(unit)s，%(period)s）：%(message)s；本次未审核任何报告")
                % {
                    "task": report.task.number,
                    "unit": report.unit.name,
                    "period": report.round.period_label,
                    "message": exc.message,
                },
                extra={"report": report.pk},
            ) from exc
    return len(reports)


def _check_value(indicator: Indicator, value: Decimal) -> None:
    if indicator.kind == IndicatorKind.MILESTONE and value not in (Decimal(0), Decimal(1)):
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("“%(indicator)s”为节点要求：完成填1，未完成填0") % {"indicator": indicator.name},
        )
    if level_unit(indicator.unit_of_measure) == "%" and not Decimal(0) <= value <= Decimal(100):
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("“%(indicator)s”的数值应在0到100之间（单位：%%）") % {"indicator": indicator.name},
        )
    if value < 0 and indicator.kind != IndicatorKind.RATE:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, _("“%(indicator)s”的数值不能为负数") % {"indicator": indicator.name}
        )


def value_units(indicator: Indicator) -> set[int]:
    if indicator.kind == IndicatorKind.PER_UNIT:
        return set(indicator.per_units.values_list("pk", flat=True)) | {indicator.reporting_unit_id}
    return {indicator.reporting_unit_id}


@transaction.atomic
def value_save(
    *,
    actor,
    indicator: Indicator,
    unit: Unit,
    period_end: datetime.date,
    value: Decimal,
    note: str = "",
    round_: ReportingRound | None = None,
    source: str = ValueSource.FORM,
    submit: bool = False,
) -> IndicatorValue:
    """填报指标数值（同一单位同一轮次同一期间只保留一条，修改即覆盖并留痕）。"""
    if actor is not None and not actor.has_capability("plans.manage_all") and actor.unit_id != unit.pk:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("指标不存在或无权访问"))
    if unit.pk not in value_units(indicator):
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("%(unit)s不是“%(indicator)s”的报送单位") % {"unit": unit, "indicator": indicator.name},
        )
    if round_ is not None and not (round_.period_start <= period_end <= round_.period_end):
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("统计截止日期应在本轮期间（%(period_start)s至%(period_end)s）内")
            % {"period_start": round_.period_start, "period_end": round_.period_end},
        )
    if round_ is not None and round_.state != RoundState.OPEN:
        raise ApplicationError(ErrorCode.CONFLICT, _("该报送轮次已结束"))
    if round_ is None and period_end > clock.today() + datetime.timedelta(days=31):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("统计截止日期不能是将来的日期"))
    _check_value(indicator, value)
    if source != ValueSource.REGISTER and indicator.values.filter(source=ValueSource.REGISTER).exists():
        raise ApplicationError(
            ErrorCode.CONFLICT,
            _("“%(indicator)s”的数值由登记册计算，不能填报") % {"indicator": indicator.name},
        )
    row = (
        IndicatorValue.objects.filter(
            indicator=indicator, unit=unit, round=round_, period_end=period_end
        ).first()
        if round_ is not None
        else None
    )
    if row is not None and row.state in (ReportState.SUBMITTED, ReportState.ACCEPTED):
        raise ApplicationError(ErrorCode.CONFLICT, _("该数值已提交，不能修改"))
    row = row or IndicatorValue(indicator=indicator, unit=unit, round=round_, period_end=period_end)
    row.value, row.note, row.source, row.reported_by = value, note[:300], source, user_or_none(actor)
    row.state = ReportState.SUBMITTED if submit else ReportState.DRAFT
    row.reported_at = clock.now()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.VALUE_PUSHED if source == ValueSource.API else AuditAction.VALUE_SAVED,
        target=row,
        detail={
            "indicator": indicator.pk,
            "unit": unit.name,
            "period_end": str(period_end),
            "value": str(value),
        },
    )
    return row


# --- supervision orders ----------------------------------------------------------------------


def _order_number(plan: PolicyDocument) -> str:
    year = clock.today().year
    prefix = f"督办〔{year}〕"
    count = SupervisionOrder.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1}号"


@transaction.atomic
def order_issue(
    *,
    actor,
    plan: PolicyDocument,
    unit: Unit,
    issue: str,
    requirement: str,
    deadline: datetime.date,
    task: PlanNode | None = None,
    indicator: Indicator | None = None,
    level_reason: str = "",
) -> SupervisionOrder:
    """签发督办单：问题、要求、期限；编号按年度顺序。"""
    require_plan_office(actor, plan)
    if not issue.strip() or not requirement.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写督办事项和办理要求"))
    if deadline < clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("办理期限不能早于今天"))
    # serialise numbering: lock the plan row while counting
    PolicyDocument.objects.select_for_update().filter(pk=plan.pk).exists()
    order = SupervisionOrder.objects.create(
        number=_order_number(plan),
        plan=plan,
        task=task,
        indicator=indicator,
        unit=unit,
        issue=issue.strip(),
        requirement=requirement.strip(),
        deadline=deadline,
        issued_by=actor,
        level_reason=level_reason[:2000],
    )
    audit_record(
        actor=actor,
        action=AuditAction.ORDER_ISSUED,
        target=order,
        detail={"unit": unit.name, "deadline": str(deadline)},
    )
    return order


def can_answer_order(user, order: SupervisionOrder) -> bool:
    """The ordered unit's reporters answer (liaisons and roles that report for a unit), not readers."""
    return (
        getattr(user, "is_authenticated", False)
        and user.unit_id is not None
        and user.unit_id == order.unit_id
        and user.has_capability("supervision.report")
    )


@transaction.atomic
def order_answer(*, actor, order: SupervisionOrder, answer: str) -> SupervisionOrder:
    """被督办单位答复整改措施及成效。"""
    if actor is None or actor.unit_id != order.unit_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("督办单不存在或无权访问"))
    if not can_answer_order(actor, order):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有被督办单位的联络员可以答复督办单"))
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state not in (OrderState.ISSUED, OrderState.ESCALATED):
        raise ApplicationError(ErrorCode.CONFLICT, _("该督办单已答复或已办结"))
    if not answer.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写整改措施及成效"))
    order.state, order.answer = OrderState.ANSWERED, answer.strip()
    order.answered_by, order.answered_at = user_or_none(actor), clock.now()
    order.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORDER_ANSWERED,
        target=order,
        detail={"late": clock.today() > order.deadline},
    )
    return order


@transaction.atomic
def order_close(*, actor, order: SupervisionOrder, note: str = "") -> SupervisionOrder:
    require_plan_office(actor, order.plan)
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state != OrderState.ANSWERED:
        raise ApplicationError(ErrorCode.CONFLICT, _("单位答复后才能办结"))
    order.state, order.close_note = OrderState.CLOSED, note.strip()
    order.closed_by, order.closed_at = user_or_none(actor), clock.now()
    order.save()
    audit_record(actor=actor, action=AuditAction.ORDER_CLOSED, target=order, detail={"note": note})
    return order


@transaction.atomic
def order_escalate(*, actor, order: SupervisionOrder, note: str, deadline: datetime.date) -> SupervisionOrder:
    """升级督办：答复不到位或逾期未答复时，提出新要求和新期限。"""
    require_plan_office(actor, order.plan)
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state == OrderState.CLOSED:
        raise ApplicationError(ErrorCode.CONFLICT, _("已办结的督办单不能升级"))
    if not note.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写升级督办的说明"))
    order.state, order.escalation_note, order.deadline = OrderState.ESCALATED, note.strip(), deadline
    order.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORDER_ESCALATED,
        target=order,
        detail={"note": note, "deadline": str(deadline)},
    )
    return order


def latest_round(plan: PolicyDocument) -> ReportingRound | None:
    return plan.rounds.order_by("-period_end").first()
