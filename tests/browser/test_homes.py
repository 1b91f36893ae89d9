"""Each role's home page in Chromium: what it acts on first, the to-do heading in view on a
390×844 phone, and a batch accept from the plan office's inbox. Uses the demo data set."""

from playwright.sync_api import expect

from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import TaskReport

# demo user -> the home page section its role acts on
SECTIONS = {
    "lingdao": "alerts",
    "fuer": "inbox",
    "gongzhi": "cogov",
    "weijian": "due",
    "shuiwu": "leads",
    "pinggu": "evaluator",
    "admin": "jobs",
}


def _log_in(page, base_url, username, password):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base_url + "/")


def test_each_role_lands_on_its_own_home_and_a_phone_shows_the_to_do_heading(
    browser, live_server, demo_world, demo_password
):
    for width, height in ((1280, 900), (390, 844)):
        for username, section in SECTIONS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=width < 768, locale="zh-CN"
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                _log_in(page, live_server.url, username, demo_password)
                heading = page.get_by_test_id("todo-heading")
                expect(heading).to_have_text("我的待办")
                expect(heading).to_be_in_viewport()  # without scrolling, on the phone too
                expect(page.get_by_test_id(section)).to_be_attached()
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (username, width)
                if username == "lingdao":
                    # the red list names each task's lead unit
                    first = page.get_by_test_id("alert").first
                    expect(first.locator("[data-level=red]")).to_be_visible()
                    expect(first.get_by_test_id("alert-lead")).not_to_have_text("—")
                if username == "weijian":
                    expect(page.get_by_test_id("due-item").first).to_be_visible()
            finally:
                context.close()


def test_the_plan_office_accepts_two_reports_at_once(page, login):
    login("fuer")
    inbox = page.get_by_test_id("inbox")
    rows = inbox.get_by_test_id("inbox-row")
    expect(rows.first).to_be_visible()
    ids = [int(rows.nth(i).locator("input[name=report]").get_attribute("value")) for i in range(2)]
    assert set(TaskReport.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        ReportState.SUBMITTED
    }
    for i in range(2):
        rows.nth(i).locator("input[name=report]").check()
    inbox.get_by_role("button", name="批量通过").click()
    expect(page.get_by_role("alert")).to_contain_text("已批量审核通过2份报告")
    assert set(TaskReport.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        ReportState.ACCEPTED
    }
    # the accepted reports left the inbox
    for report_id in ids:
        expect(page.locator(f"input[name=report][value='{report_id}']")).to_have_count(0)
