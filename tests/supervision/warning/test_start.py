"""Nothing is overdue before monitoring began (``reports_from`` / the task's ``start``).

A plan imported on 2026-12-04 with targets for 2028: no quarter of 2024-2026 that ended before
that day is owed, so the indicator is grey (no data), not red; the first report owed is the
quarter the start falls in, due 15 days after it ends.
"""

from datetime import date

from gongzhi.supervision.warning import (
    GREY,
    RED,
    YELLOW,
    IndicatorSpec,
    Observation,
    TaskStatus,
    assess_indicator,
    assess_task,
)

IMPORTED = date(2026, 12, 4)
DEADLINE = date(2028, 12, 31)


def spec(**overrides) -> IndicatorSpec:
    values = {
        "name": "每千人口托位数（测试）",
        "kind": "level",
        "comparator": ">=",
        "target": 4.5,
        "start": IMPORTED,
        "deadline": DEADLINE,
        "frequency": "quarterly",
    }
    return IndicatorSpec(**(values | overrides))


def test_without_a_start_of_reporting_the_whole_window_is_owed():
    """The old behaviour, for contrast: a path start in 2024 makes eleven quarters overdue."""
    a = assess_indicator(spec(start=date(2024, 1, 1)), [], IMPORTED)
    assert a.level == RED
    assert "（共11期未报）" in a.reason


def test_a_plan_imported_today_is_not_overdue_on_day_one():
    a = assess_indicator(spec(start=date(2024, 1, 1), reports_from=IMPORTED), [], IMPORTED)
    assert a.level == GREY
    assert "逾期" not in a.reason
    assert a.codes == ("no_data",)


def test_reports_from_defaults_to_the_start():
    assert spec().reports_from == IMPORTED
    assert assess_indicator(spec(), [], IMPORTED).level == GREY


def test_the_quarter_the_start_falls_in_is_owed_once_due():
    # 2026 Q4 ends 12-31, due 2027-01-15: on the 16th it is late (yellow), after 30 days red
    assert assess_indicator(spec(), [], date(2027, 1, 15)).level == GREY
    late = assess_indicator(spec(), [], date(2027, 1, 16))
    assert late.level == YELLOW
    assert "2026年第4季度数据应于2027年1月15日前报送，报送逾期1天" in late.reason
    assert assess_indicator(spec(), [], date(2027, 2, 15)).level == RED


def test_periods_after_the_start_still_count_when_a_value_was_reported_earlier():
    values = [Observation(period_end=date(2026, 12, 31), value=1.0, reported_at=date(2027, 1, 10))]
    a = assess_indicator(spec(), values, date(2027, 7, 20))
    assert "2027年第1季度数据应于2027年4月15日前报送" in a.reason
    assert "（共2期未报）" in a.reason


def test_a_deadline_before_the_start_is_not_overdue_without_a_report():
    old = spec(start=date(2025, 12, 31), deadline=date(2025, 12, 31), reports_from=IMPORTED)
    a = assess_indicator(old, [], IMPORTED)
    assert a.level == GREY and "逾期" not in a.reason


def test_a_milestone_due_before_the_start_is_grey_until_reported():
    milestone = spec(
        name="建成儿童友好示范点（测试）",
        kind="milestone",
        target=1.0,
        start=date(2025, 12, 31),
        deadline=date(2025, 12, 31),
        reports_from=IMPORTED,
    )
    a = assess_indicator(milestone, [], IMPORTED)
    assert a.level == GREY
    assert "早于监测起算日期2026年12月4日" in a.reason
    reported = assess_indicator(
        milestone, [Observation(period_end=date(2026, 9, 30), value=0.0, reported_at=IMPORTED)], IMPORTED
    )
    assert reported.level == RED  # once reported not done, the passed deadline counts


def test_a_task_due_before_the_start_is_not_red_without_a_report():
    task = TaskStatus(name="（一）测试任务", start=IMPORTED, due=date(2025, 12, 31))
    a = assess_task(task, IMPORTED)
    assert a.level == GREY
    assert "早于监测起算日期" in a.reason


def test_a_task_due_after_the_start_is_still_red_once_its_deadline_passes():
    task = TaskStatus(name="（一）测试任务", start=IMPORTED, due=date(2027, 6, 30))
    assert assess_task(task, date(2027, 7, 1)).level == RED
