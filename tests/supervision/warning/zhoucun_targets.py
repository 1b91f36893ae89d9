"""Targets of the reference plan (周政办字〔2023〕8号, 周村区儿童友好城市建设行动方案) as warning specs.

Baselines are made up for the tests (the plan gives none); targets, units and deadlines are the
plan's own.
"""

from datetime import date

from gongzhi.supervision.warning import IndicatorSpec, MilestoneSpec, Observation

START = date(2023, 1, 1)
BASE_DAY = date(2022, 12, 31)
END = date(2025, 12, 31)
TOWNS = ("丝绸路街道", "大街街道", "青年路街道", "永安街街道", "城北路街道", "北郊镇", "南郊镇", "王村镇")

# （5）到2025年，每千人口3岁以下婴幼儿托位数达到4.5个. Path 2.1 -> 4.5: +0.2 a quarter
# (3.5 at 2024-09-30, 3.7 at 2024-12-31, 3.9 at 2025-03-31, 4.1 at 2025-06-30).
TUOWEI = IndicatorSpec(
    name="每千人口3岁以下婴幼儿托位数",
    comparator=">=",
    target=4.5,
    baseline=2.1,
    baseline_date=BASE_DAY,
    start=START,
    deadline=END,
    frequency="quarterly",
    unit_of_measure="个",
)

# （12）到2025年，12岁儿童龋患率控制在30%以内. Path 36 -> 30: -1 a half-year.
QUHUAN = IndicatorSpec(
    name="12岁儿童龋患率",
    comparator="<=",
    target=30,
    baseline=36,
    baseline_date=BASE_DAY,
    start=START,
    deadline=END,
    frequency="half_yearly",
    unit_of_measure="%",
)

# （11）儿童总体近视率平均每年降低1个百分点以上 (年度监测). Path 52 -> 49 at the end of 2025.
JINSHI = IndicatorSpec(
    name="儿童总体近视率",
    kind="rate",
    comparator="decrease_by",
    target=1,
    baseline=52,
    baseline_date=BASE_DAY,
    start=START,
    deadline=END,
    frequency="yearly",
    unit_of_measure="%",
)

# （23）到2025年，至少建设3-5处儿童友好街区. Path 0 -> 3 (the lower bound): +0.5 a half-year.
JIEQU = IndicatorSpec(
    name="儿童友好街区",
    kind="range",
    comparator="range",
    target=3,
    value_max=5,
    baseline=0,
    baseline_date=BASE_DAY,
    start=START,
    deadline=END,
    frequency="half_yearly",
    unit_of_measure="处",
)

# （18）镇（街道）配备1名儿童督导员: each of the 8 towns and subdistricts, reported yearly.
DUDAO = IndicatorSpec(
    name="镇（街道）儿童督导员",
    kind="per_unit",
    comparator="=",
    target=1,
    baseline=0,
    baseline_date=BASE_DAY,
    start=START,
    deadline=END,
    frequency="yearly",
    unit_of_measure="名",
    per_units=TOWNS,
)

# （27）到2025年，至少建设3条儿童友好出行道路: a running count from 0 at the plan start.
DAOLU = IndicatorSpec(
    name="儿童友好出行道路",
    kind="cumulative",
    comparator=">=",
    target=3,
    start=START,
    deadline=END,
    frequency="quarterly",
    unit_of_measure="条",
)

# （21）组织实施“希望小屋”儿童关爱项目，2023年实现应建尽建.
XIWANG = MilestoneSpec(text="“希望小屋”儿童关爱项目实现应建尽建", deadline=date(2023, 12, 31))

# （22）到2024年，适应症脑瘫儿童全部救助到位.
NAOTAN = MilestoneSpec(text="适应症脑瘫儿童全部救助到位", deadline=date(2024, 12, 31))


def q(year: int, quarter: int) -> date:
    """End of a quarter."""
    return {1: date(year, 3, 31), 2: date(year, 6, 30), 3: date(year, 9, 30), 4: date(year, 12, 31)}[quarter]


def h(year: int, half: int) -> date:
    """End of a half-year."""
    return date(year, 6, 30) if half == 1 else date(year, 12, 31)


def y(year: int) -> date:
    """End of a year."""
    return date(year, 12, 31)


def series(*points: tuple[date, float], unit: str | None = None) -> list[Observation]:
    return [Observation(period_end=day, value=value, unit=unit) for day, value in points]
