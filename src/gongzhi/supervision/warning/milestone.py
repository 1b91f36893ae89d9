"""The level of a dated qualitative requirement (节点要求)."""

from __future__ import annotations

from datetime import date

from .model import GREEN, GREY, RED, YELLOW, MilestoneAssessment, MilestoneSpec, Thresholds
from .text import day, quoted


def assess_milestone(
    milestone: MilestoneSpec, as_of: date, thresholds: Thresholds | None = None
) -> MilestoneAssessment:
    """Done -> green; overdue and not done -> red; due within ``milestone_warn_days`` -> yellow;
    not reported (``done`` None) and further away -> grey; otherwise green (not yet due).

    A ``done_at`` after ``as_of`` counts as not done yet (replaying a past day).
    """
    th = thresholds or Thresholds()
    done = milestone.done
    if done and milestone.done_at is not None and milestone.done_at > as_of:
        done = False
    deadline = milestone.deadline
    days_left = (deadline - as_of).days
    quote = f"节点要求{quoted(milestone.text)}"
    status = "尚未报告完成情况" if done is None else "尚未完成"

    if done:
        if milestone.done_at is None:
            reason = f"{quote}已完成（期限{day(deadline)}）。"
        elif milestone.done_at <= deadline:
            reason = f"{quote}已于{day(milestone.done_at)}按期完成（期限{day(deadline)}）。"
        else:
            late = (milestone.done_at - deadline).days
            reason = f"{quote}已于{day(milestone.done_at)}完成，晚于期限{day(deadline)}{late}天。"
        level, codes = GREEN, ("milestone_done",)
    elif days_left < 0:
        reason = f"{quote}已于{day(deadline)}到期，{status}（已逾期{-days_left}天）。"
        level, codes = RED, ("milestone_overdue",)
    elif days_left <= th.milestone_warn_days:
        reason = f"{quote}将于{day(deadline)}到期（还剩{days_left}天），{status}。"
        level, codes = YELLOW, ("milestone_due_soon",)
    elif done is None:
        reason = f"{quote}{status}（期限{day(deadline)}，还剩{days_left}天）。"
        level, codes = GREY, ("milestone_unreported",)
    else:
        reason = f"{quote}期限为{day(deadline)}，尚未到期（还剩{days_left}天）。"
        level, codes = GREEN, ()
    if done is None and level != GREY:
        codes = (*codes, "milestone_unreported")
    return MilestoneAssessment(
        text=milestone.text,
        level=level,
        reason=reason,
        deadline=deadline,
        done=done,
        days_left=days_left,
        codes=codes,
    )
