"""Assessment periods (2025H1, 2025H2, 2025) and the default schemes shipped with the platform."""

import dataclasses
import datetime
import re

from gongzhi.assessment.choices import Measure
from gongzhi.core.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError, half_period, year_period

_PERIOD_RE = re.compile(r"(\d{4})(?:H([12]))?")


def parse_assessment_period(text: str) -> Period:
    """ "2025H1" (上半年), "2025H2" (下半年) or "2025" (全年); PeriodError in Chinese otherwise."""
    value = (text or "").strip().upper().replace("-", "")
    m = _PERIOD_RE.fullmatch(value)
    if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        raise PeriodError(f"考核期间“{text}”无法识别：应为 2025H1（上半年）、2025H2（下半年）或 2025（全年）")
    year = int(m.group(1))
    if m.group(2):
        period = half_period(year, int(m.group(2)))
        return dataclasses.replace(period, text=f"{year}H{m.group(2)}")
    return year_period(year)


def assessment_periods(first: datetime.date, last: datetime.date) -> list[Period]:
    """Half-years and years that began between two days, oldest first, each year after its halves."""
    out = []
    for year in range(first.year, last.year + 1):
        for text in (f"{year}H1", f"{year}H2", f"{year}"):
            period = parse_assessment_period(text)
            if period.start <= last and period.end >= first:
                out.append(period)
    return out


PLAN_TAX = "周政办字〔2023〕10号"
PLAN_CHILD = "周政办字〔2023〕8号"


def _c(code: str, name: str, max_points: float, kind: str, **params) -> dict:
    return {"code": code, "name": name, "max_points": max_points, "kind": kind, "params": params}


DEFAULT_SCHEMES = [
    {
        "code": "cogov",
        "name": "税费协同共治考核",
        "applies_to": {"plan": PLAN_TAX, "providers": True, "lead_assignees": True},
        "criteria": [
            _c("timeliness", "涉税信息报送及时性", 20, Measure.TIMELINESS, per_late=2),
            _c(
                "completeness",
                "涉税信息报送完整性",
                15,
                Measure.COMPLETENESS,
                per_missing=3,
                per_incomplete=1,
            ),
            _c("accuracy", "涉税信息报送准确性", 15, Measure.ACCURACY, per_finding=2, threshold=0.95),
            _c("leads", "疑点信息核实反馈", 20, Measure.LEADS, per_overdue=4, per_no_feedback=1),
            _c("task_reports", "工作任务进展报送", 15, Measure.TASK_REPORTS, per_late=1, per_missing=2),
            _c("task_warnings", "工作任务推进情况", 15, Measure.TASK_WARNINGS, per_red=5, per_yellow=2),
            _c("deductions", "扣分项", 0, Measure.DEDUCTIONS),
            _c("veto", "一票否决（如数据挪作他用）", 0, Measure.VETO),
        ],
    },
    {
        "code": "child_friendly",
        "name": "儿童友好城市建设考核",
        "applies_to": {"plan": PLAN_CHILD},
        "criteria": [
            _c("task_reports", "任务进展按时报送", 40, Measure.TASK_REPORTS, per_late=1, per_missing=2),
            _c("task_warnings", "任务推进和指标完成情况", 40, Measure.TASK_WARNINGS, per_red=4, per_yellow=1),
            _c("orders", "督办事项按期办理", 20, Measure.ORDERS, per_overdue=5),
            _c("deductions", "扣分项", 0, Measure.DEDUCTIONS),
            _c("veto", "一票否决", 0, Measure.VETO),
        ],
    },
]


PARAM_WORDS = {
    "per_late": "每项逾期扣{}分",
    "per_missing": "每项未报送扣{}分",
    "per_incomplete": "每项不完整扣{}分",
    "per_finding": "每项质量问题扣{}分",
    "per_overdue": "每项逾期未办结扣{}分",
    "per_no_feedback": "每项未反馈扣{}分",
    "per_red": "每项红色预警扣{}分",
    "per_yellow": "每项黄色预警扣{}分",
    "threshold": "准确率低于{:.0%}计为问题",
    "registry_threshold": "登记匹配率低于{:.0%}计为问题",
}


def params_words(params: dict) -> str:
    """The parameters of a criterion in words: 每项逾期扣2分，每项未报送扣3分."""
    out = []
    for key, value in (params or {}).items():
        pattern = PARAM_WORDS.get(key)
        if pattern is None:
            out.append(f"{key}={value}")
        else:
            number = int(value) if isinstance(value, float) and value.is_integer() else value
            out.append(pattern.format(number))
    return "，".join(out)
