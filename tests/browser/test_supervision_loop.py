"""The whole supervision loop in a real browser (issue: office opens a round -> the 卫健 liaison
reports task (5) with an off-path 托位数 and evidence -> red warning with its reason -> order ->
answer -> closed), and another unit's liaison can neither see nor touch any of it."""

import datetime
import time

from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import SupervisionOrder, TaskReport

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 128


def _quarter(today: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    q = (today.month - 1) // 3 + 1
    start = datetime.date(today.year, 3 * q - 2, 1)
    end = datetime.date(today.year + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end, f"{today.year}年第{q}季度"


def _switch(page, login, username):
    page.goto(page.base_url + "/")
    if page.get_by_role("button", name="退出").count():
        page.get_by_role("button", name="退出").click()
    login(username)


def test_round_report_warning_order_loop(page, login, tmp_path):
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    today = timezone.localdate()
    start, end, label = _quarter(today)

    # the plan office opens a round
    login("fuer")
    page.goto(f"{page.base_url}/supervision/plans/{plan.pk}/rounds/")
    form = page.get_by_test_id("round-form")
    form.get_by_label("期间名称").fill(label)
    form.get_by_label("期间开始").fill(str(start))
    form.get_by_label("期间结束").fill(str(end))
    form.get_by_label("报送截止日期").fill(str(today + datetime.timedelta(days=7)))
    form.get_by_role("button", name="开启").click()
    expect(page.get_by_test_id("round-reports")).to_contain_text("区卫生健康局")

    # the 卫健 liaison fills task (5) with a value far below the path, attaches evidence, submits
    _switch(page, login, "weijian")
    started = time.monotonic()
    page.get_by_role("navigation").locator("a[href='/supervision/todo/']").click()
    page.get_by_test_id("todo").locator("tr", has_text=label).get_by_role("link", name="（5）").click()
    page.get_by_label("进展状态").select_option("in_progress")
    page.get_by_label("完成比例（%）").fill("60")
    page.get_by_label("工作进展").fill("新增普惠托位120个（测试）")
    page.get_by_label("每千人口3岁以下婴幼儿托位数（个）").fill("2.1")
    evidence = tmp_path / "托位统计表.png"
    evidence.write_bytes(PNG)
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("report-state")).to_have_text("已提交")
    print(
        f"\n[headline] a quarter's report, from the to-do list to submitted: {time.monotonic() - started:.2f} s"
    )
    report = TaskReport.objects.get(
        round__period_label=label, task__number="（5）", unit__name="区卫生健康局"
    )
    assert report.evidence.count() == 1

    # the office sees the report and the red warning with its reason, and issues an order
    _switch(page, login, "fuer")
    page.goto(f"{page.base_url}/supervision/reports/{report.pk}/")
    page.get_by_role("button", name="审核通过").click()
    page.goto(f"{page.base_url}/supervision/tasks/{report.task_id}/")
    expect(page.get_by_test_id("task-level").locator("[data-level]")).to_have_attribute("data-level", "red")
    expect(page.get_by_test_id("task-reason")).to_contain_text("每千人口3岁以下婴幼儿托位数")
    expect(page.get_by_test_id("task-reason")).to_contain_text("2.1")
    page.get_by_role("link", name="签发督办单").click()
    page.get_by_test_id("order-issue").click()
    expect(page.get_by_test_id("order-state")).to_have_text("待答复")
    order = SupervisionOrder.objects.filter(task=report.task).latest("created_at")

    # another unit's liaison can neither see the report nor the order
    _switch(page, login, "jiaoti")
    assert page.goto(f"{page.base_url}/supervision/reports/{report.pk}/").status == 404
    assert page.goto(f"{page.base_url}/supervision/orders/{order.pk}/").status == 404
    response = page.request.post(
        f"{page.base_url}/supervision/orders/{order.pk}/", form={"op": "answer", "answer": "x"}
    )
    assert response.status in (403, 404)

    # the unit answers
    _switch(page, login, "weijian")
    page.goto(f"{page.base_url}/supervision/orders/{order.pk}/")
    page.get_by_label("整改措施及成效").fill("已新增托育点两处，第三处年底前投用（测试）")
    page.get_by_test_id("order-answer-submit").click()
    expect(page.get_by_test_id("order-state")).to_have_text("已答复")

    # the office closes it
    _switch(page, login, "fuer")
    page.goto(f"{page.base_url}/supervision/orders/{order.pk}/")
    page.get_by_test_id("order-close").click()
    expect(page.get_by_test_id("order-state")).to_have_text("已办结")
    order.refresh_from_db()
    assert order.state == "closed" and "第三处" in order.answer
