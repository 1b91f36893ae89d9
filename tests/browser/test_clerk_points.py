"""The ten points of issue 11 (the clerk's path), each checked in Chromium as the people who
complained would see it: an upload and a tax-risk run that end on their result by themselves, a
lead page in plain Chinese that takes 1,616,772.74, the dashboard and the round's .docx counting
alike, no raw codes on the pages a walk reaches, the smaller points (65%, .doc evidence, the Excel
template, the dispatch date's label, the favicon), and the evaluator kept out of another plan.
Points 3, 4, 6 and 7 have their own modules (test_plan_setup, test_homes, test_phone).

Uses the demo data set. Times of the paths walked are printed (`-s`), never asserted."""

import io
import re
import time
from decimal import Decimal

import factories
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect
from supervision.test_report_values import ole2
from test_no_raw_codes import raw_codes

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.roles import Role
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import monitoring
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Evidence, Indicator, IndicatorValue, ReportingRound, TaskReport
from gongzhi.taxrisk.models import Lead, RiskRule, RiskRun

CHILD_PLAN = "周政办字〔2023〕8号"  # the demo's child-friendly plan: pinggu is its evaluator
TAX_PLAN = "周政办字〔2023〕10号"  # not assigned to pinggu

MESSY = (
    "施工许可证编号,项目名称,建设单位统一社会信用代码,施工单位统一社会信用代码,合同金额（元）,发证日期\n"
    'SG-TEST-101,示例厂房（测试）,,91370306MA3C8XKX1N,"1,200,000.00",2025-03-02\n'
    "SG-TEST-102,示例仓库（测试）,,91370306MA3C8XKX1X,abc,2025-02-30\n"
)


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _hold_requests(page) -> None:
    """Requests the page makes reach the live server only while the test drives Playwright: while
    the test runs a job (the worker's part, on the same SQLite connection), the page's polls wait
    in the browser."""
    page.route("**/*", lambda route: route.continue_())


def _main_text(page) -> str:
    return page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")


# --- point 1: uploads and runs end on their result ------------------------------------------------


def test_a_queued_upload_shows_queued_then_its_verdict_by_itself(page, login, worker, tmp_path):
    clerk = factories.UserFactory(role=Role.LIAISON, unit=Unit.objects.get(name="区住房城乡建设局"))
    upload = tmp_path / "施工许可（排队测试）.csv"
    upload.write_text(MESSY, encoding="utf-8")
    errors = _console_errors(page)
    _hold_requests(page)
    login(clerk.username, factories.PASSWORD)

    page.goto(f"{page.base_url}/exchange/datasets/construction_permit/")
    page.get_by_label("报送期间").fill("2025-03")
    page.get_by_label("数据文件（.csv 或 .xlsx）").set_input_files(str(upload))
    page.get_by_test_id("submit-data").click()

    # the request ran nothing: the page says so, with a progress bar
    state = page.get_by_test_id("submission-state")
    expect(state).to_have_text("排队中")
    expect(page.get_by_role("progressbar")).to_be_visible()
    submission = Submission.objects.filter(dataset__code="construction_permit", unit=clerk.unit).latest("pk")
    assert submission.state == "queued" and submission.job.state == "queued"
    url = page.url
    page.wait_for_timeout(1500)  # a poll or two while queued

    started = time.monotonic()
    worker(submission.job_id)

    # the verdict comes on the same page without a reload by the test
    submission.refresh_from_db()
    assert submission.state not in ("queued", "validating")
    expect(state).to_have_text(submission.get_state_display(), timeout=15_000)
    elapsed = time.monotonic() - started
    expect(page.get_by_test_id("submission-errors")).to_contain_text("合同金额")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    assert page.url == url
    assert not [e for e in errors if "targetError" in e], errors
    assert errors == []
    print(
        f"\n[headline] messy upload, from the worker taking the job to the verdict on the page: {elapsed:.2f} s"
    )


def test_a_queued_tax_risk_run_shows_queued_then_its_leads(page, login, worker):
    errors = _console_errors(page)
    _hold_requests(page)
    login("gongzhi")
    page.goto(page.base_url + "/taxrisk/runs/")
    page.get_by_label("规则（不选为全部启用规则）").select_option(["R01", "R04"])
    page.get_by_role("button", name="运行", exact=True).click()
    page.wait_for_url(re.compile(r"/taxrisk/runs/\d+/$"))
    run = RiskRun.objects.latest("pk")
    assert run.state == "queued" and run.job.state == "queued"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("排队中")
    expect(page.locator("main")).to_contain_text("疑点0条")
    page.wait_for_timeout(1500)  # a poll or two while queued

    started = time.monotonic()
    worker(run.job_id)

    run.refresh_from_db()
    assert run.state == "done" and run.lead_count > 0
    expect(heading).to_contain_text("已完成", timeout=15_000)
    expect(page.locator("main")).to_contain_text(f"疑点{run.lead_count}条")
    expect(page.locator("main")).to_contain_text("R04")
    assert errors == []
    print(
        f"\n[headline] risk run (R01, R04), from the worker taking the job to its leads on the page: "
        f"{time.monotonic() - started:.2f} s"
    )


# --- point 2: the lead page for people --------------------------------------------------------------

YAML_KEYS = re.compile(r"\b(code|severity|params|edges|tax_estimate|datasets):")
ENGLISH_STATES = re.compile(r"\b(new|dispatched|verifying|confirmed|dismissed)\b")
BARE_AMOUNT = re.compile(r"(?<![\d,])\d{4,}\.\d+")  # 1616772.74 or 486422.728000000


def _reads_for_people(page) -> str:
    text = _main_text(page)
    assert not YAML_KEYS.findall(text), YAML_KEYS.findall(text)
    assert not ENGLISH_STATES.findall(text), ENGLISH_STATES.findall(text)
    assert not BARE_AMOUNT.findall(text), BARE_AMOUNT.findall(text)
    return text


def test_the_lead_page_reads_in_chinese_and_takes_an_amount_with_separators(signed_in):
    lead = Lead.objects.filter(rule__code="R04", status="new").exclude(evidence=[]).order_by("pk").first()
    assert lead is not None and lead.tax_at_risk >= 1000
    office = signed_in("gongzhi")
    started = time.monotonic()
    office.goto(f"{office.base_url}/taxrisk/leads/{lead.pk}/")
    text = _reads_for_people(office)
    assert f"{lead.tax_at_risk:,.2f}" in text
    # the evidence row itself, with the demand list's field names
    evidence = office.get_by_test_id("evidence").first
    expect(evidence).to_contain_text("施工许可证编号")
    expect(evidence).to_contain_text("合同金额（元）")
    expect(office.locator("main")).to_contain_text("风险税额的估算")
    form = office.locator("form", has=office.get_by_test_id("dispatch"))
    form.get_by_label("派给税务核查员").select_option(str(User.objects.get(username="shuiwu").pk))
    office.get_by_test_id("dispatch").click()
    expect(office.get_by_test_id("lead-status")).to_have_text("已派发")
    _reads_for_people(office)

    officer = signed_in("shuiwu")
    officer.goto(f"{officer.base_url}/taxrisk/leads/{lead.pk}/")
    officer.get_by_role("button", name="开始核实").click()
    expect(officer.get_by_test_id("lead-status")).to_have_text("核实中")
    confirm = officer.locator("form", has_text="确认（查补入库）")
    confirm.get_by_label("查补税款").fill("1,616,772.74")
    confirm.get_by_label("入库日期").fill(clock.today().isoformat())
    confirm.get_by_label("入库期间").fill(f"{clock.today():%Y-%m}")
    confirm.get_by_role("button", name="确认").click()

    # stored, and the page says so in words, the amount with its separators
    expect(officer.get_by_test_id("lead-status")).to_have_text("已确认")
    expect(officer.locator("main")).to_contain_text("查补税款1,616,772.74元")
    _reads_for_people(officer)
    print(
        f"\n[headline] a lead from its page to dispatched, verified and confirmed (two users): "
        f"{time.monotonic() - started:.2f} s"
    )
    lead.refresh_from_db()
    assert lead.status == "confirmed" and lead.recovered_tax == Decimal("1616772.74")


# --- point 5: one level per task, counted alike -------------------------------------------------------


def _docx_counts(body: bytes) -> dict[str, int]:
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    found = re.search(r"进展正常(\d+)项，预警(\d+)项，严重滞后(\d+)项，暂无法判断(\d+)项", text)
    assert found, text[:500]
    return dict(zip(("green", "yellow", "red", "grey"), map(int, found.groups()), strict=True))


def test_the_dashboard_and_the_round_report_count_alike_and_done_but_red_says_why(signed_in):
    plan = PolicyDocument.objects.get(doc_number=CHILD_PLAN)
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    office = signed_in("fuer")
    office.goto(f"{office.base_url}/supervision/plans/{plan.pk}/")
    shown = {
        level: int(office.get_by_test_id(f"count-{level}").inner_text())
        for level in ("green", "yellow", "red", "grey")
    }
    assert sum(shown.values()) > 0 and shown["red"] > 0

    office.goto(f"{office.base_url}/supervision/rounds/{round_.pk}/")
    with office.expect_download() as download:
        office.get_by_role("link", name="进展报告（Word）").click()
    assert _docx_counts(download.value.path().read_bytes()) == shown

    # a task reported 已完成 that is still red says why, on its own page
    done_red = next(
        s
        for s in monitoring.plan_status(plan=plan)
        if s.status_label == "已完成" and s.assessment.level == "red"
    )
    office.goto(f"{office.base_url}/supervision/tasks/{done_red.task.pk}/")
    level = office.get_by_test_id("task-level")
    expect(level.locator("[data-level]").first).to_have_attribute("data-level", "red")
    expect(level).to_contain_text("已完成")
    expect(office.get_by_test_id("task-reason")).to_contain_text("进展报告为“已完成”，但仍判为严重：")


# --- point 8: no raw identifiers ----------------------------------------------------------------------


def test_the_pages_of_a_walk_show_no_raw_codes(signed_in):
    plan = PolicyDocument.objects.get(doc_number=CHILD_PLAN)
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    indicators = Indicator.objects.filter(plan=plan).exclude(kind="milestone").order_by("pk")[:3]
    walks = {
        "fuer": [
            f"/supervision/plans/{plan.pk}/indicators/",
            *[f"/supervision/indicators/{i.pk}/" for i in indicators],
            f"/supervision/plans/{plan.pk}/rounds/",
            f"/supervision/rounds/{round_.pk}/",
        ],
        "gongzhi": ["/exchange/", "/taxrisk/leads/", "/taxrisk/rules/", "/jobs/"],
        "admin": ["/audit/", "/jobs/"],
    }
    problems: dict[str, list[str]] = {}
    for username, urls in walks.items():
        page = signed_in(username)
        for url in urls:
            response = page.goto(page.base_url + url)
            assert response.status == 200, (username, url)
            if found := raw_codes(re.sub(r"\s+", " ", _main_text(page))):
                problems[f"{username} {url}"] = found[:3]
        assert page.errors == [], page.errors
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())

    # the leads list names each rule and each industry, not their codes alone
    office = signed_in("gongzhi")
    office.goto(office.base_url + "/taxrisk/leads/")
    rows = office.locator("main tbody tr")
    expect(rows.first).to_be_visible()
    names = dict(RiskRule.objects.values_list("code", "name"))
    industries = [c for c in office.locator("main td[data-label=行业]").all_inner_texts() if c.strip()]
    assert industries and all(re.fullmatch(r"[A-T]\d{2,4} \S+", c.strip()) for c in industries), industries
    for rule in office.locator("main td[data-label=规则]").all_inner_texts():
        code, _, name = rule.strip().partition(" ")
        assert name == names[code], rule


# --- point 9: the smaller points ----------------------------------------------------------------------


def test_a_report_takes_65_percent_and_a_doc_file(page, login, tmp_path):
    # a liaison's draft report on a task with a rate indicator (synthetic: the demo's rates are reported)
    liaison = factories.UserFactory()
    report = factories.TaskReportFactory(unit=liaison.unit, state="draft")
    indicator = factories.IndicatorFactory(
        plan=report.round.plan,
        task=report.task,
        reporting_unit=liaison.unit,
        target=factories.TargetFactory(task=report.task, value=Decimal(65), unit_of_measure="%"),
    )
    minutes = tmp_path / "会议纪要（测试）.doc"
    minutes.write_bytes(ole2("WordDocument"))
    errors = _console_errors(page)
    login(liaison.username, factories.PASSWORD)
    page.goto(f"{page.base_url}/supervision/reports/{report.pk}/")
    value = page.locator(f"#value-{indicator.pk}")
    page.get_by_label("工作进展").fill("已完成口腔检查（测试）")
    value.fill("65%")
    page.get_by_label("佐证材料").set_input_files(str(minutes))
    page.get_by_role("button", name="保存草稿").click()

    expect(page.get_by_role("alert").filter(has_text="已保存草稿")).to_be_visible()
    expect(value).to_have_value(re.compile(r"^65%?$"))
    expect(page.get_by_label("工作进展")).to_have_value("已完成口腔检查（测试）")
    expect(page.get_by_role("link", name="会议纪要（测试）.doc")).to_be_visible()
    assert IndicatorValue.objects.get(indicator=indicator, unit=liaison.unit).value == 65
    assert Evidence.objects.filter(report=report, filename="会议纪要（测试）.doc").count() == 1

    # a value without a digit is stopped in the browser, with the box's Chinese hint; nothing cleared
    page.get_by_label("工作进展").fill("改过的进展（测试）")
    value.fill("六十五")
    page.get_by_role("button", name="保存草稿").click()
    assert value.evaluate("e => e.validity.patternMismatch")
    expect(value).to_have_attribute("title", re.compile("请填写数字"))
    expect(value).to_have_value("六十五")
    # one with digits that is still no number is refused by the server on its field, in Chinese
    value.fill("65-70")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_test_id("value-error")).to_contain_text("不是数字")
    expect(value).to_have_value("65-70")
    expect(page.get_by_label("工作进展")).to_have_value("改过的进展（测试）")
    report.refresh_from_db()
    assert report.done_text == "已完成口腔检查（测试）"
    assert IndicatorValue.objects.get(indicator=indicator, unit=liaison.unit).value == 65
    assert errors == []


def test_a_dataset_template_downloads_and_the_dispatch_date_has_a_label_and_a_favicon(signed_in):
    dataset = Dataset.objects.get(code="construction_permit")
    office = signed_in("gongzhi")
    office.goto(f"{office.base_url}/exchange/datasets/{dataset.code}/")
    with office.expect_download() as download:
        office.get_by_role("link", name="下载填报模板（Excel）").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    assert any(h and "施工许可证编号" in h for h in headers), headers
    assert any(h and "合同金额" in h for h in headers), headers

    lead = Lead.objects.filter(status="new").order_by("pk").first()
    office.goto(f"{office.base_url}/taxrisk/leads/{lead.pk}/")
    deadline = office.get_by_label("核实期限")
    expect(deadline).to_have_attribute("type", "date")
    expect(deadline).to_be_visible()

    icons = office.locator("link[rel=icon]")
    assert icons.count() >= 1
    for n in range(icons.count()):
        href = icons.nth(n).evaluate("e => e.href")
        response = office.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("image/"), href


# --- point 10: the evaluator reads only its plans ---------------------------------------------------


def test_the_evaluator_gets_404_on_another_plans_report_and_evidence(signed_in):
    other = PolicyDocument.objects.get(doc_number=TAX_PLAN)
    mine = PolicyDocument.objects.get(doc_number=CHILD_PLAN)
    assert not other.evaluators.filter(username="pinggu").exists()
    assert mine.evaluators.filter(username="pinggu").exists()
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    stored = {}
    for name, plan in (("other", other), ("mine", mine)):
        report = TaskReport.objects.filter(round__plan=plan).order_by("pk").first()
        stored[name] = (
            report,
            evidence_store(
                actor=None, unit=report.unit, filename="照片（测试）.png", data=png, report=report
            ),
        )

    evaluator = signed_in("pinggu")
    report, evidence = stored["other"]
    for url in (f"/supervision/reports/{report.pk}/", f"/supervision/evidence/{evidence.pk}/"):
        response = evaluator.goto(evaluator.base_url + url)
        assert response.status == 404, url
        expect(evaluator.locator("body")).not_to_contain_text(report.task.title[:10])
    assert evaluator.request.get(f"{evaluator.base_url}/supervision/evidence/{evidence.pk}/").status == 404
    # its own plan's report and evidence open
    report, evidence = stored["mine"]
    assert evaluator.goto(f"{evaluator.base_url}/supervision/reports/{report.pk}/").status == 200
    assert evaluator.request.get(f"{evaluator.base_url}/supervision/evidence/{evidence.pk}/").status == 200
