"""Monthly revenue forecasts with honest backtests. PURE: no Django, no database.

A series is a list of consecutive months (`periods`, "YYYY-MM") and their values. `forecast()`
fits every candidate method at each rolling origin of a backtest, scores the forecasts against
the months that followed (MAPE, MASE), picks the method with the smallest error and forecasts
`horizon` months with it.

Methods (`METHODS`):
- ``seasonal_naive``: the same month a year earlier (the baseline every method must beat);
- ``growth``: the same month last year × the year-to-date growth so far (当年累计增幅; at a
  December origin, the growth of the last twelve months over the twelve before);
- ``ets``: statsmodels Holt-Winters, additive damped trend, multiplicative seasonality when the
  series is positive (additive otherwise);
- ``sarima``: statsmodels SARIMA(0,1,1)(0,1,1)12 (the "airline" model) on the log of a positive
  series (on the level otherwise);
- ``combination``: the mean of seasonal naive, growth, ets and sarima (a combination is the
  classic robust choice when no single method wins everywhere).

Seasonal naive is the benchmark shown beside every forecast and is not itself a candidate: the
method is chosen among growth, ets, sarima and combination, and a single method replaces the
combination only when its backtest MAPE and MASE are both lower by more than 25 %.

Choices made, said once:
- Backtest: origins are the last ``BACKTEST_ORIGINS`` months from which a full year ahead is
  known, each forecasting 1..12 months ahead; models are fitted on at most ``FIT_WINDOW`` months
  before the origin. Fits are deterministic (fixed starting values and optimizer), so the same
  series gives the same numbers twice.
- MAPE leaves out months whose actual is zero; with negative months (VAT refunds) MAPE is still
  computed on |actual| but the method is chosen by MASE, which is defined for any sign.
- MASE scales by the in-sample mean absolute seasonal difference (m = 12) of the training part.
- Prediction intervals are EMPIRICAL: quantiles of the chosen method's backtest errors at each
  step ahead (relative errors for positive series, absolute otherwise), not model-based.
- Short series (< ``MIN_MODEL_MONTHS`` months): no model is fitted; the candidates are growth and
  the combination of seasonal naive and growth, and seasonal naive itself replaces them when its
  backtest errors are both lower by more than the margin.
- Marks: a structural break from month P on fits (and scores) only the months from P on; an
  outlier month is replaced, for fitting, by the same month last year scaled by the growth of
  its neighbours (linear interpolation when that is not defined).
"""

from __future__ import annotations

import itertools
import math
import os
import warnings
from dataclasses import dataclass, field

HORIZON = 12
SEASON = 12
BACKTEST_ORIGINS = 12
FIT_WINDOW = 120
MIN_MODEL_MONTHS = 25  # below this, statistical models are not fitted
MIN_MONTHS = 14  # below this, no backtest is possible at all
INTERVAL_LEVEL = 0.90
SELECTION_MARGIN = 0.25

METHODS = ("seasonal_naive", "growth", "ets", "sarima", "combination")
CANDIDATES = ("growth", "ets", "sarima", "combination")
BASELINES = ("seasonal_naive", "growth")
SHORT_METHODS = (*BASELINES, "combination")  # a short series: the combination of the two baselines
METHOD_LABELS = {
    "seasonal_naive": "季节朴素（上年同月）",
    "growth": "上年同月×累计增幅",
    "ets": "指数平滑（ETS）",
    "sarima": "季节ARIMA",
    "combination": "组合预测（所比较各方法的平均）",
}


class ForecastInputError(ValueError):
    """The series cannot be forecast (too short, not consecutive); message in Chinese."""


@dataclass(frozen=True)
class Mark:
    kind: str  # "break" | "outlier"
    period: str  # YYYY-MM


@dataclass(frozen=True)
class Score:
    mape: float | None  # percent; None when every actual is zero
    mase: float | None
    n: int  # number of (origin, step) pairs scored


@dataclass(frozen=True)
class Point:
    period: str
    value: float
    lower: float
    upper: float


@dataclass
class ForecastResult:
    method: str
    origins: int
    scores: dict[str, Score]
    points: list[Point]
    interval: str = "empirical"
    notes: list[str] = field(default_factory=list)
    fitted_from: str = ""  # first month used (after a break)

    @property
    def score(self) -> Score:
        return self.scores[self.method]


# ---------------------------------------------------------------- periods


def period_index(period: str) -> int:
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def period_of(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def next_periods(last: str, count: int) -> list[str]:
    start = period_index(last)
    return [period_of(start + k) for k in range(1, count + 1)]


# ---------------------------------------------------------------- methods
# Each method: (history values, calendar month index 0..11 of history[0], h) -> h forecasts.


def _seasonal_naive(y: list[float], first_month: int, h: int) -> list[float]:
    out: list[float] = []
    extended = list(y)
    for _ in range(h):
        value = extended[-SEASON]
        out.append(value)
        extended.append(value)
    return out


def _growth_rate(y: list[float], first_month: int) -> float:
    """Year-to-date growth so far: months of the current calendar year against the same months
    a year earlier; at a December origin (no month of the new year yet), the last 12 months
    against the 12 before. 1.0 when the base is not positive or too short."""
    n = len(y)
    month_of_last = (first_month + n - 1) % 12  # 0 = January
    k = month_of_last + 1 if month_of_last != 11 else 12
    if n < k + SEASON:
        k = min(k, n - SEASON)
    if k <= 0:
        return 1.0
    current = sum(y[n - k :])
    base = sum(y[n - k - SEASON : n - SEASON])
    if base <= 0 or current <= 0:
        return 1.0
    return current / base


def _growth(y: list[float], first_month: int, h: int) -> list[float]:
    g = _growth_rate(y, first_month)
    extended = list(y)
    out: list[float] = []
    for _ in range(h):
        value = extended[-SEASON] * g if len(out) < SEASON else out[-SEASON] * g
        out.append(value)
        extended.append(value)
    return out


def _ets(y: list[float], first_month: int, h: int) -> list[float]:
    import numpy as np
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    positive = min(y) > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            np.asarray(y, dtype=float),
            trend="add",
            damped_trend=True,
            seasonal="mul" if positive else "add",
            seasonal_periods=SEASON,
            initialization_method="estimated",
        )
        fit = model.fit(optimized=True, method="L-BFGS-B")
        return [float(v) for v in fit.forecast(h)]


def _sarima(y: list[float], first_month: int, h: int) -> list[float]:
    import numpy as np
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    positive = min(y) > 0
    data = np.log(np.asarray(y, dtype=float)) if positive else np.asarray(y, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SARIMAX(data, order=(0, 1, 1), seasonal_order=(0, 1, 1, SEASON))
        fit = model.fit(disp=False, method="lbfgs", maxiter=50)
        forecast = fit.forecast(h)
    if positive:
        return [float(v) for v in np.exp(forecast)]
    return [float(v) for v in forecast]


_FUNCS = {"seasonal_naive": _seasonal_naive, "growth": _growth, "ets": _ets, "sarima": _sarima}


def _run_all(y: list[float], first_month: int, h: int, methods: tuple[str, ...]) -> dict[str, list[float]]:
    """Each method's forecast; "combination" is the mean of the other methods asked for (all four on
    a long series, the two baselines on a short one)."""
    out: dict[str, list[float]] = {}
    _single_threaded()
    for name in methods:
        if name == "combination":
            continue
        try:
            out[name] = _FUNCS[name](y, first_month, h)
        except Exception:  # a model that fails to fit on one origin falls back to the baseline
            out[name] = _seasonal_naive(y, first_month, h)
    if "combination" in methods:
        parts = [out[name] for name in methods if name != "combination"]
        out["combination"] = [sum(values) / len(values) for values in zip(*parts, strict=True)]
    return out


def _single_threaded() -> None:
    """Small fits are slower with a multi-threaded BLAS on a busy machine (measured: a SARIMA fit
    took 11 s instead of 0.6 s); limit BLAS to one thread before numpy loads it."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


# ---------------------------------------------------------------- marks


def apply_marks(
    periods: list[str], values: list[float], marks: list[Mark]
) -> tuple[int, list[float], list[str]]:
    """Returns (first index used, adjusted values, notes)."""
    notes: list[str] = []
    start = 0
    breaks = sorted(m.period for m in marks if m.kind == "break" and m.period in periods)
    if breaks:
        start = periods.index(breaks[-1])
        notes.append(f"自{breaks[-1]}起存在结构性变化：只用此后的数据拟合和回测")
    adjusted = list(values)
    for mark in marks:
        if mark.kind != "outlier" or mark.period not in periods:
            continue
        i = periods.index(mark.period)
        if i < start:
            continue
        adjusted[i] = _replacement(adjusted, i, start)
        notes.append(f"{mark.period}标为异常月份：拟合时以插补值代替")
    return start, adjusted, notes


def _replacement(y: list[float], i: int, start: int) -> float:
    if i - SEASON >= start and i - 13 >= start and i + 1 < len(y) and i - 11 >= start:
        near = y[i - 1] + y[i + 1]
        base = y[i - 13] + y[i - 11]
        if base > 0 and near > 0:
            return y[i - SEASON] * near / base
    if i - 1 >= start and i + 1 < len(y):
        return (y[i - 1] + y[i + 1]) / 2
    if i - SEASON >= start:
        return y[i - SEASON]
    return y[i - 1] if i - 1 >= start else y[i]


# ---------------------------------------------------------------- backtest


def _origins(n: int, min_train: int, count: int) -> list[int]:
    """Cut points c (train = y[:c]); prefer origins with a full year ahead."""
    last_full = n - HORIZON
    first = max(min_train, last_full - count + 1)
    if last_full >= first:
        return list(range(first, last_full + 1))
    first = max(min_train, n - count)
    return list(range(first, n))


def _scale(train: list[float]) -> float:
    diffs = [abs(train[t] - train[t - SEASON]) for t in range(SEASON, len(train))]
    scale = sum(diffs) / len(diffs) if diffs else 0.0
    return scale if scale > 0 else 1.0


def backtest(
    y: list[float], first_month: int, methods: tuple[str, ...], origins: list[int]
) -> tuple[dict[str, Score], dict[str, dict[int, list[tuple[float, float]]]]]:
    """Scores per method and, per method and step, the (forecast, actual) pairs."""
    pairs: dict[str, dict[int, list[tuple[float, float]]]] = {m: {} for m in methods}
    ape: dict[str, list[float]] = {m: [] for m in methods}
    ase: dict[str, list[float]] = {m: [] for m in methods}
    for c in origins:
        train = y[max(0, c - FIT_WINDOW) : c]
        train_first = (first_month + max(0, c - FIT_WINDOW)) % 12
        h = min(HORIZON, len(y) - c)
        scale = _scale(train)
        for name, fc in _run_all(train, train_first, h, methods).items():
            for step in range(h):
                actual, predicted = y[c + step], fc[step]
                pairs[name].setdefault(step + 1, []).append((predicted, actual))
                if actual != 0:
                    ape[name].append(abs(predicted - actual) / abs(actual))
                ase[name].append(abs(predicted - actual) / scale)
    scores = {
        name: Score(
            mape=_round(100 * sum(ape[name]) / len(ape[name])) if ape[name] else None,
            mase=_round(sum(ase[name]) / len(ase[name])) if ase[name] else None,
            n=len(ase[name]),
        )
        for name in methods
    }
    return scores, pairs


def _clearly_better(a: Score, b: Score) -> bool:
    """A single method replaces the combination only when its backtest errors are lower on both
    MAPE and MASE by more than SELECTION_MARGIN: picking the best of close backtest scores mostly
    picks noise (the "forecast combination puzzle")."""
    pairs = [(a.mape, b.mape), (a.mase, b.mase)]
    return all(x is not None and y is not None and x < (1 - SELECTION_MARGIN) * y for x, y in pairs)


def _round(x: float) -> float:
    return round(x, 4)


def _quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


# ---------------------------------------------------------------- entry point


def forecast(
    periods: list[str],
    values: list[float],
    *,
    horizon: int = HORIZON,
    marks: list[Mark] | tuple[Mark, ...] = (),
    methods: tuple[str, ...] | None = None,
    origins: int = BACKTEST_ORIGINS,
) -> ForecastResult:
    """Backtest the candidate methods, pick the best, forecast `horizon` months after the last."""
    if len(periods) != len(values):
        raise ForecastInputError("月份与数值个数不一致")
    for a, b in itertools.pairwise(periods):
        if period_index(b) != period_index(a) + 1:
            raise ForecastInputError(f"月份不连续：{a}之后应为{period_of(period_index(a) + 1)}，实为{b}")
    start, adjusted, notes = apply_marks(periods, [float(v) for v in values], list(marks))
    y = adjusted[start:]
    first_month = period_index(periods[start]) % 12 if periods else 0
    if len(y) < MIN_MONTHS:
        raise ForecastInputError(f"数据不足：至少需要连续{MIN_MONTHS}个月，现有{len(y)}个月")

    if methods is None:
        methods = METHODS if len(y) >= MIN_MODEL_MONTHS else SHORT_METHODS
    if len(y) < MIN_MODEL_MONTHS:
        notes.append(
            f"序列只有{len(y)}个月（少于{MIN_MODEL_MONTHS}个月）：不拟合统计模型，只用季节朴素、累计增幅及其组合"
        )
    min_train = MIN_MODEL_MONTHS - 1 if len(y) >= MIN_MODEL_MONTHS + HORIZON else SEASON + 1
    cut_points = _origins(len(y), min_train, origins)
    scores, pairs = backtest(y, first_month, methods, cut_points)

    positive = min(y) > 0
    key = "mape" if positive else "mase"
    if not positive:
        notes.append("序列含零或负值（如留抵退税）：按MASE选择方法，MAPE仅供参考")

    candidates = [m for m in methods if m != "seasonal_naive"] or list(methods)

    def rank(name: str) -> tuple[float, int]:
        value = getattr(scores[name], key)
        return (value if value is not None else math.inf, methods.index(name))

    chosen = min(candidates, key=rank)
    if (
        chosen != "combination"
        and "combination" in candidates
        and not _clearly_better(scores[chosen], scores["combination"])
    ):
        chosen = "combination"
    if (
        len(y) < MIN_MODEL_MONTHS
        and "seasonal_naive" in methods
        and _clearly_better(scores["seasonal_naive"], scores[chosen])
    ):
        # a short series with no model to fit: the benchmark itself when it is clearly better
        chosen = "seasonal_naive"
        notes.append("季节朴素的回测误差明显低于其他方法：采用季节朴素")

    fit_y = y[-FIT_WINDOW:]
    fit_first = (first_month + len(y) - len(fit_y)) % 12
    predicted = _run_all(fit_y, fit_first, horizon, (chosen,) if chosen != "combination" else methods)[chosen]

    lo_q, hi_q = (1 - INTERVAL_LEVEL) / 2, 1 - (1 - INTERVAL_LEVEL) / 2
    steps = pairs[chosen]
    points: list[Point] = []
    for k, (period, value) in enumerate(zip(next_periods(periods[-1], horizon), predicted, strict=True)):
        step = min(k + 1, max(steps) if steps else 1)
        errs = steps.get(step, [])
        if positive:
            rel = sorted(a / f - 1 for f, a in errs if f > 0)
            lower, upper = value * (1 + _quantile(rel, lo_q)), value * (1 + _quantile(rel, hi_q))
        else:
            absolute = sorted(a - f for f, a in errs)
            lower, upper = value + _quantile(absolute, lo_q), value + _quantile(absolute, hi_q)
        points.append(Point(period, value, min(lower, value), max(upper, value)))
    return ForecastResult(
        method=chosen,
        origins=len(cut_points),
        scores=scores,
        points=points,
        notes=notes,
        fitted_from=periods[start],
    )


def score_against(predicted: list[float], actual: list[float], scale_history: list[float]) -> Score:
    """MAPE and MASE of one forecast against what happened (for an out-of-sample check)."""
    ape = [abs(p - a) / abs(a) for p, a in zip(predicted, actual, strict=True) if a != 0]
    scale = _scale(scale_history)
    ase = [abs(p - a) / scale for p, a in zip(predicted, actual, strict=True)]
    return Score(
        mape=_round(100 * sum(ape) / len(ape)) if ape else None,
        mase=_round(sum(ase) / len(ase)) if ase else None,
        n=len(ase),
    )


def baseline_forecast(
    periods: list[str], values: list[float], name: str, horizon: int = HORIZON
) -> list[float]:
    """One baseline's forecast (for comparing out of sample)."""
    first_month = period_index(periods[0]) % 12
    return _FUNCS[name]([float(v) for v in values], first_month, horizon)


_single_threaded()
