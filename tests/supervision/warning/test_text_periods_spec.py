"""Wording, periods, the rules shown to users, and specs that make no sense."""

from dataclasses import replace
from datetime import date

import pytest
from zhoucun_targets import END, START, TUOWEI

from gongzhi.core.periods import add_months, period_end, period_ends, period_label
from gongzhi.supervision.warning import (
    GREEN,
    GREY,
    RED,
    RULES_ZH,
    YELLOW,
    IndicatorSpec,
    Observation,
    Thresholds,
    project,
    rules_zh,
    worst,
)
from gongzhi.supervision.warning.text import amount, change, number, percent, quoted


def test_numbers_and_amounts_read_naturally():
    assert [number(v) for v in (4.5, 30.0, 3.8333, -0.001, 1200)] == ["4.5", "30", "3.83", "0", "1200"]
    assert amount(30, "%") == "30%" and amount(4.5, "个") == "4.5个"
    assert change(0.7, "%") == "0.7个百分点" and change(0.7, "个") == "0.7个"
    assert percent(0.05) == "5%" and percent(0.41667) == "41.7%"
    assert quoted("“希望小屋”儿童关爱项目") == "“‘希望小屋’儿童关爱项目”"


@pytest.mark.parametrize(
    ("frequency", "end", "label"),
    [
        ("monthly", date(2025, 5, 31), "2025年5月"),
        ("quarterly", date(2025, 6, 30), "2025年第2季度"),
        ("half_yearly", date(2025, 6, 30), "2025年上半年"),
        ("yearly", date(2025, 12, 31), "2025年"),
    ],
)
def test_periods_end_on_calendar_ends(frequency, end, label):
    assert period_end(date(2025, 5, 14), frequency) == end
    assert period_label(date(2025, 5, 14), frequency) == label


def test_period_ends_and_month_arithmetic():
    assert list(period_ends(START, END, "half_yearly")) == [
        date(2023, 6, 30),
        date(2023, 12, 31),
        date(2024, 6, 30),
        date(2024, 12, 31),
        date(2025, 6, 30),
        date(2025, 12, 31),
    ]
    assert add_months(date(2025, 6, 30), 3) == date(2025, 9, 30)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 15), 1) == date(2024, 2, 15)


def test_rules_for_each_level_carry_the_thresholds():
    assert set(RULES_ZH) == {GREEN, YELLOW, RED, GREY}
    assert "5%" in RULES_ZH[YELLOW] and "15%" in RULES_ZH[YELLOW] and "30天" in RULES_ZH[YELLOW]
    assert "已达到目标" in RULES_ZH[GREEN] and "超过上限也为绿色" in RULES_ZH[GREEN]
    assert "按当前趋势无法达到目标" in RULES_ZH[RED] and "已超过期限仍未达到目标" in RULES_ZH[RED]
    custom = rules_zh(
        Thresholds(
            yellow_gap=0.08, red_gap=0.2, report_due_days=10, missing_after_days=45, milestone_warn_days=60
        )
    )
    assert "8%" in custom[YELLOW] and "20%" in custom[YELLOW] and "每期结束后10天" in custom[YELLOW]
    assert "45天" in custom[RED] and "60天" in custom[GREY] and "20个百分点" in custom[RED]


def test_worst_ignores_grey_unless_everything_is_grey():
    assert worst([GREEN, GREY]) == GREEN
    assert worst([GREEN, YELLOW, RED, GREY]) == RED
    assert worst([GREY, GREY]) == GREY and worst([]) == GREY


def test_direction_comes_from_the_comparator():
    assert TUOWEI.direction == "up"
    assert replace(TUOWEI, comparator="<=", direction=None).direction == "down"
    spec = IndicatorSpec(name="x", comparator="=", target=1, baseline=3, start=START, deadline=END)
    assert spec.direction == "down"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "rate"}, "decrease_by 或 increase_by"),
        ({"comparator": "decrease_by"}, "只用于“每年变化”类指标"),
        ({"kind": "range", "comparator": "range"}, "区间目标须有上限"),
        ({"kind": "per_unit"}, "须列出考核单位"),
        ({"frequency": "weekly"}, "报送频次“weekly”无效"),
        ({"direction": "down"}, "与比较方式“>=”矛盾"),
        ({"deadline": date(2022, 1, 1)}, "目标期限早于起始日期"),
    ],
)
def test_bad_specs_are_refused_in_chinese(changes, message):
    with pytest.raises(ValueError, match=message):
        replace(TUOWEI, **changes)


def test_bad_thresholds_are_refused():
    with pytest.raises(ValueError, match="黄色阈值"):
        Thresholds(yellow_gap=0.2, red_gap=0.1)
    with pytest.raises(ValueError, match="至少需要2个数据"):
        Thresholds(trend_points=1)


def test_projection_uses_only_the_last_points():
    obs = [
        Observation(period_end=date(2024, 3, 31), value=1.0),  # an old jump, outside the last two
        Observation(period_end=date(2024, 12, 31), value=3.0),
        Observation(period_end=date(2025, 3, 31), value=3.1),
    ]
    p = project(TUOWEI, obs, date(2025, 4, 10), Thresholds(trend_points=2))
    assert p.points == 2 and p.slope_per_year == pytest.approx(0.4)  # 0.1 a quarter, the jump ignored
    assert p.status == "late" and p.reach_year == 2028
    assert project(TUOWEI, obs[:1], date(2025, 4, 10)).status == "insufficient"
