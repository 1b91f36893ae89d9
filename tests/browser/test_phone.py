"""On a 390 px phone: the navigation folds behind a 菜单 button and pages do not scroll sideways
(wide tables scroll inside their card)."""

from playwright.sync_api import expect

from gongzhi.plans.models import PolicyDocument


def test_a_phone_gets_a_menu_button_and_no_sideways_scrolling(
    browser, live_server, demo_world, demo_password
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("fuer")
        page.get_by_label("密码").fill(demo_password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        nav = page.locator("#gz-nav")
        expect(nav).to_be_hidden()
        page.get_by_test_id("menu-toggle").click()
        expect(nav.get_by_role("link", name="政策文件")).to_be_visible()
        plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
        for url in ("/", f"/supervision/plans/{plan.pk}/", f"/plans/{plan.pk}/", "/supervision/todo/"):
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    finally:
        context.close()


def test_list_tables_become_labelled_blocks_on_a_phone(browser, live_server, demo_world, demo_password):
    """The order list, the rounds and a round's reports, the indicators, the plans, the to-do list
    and the lead list: rows are labelled blocks, nothing scrolls sideways."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill("admin")
        page.get_by_label("密码").fill(demo_password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        child = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
        tax = PolicyDocument.objects.get(doc_number="周政办字〔2023〕10号")
        last_round = child.rounds.order_by("-period_end").first()
        urls = {  # url -> whether it holds a list table
            "/supervision/orders/": True,
            f"/supervision/plans/{child.pk}/rounds/": True,
            f"/supervision/rounds/{last_round.pk}/": True,
            f"/supervision/plans/{child.pk}/indicators/": True,
            f"/supervision/plans/{tax.pk}/": False,
            "/plans/": True,
            "/supervision/todo/": False,
            "/taxrisk/leads/": True,
        }
        for url, has_list in urls.items():
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            stacked = page.locator("table.gz-stack")
            assert stacked.count() or not has_list, url
            if stacked.count():
                expect(stacked.first.locator("thead")).to_be_hidden()
                cell = stacked.first.locator("td[data-label]").first
                label = cell.evaluate("td => getComputedStyle(td, '::before').content")
                assert label.endswith('："'), (url, label)
    finally:
        context.close()
