"""The clerk's headline path, timed: from a document to an assigned plan.

Upload a small synthetic document, read and check every target on the review, confirm, set the
plan up (lead office, evaluator, monitoring start), generate its indicators and open its first
reporting round; nothing is overdue or red on day one. The time of the path is printed (no timed
assertion). Also the review on a phone (390 px): every box readable, nothing clipped.
Uses the demo data set (its registry, plan office and evaluator).
"""

import re
import time

from playwright.sync_api import expect

from gongzhi.core import clock
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import monitoring
from gongzhi.supervision.services import monitoring_settings


def _document(tmp_path, number: int):
    year = clock.today().year
    text = f"""示例区人民政府办公室
关于印发示例区托育服务提升方案的通知
示例政办字〔{year}〕{number}号
各街道办事处，区政府各部门：
现将《示例区托育服务提升方案》印发给你们。
示例区人民政府办公室
{year}年1月2日
示例区托育服务提升方案（演示文件，内容虚构）
一、重点任务
（一）扩大托位供给。到{year + 2}年，每千人口3岁以下婴幼儿托位数达到4.5个。（牵头单位：区卫生健康局）
（二）建设示范机构。到{year + 2}年，建成示范性托育机构不少于100家。（牵头单位：区卫生健康局）
"""
    path = tmp_path / "托育方案（演示）.txt"
    path.write_text(text, encoding="utf-8")
    return path, f"示例政办字〔{year}〕{number}号", year + 2


def _upload(page, path):
    page.goto(page.base_url + "/plans/")
    page.get_by_role("button", name="导入文件").click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_test_id("upload-submit").click()
    page.wait_for_url("**/review/0/", timeout=60_000)


def _readable(page, deadline_year: int):
    """Each target row: labelled boxes that show their whole value; the buttons inside the card."""
    forms = page.get_by_test_id("target-form")
    expect(forms).to_have_count(2)
    for form, value in zip(forms.all(), ("4.5", "100"), strict=True):
        for label, expected in (("目标值", value), ("期限年份", str(deadline_year))):
            box = form.get_by_label(label, exact=True)
            expect(box).to_have_value(expected)
            # the whole value fits: nothing scrolled out of sight inside the box
            assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), (label, expected)
            assert box.bounding_box()["width"] >= 48, label
        expect(form.get_by_label("计量单位", exact=True)).not_to_have_value("")
        card = form.locator("xpath=ancestor::*[@data-testid='task-card']").bounding_box()
        delete = form.get_by_role("button", name="删除目标").bounding_box()
        assert delete["x"] >= card["x"] and delete["x"] + delete["width"] <= card["x"] + card["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_from_a_document_to_an_assigned_plan(page, login, tmp_path):
    path, doc_number, deadline_year = _document(tmp_path, 31)
    login("fuer")
    started = time.perf_counter()
    _upload(page, path)
    _readable(page, deadline_year)
    page.get_by_test_id("confirm").click()

    # the set-up step follows the confirmation
    page.wait_for_url("**/setup/")
    document = PolicyDocument.objects.get(doc_number=doc_number)
    expect(page.get_by_test_id("setup-pending")).to_be_visible()
    expect(page.get_by_label("牵头办公室")).to_have_value(str(document.office_unit_id))
    expect(page.get_by_label("监测起算日期")).to_have_value(clock.today().isoformat())
    expect(page.get_by_test_id("next-indicators")).to_be_disabled()
    page.get_by_label("pinggu", exact=False).check()
    page.get_by_test_id("setup-save").click()
    expect(page.get_by_test_id("setup-start")).to_be_visible()

    page.get_by_test_id("next-indicators").click()
    expect(page.get_by_test_id("setup-indicators")).to_contain_text("已有2项监测指标")
    page.get_by_test_id("next-round").click()
    expect(page.get_by_test_id("setup-rounds")).to_contain_text("季度")
    elapsed = time.perf_counter() - started
    print(
        f"\ndocument to assigned plan (upload, review, confirm, set up, indicators, round): {elapsed:.1f} s"
    )

    document.refresh_from_db()
    assert document.set_up_at is not None
    assert [u.username for u in document.evaluators.all()] == ["pinggu"]
    assert monitoring_settings(document).start == clock.today()
    assert document.indicators.filter(active=True).count() == 2 and document.rounds.count() == 1
    # day one: nothing overdue, nothing red or yellow
    for state in monitoring.plan_status(plan=document):
        assert state.assessment.level not in ("red", "yellow"), state.assessment.reason
    page.get_by_test_id("setup-dashboard").click()
    expect(page.locator("body")).not_to_contain_text(re.compile(r"报送逾期\d+天"))


def test_the_review_is_readable_on_a_phone(page, login, tmp_path):
    path, _doc_number, deadline_year = _document(tmp_path, 32)
    login("fuer")
    page.set_viewport_size({"width": 390, "height": 844})
    _upload(page, path)
    _readable(page, deadline_year)
    expect(page.get_by_test_id("confirm")).to_be_visible()
