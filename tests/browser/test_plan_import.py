"""A plan office imports a document in the browser: upload, review, fix a unit, confirm."""

from playwright.sync_api import expect

from gongzhi.plans.models import PolicyDocument

SYNTHETIC = """示例区人民政府办公室
关于印发示例区托育服务提升方案的通知
示例政办字〔2024〕9号
各街道办事处，区政府各部门：
现将《示例区托育服务提升方案》印发给你们。
示例区人民政府办公室
2024年4月1日
示例区托育服务提升方案（演示文件，内容虚构）
一、重点任务
（一）扩大托位供给。到2025年，每千人口3岁以下婴幼儿托位数达到4.5个。（牵头单位：区卫生健康局）
（二）建设示范机构。到2025年，建成示范性托育机构不少于3家。（牵头单位：示例区托育指导中心）
"""


def test_upload_review_and_confirm_a_plan(page, login, tmp_path):
    source = tmp_path / "托育方案.txt"
    source.write_text(SYNTHETIC, encoding="utf-8")
    login("fuer")
    page.get_by_role("navigation").locator("a[href='/plans/']").click()
    page.get_by_role("button", name="导入文件").click()
    page.locator("input[type=file]").set_input_files(str(source))
    page.get_by_test_id("upload-submit").click()
    page.wait_for_url("**/review/0/")
    expect(page.get_by_test_id("review-summary")).to_contain_text("2项任务")
    expect(page.get_by_test_id("unknown-count")).to_contain_text("1")
    expect(page.get_by_test_id("source-text").locator(".gz-src-target").first).to_be_visible()
    assert not PolicyDocument.objects.filter(doc_number="示例政办字〔2024〕9号").exists()
    expect(page.get_by_test_id("confirm")).to_be_disabled()

    row = page.locator("tr[data-unit-name='示例区托育指导中心']")
    row.get_by_label("处理方式").select_option("create")
    row.get_by_label("新建单位的类别").select_option("other")
    row.get_by_role("button", name="确定").click()
    expect(page.get_by_test_id("confirm")).to_be_enabled()
    page.get_by_test_id("confirm").click()

    # the set-up step follows (tests/browser/test_plan_setup.py walks it); the plan page offers it
    page.wait_for_url("**/setup/")
    page.get_by_role("link", name="示例区托育服务提升方案").click()
    expect(page.get_by_test_id("setup-banner")).to_be_visible()
    expect(page.get_by_test_id("plan-title")).to_contain_text("托育服务提升方案")
    expect(page.get_by_test_id("plan-task")).to_have_count(2)
    expect(page.get_by_test_id("plan-tree")).to_contain_text("示例区托育指导中心")
    document = PolicyDocument.objects.get(doc_number="示例政办字〔2024〕9号")
    assert document.nodes.tasks().count() == 2


def test_a_scanned_pdf_is_refused_with_a_reason(page, login, tmp_path):
    scanned = tmp_path / "扫描件.pdf"
    scanned.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF"
    )
    login("fuer")
    page.goto(page.base_url + "/plans/")
    page.get_by_role("button", name="导入文件").click()
    page.locator("input[type=file]").set_input_files(str(scanned))
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("import-error")).to_contain_text("未保存任何内容")
