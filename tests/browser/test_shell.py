"""The UI shell in a real browser: login, unit search by alias, the leading group, scope."""

import re

from playwright.sync_api import expect

from gongzhi.org.models import Unit


def test_login_shows_the_dashboard_and_logout(page, login):
    page.goto(page.base_url + "/")
    assert "/accounts/login/" in page.url  # anonymous: sent to log in
    login("admin")
    expect(page.get_by_test_id("current-user")).to_contain_text("周村区人民政府办公室")
    expect(page.get_by_test_id("unit-count")).to_have_text(str(Unit.objects.count()))
    expect(page.get_by_role("link", name="审计日志")).to_be_visible()
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def test_wrong_password_is_explained(page):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("用户名").fill("weijian")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")


def test_search_a_unit_by_its_alias(page, login):
    login("weijian")
    page.get_by_role("navigation").locator("a[href='/org/units/']").click()
    page.get_by_role("searchbox").or_(page.get_by_placeholder(re.compile("按名称"))).first.fill("区医保分局")
    page.get_by_role("button", name="搜索").click()
    results = page.get_by_test_id("unit-results")
    expect(results).to_contain_text("区医疗保障分局")
    results.get_by_role("link", name="区医疗保障分局").click()
    expect(page.get_by_test_id("unit-name")).to_have_text("区医疗保障分局")
    expect(page.get_by_test_id("unit-aliases")).to_contain_text("区医保分局")


def test_view_the_leading_group(page, login):
    login("gongzhi")
    page.get_by_role("navigation").get_by_role("link", name="议事协调机构").click()
    page.get_by_role("link", name="周村区税费协同共治领导小组").click()
    expect(page.get_by_test_id("member-count")).to_contain_text("32")
    expect(page.get_by_test_id("members-组长")).to_contain_text("贺迎东")
    expect(page.get_by_test_id("members-副组长")).to_contain_text("赵谦")
    expect(page.get_by_test_id("members-成员").locator("tbody tr")).to_have_count(29)
    expect(page.get_by_text("吴振峰同志兼任办公室主任")).to_be_visible()


def test_a_liaison_is_denied_another_units_workspace(page, login):
    own = Unit.objects.get(name="区卫生健康局")
    other = Unit.objects.get(name="区教育和体育局")
    login("weijian")
    page.goto(f"{page.base_url}/org/units/{own.pk}/workspace/")
    expect(page.get_by_test_id("workspace-title")).to_contain_text("区卫生健康局")
    response = page.goto(f"{page.base_url}/org/units/{other.pk}/workspace/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在或无权访问")).to_be_visible()
    expect(page.get_by_text("区教育和体育局 · 单位工作台")).to_have_count(0)
    # and the API says the same for the job list of another unit
    page.goto(f"{page.base_url}/org/units/{other.pk}/")
    expect(page.get_by_role("link", name="单位工作台")).to_have_count(0)
