"""Early warning (监测预警): pure functions that give indicators, milestones and tasks a colour and say why.

No Django, no I/O, no clock: every function takes the day it judges (``as_of``). Inputs and
outputs are frozen dataclasses (``model.py``). Reasons are Simplified Chinese sentences with the
numbers in them; ``RULES_ZH`` / ``rules_zh(thresholds)`` give the rule of each colour in Chinese
for the UI, with the plan's threshold numbers filled in.

Levels
------
green (正常), yellow (预警), red (严重), grey (无法判断). For one indicator grey sits below
yellow: an overdue report turns "no data" into yellow or red. When levels are combined (the
units of a per-unit indicator, the parts of a task) the worst one counts and grey counts only
when everything is grey.

The plan path
-------------
A straight line from the baseline value (on ``baseline_date``, else the plan ``start``) to the
target on the deadline; before the start it stays at the baseline, after the deadline at the
target (``expected_value``).

* level (>=, >, =, <=, <): the line to the target value. "=" counts as "at least" (going up) or
  "at most" (going down); ">" and "<" are strict.
* rate (decrease_by / increase_by): the baseline minus (plus) the yearly rate times the years
  elapsed; the value to reach is the baseline changed by the rate over the whole span
  (近视率 51% at end 2022, -1/yr -> 48% at end 2025).
* range: the lower bound is the target (the upper bound when the direction is down). Reaching
  the lower bound is on target; going past the upper bound is still green and the reason says
  it was over-fulfilled (超额完成).
* cumulative: a running count; without a baseline it starts from 0 at the plan start.
* per_unit: every unit listed in ``per_units`` is judged alone against the same target (and
  the same baseline if one is given); the indicator takes the worst unit level and its reason
  counts the units off track and names them with their cause.
* milestone: done / not done by its deadline (see "Milestones"); as an indicator, a reported
  value of at least the target (default 1) means done.
* No baseline (other than a count): the first value reported is the starting point of the
  path ("无基线值，以首次报送值…为起点"). With a single value and no baseline nothing can be
  judged: grey (unless the target is already met).

Time runs on a month axis (a day is a fraction of its month), so month and quarter ends fall
on whole months and 2022-12-31 -> 2025-06-30 is exactly 2.5 years.

Indicator rules (``assess_indicator``), in order
-----------------------------------------------
Only values dated on or before ``as_of`` and received (``reported_at``) on or before it count;
for two values of the same period the one received last counts.

1. No value at all: grey (暂无数据) - raised to yellow/red by the reporting rule (6).
2. The latest value meets the target: green (已达到目标), whatever the path says, also after the
   deadline; an overdue report is mentioned but does not change the colour.
3. The deadline has passed (and the final period's value is in, or its report is overdue) and
   the target is not met: red (已超过期限仍未达到目标).
4. Path: the shortfall of the latest value against the path on the same day, as a share of the
   distance baseline -> target. More than ``yellow_gap`` (5%) -> yellow, more than ``red_gap``
   (15%) -> red, otherwise green.
5. Trend: least squares over the last ``trend_points`` (4) values, drawn from the latest value
   (``project``). Target crossed by the deadline -> green; after the deadline but within
   ``late_projection_periods`` (1) reporting period -> yellow; later -> red; flat or moving away
   (or not within a hundred years) -> red (按当前趋势无法达到). With a single value there is no
   trend (仅有一个数据，无法判断趋势) and the path alone decides.
6. Reporting: each period of the plan window (from the start to the deadline's period) must
   have a value; its report is due ``report_due_days`` (15) after the period ends. A value for a
   later period covers the earlier ones. Not received ``late_after_days`` (0) after the due date:
   at least yellow (报送逾期); more than ``missing_after_days`` (30) after it: red (missing). The
   reason names the oldest overdue period, its due date and the days overdue. Old data is not
   turned grey: that would reward not reporting; staleness is what this rule catches. Periods
   that ended before ``reports_from`` (the plan's monitoring start) owe nothing: a plan imported
   today is not overdue for the years before it was imported.

The level is the worst of 4, 5 and 6.

Milestones (``assess_milestone``)
--------------------------------
As an indicator, a milestone due before ``reports_from`` with nothing reported is grey.
Done -> green (按期完成, or 完成 later than the deadline with the days). Not done and the deadline
passed -> red (节点要求“…”已于…到期，尚未完成). Not done and due within ``milestone_warn_days``
(90) -> yellow. Not reported (``done`` None) and further away -> grey; not done and further away
-> green (尚未到期).

Tasks (``assess_task``)
----------------------
Parts, each with a level and a reason; the task takes the worst, grey only when all are grey:

* deadline: the task's due date has passed and the latest report is not 已完成 -> red (grey
  when the due date lies before the monitoring ``start`` and nothing was reported yet);
* progress report: 已完成 -> green (and no further reporting duty); 滞后 -> red; otherwise the
  percent done (未启动 without a percent = 0%) is compared with the share of the task's time
  elapsed on the report's date: behind by more than yellow_gap x 100 (5) percentage points ->
  yellow, red_gap x 100 (15) -> red; no start/due or no percent: 推进中 green, else grey;
  no report: grey;
* current round: no report received since ``round_start`` (without it, no report at all) and
  the round's due date passed by more than ``late_after_days`` -> yellow (报送逾期), by more than
  ``missing_after_days`` -> red.
  Chosen over grey so that a task cannot look "unknown" by not reporting;
* each milestone and each indicator as above;
* funding: money spent on the task (``spent`` > 0) while one of its indicators is red -> red
  (已支出资金…，指标…仍为红色): the money did not yet move the target.
"""

from .indicator import assess_indicator, expected_value, meets, project, target_value
from .milestone import assess_milestone
from .model import (
    CODE_ZH,
    DONE,
    DOWN,
    GREEN,
    GREY,
    IN_PROGRESS,
    LAGGING,
    LEVEL_ZH,
    LEVELS,
    NOT_STARTED,
    RED,
    STATUS_ZH,
    UP,
    YELLOW,
    IndicatorAssessment,
    IndicatorSpec,
    MilestoneAssessment,
    MilestoneSpec,
    Observation,
    ProgressReport,
    Projection,
    TaskAssessment,
    TaskPart,
    TaskStatus,
    Thresholds,
    rank,
    worst,
)
from .task import assess_task
from .text import RULES_ZH, rules_zh

__all__ = [
    "CODE_ZH",
    "DONE",
    "DOWN",
    "GREEN",
    "GREY",
    "IN_PROGRESS",
    "LAGGING",
    "LEVELS",
    "LEVEL_ZH",
    "NOT_STARTED",
    "RED",
    "RULES_ZH",
    "STATUS_ZH",
    "UP",
    "YELLOW",
    "IndicatorAssessment",
    "IndicatorSpec",
    "MilestoneAssessment",
    "MilestoneSpec",
    "Observation",
    "ProgressReport",
    "Projection",
    "TaskAssessment",
    "TaskPart",
    "TaskStatus",
    "Thresholds",
    "assess_indicator",
    "assess_milestone",
    "assess_task",
    "expected_value",
    "meets",
    "project",
    "rank",
    "rules_zh",
    "target_value",
    "worst",
]
