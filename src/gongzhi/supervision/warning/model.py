"""Inputs and outputs of the warning engine: frozen, keyword-only dataclasses, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Levels, by rising concern for an indicator's own level (grey < yellow: an overdue report lifts
# "no data" to yellow or red).  When several levels are combined (units of a per-unit indicator,
# parts of a task) grey does not count unless everything is grey: see ``worst``.
GREEN, GREY, YELLOW, RED = "green", "grey", "yellow", "red"
LEVELS = (GREEN, GREY, YELLOW, RED)
LEVEL_ZH = {GREEN: "绿色", YELLOW: "黄色", RED: "红色", GREY: "灰色"}

UP, DOWN = "up", "down"
KINDS = ("level", "rate", "range", "per_unit", "cumulative", "milestone")
COMPARATORS = (">=", ">", "=", "<=", "<", "range", "decrease_by", "increase_by")
RATE_COMPARATORS = ("decrease_by", "increase_by")
FREQUENCIES = ("monthly", "quarterly", "half_yearly", "yearly")

# Task progress report statuses; the Chinese labels are accepted as input too.
NOT_STARTED, IN_PROGRESS, DONE, LAGGING = "not_started", "in_progress", "done", "lagging"
STATUS_ZH = {NOT_STARTED: "未启动", IN_PROGRESS: "推进中", DONE: "已完成", LAGGING: "滞后"}

# Codes of the findings behind a level (IndicatorAssessment.codes), for the UI and for tests.
CODE_ZH = {
    "no_data": "暂无数据",
    "no_baseline": "无基线值",
    "single_value": "仅有一个数据",
    "target_met": "已达到目标",
    "over_upper_bound": "超过区间上限",
    "deadline_missed": "超过期限未达到目标",
    "behind_path": "落后计划",
    "projection_late": "预计晚于期限",
    "never": "按当前趋势无法达到",
    "report_late": "报送逾期",
    "report_missing": "缺报",
    "units_off_track": "部分单位未达要求",
    "milestone_done": "节点已完成",
    "milestone_due_soon": "节点临近期限",
    "milestone_overdue": "节点逾期未完成",
    "milestone_unreported": "节点未报告完成情况",
    "spent_while_red": "资金已支出但目标仍为红色",
}


def rank(level: str) -> int:
    """Position of ``level`` in LEVELS (higher is worse)."""
    return LEVELS.index(level)


def worst(levels: list[str] | tuple[str, ...]) -> str:
    """The worst of several levels, grey counting only when every level is grey (or there is none)."""
    judged = [level for level in levels if level != GREY]
    if not judged:
        return GREY
    return max(judged, key=rank)


def _derive_direction(comparator: str, target: float, baseline: float | None) -> str:
    if comparator in ("<=", "<", "decrease_by"):
        return DOWN
    if comparator == "=" and baseline is not None and baseline > target:
        return DOWN
    return UP


@dataclass(frozen=True, kw_only=True)
class IndicatorSpec:
    """What an indicator must reach, from where, by when, and how often it is reported.

    ``target`` is the target value (the lower bound of a range; the yearly change of a rate).
    ``direction`` is derived from the comparator when left out ("=" and "range" go up unless
    the baseline lies above the target). ``baseline_date`` defaults to ``start``. A cumulative
    count with no baseline starts from 0 at ``start``. ``reports_from`` is the day monitoring
    began (the plan's 监测起算日期; default ``start``): a period that ended before it owes no
    report, so it is never overdue, and a deadline before it is not held against the indicator
    until something is reported.
    """

    name: str
    kind: str = "level"
    comparator: str = ">="
    target: float = 1.0
    value_max: float | None = None
    direction: str | None = None
    baseline: float | None = None
    baseline_date: date | None = None
    start: date
    deadline: date
    frequency: str = "quarterly"
    unit_of_measure: str = ""
    per_units: tuple[str, ...] = ()
    reports_from: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"指标类型“{self.kind}”无效，应为：{'、'.join(KINDS)}")
        if self.comparator not in COMPARATORS:
            raise ValueError(f"比较方式“{self.comparator}”无效")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"报送频次“{self.frequency}”无效，应为：{'、'.join(FREQUENCIES)}")
        if self.kind == "rate" and self.comparator not in RATE_COMPARATORS:
            raise ValueError("“每年变化”类指标的比较方式应为 decrease_by 或 increase_by")
        if self.comparator in RATE_COMPARATORS and self.kind not in ("rate", "per_unit"):
            raise ValueError("比较方式 decrease_by/increase_by 只用于“每年变化”类指标")
        if self.kind == "range" and self.comparator != "range":
            raise ValueError("区间类指标的比较方式应为 range")
        if self.comparator == "range" and (self.value_max is None or self.value_max < self.target):
            raise ValueError("区间目标须有上限，且上限不小于下限")
        if self.comparator in RATE_COMPARATORS and self.target <= 0:
            raise ValueError("每年变化幅度应大于0")
        if self.kind == "per_unit" and not self.per_units:
            raise ValueError("按单位考核的指标须列出考核单位")
        if self.deadline < self.start:
            raise ValueError("目标期限早于起始日期")
        derived = _derive_direction(self.comparator, self.target, self.baseline)
        if self.direction is None:
            object.__setattr__(self, "direction", derived)
        elif self.direction not in (UP, DOWN):
            raise ValueError(f"方向“{self.direction}”无效，应为 up 或 down")
        elif self.comparator not in ("=", "range") and self.direction != derived:
            raise ValueError(f"方向“{self.direction}”与比较方式“{self.comparator}”矛盾")
        object.__setattr__(self, "per_units", tuple(self.per_units))
        if self.reports_from is None:
            object.__setattr__(self, "reports_from", self.start)

    @property
    def path_start(self) -> date:
        """The date the plan path starts from: the baseline's date, else the plan start."""
        return self.baseline_date or self.start


@dataclass(frozen=True, kw_only=True)
class Observation:
    """One reported value: for the period ending ``period_end`` (a measurement date works too).

    ``reported_at`` is when it was received; values received after the as-of date are ignored,
    so that an assessment can be replayed for any past day.
    """

    period_end: date
    value: float
    unit: str | None = None
    reported_at: date | datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """Tunable numbers of the rules, per plan. The defaults are the district's starting point.

    Gaps are fractions of the distance from the baseline to the target (0.05 = 5%).
    """

    yellow_gap: float = 0.05
    red_gap: float = 0.15
    late_projection_periods: int = 1
    report_due_days: int = 15
    late_after_days: int = 0
    missing_after_days: int = 30
    trend_points: int = 4
    milestone_warn_days: int = 90

    def __post_init__(self) -> None:
        if not 0 <= self.yellow_gap <= self.red_gap:
            raise ValueError("黄色阈值应不小于0且不大于红色阈值")
        if not 0 <= self.late_after_days <= self.missing_after_days:
            raise ValueError("逾期天数应不小于0且不大于缺报天数")
        if self.trend_points < 2:
            raise ValueError("计算趋势至少需要2个数据")
        if self.late_projection_periods < 0 or self.report_due_days < 0 or self.milestone_warn_days < 0:
            raise ValueError("阈值不能为负数")


@dataclass(frozen=True, kw_only=True)
class MilestoneSpec:
    """A qualitative requirement with a deadline (2023年实现应建尽建). ``done`` None: not reported."""

    text: str
    deadline: date
    done: bool | None = False
    done_at: date | None = None


@dataclass(frozen=True, kw_only=True)
class ProgressReport:
    """A unit's latest progress report on a task: status (code or 未启动/推进中/已完成/滞后), percent."""

    status: str
    reported_at: date | datetime
    percent: float | None = None

    def __post_init__(self) -> None:
        codes = {label: code for code, label in STATUS_ZH.items()}
        status = codes.get(self.status, self.status)
        if status not in STATUS_ZH:
            raise ValueError(f"进展状态“{self.status}”无效，应为：{'、'.join(STATUS_ZH.values())}")
        object.__setattr__(self, "status", status)
        if self.percent is not None and not 0 <= self.percent <= 100:
            raise ValueError("完成百分比应在0到100之间")


@dataclass(frozen=True, kw_only=True)
class TaskStatus:
    """What is known about a task besides its indicators and milestones.

    ``start``/``due``: the task's time span (the percent reported is compared with the share of
    time elapsed); ``start`` is also the day monitoring began: a due date before it is not held
    against a task that has no report yet. ``round_start``/``round_due``: the current reporting
    round (a report received on or after ``round_start`` answers it); None when no round is open.
    ``spent``: the money spent on the task so far (yuan, every year and source); None when no
    funding is recorded.
    """

    name: str
    report: ProgressReport | None = None
    start: date | None = None
    due: date | None = None
    round_start: date | None = None
    round_due: date | None = None
    spent: float | None = None


@dataclass(frozen=True, kw_only=True)
class Projection:
    """Where the current pace leads: least squares over the last points, anchored at the latest value.

    status: "insufficient" (fewer than 2 values), "reached" (the latest value meets the target),
    "on_time" / "late" (the target is crossed by / after the deadline), "never" (flat or moving
    away, or not within a hundred years).
    """

    status: str
    points: int
    slope_per_year: float | None = None
    value_at_deadline: float | None = None
    reach_date: date | None = None

    @property
    def reach_year(self) -> int | None:
        return self.reach_date.year if self.reach_date else None


@dataclass(frozen=True, kw_only=True)
class IndicatorAssessment:
    """The level of one indicator (or of one unit of a per-unit indicator) and why.

    ``gap``: how far the latest value is behind the plan path at the latest value's date, in the
    indicator's unit (positive = behind, negative = ahead); ``gap_ratio`` the same as a fraction of
    the baseline-to-target distance. ``expected_now``: the path's value at the as-of date.
    ``projected``: the value expected at the deadline at the current pace. ``projected_year``: the
    year the target is reached at the current pace (the latest value's year when already reached;
    None when flat or moving away). Per-unit indicators carry one assessment per unit in ``units``
    and no latest value of their own.
    """

    name: str
    level: str
    reason: str
    unit: str | None = None
    latest: float | None = None
    latest_date: date | None = None
    expected_now: float | None = None
    expected_at_latest: float | None = None
    projected: float | None = None
    projected_year: int | None = None
    gap: float | None = None
    gap_ratio: float | None = None
    on_track: bool = False
    codes: tuple[str, ...] = ()
    units: tuple[IndicatorAssessment, ...] = ()
    projection: Projection | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class MilestoneAssessment:
    text: str
    level: str
    reason: str
    deadline: date
    done: bool | None
    days_left: int  # negative once overdue
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TaskPart:
    """One finding that contributes to a task's level. source: report/deadline/round/indicator/milestone."""

    source: str
    name: str
    level: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class TaskAssessment:
    name: str
    level: str
    reason: str
    on_track: bool
    parts: tuple[TaskPart, ...] = ()
