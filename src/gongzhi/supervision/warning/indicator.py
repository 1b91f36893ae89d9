"""Plan paths, trends and the level of an indicator (the rules are stated in the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from gongzhi.core.periods import MONTHS_PER_PERIOD, add_months, as_date, period_end, period_ends, period_label

from .milestone import assess_milestone
from .model import (
    DOWN,
    GREEN,
    GREY,
    RATE_COMPARATORS,
    RED,
    UP,
    YELLOW,
    IndicatorAssessment,
    IndicatorSpec,
    MilestoneSpec,
    Observation,
    Projection,
    Thresholds,
    rank,
    worst,
)
from .periods import from_years, to_years
from .text import amount, change, day, deadline_words, number, percent, quoted

_EPS = 1e-9
_NEVER_AFTER_YEARS = 100  # a crossing later than this after the deadline counts as "never"
_MAX_UNIT_NAMES = 5  # off-track units named in a per-unit reason, the rest as "等"


# ---------------------------------------------------------------------------------------------
# Targets and paths


def target_value(spec: IndicatorSpec) -> float | None:
    """The value the indicator must reach by the deadline.

    The lower bound of a range (its upper bound when the direction is down); for a rate, the
    baseline changed by the yearly rate over the years from the baseline's date to the deadline
    (None without a baseline); otherwise the target itself.
    """
    if spec.comparator == "range":
        return spec.target if spec.direction == UP else spec.value_max
    if spec.comparator in RATE_COMPARATORS:
        if spec.baseline is None:
            return None
        years = max(0.0, to_years(spec.deadline) - to_years(spec.path_start))
        sign = -1 if spec.comparator == "decrease_by" else 1
        return spec.baseline + sign * spec.target * years
    return spec.target


def meets(spec: IndicatorSpec, value: float, target: float | None = None) -> bool:
    """Whether ``value`` satisfies the target ("=" counts as "at least", or "at most" going down)."""
    target = target_value(spec) if target is None else target
    if target is None:
        return False
    eps = _EPS * max(1.0, abs(target))
    strict = spec.comparator in (">", "<")
    if spec.direction == UP:
        return value > target + eps if strict else value >= target - eps
    return value < target - eps if strict else value <= target + eps


def _baseline(spec: IndicatorSpec) -> float | None:
    if spec.baseline is not None:
        return spec.baseline
    return 0.0 if spec.kind == "cumulative" else None


def expected_value(spec: IndicatorSpec, as_of: date) -> float | None:
    """The value the plan path expects on ``as_of``; None without a baseline (or for a milestone).

    The path runs in a straight line from the baseline (on ``baseline_date``, else ``start``) to
    the target on the deadline; it stays at the baseline before and at the target after. For a
    rate the line falls (rises) by the yearly rate; a cumulative count starts from 0 at ``start``
    when no baseline is given.
    """
    base = _baseline(spec)
    if spec.kind == "milestone" or base is None:
        return None
    target = target_value(spec if spec.baseline is not None else replace(spec, baseline=base))
    t0, t1, t = to_years(spec.path_start), to_years(spec.deadline), to_years(as_of)
    if t >= t1 or t1 <= t0:
        return target
    if t <= t0:
        return base
    return base + (target - base) * (t - t0) / (t1 - t0)


# ---------------------------------------------------------------------------------------------
# Observations and trend


def _series(
    observations: Iterable[Observation], as_of: date, frequency: str, *, unit: str | None = None
) -> list[Observation]:
    """The values known on ``as_of``, one per period (the last received wins), oldest first.

    With ``unit`` only that unit's values are kept; without it every value counts.
    """
    kept: dict[date, tuple[tuple, Observation]] = {}
    for index, obs in enumerate(observations):
        received = as_date(obs.reported_at) if obs.reported_at is not None else obs.period_end
        if obs.period_end > as_of or received > as_of or (unit is not None and obs.unit != unit):
            continue
        key, order = period_end(obs.period_end, frequency), (received, obs.period_end, index)
        if key not in kept or order >= kept[key][0]:
            kept[key] = (order, obs)
    return [kept[key][1] for key in sorted(kept)]


def _effective(spec: IndicatorSpec, series: list[Observation]) -> IndicatorSpec:
    """The spec with its baseline filled in: 0 for a count, else the first value reported."""
    if spec.baseline is not None:
        return spec
    if spec.kind == "cumulative":
        return replace(spec, baseline=0.0)
    if series:
        return replace(spec, baseline=series[0].value, baseline_date=series[0].period_end)
    return spec


def _project(spec: IndicatorSpec, series: list[Observation], thresholds: Thresholds) -> Projection:
    """Projection for a spec whose baseline is filled in (see ``project``)."""
    if len(series) < 2:
        return Projection(status="insufficient", points=len(series))
    points = series[-thresholds.trend_points :]
    xs = [to_years(obs.period_end) for obs in points]
    ys = [obs.value for obs in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    latest = series[-1]
    t_latest, t_deadline = to_years(latest.period_end), to_years(spec.deadline)
    at_deadline = latest.value + slope * (t_deadline - t_latest) if t_deadline >= t_latest else None
    common = {"points": len(points), "slope_per_year": slope, "value_at_deadline": at_deadline}
    target = target_value(spec)
    if meets(spec, latest.value, target):
        return Projection(status="reached", reach_date=latest.period_end, **common)
    toward = slope > 0 if spec.direction == UP else slope < 0
    if not toward:
        return Projection(status="never", **common)
    t_reach = t_latest + (target - latest.value) / slope
    if t_reach > t_deadline + _NEVER_AFTER_YEARS:
        return Projection(status="never", **common)
    status = "on_time" if t_reach <= t_deadline + _EPS else "late"
    return Projection(status=status, reach_date=from_years(t_reach), **common)


def project(
    spec: IndicatorSpec,
    observations: Iterable[Observation],
    as_of: date,
    thresholds: Thresholds | None = None,
) -> Projection:
    """Where the current pace leads.

    The pace is the least-squares slope over the last ``thresholds.trend_points`` values (at
    least 2 are needed); the line is drawn from the latest value at that slope. Gives the value
    on the deadline and the day the target is crossed. For a per-unit indicator pass one unit's
    values.
    """
    th = thresholds or Thresholds()
    series = _series(observations, as_of, spec.frequency)
    return _project(_effective(spec, series), series, th)


# ---------------------------------------------------------------------------------------------
# Reporting deadlines


@dataclass(frozen=True)
class _Overdue:
    period_end: date
    due: date
    days: int
    periods: int
    missing: bool


def _overdue(spec: IndicatorSpec, series: list[Observation], as_of: date, th: Thresholds) -> _Overdue | None:
    """The oldest period of the plan window whose report is overdue on ``as_of``, if any.

    A period is covered when a value was reported for it or for a later period. Its report is
    due ``report_due_days`` after the period ends; late ``late_after_days`` after that; missing
    after ``missing_after_days``. A period that ended before ``reports_from`` (monitoring had not
    begun: nobody was asked for it) owes nothing.
    """
    covered = period_end(series[-1].period_end, spec.frequency) if series else None
    first: tuple[date, date] | None = None
    count = 0
    for end in period_ends(spec.start, spec.deadline, spec.frequency):
        if (covered is not None and end <= covered) or end < spec.reports_from:
            continue
        due = end + timedelta(days=th.report_due_days)
        if (as_of - due).days <= th.late_after_days:
            break
        count += 1
        first = first or (end, due)
    if first is None:
        return None
    days = (as_of - first[1]).days
    return _Overdue(first[0], first[1], days, count, days > th.missing_after_days)


def _overdue_words(late: _Overdue, frequency: str) -> str:
    text = f"{period_label(late.period_end, frequency)}数据应于{day(late.due)}前报送，报送逾期{late.days}天"
    if late.periods > 1:
        text += f"（共{late.periods}期未报）"
    return text


# ---------------------------------------------------------------------------------------------
# Wording


def _verb(spec: IndicatorSpec) -> str:
    if spec.comparator == ">":
        return "超过"
    if spec.comparator == "<":
        return "低于"
    return "达到" if spec.direction == UP else "降至"


def _goal_words(spec: IndicatorSpec, target: float) -> str:
    """ "目标为到2025年达到4.5个" and the like, for a spec whose baseline is filled in."""
    unit, by = spec.unit_of_measure, f"到{deadline_words(spec.deadline)}"
    if spec.comparator == "range":
        span = f"{number(spec.target)}-{number(spec.value_max)}{unit}"
        bound = "下限" if spec.direction == UP else "上限"
        return f"目标区间为{by}{span}（以{bound}{amount(target, unit)}为准）"
    if spec.comparator in RATE_COMPARATORS:
        move = "降低" if spec.comparator == "decrease_by" else "提高"
        return f"目标为每年{move}{change(spec.target, unit)}，{by}{_verb(spec)}{amount(target, unit)}"
    if spec.comparator in ("<=",):
        return f"目标为{by}控制在{amount(target, unit)}以内"
    return f"目标为{by}{_verb(spec)}{amount(target, unit)}"


def _reach_words(reach: date, deadline: date) -> str:
    return (
        f"{reach.year}年" if (deadline.month, deadline.day) == (12, 31) else f"{reach.year}年{reach.month}月"
    )


def _trend_words(spec: IndicatorSpec, slope: float | None) -> str:
    if not slope:
        return "没有变化"
    if spec.direction == UP:
        return "呈下降趋势" if slope < 0 else "改善过慢"
    return "呈上升趋势" if slope > 0 else "改善过慢"


def _raise(level: str, floor: str | None) -> str:
    return level if floor is None or rank(level) >= rank(floor) else floor


# ---------------------------------------------------------------------------------------------
# Assessment


def assess_indicator(
    spec: IndicatorSpec,
    observations: Iterable[Observation],
    as_of: date,
    thresholds: Thresholds | None = None,
) -> IndicatorAssessment:
    """The level of an indicator on ``as_of``, with the reason in Chinese (see the package rules)."""
    th = thresholds or Thresholds()
    observations = list(observations)
    if spec.kind == "milestone":
        return _assess_milestone_kind(spec, observations, as_of, th)
    if spec.kind == "per_unit":
        return _assess_per_unit(spec, observations, as_of, th)
    return _assess_series(spec, _series(observations, as_of, spec.frequency), as_of, th)


def _assess_series(
    spec: IndicatorSpec,
    series: list[Observation],
    as_of: date,
    th: Thresholds,
    unit: str | None = None,
) -> IndicatorAssessment:
    uom = spec.unit_of_measure
    eff = _effective(spec, series)
    has_path = _baseline(spec) is not None or len(series) >= 2
    late = _overdue(spec, series, as_of, th)
    floor = None if late is None else (RED if late.missing else YELLOW)
    late_codes = (
        () if late is None else ("report_late", "report_missing") if late.missing else ("report_late",)
    )
    late_text = _overdue_words(late, spec.frequency) if late else None
    expected_now = expected_value(eff, as_of) if has_path else None
    name = spec.name

    if not series:
        text = "暂无数据：尚未报送任何数据" + (f"；{late_text}" if late_text else "")
        return IndicatorAssessment(
            name=name,
            unit=unit,
            level=_raise(GREY, floor),
            reason=text + "。",
            expected_now=expected_now,
            codes=("no_data", *late_codes),
        )

    latest = series[-1]
    label = period_label(latest.period_end, spec.frequency)
    target = target_value(eff)
    goal = _goal_words(eff, target)
    projection = _project(eff, series, th)
    expected_at_latest = expected_value(eff, latest.period_end) if has_path else None
    gap = ratio = None
    if expected_at_latest is not None:
        gap = expected_at_latest - latest.value if eff.direction == UP else latest.value - expected_at_latest
        distance = abs(target - eff.baseline) or abs(target) or 1.0
        ratio = gap / distance
    reach_year = projection.reach_year if projection.status in ("reached", "on_time", "late") else None

    def result(level: str, sentences: list[str], codes: tuple[str, ...]) -> IndicatorAssessment:
        return IndicatorAssessment(
            name=name,
            unit=unit,
            level=level,
            reason="；".join(sentences) + "。",
            latest=latest.value,
            latest_date=latest.period_end,
            expected_now=expected_now,
            expected_at_latest=expected_at_latest,
            projected=projection.value_at_deadline if as_of <= spec.deadline else None,
            projected_year=reach_year,
            gap=gap,
            gap_ratio=ratio,
            on_track=level == GREEN,
            codes=codes,
            projection=projection,
        )

    latest_words = f"最新值为{amount(latest.value, uom)}（{label}）"
    final_period = period_end(spec.deadline, spec.frequency)
    final_due = final_period + timedelta(days=th.report_due_days)
    deadline_over = as_of > spec.deadline and (
        period_end(latest.period_end, spec.frequency) >= final_period or as_of > final_due
    )

    # Target met: green, whatever the path or the reporting calendar says.
    if meets(eff, latest.value, target):
        head = f"期限{day(spec.deadline)}已过，已达到目标" if deadline_over else "已达到目标"
        sentences = [f"{head}：{latest_words}，{goal}"]
        codes: tuple[str, ...] = ("target_met",)
        if eff.comparator == "range" and eff.direction == UP and latest.value > eff.value_max + _EPS:
            sentences.append(f"已超过目标区间上限{amount(eff.value_max, uom)}，超额完成")
            codes += ("over_upper_bound",)
        elif eff.comparator == "range" and eff.direction == DOWN and latest.value < eff.target - _EPS:
            sentences.append(f"已低于目标区间下限{amount(eff.target, uom)}，好于目标")
            codes += ("over_upper_bound",)
        if late_text and not deadline_over:
            sentences.append(f"另：{late_text}，请按期报送")
            codes += late_codes
        return result(GREEN, sentences, codes)

    # Deadline passed (and the final period's value is in or overdue) without meeting the target.
    if deadline_over:
        short = abs(target - latest.value)
        sentences = [
            f"已超过期限（{day(spec.deadline)}）仍未达到目标：{latest_words}，{goal}，还差{change(short, uom)}"
        ]
        return result(RED, sentences, ("deadline_missed",))

    sentences: list[str] = []
    codes = ()
    if _baseline(spec) is None:
        codes += ("no_baseline",)
        if len(series) == 1:
            sentences.append(f"无基线值，且仅有一个数据：{latest_words}，无法判断进度和趋势；{goal}")
            if late_text:
                sentences.append(late_text)
            return result(_raise(GREY, floor), sentences, (*codes, "single_value", *late_codes))
        first = series[0]
        sentences.append(
            f"无基线值，以首次报送值{amount(first.value, uom)}"
            f"（{period_label(first.period_end, spec.frequency)}）为起点"
        )

    # Path: the latest value against the plan's value on the same day.
    pace = ""
    if eff.comparator in RATE_COMPARATORS:
        move = "降低" if eff.comparator == "decrease_by" else "提高"
        pace = f"每年{move}{change(eff.target, uom)}，"
    tiny = _EPS * max(1.0, abs(target))
    if gap > tiny:
        shown = change(gap, uom) if number(gap) != "0" else f"不到{change(0.01, uom)}"
        standing = f"落后计划{shown}（占基线到目标差距的{percent(ratio)}）"
    elif gap < -tiny and number(gap) != "0":
        standing = f"好于计划{change(-gap, uom)}"
    else:
        standing = "与计划持平"
    sentences.append(
        f"按计划，{pace}到{day(latest.period_end)}应{_verb(eff)}{amount(expected_at_latest, uom)}，"
        f"{latest_words}，{standing}"
    )
    if ratio > th.red_gap + _EPS:
        path_level = RED
    elif ratio > th.yellow_gap + _EPS:
        path_level = YELLOW
    else:
        path_level = GREEN
    if path_level != GREEN:
        codes += ("behind_path",)

    # Trend: where the current pace leads.
    goal_amount = amount(target, uom)
    deadline_text = deadline_words(spec.deadline)
    trend_level = None
    if projection.status == "insufficient":
        sentences.append("仅有一个数据，无法判断趋势")
        codes += ("single_value",)
    elif projection.status == "never":
        trend = _trend_words(eff, projection.slope_per_year)
        sentences.append(f"按当前趋势无法达到目标{goal_amount}（最近{projection.points}期数据{trend}）")
        trend_level, codes = RED, (*codes, "never")
    else:
        reach = _reach_words(projection.reach_date, spec.deadline)
        if projection.status == "on_time":
            sentences.append(f"按当前进度预计{reach}可{_verb(eff)}{goal_amount}，不晚于期限{deadline_text}")
            trend_level = GREEN
        else:
            grace = add_months(spec.deadline, MONTHS_PER_PERIOD[spec.frequency] * th.late_projection_periods)
            within = projection.reach_date <= grace
            text = f"按当前进度预计{reach}才能{_verb(eff)}{goal_amount}，晚于期限{deadline_text}"
            if within:
                text += f"（晚于期限不超过{th.late_projection_periods}个报送周期）"
            sentences.append(text)
            trend_level, codes = (YELLOW if within else RED), (*codes, "projection_late")

    if late_text:
        sentences.append(late_text)
        codes += late_codes
    level = max((lv for lv in (path_level, trend_level, floor) if lv is not None), key=rank)
    return result(level, sentences, codes)


_SHORT_CAUSES = (
    ("deadline_missed", "超过期限未达到目标"),
    ("never", "按当前趋势无法达到"),
    ("report_late", "报送逾期"),
    ("behind_path", "落后计划"),
    ("projection_late", "预计晚于期限"),
)


def _short_cause(assessment: IndicatorAssessment) -> str:
    causes = [words for code, words in _SHORT_CAUSES if code in assessment.codes]
    if "no_data" in assessment.codes:
        causes.insert(0, "未报送数据")
    return "、".join(causes[:2]) or "未达要求"


def _assess_per_unit(
    spec: IndicatorSpec, observations: list[Observation], as_of: date, th: Thresholds
) -> IndicatorAssessment:
    units = tuple(
        _assess_series(spec, _series(observations, as_of, spec.frequency, unit=name), as_of, th, unit=name)
        for name in spec.per_units
    )
    level = worst([unit.level for unit in units])
    off = [unit for unit in units if unit.level in (YELLOW, RED)]
    fine = [unit for unit in units if unit.level == GREEN]
    unknown = [unit for unit in units if unit.level == GREY]
    sentences = [f"共{len(units)}个单位"]
    if off:
        reds, yellows = sum(u.level == RED for u in off), sum(u.level == YELLOW for u in off)
        colours = "、".join(
            part for part in (f"红色{reds}个" if reds else "", f"黄色{yellows}个" if yellows else "") if part
        )
        names = "、".join(f"{u.unit}（{_short_cause(u)}）" for u in off[:_MAX_UNIT_NAMES])
        more = "等" if len(off) > _MAX_UNIT_NAMES else ""
        sentences.append(f"{len(off)}个单位未达要求（{colours}）：{names}{more}")
    if fine:
        sentences.append(f"{len(fine)}个单位正常")
    if unknown:
        sentences.append(f"{len(unknown)}个单位暂无可判断的数据")
    codes: list[str] = ["units_off_track"] if off else []
    for unit in units:
        codes.extend(code for code in unit.codes if code not in codes)
    reason = sentences[0] + "，" + "；".join(sentences[1:]) + "。"
    return IndicatorAssessment(
        name=spec.name,
        level=level,
        reason=reason,
        latest_date=max((u.latest_date for u in units if u.latest_date), default=None),
        expected_now=expected_value(spec, as_of),
        on_track=level == GREEN,
        codes=tuple(codes),
        units=units,
    )


def _assess_milestone_kind(
    spec: IndicatorSpec, observations: list[Observation], as_of: date, th: Thresholds
) -> IndicatorAssessment:
    """A milestone reported as values: 1 (or the target) = done, 0 = not yet."""
    series = _series(observations, as_of, spec.frequency)
    if not series and spec.deadline < spec.reports_from:
        return IndicatorAssessment(
            name=spec.name,
            level=GREY,
            reason=f"节点要求{quoted(spec.name)}的期限{day(spec.deadline)}早于监测起算日期"
            f"{day(spec.reports_from)}，尚未报告完成情况。",
            codes=("milestone_unreported",),
        )
    done: bool | None = None
    done_at = None
    if series:
        done = series[-1].value >= spec.target - _EPS
        if done:
            for obs in reversed(series):
                if obs.value < spec.target - _EPS:
                    break
                done_at = obs.period_end
    milestone = assess_milestone(
        MilestoneSpec(text=spec.name, deadline=spec.deadline, done=done, done_at=done_at), as_of, th
    )
    return IndicatorAssessment(
        name=spec.name,
        level=milestone.level,
        reason=milestone.reason,
        latest=series[-1].value if series else None,
        latest_date=series[-1].period_end if series else None,
        on_track=milestone.level == GREEN,
        codes=milestone.codes,
    )
