"""Property tests: monotone levels, paths between baseline and target, order does not matter."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from zhoucun_targets import END, START, q

from gongzhi.supervision.warning import (
    IndicatorSpec,
    Observation,
    Thresholds,
    assess_indicator,
    expected_value,
    rank,
    target_value,
)
from gongzhi.supervision.warning.periods import from_years, to_years

QUARTERS = [q(year, quarter) for year in (2023, 2024, 2025) for quarter in (1, 2, 3, 4)]
tenths = st.integers(0, 200).map(lambda n: n / 10)  # 0.0 .. 20.0 in steps of 0.1


@st.composite
def indicator_cases(draw, comparators: tuple[str, ...]):
    """A quarterly spec (with or without a baseline), earlier values, and an as-of day."""
    comparator = draw(st.sampled_from(comparators))
    kind = draw(st.sampled_from(("level", "cumulative"))) if comparator in (">=", ">") else "level"
    spec = IndicatorSpec(
        name="指标",
        kind=kind,
        comparator=comparator,
        direction="up" if comparator == "=" else None,  # "=" would go down from a baseline above the target
        target=draw(tenths.filter(lambda v: v > 0)),
        baseline=draw(st.none() | tenths),
        start=START,
        deadline=END,
        frequency="quarterly",
        unit_of_measure="个",
    )
    days = sorted(draw(st.lists(st.sampled_from(QUARTERS), min_size=1, max_size=6, unique=True)))
    earlier = [Observation(period_end=day, value=draw(tenths)) for day in days[:-1]]
    as_of = days[-1] + timedelta(days=draw(st.integers(0, 500)))
    thresholds = draw(st.sampled_from((Thresholds(), Thresholds(trend_points=2), Thresholds(red_gap=0.3))))
    return spec, earlier, days[-1], as_of, thresholds


@settings(max_examples=400, deadline=None)
@given(indicator_cases((">=", ">", "=")), tenths, tenths)
def test_a_higher_latest_value_never_gives_a_worse_level_going_up(case, low, high):
    spec, earlier, last_day, as_of, th = case
    low, high = min(low, high), max(low, high)
    worse = assess_indicator(spec, [*earlier, Observation(period_end=last_day, value=low)], as_of, th)
    better = assess_indicator(spec, [*earlier, Observation(period_end=last_day, value=high)], as_of, th)
    assert rank(better.level) <= rank(worse.level), (worse.reason, better.reason)


@settings(max_examples=300, deadline=None)
@given(indicator_cases(("<=", "<")), tenths, tenths)
def test_a_lower_latest_value_never_gives_a_worse_level_going_down(case, low, high):
    spec, earlier, last_day, as_of, th = case
    low, high = min(low, high), max(low, high)
    better = assess_indicator(spec, [*earlier, Observation(period_end=last_day, value=low)], as_of, th)
    worse = assess_indicator(spec, [*earlier, Observation(period_end=last_day, value=high)], as_of, th)
    assert rank(better.level) <= rank(worse.level), (worse.reason, better.reason)


plan_days = st.dates(min_value=date(2022, 6, 1), max_value=date(2026, 12, 31))


@st.composite
def path_specs(draw):
    kind = draw(st.sampled_from(("level", "rate", "range", "cumulative")))
    comparator = {
        "level": draw(st.sampled_from((">=", ">", "=", "<=", "<"))),
        "rate": draw(st.sampled_from(("decrease_by", "increase_by"))),
        "range": "range",
        "cumulative": ">=",
    }[kind]
    low = draw(st.floats(0.1, 100))
    return IndicatorSpec(
        name="指标",
        kind=kind,
        comparator=comparator,
        target=low,
        value_max=low + draw(st.floats(0, 10)) if kind == "range" else None,
        direction=draw(st.sampled_from(("up", "down"))) if kind == "range" else None,
        baseline=draw(st.floats(0, 100)) if kind != "cumulative" else draw(st.none() | st.floats(0, 3)),
        baseline_date=draw(st.none() | st.dates(min_value=date(2021, 1, 1), max_value=date(2023, 6, 30))),
        start=START,
        deadline=draw(st.dates(min_value=date(2023, 7, 1), max_value=date(2027, 12, 31))),
        frequency="quarterly",
    )


@settings(max_examples=400, deadline=None)
@given(path_specs(), plan_days, plan_days)
def test_expected_value_lies_between_baseline_and_target_and_moves_towards_the_target(spec, day1, day2):
    base = spec.baseline if spec.baseline is not None else 0.0
    target = target_value(spec) if spec.baseline is not None else spec.target
    low, high = min(base, target), max(base, target)
    first, second = expected_value(spec, min(day1, day2)), expected_value(spec, max(day1, day2))
    tolerance = 1e-9 * max(1.0, abs(low), abs(high))
    for value in (first, second):
        assert low - tolerance <= value <= high + tolerance
    assert (second - first) * (target - base) >= -tolerance  # never moves away from the target
    assert expected_value(spec, spec.deadline) == target
    assert expected_value(spec, spec.path_start) == base


@settings(max_examples=200, deadline=None)
@given(indicator_cases((">=", "<=")), tenths, st.randoms(use_true_random=False))
def test_the_order_of_the_observations_does_not_matter(case, last, rnd):
    spec, earlier, last_day, as_of, th = case
    obs = [*earlier, Observation(period_end=last_day, value=last)]
    shuffled = list(obs)
    rnd.shuffle(shuffled)
    assert assess_indicator(spec, shuffled, as_of, th) == assess_indicator(spec, obs, as_of, th)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)))
def test_the_time_axis_round_trips(day):
    assert from_years(to_years(day)) == day
    assert to_years(day) < to_years(day + timedelta(days=1))
