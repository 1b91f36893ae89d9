"""The data-quality page as the co-governance office (demo user gongzhi) reads it: per-unit rates,
each unit's problems in one paragraph, the notice draft and its Word download; on a 390 px phone
the tables are labelled blocks and nothing scrolls sideways."""

from playwright.sync_api import expect


def _login(page, base: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("用户名").fill("gongzhi")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/")


def test_the_office_reads_the_quality_page_and_downloads_the_notice(
    browser, live_server, demo_world, demo_password
):
    for width, height, phone in ((1280, 900, False), (390, 844, True)):
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            _login(page, live_server.url, demo_password)
            page.goto(live_server.url + "/exchange/quality/")
            units = page.get_by_test_id("quality-units")
            expect(units).to_be_visible()
            expect(page.get_by_test_id("on-time-rate")).to_contain_text("%")
            first = page.get_by_test_id("quality-problem-unit").first
            expect(first).to_contain_text("：")
            notice = page.get_by_test_id("notice-draft")
            expect(notice).to_contain_text("涉税数据报送情况的通报")
            expect(notice).to_contain_text("整改要求")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if phone:
                expect(units.locator("thead")).to_be_hidden()
                label = units.locator("td[data-label]").first.evaluate(
                    "td => getComputedStyle(td, '::before').content"
                )
                assert label.endswith('："'), label
            else:
                with page.expect_download() as download:
                    page.get_by_test_id("notice-docx").click()
                assert download.value.suggested_filename.endswith(".docx")
                units.get_by_role("link").first.click()  # one unit: its period-by-period table
                expect(page.get_by_test_id("quality-cells")).to_be_visible()
        finally:
            context.close()
