"""Plain level targets, up (托位数 >= 4.5 by 2025) and down (龋患率 <= 30% by 2025)."""

from dataclasses import replace
from datetime import date

import pytest
from zhoucun_targets import QUHUAN, TUOWEI, h, q, series

from gongzhi.supervision.warning import (
    GREEN,
    GREY,
    RED,
    YELLOW,
    Observation,
    Thresholds,
    assess_indicator,
)

# ------------------------------------------------------------------------------------ up: 托位数

ON_PATH = series((q(2024, 3), 3.5), (q(2024, 4), 3.7), (q(2025, 1), 3.9), (q(2025, 2), 4.1))


def test_up_on_track_is_green():
    a = assess_indicator(TUOWEI, ON_PATH, date(2025, 7, 10))
    assert a.level == GREEN and a.on_track
    assert a.reason == (
        "按计划，到2025年6月30日应达到4.1个，最新值为4.1个（2025年第2季度），与计划持平；"
        "按当前进度预计2025年可达到4.5个，不晚于期限2025年。"
    )
    assert (a.latest, a.latest_date, a.projected_year) == (4.1, q(2025, 2), 2025)
    assert a.projected == pytest.approx(4.5)
    assert a.gap == pytest.approx(0)
    assert a.expected_now == pytest.approx(4.1 + 0.8 * (10 / 31) / 12)


def test_up_slightly_behind_path_is_yellow():
    # 3.85 against 4.1 on the path: 0.25 behind, 10.4% of the 2.4 to go; the pace (1.5/yr) is fine.
    obs = series((q(2024, 4), 3.1), (q(2025, 1), 3.45), (q(2025, 2), 3.85))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == YELLOW
    assert "落后计划0.25个（占基线到目标差距的10.4%）" in a.reason
    assert "不晚于期限2025年" in a.reason
    assert a.gap == pytest.approx(0.25) and a.gap_ratio == pytest.approx(0.25 / 2.4)
    assert a.codes == ("behind_path",)


def test_up_projection_slightly_late_is_yellow():
    # On the path (2% behind) but the pace (0.7/yr) reaches 4.5 in February 2026: within one quarter.
    obs = series((q(2024, 4), 3.7), (q(2025, 1), 3.88), (q(2025, 2), 4.05))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == YELLOW
    assert "按当前进度预计2026年才能达到4.5个，晚于期限2025年（晚于期限不超过1个报送周期）" in a.reason
    assert a.projected_year == 2026 and a.projection.reach_date == date(2026, 2, 20)
    assert "projection_late" in a.codes and "behind_path" not in a.codes


def test_up_far_behind_is_red_with_numbers():
    obs = series((q(2024, 3), 2.8), (q(2024, 4), 2.9), (q(2025, 1), 3.0), (q(2025, 2), 3.1))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == RED and not a.on_track
    assert a.reason == (
        "按计划，到2025年6月30日应达到4.1个，最新值为3.1个（2025年第2季度），"
        "落后计划1个（占基线到目标差距的41.7%）；按当前进度预计2028年才能达到4.5个，晚于期限2025年。"
    )
    assert a.projected == pytest.approx(3.3)
    assert a.projected_year == 2028


def test_up_no_data_before_the_first_due_date_is_grey():
    a = assess_indicator(TUOWEI, [], date(2023, 4, 10))  # 2023 Q1 is due on 2023-04-15
    assert a.level == GREY
    assert a.reason == "暂无数据：尚未报送任何数据。"
    assert a.latest is None and a.projected is None and a.projected_year is None
    assert a.expected_now == pytest.approx(2.1 + 0.2 + 0.2 * (10 / 30) / 3)  # a quarter and 10 days in


def test_up_no_data_and_overdue_is_not_grey():
    a = assess_indicator(TUOWEI, [], date(2023, 4, 25))
    assert a.level == YELLOW
    assert "暂无数据" in a.reason and "2023年第1季度数据应于2023年4月15日前报送，报送逾期10天" in a.reason
    a = assess_indicator(TUOWEI, [], date(2023, 8, 1))
    assert a.level == RED
    assert "报送逾期108天（共2期未报）" in a.reason
    assert a.codes == ("no_data", "report_late", "report_missing")


def test_up_target_already_met_is_green():
    obs = series((q(2025, 1), 4.2), (q(2025, 2), 4.6))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == GREEN
    assert a.reason == "已达到目标：最新值为4.6个（2025年第2季度），目标为到2025年达到4.5个。"
    assert a.projected_year == 2025  # already reached: the latest value's year


def test_up_target_met_but_late_report_stays_green_and_says_so():
    obs = series((q(2025, 1), 4.6))
    a = assess_indicator(TUOWEI, obs, date(2025, 8, 1))
    assert a.level == GREEN
    assert "已达到目标" in a.reason and "报送逾期17天" in a.reason


def test_up_deadline_passed_not_met_is_red():
    obs = series((q(2025, 3), 4.0), (q(2025, 4), 4.2))
    a = assess_indicator(TUOWEI, obs, date(2026, 1, 20))
    assert a.level == RED
    assert a.reason == (
        "已超过期限（2025年12月31日）仍未达到目标：最新值为4.2个（2025年第4季度），"
        "目标为到2025年达到4.5个，还差0.3个。"
    )
    assert a.projected is None


def test_up_deadline_passed_and_met_is_green():
    obs = series((q(2025, 3), 4.3), (q(2025, 4), 4.6))
    a = assess_indicator(TUOWEI, obs, date(2026, 2, 1))
    assert a.level == GREEN
    assert a.reason.startswith("期限2025年12月31日已过，已达到目标：最新值为4.6个（2025年第4季度）")


def test_up_deadline_passed_but_final_report_not_yet_due_is_judged_on_the_path():
    # The 2025 Q4 value is due on 2026-01-15: on 2026-01-05 the Q3 value is judged as usual.
    obs = series((q(2025, 1), 3.9), (q(2025, 2), 4.1), (q(2025, 3), 4.3))
    a = assess_indicator(TUOWEI, obs, date(2026, 1, 5))
    assert a.level == GREEN
    assert "已超过期限" not in a.reason and "与计划持平" in a.reason
    # ...and once it is overdue, the deadline has passed for good.
    a = assess_indicator(TUOWEI, obs, date(2026, 1, 16))
    assert a.level == RED and "已超过期限（2025年12月31日）仍未达到目标" in a.reason


def test_up_one_value_only_has_no_trend_and_the_path_decides():
    a = assess_indicator(TUOWEI, series((q(2024, 4), 3.6)), date(2025, 1, 10))
    assert a.level == GREEN  # 0.1 behind 3.7: 4.2% of the way, under 5%
    assert "仅有一个数据，无法判断趋势" in a.reason
    assert a.projected is None and a.projected_year is None
    a = assess_indicator(TUOWEI, series((q(2024, 4), 3.0)), date(2025, 1, 10))
    assert a.level == RED
    assert "落后计划0.7个" in a.reason and "仅有一个数据，无法判断趋势" in a.reason


def test_up_moving_away_from_target_is_red():
    # Ahead of the path, but falling: the target cannot be reached at this pace.
    obs = series((q(2025, 1), 4.2), (q(2025, 2), 4.12))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == RED
    assert "好于计划0.02个" in a.reason
    assert "按当前趋势无法达到目标4.5个（最近2期数据呈下降趋势）" in a.reason
    assert a.projected_year is None and a.projection.status == "never"


def test_up_flat_values_cannot_reach_the_target():
    obs = series((q(2024, 4), 3.8), (q(2025, 1), 3.8), (q(2025, 2), 3.8))
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 10))
    assert a.level == RED
    assert "按当前趋势无法达到目标4.5个（最近3期数据没有变化）" in a.reason


def test_up_late_report_is_at_least_yellow_then_red_when_missing():
    a = assess_indicator(TUOWEI, ON_PATH, date(2025, 10, 20))
    assert a.level == YELLOW
    assert "2025年第3季度数据应于2025年10月15日前报送，报送逾期5天" in a.reason
    assert "report_late" in a.codes
    a = assess_indicator(TUOWEI, ON_PATH, date(2025, 11, 20))
    assert a.level == RED
    assert "报送逾期36天" in a.reason and "report_missing" in a.codes


def test_lateness_follows_the_thresholds():
    th = Thresholds(report_due_days=20, late_after_days=10, missing_after_days=60)
    assert assess_indicator(TUOWEI, ON_PATH, date(2025, 10, 25), th).level == GREEN  # due 10-20, 5 days
    a = assess_indicator(TUOWEI, ON_PATH, date(2025, 11, 1), th)
    assert a.level == YELLOW and "2025年10月20日前报送，报送逾期12天" in a.reason
    assert assess_indicator(TUOWEI, ON_PATH, date(2025, 12, 20), th).level == RED


def test_gap_thresholds_are_configurable():
    obs = series((q(2024, 4), 3.1), (q(2025, 1), 3.45), (q(2025, 2), 3.85))  # 10.4% behind
    assert assess_indicator(TUOWEI, obs, date(2025, 7, 10), Thresholds(yellow_gap=0.12)).level == GREEN
    assert assess_indicator(TUOWEI, obs, date(2025, 7, 10), Thresholds(red_gap=0.1)).level == RED


def test_no_baseline_path_starts_from_the_first_value():
    spec = replace(TUOWEI, baseline=None, baseline_date=None)
    # Path 2.5 (2024 Q2) -> 4.5 (end 2025): 3.17 expected at the end of 2024, 3.3 reported.
    a = assess_indicator(spec, series((q(2024, 2), 2.5), (q(2024, 4), 3.3)), date(2025, 1, 10))
    assert a.level == GREEN
    assert a.reason.startswith(
        "无基线值，以首次报送值2.5个（2024年第2季度）为起点；按计划，到2024年12月31日应达到3.17个"
    )
    assert "no_baseline" in a.codes
    # Path 2.5 (2023 Q4) -> 4.5: 3.5 expected at the end of 2024, 3.3 is 10% of the way behind.
    a = assess_indicator(spec, series((q(2023, 4), 2.5), (q(2024, 4), 3.3)), date(2025, 1, 10))
    assert a.level == RED  # and the pace (0.8/yr) only gets there in mid-2026
    assert "落后计划0.2个（占基线到目标差距的10%）" in a.reason
    assert "预计2026年才能达到4.5个" in a.reason


def test_no_baseline_and_one_value_cannot_be_judged():
    spec = replace(TUOWEI, baseline=None, baseline_date=None)
    a = assess_indicator(spec, series((q(2024, 4), 3.3)), date(2025, 1, 10))
    assert a.level == GREY
    assert "无基线值，且仅有一个数据：最新值为3.3个（2024年第4季度），无法判断进度和趋势" in a.reason
    assert a.expected_now is None and a.gap is None
    assert assess_indicator(spec, series((q(2024, 4), 4.5)), date(2025, 1, 10)).level == GREEN


def test_values_received_after_the_as_of_day_are_ignored():
    obs = [*ON_PATH[:-1], Observation(period_end=q(2025, 2), value=4.1, reported_at=date(2025, 7, 20))]
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 18))
    assert a.latest_date == q(2025, 1) and "2025年第2季度数据应于2025年7月15日前报送，报送逾期3天" in a.reason


def test_a_correction_for_the_same_period_replaces_the_value():
    obs = [*ON_PATH, Observation(period_end=q(2025, 2), value=3.1, reported_at=date(2025, 7, 12))]
    a = assess_indicator(TUOWEI, obs, date(2025, 7, 14))
    assert a.latest == 3.1 and a.level == RED


# ---------------------------------------------------------------------------------- down: 龋患率


def test_down_on_track_is_green():
    obs = series((h(2023, 2), 34), (h(2024, 1), 33), (h(2024, 2), 32))
    a = assess_indicator(QUHUAN, obs, date(2025, 1, 10))
    assert a.level == GREEN
    assert a.reason == (
        "按计划，到2024年12月31日应降至32%，最新值为32%（2024年下半年），与计划持平；"
        "按当前进度预计2025年可降至30%，不晚于期限2025年。"
    )


def test_down_slightly_behind_is_yellow():
    obs = series((h(2024, 1), 34.5), (h(2024, 2), 32.5))
    a = assess_indicator(QUHUAN, obs, date(2025, 1, 10))
    assert a.level == YELLOW
    assert "落后计划0.5个百分点（占基线到目标差距的8.3%）" in a.reason


def test_down_far_behind_is_red():
    obs = series((h(2023, 2), 35), (h(2024, 1), 34.8), (h(2024, 2), 34.6))
    a = assess_indicator(QUHUAN, obs, date(2025, 1, 10))
    assert a.level == RED
    assert "落后计划2.6个百分点" in a.reason and "预计2036年才能降至30%" in a.reason


def test_down_no_data_is_grey():
    a = assess_indicator(QUHUAN, [], date(2023, 7, 10))
    assert a.level == GREY and "暂无数据" in a.reason


def test_down_target_met_is_green():
    a = assess_indicator(QUHUAN, series((h(2024, 2), 29.5)), date(2025, 1, 10))
    assert a.level == GREEN
    assert a.reason == "已达到目标：最新值为29.5%（2024年下半年），目标为到2025年控制在30%以内。"


def test_down_moving_away_is_red():
    obs = series((h(2024, 1), 31.8), (h(2024, 2), 32))
    a = assess_indicator(QUHUAN, obs, date(2025, 1, 10))
    assert a.level == RED
    assert "按当前趋势无法达到目标30%（最近2期数据呈上升趋势）" in a.reason


def test_down_deadline_passed_not_met_is_red_and_met_is_green():
    a = assess_indicator(QUHUAN, series((h(2025, 2), 31)), date(2026, 1, 20))
    assert (
        a.level == RED
        and "已超过期限（2025年12月31日）仍未达到目标" in a.reason
        and "还差1个百分点" in a.reason
    )
    a = assess_indicator(QUHUAN, series((h(2025, 2), 30)), date(2026, 1, 20))
    assert a.level == GREEN and "已达到目标" in a.reason


def test_down_late_report_is_yellow():
    obs = series((h(2023, 2), 34), (h(2024, 1), 33), (h(2024, 2), 32))
    a = assess_indicator(QUHUAN, obs, date(2025, 7, 25))
    assert a.level == YELLOW
    assert "2025年上半年数据应于2025年7月15日前报送，报送逾期10天" in a.reason
