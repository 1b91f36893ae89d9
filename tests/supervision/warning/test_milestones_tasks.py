"""Milestones (希望小屋 2023, 脑瘫救助 2024) and tasks (reports, rounds, milestones, indicators)."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from zhoucun_targets import END, NAOTAN, START, TUOWEI, XIWANG, q, series

from gongzhi.supervision.warning import (
    GREEN,
    GREY,
    RED,
    YELLOW,
    IndicatorSpec,
    ProgressReport,
    TaskStatus,
    Thresholds,
    assess_indicator,
    assess_milestone,
    assess_task,
)

# ------------------------------------------------------------------------------------ milestones


def test_milestone_done_on_time_is_green():
    m = replace(XIWANG, done=True, done_at=date(2023, 11, 20))
    a = assess_milestone(m, date(2024, 3, 1))
    assert a.level == GREEN
    assert (
        a.reason
        == "节点要求“‘希望小屋’儿童关爱项目实现应建尽建”已于2023年11月20日按期完成（期限2023年12月31日）。"
    )


def test_milestone_done_late_is_green_and_says_how_late():
    a = assess_milestone(replace(XIWANG, done=True, done_at=date(2024, 1, 30)), date(2024, 3, 1))
    assert a.level == GREEN and "晚于期限2023年12月31日30天" in a.reason


def test_milestone_overdue_is_red():
    a = assess_milestone(NAOTAN, date(2025, 1, 10))
    assert a.level == RED
    assert a.reason == "节点要求“适应症脑瘫儿童全部救助到位”已于2024年12月31日到期，尚未完成（已逾期10天）。"
    assert a.days_left == -10 and a.codes == ("milestone_overdue",)


def test_milestone_due_soon_is_yellow():
    a = assess_milestone(NAOTAN, date(2024, 11, 1))
    assert a.level == YELLOW
    assert a.reason == "节点要求“适应症脑瘫儿童全部救助到位”将于2024年12月31日到期（还剩60天），尚未完成。"
    assert assess_milestone(NAOTAN, date(2024, 11, 1), Thresholds(milestone_warn_days=30)).level == GREEN


def test_milestone_not_yet_due_is_green():
    a = assess_milestone(NAOTAN, date(2024, 3, 1))
    assert a.level == GREEN and "尚未到期（还剩305天）" in a.reason


def test_milestone_not_reported_is_grey_until_it_matters():
    m = replace(NAOTAN, done=None)
    a = assess_milestone(m, date(2024, 3, 1))
    assert a.level == GREY and "尚未报告完成情况（期限2024年12月31日，还剩305天）" in a.reason
    a = assess_milestone(m, date(2025, 1, 10))
    assert a.level == RED and "已于2024年12月31日到期，尚未报告完成情况" in a.reason


def test_milestone_done_after_the_as_of_day_is_not_done_yet():
    m = replace(NAOTAN, done=True, done_at=date(2025, 2, 1))
    assert assess_milestone(m, date(2025, 1, 10)).level == RED
    assert assess_milestone(m, date(2025, 2, 10)).level == GREEN


def test_milestone_reported_as_indicator_values():
    spec = IndicatorSpec(
        name="“希望小屋”应建尽建",
        kind="milestone",
        start=START,
        deadline=date(2023, 12, 31),
        frequency="monthly",
    )
    a = assess_indicator(spec, series((date(2023, 10, 31), 0), (date(2023, 11, 30), 1)), date(2024, 1, 5))
    assert a.level == GREEN and "已于2023年11月30日按期完成" in a.reason
    a = assess_indicator(spec, series((date(2023, 10, 31), 0)), date(2024, 1, 5))
    assert a.level == RED and "已于2023年12月31日到期，尚未完成" in a.reason
    a = assess_indicator(spec, series((date(2023, 10, 31), 0)), date(2023, 11, 5))
    assert a.level == YELLOW and "还剩56天" in a.reason
    a = assess_indicator(spec, [], date(2023, 3, 5))
    assert a.level == GREY and "尚未报告完成情况" in a.reason


# ----------------------------------------------------------------------------------------- tasks

TASK = TaskStatus(name="（5）加快推进托幼服务提质扩容", start=START, due=END)


def report(status: str, on: date, percent: float | None = None) -> ProgressReport:
    return ProgressReport(status=status, reported_at=on, percent=percent)


def test_task_in_step_with_time_is_green():
    task = replace(TASK, report=report("推进中", date(2024, 7, 5), 55))
    a = assess_task(task, date(2024, 7, 10))
    assert a.level == GREEN and a.on_track
    assert a.reason == (
        "进展正常：最新进展报告（2024年7月5日）为“推进中”，完成55%，按时间进度到2024年7月5日应完成50.32%，"
        "不落后于时间进度。"
    )


def test_task_reported_lagging_is_red():
    task = replace(TASK, report=report("滞后", date(2024, 7, 5), 30))
    a = assess_task(task, date(2024, 7, 10))
    assert a.level == RED
    assert a.reason == "最新进展报告（2024年7月5日）为“滞后”，完成30%，自报滞后。"


def test_task_percent_behind_time_is_yellow_then_red():
    a = assess_task(replace(TASK, report=report("in_progress", date(2024, 7, 5), 40)), date(2024, 7, 10))
    assert a.level == YELLOW and "应完成50.32%，落后10.32个百分点" in a.reason
    a = assess_task(replace(TASK, report=report("in_progress", date(2024, 7, 5), 30)), date(2024, 7, 10))
    assert a.level == RED and "落后20.32个百分点" in a.reason


def test_task_not_started_counts_as_zero_percent():
    a = assess_task(replace(TASK, report=report("未启动", date(2023, 4, 5))), date(2023, 4, 10))
    assert a.level == YELLOW
    assert "为“未启动”，按时间进度到2023年4月5日应完成8.58%，落后8.58个百分点" in a.reason


def test_task_done_is_green_and_has_no_round_duty():
    task = replace(
        TASK,
        report=report("已完成", date(2024, 3, 1), 100),
        round_start=date(2024, 7, 1),
        round_due=date(2024, 7, 15),
    )
    a = assess_task(task, date(2024, 9, 1))
    assert a.level == GREEN and "为“已完成”" in a.reason


def test_task_past_its_due_date_and_not_done_is_red():
    task = replace(TASK, due=date(2024, 12, 31), report=report("推进中", date(2024, 12, 20), 90))
    a = assess_task(task, date(2025, 1, 10))
    assert a.level == RED
    assert (
        "任务期限2024年12月31日已过，尚未完成（最新进展报告（2024年12月20日）为“推进中”，完成90%）。"
        in a.reason
    )


def test_task_round_report_late_is_yellow_then_red():
    task = replace(
        TASK,
        report=report("推进中", date(2024, 4, 10), 40),
        round_start=date(2024, 7, 1),
        round_due=date(2024, 7, 15),
    )
    a = assess_task(task, date(2024, 7, 15))
    assert a.level == GREEN  # due today: not late yet
    a = assess_task(task, date(2024, 7, 25))
    assert a.level == YELLOW
    assert "本轮进展报告应于2024年7月15日前报送，报送逾期10天。" in a.reason
    a = assess_task(task, date(2024, 8, 20))
    assert a.level == RED and "报送逾期36天" in a.reason
    answered = replace(task, report=report("推进中", datetime(2024, 7, 20, 9, 30), 52))
    assert assess_task(answered, date(2024, 8, 20)).level == GREEN


def test_task_with_an_overdue_milestone_is_red_and_names_it():
    task = replace(TASK, name="（22）推进残疾儿童康复救助", report=report("推进中", date(2025, 1, 5), 70))
    a = assess_task(task, date(2025, 1, 10), milestones=[NAOTAN])
    assert a.level == RED
    assert a.reason.startswith("节点要求“适应症脑瘫儿童全部救助到位”已于2024年12月31日到期，尚未完成")
    assert [part.source for part in a.parts] == ["report", "milestone"]


def test_task_takes_the_worst_indicator_and_mentions_the_lesser_ones():
    red = assess_indicator(
        TUOWEI, series((q(2024, 3), 2.8), (q(2024, 4), 2.9), (q(2025, 1), 3.0)), date(2025, 4, 10)
    )
    yellow = assess_indicator(TUOWEI, series((q(2024, 3), 3.5), (q(2024, 4), 3.7)), date(2025, 4, 20))  # late
    assert (red.level, yellow.level) == (RED, YELLOW)
    task = replace(TASK, report=report("推进中", date(2025, 4, 5), 75))
    a = assess_task(task, date(2025, 4, 20), indicators=[red, replace(yellow, name="托育机构数")])
    assert a.level == RED
    assert a.reason.startswith("指标“每千人口3岁以下婴幼儿托位数”：按计划，到2025年3月31日应达到3.9个")
    assert a.reason.endswith("另有1项黄色提示：托育机构数。")


def test_task_grey_parts_do_not_hide_green_ones():
    grey = assess_indicator(TUOWEI, [], date(2023, 4, 1))
    task = replace(TASK, report=report("推进中", date(2023, 3, 25), 10))
    a = assess_task(task, date(2023, 4, 1), indicators=[grey], milestones=[XIWANG])
    assert a.level == GREEN
    assert "另有1项暂无可判断的信息：每千人口3岁以下婴幼儿托位数。" in a.reason
    assert "1个节点要求正常" in a.reason


def test_task_with_nothing_to_judge_is_grey():
    a = assess_task(TaskStatus(name="（13）某任务"), date(2024, 1, 1))
    assert a.level == GREY and a.reason == "暂无可判断的信息：尚无进展报告。"
    a = assess_task(
        TaskStatus(name="（13）某任务", report=report("未启动", date(2023, 3, 1))), date(2024, 1, 1)
    )
    assert a.level == GREY and "无任务起止日期，无法判断是否滞后" in a.reason


def test_report_received_after_the_as_of_day_is_ignored():
    task = replace(TASK, report=report("滞后", date(2024, 7, 20), 30))
    assert assess_task(task, date(2024, 7, 10)).level == GREY


def test_bad_status_is_refused_in_chinese():
    with pytest.raises(ValueError, match="进展状态“暂停”无效"):
        report("暂停", date(2024, 1, 1))
