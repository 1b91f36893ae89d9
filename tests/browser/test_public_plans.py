"""On a 390 px phone: the public plan page opens without a login, draws its charts (no inline
script: the CSP holds), shows no ID number and does not scroll sideways; the office's funding
page and the evaluator's bundle page fit too."""

import re

from playwright.sync_api import expect

from gongzhi.plans.models import PolicyDocument

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_citizen_reads_the_plan_on_a_phone(browser, live_server, demo_world):
    context, page = _phone(browser)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(live_server.url + "/public/plans/")
        page.get_by_test_id("public-plans").get_by_role("link").first.click()
        expect(page.get_by_test_id("public-indicators").first).to_be_visible()
        expect(page.get_by_test_id("public-case").first).to_be_visible()
        expect(page.locator(".gz-chart canvas").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not ID_NUMBER.search(page.content())
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        context.close()


def test_funding_and_bundle_pages_fit_a_phone(browser, live_server, demo_world, demo_password):
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    for username, url, testid in (
        ("fuer", f"/supervision/plans/{plan.pk}/funding/", "funding-table"),
        ("pinggu", f"/supervision/plans/{plan.pk}/bundle/", "bundle-build"),
    ):
        context, page = _phone(browser)
        try:
            page.goto(live_server.url + "/accounts/login/")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(demo_password)
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(live_server.url + "/")
            page.goto(live_server.url + url)
            expect(page.get_by_test_id(testid)).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        finally:
            context.close()
