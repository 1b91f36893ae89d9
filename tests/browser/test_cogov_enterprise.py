"""An enterprise request, end to end (一站式快速服务通道): on a 390×844 phone an enterprise (no login)
files a request with its credit code and gets a receipt number; the co-governance office (gongzhi)
routes it to the tax bureau (主办) and the health bureau (协办); both units answer their part; the
lead unit closes it with the reply; the enterprise finds the reply on the status page by receipt
number and credit code and rates it; the office sees the rating and the counts."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.cogov.models_enterprise import EnterpriseRequest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
USCC = "5137030660181590XN"  # synthetic, valid check character
CONTENT = "新建厂房需要办理不动产登记和缴纳契税，希望多部门一次办好（浏览器测试）"


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_request_is_routed_answered_by_two_units_closed_and_rated(browser, live_server, signed_in):
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    errors: list[str] = []

    # the enterprise, on a phone, without login: a wrong check character first, then the right code
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/public/enterprise/")
    form = page.get_by_test_id("enterprise-public-form")
    form.get_by_label("统一社会信用代码").fill(USCC[:17] + "Y")
    form.get_by_label("企业名称").fill("浏览器测试企业（演示）")
    form.get_by_label("联系人").fill("联系人（演示）")
    form.get_by_label("联系电话").fill("13912345678")
    form.get_by_label("诉求类型").select_option(label="审批办理")
    form.get_by_label("诉求内容").fill(CONTENT)
    _fits(page)
    page.get_by_test_id("enterprise-submit").click()
    expect(page.get_by_test_id("error-uscc")).to_contain_text("校验位不正确")
    page.get_by_test_id("enterprise-public-form").get_by_label("统一社会信用代码").fill(USCC)
    page.get_by_test_id("enterprise-submit").click()
    receipt = page.get_by_test_id("receipt-no").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "enterprise-receipt-390.png"), full_page=True)
    request = EnterpriseRequest.objects.get(receipt_no=receipt)
    assert (request.uscc, request.channel, request.content) == (USCC, "public", CONTENT)
    status_url = f"{base}/public/enterprise/status/?receipt_no={receipt}&uscc={USCC}"
    page.goto(status_url)
    expect(page.get_by_test_id("status-state")).to_have_text("待分办")
    context.close()

    # the office routes it: the tax bureau leads, the health bureau helps
    office = signed_in("gongzhi")
    office.goto(base + "/cogov/enterprise/?status=new")
    office.get_by_test_id("enterprise-list").get_by_role("link", name=receipt).click()
    expect(office.get_by_test_id("enterprise-content")).to_contain_text(CONTENT)
    expect(office.get_by_test_id("enterprise-contact")).to_contain_text("13912345678")
    route = office.get_by_test_id("route-form")
    route.get_by_label("主办单位").select_option(label="区税务局")
    route.get_by_label("协办单位").select_option(label="区卫生健康局")
    route.get_by_role("button", name="分办").click()
    expect(office.get_by_test_id("enterprise-state")).to_have_text("办理中")
    parts = office.get_by_test_id("enterprise-parts")
    expect(parts.locator('tr[data-unit="区税务局"]')).to_contain_text("主办")
    expect(parts.locator('tr[data-unit="区卫生健康局"]')).to_contain_text("协办")

    # the health bureau answers its part on a phone
    health = signed_in("weijian", width=390, height=844)
    health.goto(base + "/cogov/enterprise/")
    health.get_by_test_id("enterprise-due").get_by_role("link", name=f"答复企业诉求{receipt}（协办）").click()
    expect(health.get_by_test_id("close-form")).to_have_count(0)  # a co-unit does not close
    answer = health.get_by_test_id("answer-form")
    answer.get_by_label("答复意见").fill("已核实不动产登记材料，可在政务服务中心一窗办理（卫健局协办）")
    answer.get_by_role("button", name="提交答复").click()
    expect(health.locator('tr[data-unit="区卫生健康局"]')).to_contain_text("按期")
    expect(health.get_by_test_id("enterprise-state")).to_have_text("办理中")  # partly answered
    assert health.fits_the_screen()
    health.shot("enterprise-answer")

    # the tax bureau answers, then closes it with the reply to the enterprise
    tax = signed_in("shuiwu")
    tax.goto(f"{base}/cogov/enterprise/{request.pk}/")
    answer = tax.get_by_test_id("answer-form")
    answer.get_by_label("答复意见").fill("契税可在不动产登记窗口一并申报缴纳，已安排专人辅导")
    answer.get_by_role("button", name="提交答复").click()
    expect(tax.get_by_test_id("enterprise-state")).to_have_text("待办结")
    close = tax.get_by_test_id("close-form")
    close.get_by_label("答复企业").fill("不动产登记和契税缴纳已安排在政务服务中心一窗办理，专人全程辅导。")
    close.get_by_role("button", name="办结").click()
    expect(tax.get_by_test_id("enterprise-state")).to_have_text("已办结")
    expect(tax.get_by_test_id("enterprise-reply")).to_contain_text("一窗办理")

    # the enterprise reads the reply and rates it: no personal data on the status page
    context, page = _phone(browser)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/public/enterprise/status/")
    status = page.get_by_test_id("status-form")
    status.get_by_label("受理编号").fill(receipt)
    status.get_by_label("统一社会信用代码").fill(USCC.lower())
    status.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("status-state")).to_have_text("已办结")
    expect(page.get_by_test_id("status-reply")).to_contain_text("专人全程辅导")
    assert "13912345678" not in page.content() and "联系人（演示）" not in page.content()
    rate = page.get_by_test_id("public-rate-form")
    rate.get_by_label("基本满意").check()
    rate.get_by_label("评价意见").fill("办理较快")
    page.get_by_test_id("public-rate-submit").click()
    expect(page.get_by_test_id("status-satisfaction")).to_have_text("基本满意")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "enterprise-status-390.png"), full_page=True)
    context.close()

    # the office sees the rating, and the request among the counts
    office.goto(f"{base}/cogov/enterprise/{request.pk}/")
    expect(office.get_by_test_id("enterprise-satisfaction")).to_contain_text("基本满意（企业自评")
    expect(office.get_by_test_id("rate-form")).to_have_count(0)
    office.goto(base + "/cogov/enterprise/stats/")
    expect(office.get_by_test_id("stats-unit").locator('tr[data-unit="区税务局"]')).to_be_visible()
    request.refresh_from_db()
    assert (request.state, request.satisfaction, request.rating_source) == ("closed", "basic", "public")
    assert request.units.filter(answered_on__isnull=False).count() == 2
    assert errors == [] and office.errors == [] and health.errors == [] and tax.errors == []
