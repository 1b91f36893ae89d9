"""Rate (近视率 -1/yr), range (街区 3-5 处) and cumulative (出行道路 3 条) targets."""

from dataclasses import replace
from datetime import date

import pytest
from zhoucun_targets import DAOLU, JIEQU, JINSHI, h, q, series, y

from gongzhi.supervision.warning import GREEN, GREY, RED, YELLOW, assess_indicator, expected_value

# ---------------------------------------------------------------------------- rate: 近视率 -1/yr


def test_rate_path_falls_by_the_rate_each_year():
    assert expected_value(JINSHI, y(2023)) == pytest.approx(51)
    assert expected_value(JINSHI, h(2024, 1)) == pytest.approx(50.5)
    assert expected_value(JINSHI, y(2025)) == pytest.approx(49)
    assert expected_value(JINSHI, y(2027)) == pytest.approx(49)  # stays at the target after the deadline


def test_rate_on_track_is_green():
    a = assess_indicator(JINSHI, series((y(2023), 51.0), (y(2024), 49.9)), date(2025, 1, 10))
    assert a.level == GREEN
    assert a.reason == (
        "按计划，每年降低1个百分点，到2024年12月31日应降至50%，最新值为49.9%（2024年），好于计划0.1个百分点；"
        "按当前进度预计2025年可降至49%，不晚于期限2025年。"
    )


def test_rate_slightly_behind_is_yellow():
    a = assess_indicator(JINSHI, series((y(2023), 51.3), (y(2024), 50.25)), date(2025, 1, 10))
    assert a.level == YELLOW
    assert "落后计划0.25个百分点（占基线到目标差距的8.3%）" in a.reason
    assert "预计2026年才能降至49%，晚于期限2025年（晚于期限不超过1个报送周期）" in a.reason


def test_rate_far_behind_is_red():
    a = assess_indicator(JINSHI, series((y(2023), 51.8), (y(2024), 51.5)), date(2025, 1, 10))
    assert a.level == RED
    assert "落后计划1.5个百分点（占基线到目标差距的50%）" in a.reason and "预计2033年才能降至49%" in a.reason


def test_rate_no_data_is_grey():
    a = assess_indicator(JINSHI, [], date(2024, 1, 10))
    assert a.level == GREY and a.reason == "暂无数据：尚未报送任何数据。"


def test_rate_without_baseline_starts_from_the_first_value():
    spec = replace(JINSHI, baseline=None, baseline_date=None)
    # 51 at the end of 2023, -1/yr: 50 expected a year later, 49 at the deadline.
    a = assess_indicator(spec, series((y(2023), 51.0), (y(2024), 50.2)), date(2025, 1, 10))
    assert a.level == YELLOW
    assert a.reason.startswith(
        "无基线值，以首次报送值51%（2023年）为起点；按计划，每年降低1个百分点，到2024年12月31日应降至50%"
    )
    assert "落后计划0.2个百分点（占基线到目标差距的10%）" in a.reason
    assert expected_value(spec, y(2024)) is None  # no baseline in the spec itself: no path


def test_rate_one_value_only():
    a = assess_indicator(JINSHI, series((y(2023), 51.0)), date(2024, 1, 10))
    assert a.level == GREEN
    assert "与计划持平；仅有一个数据，无法判断趋势" in a.reason
    assert a.projected is None and a.projected_year is None


def test_rate_target_met_is_green():
    a = assess_indicator(JINSHI, series((y(2023), 50.5), (y(2024), 48.8)), date(2025, 1, 10))
    assert a.level == GREEN
    assert a.reason == ("已达到目标：最新值为48.8%（2024年），目标为每年降低1个百分点，到2025年降至49%。")


def test_rate_moving_away_is_red():
    a = assess_indicator(JINSHI, series((y(2023), 51.0), (y(2024), 51.4)), date(2025, 1, 10))
    assert a.level == RED
    assert "按当前趋势无法达到目标49%（最近2期数据呈上升趋势）" in a.reason


def test_rate_deadline_passed():
    a = assess_indicator(JINSHI, series((y(2024), 50), (y(2025), 49.4)), date(2026, 1, 20))
    assert a.level == RED and "已超过期限（2025年12月31日）仍未达到目标" in a.reason
    a = assess_indicator(JINSHI, series((y(2024), 50), (y(2025), 48.9)), date(2026, 1, 20))
    assert a.level == GREEN and "已达到目标" in a.reason


def test_rate_late_report_is_yellow():
    a = assess_indicator(JINSHI, series((y(2023), 51.0), (y(2024), 49.9)), date(2025, 1, 20))
    assert a.level == GREEN and "报送逾期" not in a.reason  # the 2024 value is in
    a = assess_indicator(JINSHI, series((y(2023), 51.0)), date(2025, 1, 20))
    assert a.level == YELLOW and "2024年数据应于2025年1月15日前报送，报送逾期5天" in a.reason


# ------------------------------------------------------------------------------ range: 街区 3-5


def test_range_reached_at_the_lower_bound_is_green():
    a = assess_indicator(JIEQU, series((h(2024, 2), 2), (h(2025, 1), 3)), date(2025, 7, 10))
    assert a.level == GREEN
    assert a.reason == "已达到目标：最新值为3处（2025年上半年），目标区间为到2025年3-5处（以下限3处为准）。"


def test_range_over_the_upper_bound_is_still_green_and_says_so():
    a = assess_indicator(JIEQU, series((h(2024, 2), 4), (h(2025, 1), 6)), date(2025, 7, 10))
    assert a.level == GREEN
    assert "已达到目标" in a.reason and "已超过目标区间上限5处，超额完成" in a.reason
    assert "over_upper_bound" in a.codes


def test_range_on_track_is_green():
    a = assess_indicator(JIEQU, series((h(2023, 2), 1), (h(2024, 2), 2)), date(2025, 1, 10))
    assert a.level == GREEN
    assert "到2024年12月31日应达到2处，最新值为2处（2024年下半年），与计划持平" in a.reason
    assert "预计2025年可达到3处" in a.reason


def test_range_late_report_is_yellow():
    a = assess_indicator(JIEQU, series((h(2023, 2), 1), (h(2024, 2), 2)), date(2025, 7, 20))
    assert a.level == YELLOW
    assert "2025年上半年数据应于2025年7月15日前报送，报送逾期5天" in a.reason


def test_range_far_behind_is_red():
    a = assess_indicator(JIEQU, series((h(2023, 2), 0), (h(2024, 2), 1)), date(2025, 1, 10))
    assert a.level == RED
    assert "落后计划1处（占基线到目标差距的33.3%）" in a.reason


def test_range_no_data_is_grey():
    assert assess_indicator(JIEQU, [], date(2023, 7, 1)).level == GREY


def test_range_going_down_targets_the_upper_bound():
    spec = replace(JIEQU, direction="down", baseline=8)
    assert expected_value(spec, date(2025, 12, 31)) == 5
    a = assess_indicator(spec, series((h(2025, 1), 4)), date(2025, 7, 10))
    assert a.level == GREEN and "以上限5处为准" in a.reason
    a = assess_indicator(spec, series((h(2025, 1), 2)), date(2025, 7, 10))
    assert a.level == GREEN and "已低于目标区间下限3处，好于目标" in a.reason


# ----------------------------------------------------------------------- cumulative: 道路 3 条


def test_cumulative_path_starts_from_zero_at_the_plan_start():
    assert expected_value(DAOLU, date(2023, 1, 1)) == 0
    assert expected_value(DAOLU, y(2024)) == pytest.approx(2, abs=0.01)
    assert expected_value(DAOLU, y(2025)) == 3


def test_cumulative_on_track_is_green():
    a = assess_indicator(DAOLU, series((q(2023, 4), 1), (q(2024, 3), 2)), date(2024, 10, 10))
    assert a.level == GREEN
    assert "最新值为2条（2024年第3季度），好于计划0.25条" in a.reason
    assert "no_baseline" not in a.codes  # a count starts from 0: no need for a baseline


def test_cumulative_slightly_behind_is_yellow():
    a = assess_indicator(DAOLU, series((q(2023, 2), 0), (q(2024, 1), 1)), date(2024, 4, 10))
    assert a.level == YELLOW
    assert "到2024年3月31日应达到1.25条，最新值为1条（2024年第1季度），落后计划0.25条" in a.reason


def test_cumulative_count_behind_its_path_is_red():
    a = assess_indicator(DAOLU, series((q(2023, 4), 1), (q(2024, 4), 1)), date(2025, 1, 10))
    assert a.level == RED
    assert "到2024年12月31日应达到2条，最新值为1条（2024年第4季度），落后计划1条" in a.reason
    assert "按当前趋势无法达到目标3条（最近2期数据没有变化）" in a.reason


def test_cumulative_no_data_is_grey_then_overdue():
    assert assess_indicator(DAOLU, [], date(2023, 4, 1)).level == GREY
    a = assess_indicator(DAOLU, [], date(2023, 6, 1))
    assert a.level == RED and "报送逾期47天" in a.reason


def test_cumulative_target_met_and_deadline():
    a = assess_indicator(DAOLU, series((q(2025, 1), 3)), date(2025, 4, 10))
    assert a.level == GREEN and "已达到目标" in a.reason
    a = assess_indicator(DAOLU, series((q(2025, 4), 2)), date(2026, 1, 20))
    assert a.level == RED and "已超过期限（2025年12月31日）仍未达到目标" in a.reason and "还差1条" in a.reason


def test_cumulative_one_value_only():
    a = assess_indicator(DAOLU, series((q(2024, 4), 2)), date(2025, 1, 10))
    assert a.level == GREEN and "仅有一个数据，无法判断趋势" in a.reason
