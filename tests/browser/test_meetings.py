"""The co-governance office (demo user gongzhi) runs the second joint meeting: it reads the follow-up
of the first meeting's decisions, adds a decision, marks the meeting held, approves the minutes
(the decision becomes a supervised task it can open) and downloads the 会议纪要; on a 390 px phone
the meeting page's tables are labelled blocks and nothing scrolls sideways."""

import datetime
from pathlib import Path

from playwright.sync_api import expect

from gongzhi.core import clock
from gongzhi.meetings.models import Meeting

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _login(page, base: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("用户名").fill("gongzhi")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/")


def test_the_office_holds_the_next_meeting_and_its_decision_becomes_a_task(
    browser, live_server, demo_world, demo_password
):
    ARTIFACTS.mkdir(exist_ok=True)
    first, second = Meeting.objects.order_by("date", "pk")
    errors: list[str] = []
    for width, height, phone in ((1280, 900, False), (390, 844, True)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
        )
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_default_timeout(10_000)
        try:
            _login(page, live_server.url, demo_password)
            page.goto(live_server.url + "/meetings/")
            meetings = page.get_by_test_id("meeting-list")
            expect(meetings).to_contain_text(str(first))
            meetings.get_by_role("link", name=str(second)).click()  # the next one, still planned
            follow = page.get_by_test_id("follow-ups")
            expect(follow).to_be_visible()
            expect(follow.locator('tr[data-level="red"]')).to_have_count(1)
            expect(follow).to_contain_text("督办〔")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(ARTIFACTS / f"meetings-next-{width}.png"), full_page=True)
            if phone:
                expect(follow.locator("thead")).to_be_hidden()
                label = follow.locator("td[data-label]").first.evaluate(
                    "td => getComputedStyle(td, '::before').content"
                )
                assert label.endswith('："'), label
                continue
            # add a decision, hold the meeting, approve the minutes
            page.get_by_text("增加议定事项").click()
            form = page.get_by_test_id("decision-form")
            form.get_by_label("议定事项").fill("（演示数据）区财政局牵头完善考核办法，报领导小组审定。")
            form.get_by_label("牵头单位").select_option(label="区财政局")
            deadline = clock.today() + datetime.timedelta(days=30)
            form.get_by_label("完成时限").fill(deadline.isoformat())
            form.get_by_role("button", name="增加").click()
            expect(page.get_by_test_id("decisions")).to_contain_text("完善考核办法")
            page.get_by_role("button", name="会议已召开").click()
            expect(page.get_by_test_id("meeting-status")).to_have_text("已召开")
            page.get_by_test_id("approve").click()
            expect(page.get_by_test_id("meeting-status")).to_have_text("纪要已签发")
            with page.expect_download() as download:
                page.get_by_test_id("minutes-docx").click()
            assert download.value.suggested_filename.endswith("联席会议纪要.docx")
            page.get_by_test_id("decisions").get_by_role("link", name="完善考核办法").click()
            expect(page.get_by_test_id("task-level")).to_be_visible()
            expect(page.get_by_role("link", name="签发督办单")).to_be_visible()
        finally:
            context.close()
    assert errors == []
