"""An important matter, end to end (重要事项及时报告): on a 390×844 phone the health bureau's liaison
(weijian) files an urgent data-sharing matter with a PDF; the co-governance office (gongzhi) finds it
waiting for acknowledgement, acknowledges it and closes it with the result; the liaison sees it closed."""

from pathlib import Path

from playwright.sync_api import expect

from gongzhi.cogov.models_matters import ImportantMatter

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "医保结算数据接口中断，本月数据无法按时报送（浏览器测试）"


def test_a_liaison_files_a_matter_on_a_phone_and_the_office_acknowledges_and_closes_it(signed_in, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = tmp_path / "情况说明.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")

    phone = signed_in("weijian", width=390, height=844)
    phone.goto(phone.base_url + "/cogov/matters/")
    phone.get_by_test_id("matter-new").click()
    form = phone.get_by_test_id("matter-form")
    form.get_by_label("事项名称").fill(TITLE)
    form.get_by_label("事项类别").select_option(label="数据共享问题")
    form.get_by_label("紧急程度").select_option(label="紧急")
    form.get_by_label("事实情况").fill("接口中断，预计延迟3个工作日报送（浏览器测试）。")
    form.get_by_label("附件（可多选）").set_input_files(str(pdf))
    assert phone.fits_the_screen()
    phone.get_by_test_id("matter-submit").click()
    expect(phone.get_by_test_id("matter-state")).to_have_text("待签收")
    expect(phone.locator("body")).to_contain_text("情况说明.pdf")
    assert phone.fits_the_screen()
    phone.shot("cogov-matter-filed")
    matter = ImportantMatter.objects.get(title=TITLE)
    assert matter.unit.name == "区卫生健康局" and matter.urgency == "urgent"
    assert matter.attachments.count() == 1

    office = signed_in("gongzhi")
    office.goto(office.base_url + "/cogov/matters/?state=filed")
    office.get_by_role("link", name=TITLE).click()
    office.get_by_test_id("matter-acknowledge").click()
    expect(office.get_by_test_id("matter-state")).to_have_text("已签收")
    office.get_by_label("办结情况").fill("已协调医保分局恢复接口，数据已补报（浏览器测试）。")
    office.get_by_test_id("matter-close").click()
    expect(office.get_by_test_id("matter-state")).to_have_text("已办结")
    expect(office.get_by_test_id("matter-result")).to_contain_text("数据已补报")
    matter.refresh_from_db()
    assert matter.state == "closed" and matter.acknowledged_on and matter.closed_on

    phone.reload()
    expect(phone.get_by_test_id("matter-state")).to_have_text("已办结")
    assert phone.fits_the_screen()
    assert phone.errors == [] and office.errors == []
