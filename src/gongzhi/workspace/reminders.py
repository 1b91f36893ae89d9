"""The daily reminder run (`gongzhi remind`): reports due soon or late, supervision orders due,
data submissions due soon or missing, children's suggestions to answer, credit repair follow-up
actions (解除缴税专用账户休眠状态) due soon or overdue, and what each co-governance part (issue 16)
says is overdue (`overdue(today=)`: unacknowledged important matters, enterprise requests past
their response deadline, ...).

Schedule (plain words): run `gongzhi remind` once a day, e.g. at 8:00 from cron or a systemd
timer. It is idempotent: each reminder has a key and is sent once (`gongzhi.core.notifications`).
"""

import datetime

from django.urls import reverse

from gongzhi.children.services import suggestion_remind
from gongzhi.core import clock
from gongzhi.core.notifications import notify
from gongzhi.core.periods import due_date, period_of
from gongzhi.credit.repair import repair_action_remind
from gongzhi.exchange.choices import Frequency
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.org.models import Unit
from gongzhi.supervision.choices import OrderState, ReportState, RoundState
from gongzhi.supervision.models import SupervisionOrder, TaskReport
from gongzhi.workspace.cogov_parts import PartFailed, call_part, part_functions


def remind(*, today: datetime.date | None = None) -> dict[str, int]:
    """Reports due soon or late, supervision orders due, data submissions due soon or missing,
    children's suggestions to answer, credit repair follow-up actions due."""
    today = today or clock.today()
    counts = {"reports": 0, "orders": 0, "data": 0, "suggestions": 0, "credit_repair": 0, "cogov": 0}
    pending = TaskReport.objects.filter(
        round__state=RoundState.OPEN, state__in=[ReportState.DRAFT, ReportState.RETURNED]
    ).select_related("round", "unit", "task")
    for report in pending:
        days = (report.round.due_date - today).days
        if 0 <= days <= report.round.remind_days:
            text = (
                f"“{report.round.plan.title}”{report.round.period_label}任务{report.task.number}的进展报告将于"
                f"{report.round.due_date.month}月{report.round.due_date.day}日截止，请及时报送"
            )
            key = f"report-due:{report.pk}"
        elif days < 0:
            text = f"任务{report.task.number}（{report.round.period_label}）的进展报告已逾期{-days}天，请尽快报送"
            key = f"report-late:{report.pk}:{today.isocalendar()[1]}"  # at most once a week
        else:
            continue
        counts["reports"] += notify(
            key=key, text=text, unit=report.unit, url=reverse("supervision:report_detail", args=[report.pk])
        )
    for order in SupervisionOrder.objects.filter(
        state__in=[OrderState.ISSUED, OrderState.ESCALATED], deadline__lte=today + datetime.timedelta(days=3)
    ):
        counts["orders"] += notify(
            key=f"order:{order.pk}:{order.deadline}",
            unit=order.unit,
            text=f"督办单{order.number}的办理期限为{order.deadline.month}月{order.deadline.day}日，请按时答复",
            url=reverse("supervision:order_detail", args=[order.pk]),
        )
    last = period_of(today.replace(day=1) - datetime.timedelta(days=1), Frequency.MONTHLY)
    for dataset in Dataset.objects.filter(active=True, frequency=Frequency.MONTHLY, due_day__isnull=False):
        period = last.text
        due = due_date(last.end, dataset.due_day)
        for unit in dataset.provider_units.all():
            if Submission.objects.filter(dataset=dataset, unit=unit, period=period).exists():
                continue
            days = (due - today).days
            if days < 0 or days > 3:
                continue
            counts["data"] += notify(
                key=f"data-due:{dataset.pk}:{unit.pk}:{period}",
                unit=unit,
                text=f"“{dataset.name}”{last.label}数据应于{due.month}月{due.day}日前报送",
                url=reverse("exchange:dataset_detail", args=[dataset.code]),
            )
    counts["suggestions"] = suggestion_remind(today=today)
    counts["credit_repair"] = repair_action_remind(today=today)
    counts["cogov"] = cogov_remind(today=today)
    return counts


def cogov_remind(*, today: datetime.date) -> int:
    """Warn each unit of what a co-governance part says it has let run over (`overdue(today=)`:
    {"unit_id", "label", "url", "days_over"}), at most once a week per item, like late reports.
    The parts not written yet are skipped (`workspace.cogov_parts`)."""
    sent = 0
    week = "{}-{}".format(*today.isocalendar()[:2])
    for part, overdue in part_functions("overdue"):
        try:
            rows = call_part(part, overdue, today=today)
        except PartFailed:
            continue  # logged; the other parts' warnings go out
        units = Unit.objects.in_bulk({row["unit_id"] for row in rows})
        for row in rows:
            unit = units.get(row["unit_id"])
            if unit is None:
                continue
            sent += notify(
                # one request may be overdue for several units: each unit is told
                key=f"cogov-{part}-overdue:{unit.pk}:{row['url']}:{week}",
                unit=unit,
                text=_overdue_text(row),
                url=row["url"],
            )
    return sent


def _overdue_text(row: dict) -> str:
    """The warning: the part's label, which says what is overdue, with the days over unless the
    label already says them (企业诉求…逾期3天未答复)."""
    label = row["label"]
    if str(row["days_over"]) not in label:
        label = f"{label}（已逾期{row['days_over']}天）"
    return f"{label}，请尽快办理"
