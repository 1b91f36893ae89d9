"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order.

The yearly revenue plan (预算收入计划) of every year with paid data up to the reference day's
year: the year before's revenue (tax_paid, current rows, by paid month) × 1.05; a year whose year
before the synthetic data barely cover (less than half its own revenue) gets its own revenue
× 1.05. Entered by the system, with a
note that says it is made up.

When the synthetic district data (demo/taxrisk) were loaded, the analysis month (数据截至月份) is
their last month: the exchange demo's few later payments would otherwise make the pages analyse
an almost empty month and the forecast fit a series that ends in near-zeros.
"""

import datetime
from decimal import Decimal

from gongzhi.economy import cube
from gongzhi.economy.analysis_month import analysis_month_save, analysis_setting
from gongzhi.economy.models import TOTAL, RevenuePlan
from gongzhi.economy.revenue_services import revenue_plan_save
from gongzhi.exchange.models import Dataset, Submission

GROWTH = Decimal("1.05")
PURPOSE = "演示数据：按上年入库数编制预算收入计划"


def plan_amount(base: Decimal) -> Decimal:
    """base x 1.05, to the thousand yuan (plans are round figures)."""
    return (base * GROWTH / 1000).quantize(Decimal("1")) * 1000


def load(*, today: datetime.date) -> list[str]:
    return _plans(today=today) + _analysis_month()


# the synthetic district data (demo/taxrisk) are submitted as "<dataset name>（演示，合成数据）.csv"
# for a range of months "YYYY-MM..YYYY-MM": read from the submission, since economy may not
# import the demo package (other demo stories submit later synthetic files under other names)
SYNTHETIC_FILE = "（演示，合成数据）.csv"


def synthetic_data_end() -> str | None:
    """The last month of the synthetic district tax data, when they were loaded."""
    dataset = Dataset.objects.filter(code="tax_paid").first()
    if dataset is None:
        return None
    submission = (
        Submission.objects.filter(
            dataset=dataset, filename=f"{dataset.name}{SYNTHETIC_FILE}", period__contains=".."
        )
        .order_by("period")
        .first()
    )
    return submission.period.split("..")[-1] if submission else None


def _analysis_month() -> list[str]:
    """数据截至 the synthetic district data's last month, when they were loaded (and no month is set)."""
    end = synthetic_data_end()
    if end is None:
        return []
    setting = analysis_setting()
    if setting is not None and setting.data_end:
        return [f"经济分析：数据截至月份已设置（{setting.data_end}）"]
    words = f"{int(end[:4])}年{int(end[5:])}月"
    analysis_month_save(
        actor=None, period=end, note=f"虚构：演示数据截至{words}（合成的全区税收数据的最后一个月）"
    )
    return [f"经济分析：数据截至{words}（演示数据）"]


def _plans(*, today: datetime.date) -> list[str]:
    series = cube.monthly_series(user=None, purpose=PURPOSE)
    years: dict[int, Decimal] = {}
    for period, amount in series:
        year = int(period[:4])
        if year <= today.year:
            years[year] = years.get(year, Decimal("0")) + amount
    if not years:
        return ["经济分析：无税款入库数据，未编制预算收入计划"]
    made = []
    # a year with a stray payment or two (under 1 % of the largest year's) gets no plan
    largest = max(years.values())
    first = min(year for year, total in years.items() if total * 100 >= largest)
    for year in range(first, today.year + 1):
        if RevenuePlan.objects.filter(year=year, tax_type=TOTAL).exists():
            continue
        before, own = years.get(year - 1, Decimal("0")), years.get(year, Decimal("0"))
        # a year before that the synthetic data barely cover is no basis: the year's own revenue is
        use_before = before > 0 and before * 2 >= own
        base = before if use_before else own
        if not base:
            continue
        amount = plan_amount(base)
        basis = f"{year - 1}年入库数" if use_before else f"{year}年入库数"
        revenue_plan_save(
            actor=None,
            year=year,
            amount=amount,
            note=f"虚构：演示用预算收入计划（{basis}×1.05）",
        )
        made.append(f"{year}年{amount / 10000:,.0f}万元")
    if not made:
        return ["经济分析：预算收入计划已存在"]
    return ["经济分析：预算收入计划（虚构）" + "、".join(made)]
