"""The policy-push pages as a tax officer walks them (desktop and a 390 px phone): policies with
take-up rates, a campaign's candidates, the push list, the opt-out register; screenshots kept in
test-artifacts/ (push_*.png)."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.core import clock
from gongzhi.credit.demo_push import load_push
from gongzhi.credit.models_push import PushCampaign

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _walk(browser, live_server, password, *, width: int, height: int, phone: bool) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("shuiwu")
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        campaign = PushCampaign.objects.order_by("pk").first()
        ARTIFACTS.mkdir(exist_ok=True)
        for name, url in (
            ("home", "/credit/push/"),
            ("campaign", f"/credit/push/campaigns/{campaign.pk}/"),
            ("list", "/credit/push/pushes/"),
            ("optouts", "/credit/push/optouts/"),
        ):
            page.goto(live_server.url + url)
            expect(page.locator("main, body").first).to_contain_text(
                "推送" if name != "optouts" else "不打扰"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
            page.screenshot(path=str(ARTIFACTS / f"push_{name}_{width}.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_push_pages_on_a_desktop_and_a_phone(browser, live_server, demo_world, demo_password):
    load_push(today=clock.today())
    _walk(browser, live_server, demo_password, width=1280, height=900, phone=False)
    _walk(browser, live_server, demo_password, width=390, height=844, phone=True)
