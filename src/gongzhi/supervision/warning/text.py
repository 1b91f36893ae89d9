"""Chinese wording: numbers, dates, amounts with their unit, and the rule of each level for the UI."""

from __future__ import annotations

from datetime import date

from .model import GREEN, GREY, RED, YELLOW, Thresholds


def number(value: float) -> str:
    """4.5 -> "4.5", 30.0 -> "30", 3.8333 -> "3.83", never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def day(value: date) -> str:
    """2025-06-30 -> "2025年6月30日"."""
    return f"{value.year}年{value.month}月{value.day}日"


def amount(value: float, unit: str) -> str:
    """A value with its unit of measure: "4.5个", "30%"."""
    return f"{number(value)}{unit}"


def change(value: float, unit: str) -> str:
    """A difference of values: "0.7个", and "0.7个百分点" for percentages."""
    return f"{number(value)}{'个百分点' if unit in ('%', '％') else unit}"


def yuan(value: float) -> str:
    """An amount of money: 1234.5 -> "1234.5元", 3_500_000 -> "350万元"."""
    if abs(value) >= 10_000:
        return f"{number(value / 10_000)}万元"
    return f"{number(value)}元"


def quoted(text: str) -> str:
    """Text in Chinese quotes, its own double quotes turned single: “‘希望小屋’儿童关爱项目”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def percent(fraction: float) -> str:
    """0.05 -> "5%", 0.41667 -> "41.7%"."""
    text = f"{fraction * 100:.1f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text}%"


def deadline_words(deadline: date) -> str:
    """ "2025年" for a year-end deadline (to_year targets), the full day otherwise."""
    return f"{deadline.year}年" if (deadline.month, deadline.day) == (12, 31) else day(deadline)


def rules_zh(thresholds: Thresholds | None = None) -> dict[str, str]:
    """The rule of each level in plain Chinese, with the numbers of ``thresholds`` filled in."""
    th = thresholds or Thresholds()
    yellow, red = percent(th.yellow_gap), percent(th.red_gap)
    late = (
        f"超过报送截止日（每期结束后{th.report_due_days}天）仍未报送"
        if th.late_after_days == 0
        else f"超过报送截止日（每期结束后{th.report_due_days}天）{th.late_after_days}天仍未报送"
    )
    periods = f"{th.late_projection_periods}个报送周期"
    return {
        GREEN: (
            f"绿色（正常）：指标最新值不落后于计划进度，或落后不超过基线到目标差距的{yellow}，"
            "且按当前进度能在期限内达到目标；已达到目标的指标（区间目标达到下限即可，超过上限也为绿色）、"
            f"已完成或距期限超过{th.milestone_warn_days}天的节点、自报进度落后时间进度不超过"
            f"{number(th.yellow_gap * 100)}个百分点的任务，均为绿色。"
        ),
        YELLOW: (
            f"黄色（预警）：指标最新值落后计划进度超过基线到目标差距的{yellow}、但不超过{red}；"
            f"或按当前进度将晚于期限达到目标，但晚于期限不超过{periods}；"
            f"或最近一期数据{late}（逾期不超过{th.missing_after_days}天）；"
            f"或节点距期限不足{th.milestone_warn_days}天仍未完成；"
            f"或任务自报进度落后时间进度超过{number(th.yellow_gap * 100)}个百分点，"
            f"或本轮进展报告逾期不超过{th.missing_after_days}天。"
        ),
        RED: (
            f"红色（严重）：指标最新值落后计划进度超过基线到目标差距的{red}；"
            f"或按当前进度晚于期限超过{periods}才能达到目标，或按当前趋势无法达到目标；"
            f"或已超过期限仍未达到目标；或数据逾期超过{th.missing_after_days}天未报送；"
            "或节点要求已到期尚未完成；或任务自报“滞后”、已过任务期限尚未完成、"
            f"自报进度落后时间进度超过{number(th.red_gap * 100)}个百分点、"
            f"本轮进展报告逾期超过{th.missing_after_days}天。"
            "按单位考核的指标取各单位中最差的颜色，任务取其指标、节点和进展报告中最差的颜色。"
        ),
        GREY: (
            "灰色（无法判断）：尚未报送任何数据且尚未逾期；或没有基线值、只有一个数据，无法判断进度和趋势；"
            f"或节点尚未报告完成情况且距期限超过{th.milestone_warn_days}天。"
            "灰色不掩盖逾期：报送逾期按黄色、红色规则处理；任务只有在各项都无法判断时才为灰色。"
        ),
    }


RULES_ZH: dict[str, str] = rules_zh(Thresholds())
