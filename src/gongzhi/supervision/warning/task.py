"""The level of a task: its progress report, deadline, reporting round, milestones and indicators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from gongzhi.core.periods import as_date

from .milestone import assess_milestone
from .model import (
    DONE,
    GREEN,
    GREY,
    IN_PROGRESS,
    LAGGING,
    LEVEL_ZH,
    NOT_STARTED,
    RED,
    STATUS_ZH,
    YELLOW,
    IndicatorAssessment,
    MilestoneSpec,
    ProgressReport,
    TaskAssessment,
    TaskPart,
    TaskStatus,
    Thresholds,
    rank,
    worst,
)
from .text import day, number, quoted, yuan

_EPS = 1e-9


def _time_share(task: TaskStatus, on: date) -> float | None:
    """Percent of the task's time span elapsed on ``on`` (None without start and due)."""
    if task.start is None or task.due is None or task.due <= task.start:
        return None
    share = (on - task.start).days / (task.due - task.start).days
    return 100 * min(1.0, max(0.0, share))


def _report_words(report: ProgressReport) -> str:
    text = f"最新进展报告（{day(as_date(report.reported_at))}）为“{STATUS_ZH[report.status]}”"
    if report.percent is not None:
        text += f"，完成{number(report.percent)}%"
    return text


def _report_parts(task: TaskStatus, as_of: date, th: Thresholds) -> list[TaskPart]:
    report = task.report
    if report is not None and as_date(report.reported_at) > as_of:
        report = None  # not yet received on the day assessed
    parts: list[TaskPart] = []
    if report is not None and report.status == DONE:
        return [TaskPart(source="report", name="进展报告", level=GREEN, reason=f"{_report_words(report)}。")]

    if task.due is not None and as_of > task.due and report is None and task.start and task.due < task.start:
        parts.append(  # due before monitoring began: nobody was asked yet
            TaskPart(
                source="deadline",
                name="任务期限",
                level=GREY,
                reason=f"任务期限{day(task.due)}早于监测起算日期{day(task.start)}，尚无进展报告。",
            )
        )
    elif task.due is not None and as_of > task.due:
        state = _report_words(report) if report else "尚无进展报告"
        parts.append(
            TaskPart(
                source="deadline",
                name="任务期限",
                level=RED,
                reason=f"任务期限{day(task.due)}已过，尚未完成（{state}）。",
            )
        )

    if report is None:
        parts.append(TaskPart(source="report", name="进展报告", level=GREY, reason="尚无进展报告。"))
    elif report.status == LAGGING:
        parts.append(
            TaskPart(
                source="report", name="进展报告", level=RED, reason=f"{_report_words(report)}，自报滞后。"
            )
        )
    else:
        reported_on = as_date(report.reported_at)
        expected = _time_share(task, reported_on)
        done_share = (
            report.percent if report.percent is not None else 0.0 if report.status == NOT_STARTED else None
        )
        if expected is None or done_share is None:
            if report.status == IN_PROGRESS:
                level, reason = GREEN, f"{_report_words(report)}。"
            else:
                level, reason = GREY, f"{_report_words(report)}，无任务起止日期，无法判断是否滞后。"
        else:
            behind = expected - done_share
            if behind > th.red_gap * 100 + _EPS:
                level = RED
            elif behind > th.yellow_gap * 100 + _EPS:
                level = YELLOW
            else:
                level = GREEN
            reason = f"{_report_words(report)}，按时间进度到{day(reported_on)}应完成{number(expected)}%"
            reason += f"，落后{number(behind)}个百分点。" if behind > _EPS else "，不落后于时间进度。"
        parts.append(TaskPart(source="report", name="进展报告", level=level, reason=reason))

    if task.round_due is not None:
        answered = report is not None and (
            task.round_start is None or as_date(report.reported_at) >= task.round_start
        )
        days = (as_of - task.round_due).days
        if not answered and days > th.late_after_days:
            level = RED if days > th.missing_after_days else YELLOW
            parts.append(
                TaskPart(
                    source="round",
                    name="本轮进展报告",
                    level=level,
                    reason=f"本轮进展报告应于{day(task.round_due)}前报送，报送逾期{days}天。",
                )
            )
    return parts


def _funding_parts(task: TaskStatus, parts: list[TaskPart]) -> list[TaskPart]:
    """Money spent while a target is still red: a warning of its own (the spending did not yet
    move the target), red like the indicator it names."""
    if not task.spent or task.spent <= _EPS:
        return []
    red = [part.name for part in parts if part.source == "indicator" and part.level == RED]
    if not red:
        return []
    names = "、".join(quoted(name) for name in red)
    return [
        TaskPart(
            source="funding",
            name="资金使用",
            level=RED,
            reason=f"已支出资金{yuan(task.spent)}，指标{names}仍为红色。",
        )
    ]


def _strip(reason: str) -> str:
    return reason.rstrip("。")


def _task_reason(level: str, parts: list[TaskPart]) -> str:
    if not parts:
        return "暂无进展报告、指标数据和节点要求，无法判断。"
    unknown = [part for part in parts if part.level == GREY]
    if level == GREY:
        return "暂无可判断的信息：" + "；".join(_strip(part.reason) for part in unknown) + "。"
    if level == GREEN:
        reports = [_strip(p.reason) for p in parts if p.level == GREEN and p.source == "report"]
        indicators = sum(p.source == "indicator" and p.level == GREEN for p in parts)
        milestones = sum(p.source == "milestone" and p.level == GREEN for p in parts)
        summary = [*reports]
        if indicators:
            summary.append(f"{indicators}项指标均为绿色")
        if milestones:
            summary.append(f"{milestones}个节点要求正常")
        text = "进展正常" + ("：" + "；".join(summary) if summary else "") + "。"
    else:
        text = "".join(part.reason for part in parts if part.level == level)
        lower = [p for p in parts if p.level == YELLOW and rank(p.level) < rank(level)]
        if lower:
            names = "、".join(p.name for p in lower)
            text += f"另有{len(lower)}项{LEVEL_ZH[YELLOW]}提示：{names}。"
    if unknown:
        text += f"另有{len(unknown)}项暂无可判断的信息：{'、'.join(p.name for p in unknown)}。"
    return text


def assess_task(
    task: TaskStatus,
    as_of: date,
    thresholds: Thresholds | None = None,
    *,
    indicators: Sequence[IndicatorAssessment] = (),
    milestones: Sequence[MilestoneSpec] = (),
) -> TaskAssessment:
    """Combine what is known about a task into one level and a reason in Chinese.

    Parts: the task deadline (past and not 已完成 -> red), the latest progress report (滞后 ->
    red; percent behind the elapsed share of the task's time by more than the yellow/red gaps in
    percentage points -> yellow/red), the current round (no report after its due date -> yellow,
    after ``missing_after_days`` -> red), each milestone (see ``assess_milestone``) and each
    indicator (already assessed); money spent (``task.spent``) while an indicator is red -> red
    (资金已支出但目标仍为红色). The level is the worst part; grey only when every part is grey.
    """
    th = thresholds or Thresholds()
    parts = _report_parts(task, as_of, th)
    for milestone in milestones:
        assessed = assess_milestone(milestone, as_of, th)
        parts.append(
            TaskPart(source="milestone", name=milestone.text, level=assessed.level, reason=assessed.reason)
        )
    for indicator in indicators:
        parts.append(
            TaskPart(
                source="indicator",
                name=indicator.name,
                level=indicator.level,
                reason=f"指标{quoted(indicator.name)}：{indicator.reason}",
            )
        )
    parts.extend(_funding_parts(task, parts))
    level = worst([part.level for part in parts])
    return TaskAssessment(
        name=task.name,
        level=level,
        reason=_task_reason(level, parts),
        on_track=level == GREEN,
        parts=tuple(parts),
    )
