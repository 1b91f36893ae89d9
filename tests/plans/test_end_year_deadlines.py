"""Issue 12: in a time-boxed plan the plan's end year is the deadline of a target without a year
of its own; the import's confirm step (规划期末年份) and the indicators built from the plan keep a
target's own year, and a yearly rate (per 年) keeps none (its indicator takes the confirmed end year)."""

import datetime

import pytest

from gongzhi.plans import services
from gongzhi.plans.models import PlanImport
from gongzhi.supervision.models import Indicator
from gongzhi.supervision.services import indicators_sync

pytestmark = pytest.mark.django_db

PLAN = """示例区人民政府办公室
关于印发示例区托育服务提升三年行动方案（2024—2026年）的通知
示例政办字〔2024〕91号
各街道办事处，区政府各部门：
现将《示例区托育服务提升三年行动方案（2024—2026年）》印发给你们。
示例区人民政府办公室
2024年4月1日
示例区托育服务提升三年行动方案（2024—2026年）（演示文件，内容虚构）
一、重点任务
（一）扩大托位供给。到2025年，每千人口3岁以下婴幼儿托位数达到4.5个。新建托育机构3家。（牵头单位：区卫生健康局）
（二）培训托育人员。每年培训托育从业人员不少于200人次。（牵头单位：区卫生健康局）
"""


def _import(actor, end_year):
    plan_import = services.plan_import_start(actor=actor, data=PLAN.encode(), filename="三年行动.txt")
    services.plan_import_parse(plan_import=PlanImport.objects.get(pk=plan_import.pk))
    plan_import.refresh_from_db()
    document, _ = services.plan_import_confirm(
        actor=actor, plan_import=plan_import, doc_index=0, end_year=end_year
    )
    return document


def _targets(document):
    return [
        (t.value, t.unit_of_measure, t.deadline_year, t.per)
        for task in document.nodes.tasks().order_by("order")
        for t in task.targets.order_by("order")
    ]


def test_undated_targets_of_a_time_boxed_plan_are_stored_with_its_end_year(users):
    office = users["plan_office"]
    document = _import(office, end_year=None)  # the parsed end year, as the confirm form offers it
    assert document.end_year == 2026
    assert _targets(document) == [
        (4.5, "个", 2025, ""),  # its own year (到2025年) is kept
        (3, "家", 2026, ""),  # no year of its own: the end of （2024—2026年）
        (200, "人次", None, "年"),  # a yearly rate keeps none
    ]
    indicators_sync(actor=office, plan=document)
    deadlines = [i.deadline for i in Indicator.objects.filter(plan=document).order_by("order")]
    assert deadlines == [
        datetime.date(2025, 12, 31),
        datetime.date(2026, 12, 31),
        datetime.date(2026, 12, 31),
    ]


def test_a_confirmed_end_year_dates_what_has_no_year_and_moves_no_stored_year(users):
    """The clerk's 规划期末年份 is the default of a target stored without a year (the yearly rate);
    a target keeps the year stored with it, its own or the parsed end year shown in the review."""
    office = users["plan_office"]
    document = _import(office, end_year=2027)
    assert document.end_year == 2027
    assert [y for _, _, y, _ in _targets(document)] == [2025, 2026, None]
    indicators_sync(actor=office, plan=document)
    deadlines = [i.deadline for i in Indicator.objects.filter(plan=document).order_by("order")]
    assert deadlines == [
        datetime.date(2025, 12, 31),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 12, 31),
    ]
