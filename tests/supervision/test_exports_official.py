"""The supervision documents as they are handed out (issue 11, point 9): full task titles (never the
screen's "…"), a 发文字号, the 版记 (抄送; 印发机关 and 印发日期) at the end of each .docx; in the
indicator .xlsx the targets in words and no projected year centuries away (不可预计)."""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document
from factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingRoundFactory,
    SupervisionOrderFactory,
    TargetFactory,
    TaskFactory,
    TaskReportFactory,
    UserFactory,
)
from openpyxl import load_workbook

from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.supervision import exports

pytestmark = pytest.mark.django_db

LONG_TEXT = "（1）实施儿童友好空间建设工程，在全区城乡社区、公园、图书馆和学校周边建设儿童友好活动场地，完善适儿化设施（测试）"


def _late_round():
    """A round due yesterday with one report not sent, on a task whose text is long and untitled."""
    round_ = ReportingRoundFactory(due_date=clock.today() - datetime.timedelta(days=1))
    task = TaskFactory(document=round_.plan, number="（1）", title="", text=LONG_TEXT)
    report = TaskReportFactory(round=round_, task=task)
    return round_, task, report


def _imprint(document) -> list[list[str]]:
    table = document.tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def _all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_round_report_has_full_titles_a_number_and_an_imprint():
    round_, _task, report = _late_round()
    day = clock.today()
    document = Document(exports.round_report_docx(round_=round_))
    text = _all_text(document)
    full_title = LONG_TEXT.removeprefix("（1）")
    assert full_title in text
    assert "…" not in text
    # 发文字号 under the head: the office, the year, the round's place in its year
    office = round_.plan.office_unit.name
    assert f"{office}〔{day.year}〕1号" in [p.text for p in document.paragraphs]
    # 版记: 抄送 the lead units, then the office and the day it was printed
    rows = _imprint(document)
    assert rows[0][0].startswith("抄送：") and report.unit.name in rows[0][0] and rows[0][0].endswith("。")
    assert rows[-1] == [office, f"{day.year}年{day.month}月{day.day}日印发"]


def test_the_notice_names_tasks_in_full_with_a_number_and_an_imprint():
    round_, _task, _report = _late_round()
    document = Document(exports.round_notice_docx(round_=round_))
    text = _all_text(document)
    assert f"（1）{LONG_TEXT.removeprefix('（1）')}" in text
    assert "…" not in text
    assert any(p.text.endswith("号") and "通报〔" in p.text for p in document.paragraphs)
    assert _imprint(document)[-1][1].endswith("日印发")


def test_the_order_prints_its_imprint(client_for):
    liaison = UserFactory(role=Role.LIAISON)
    order = SupervisionOrderFactory(unit=liaison.unit)
    response = client_for(liaison).get(f"/supervision/orders/{order.pk}/print.docx")
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert order.number in [p.text for p in document.paragraphs]
    assert _imprint(document)[-1][0] == order.plan.office_unit.name
    assert _imprint(document)[-1][1].endswith("日印发")


def test_the_indicator_table_says_targets_in_words_and_no_far_projection(client_for, users):
    # given an indicator >= 12% by the end of next year, creeping up 0.01 a quarter from 10%: at
    # that pace the target is reached some 50 years after the deadline
    today = clock.today()
    indicator = IndicatorFactory(
        target=TargetFactory(
            comparator=">=", value=Decimal(12), unit_of_measure="%", deadline_year=today.year + 1
        ),
        frequency="quarterly",
        deadline=datetime.date(today.year + 1, 12, 31),
    )
    plan = indicator.plan
    plan.issue_date = today - datetime.timedelta(days=400)
    plan.save(update_fields=["issue_date"])
    for months_ago, value in ((9, "10.00"), (6, "10.01"), (3, "10.02")):
        end = (today.replace(day=1) - datetime.timedelta(days=1 + 30 * (months_ago - 1))).replace(day=1)
        end = (end + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        round_ = ReportingRoundFactory(plan=plan, period_start=end.replace(day=1), period_end=end)
        IndicatorValueFactory(indicator=indicator, round=round_, value=Decimal(value))
    # when the office downloads the indicator table
    response = client_for(users["admin"]).get(f"/supervision/plans/{plan.pk}/indicators.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = next(row for row in sheet.iter_rows(values_only=True) if "预计达标年份" in row)
    row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == indicator.name)
    values = dict(zip(header, row, strict=False))
    # then the target is in words and the year is not a far-future number
    assert values["目标"] == "不低于12%"
    assert values["预计达标年份"] == "不可预计"


def test_a_projected_year_within_the_horizon_is_kept():
    indicator = IndicatorFactory.build(deadline=datetime.date(2025, 12, 31))
    assert exports._projected_year(indicator, 2027) == 2027
    assert exports._projected_year(indicator, 2045) == 2045
    assert exports._projected_year(indicator, 2046) == "不可预计"
    assert exports._projected_year(indicator, 2115) == "不可预计"
    assert exports._projected_year(indicator, None) is None


def test_a_new_order_names_the_task_in_full(client_for):
    # given a task of a plan, with a long untitled text and a lead unit
    task = TaskFactory(number="（1）", title="", text=LONG_TEXT)
    TaskReportFactory(round=ReportingRoundFactory(plan=task.document), task=task)
    office = UserFactory(role=Role.PLAN_OFFICE, unit=task.document.office_unit)
    # when the plan office opens a new order on it
    response = client_for(office).get(f"/supervision/plans/{task.document.pk}/orders/new/", {"task": task.pk})
    # then the proposed 督办事项 carries the full title, not the screen's shortened one
    issue = response.context["form"].initial["issue"]
    assert issue.startswith(f"任务（1）{LONG_TEXT.removeprefix('（1）')}：")
    assert "…" not in issue
