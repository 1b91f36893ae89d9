"""Every role's main pages walked in Chromium, at 1280 px and on a 390 px phone: each page
answers 200, logs no script error or CSP violation, and shows no raw code. The screenshots
are the pictures of docs/walkthrough.md:

    GONGZHI_WALKTHROUGH_DIR=docs/walkthrough .venv/bin/pytest tests/browser/test_walkthrough.py

(without the variable they go to the test's temporary folder)."""

import os
import re
from pathlib import Path

from gongzhi.exchange.models import Submission
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import TaskReport
from gongzhi.taxrisk.models import Lead

# Words that only a developer should ever read.
RAW = re.compile(
    r"\b(liaison|evaluator|cogov_office|plan_office|tax_officer|decrease_by|increase_by|"
    r"in_progress|dispatched|verifying|exchange\.validate|accounts\.user)\b|>=|<=|#\d+\b"
)


def _pages(role: str) -> list[tuple[str, str]]:
    child = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    tax = PolicyDocument.objects.get(doc_number="周政办字〔2023〕10号")
    lead = Lead.objects.order_by("pk").first()
    report = TaskReport.objects.filter(unit__name="区卫生健康局").order_by("-pk").first()
    submission = Submission.objects.order_by("-pk").first()
    pages = {
        "lingdao": [
            ("首页", "/"),
            ("儿童友好方案监测", f"/supervision/plans/{child.pk}/"),
            ("领导摘要", f"/supervision/plans/{child.pk}/summary/"),
            ("督办单", "/supervision/orders/"),
            ("税费共治概览", "/taxfee/"),
            ("疑点明细", "/taxfee/leads/?basis=confirmed"),
        ],
        "fuer": [
            ("首页", "/"),
            ("政策文件", "/plans/"),
            ("方案任务", f"/plans/{child.pk}/"),
            ("方案监测", f"/supervision/plans/{child.pk}/"),
            ("指标", f"/supervision/plans/{child.pk}/indicators/"),
            ("报送轮次", f"/supervision/plans/{child.pk}/rounds/"),
        ],
        "weijian": [
            ("首页", "/"),
            ("待办", "/supervision/todo/"),
            ("进展报告", f"/supervision/reports/{report.pk}/" if report else "/supervision/todo/"),
            ("数据报送", "/exchange/submissions/"),
        ],
        "gongzhi": [
            ("首页", "/"),
            ("共治方案监测", f"/supervision/plans/{tax.pk}/"),
            ("需求清单", "/exchange/"),
            ("数据质量", "/exchange/quality/"),
            ("报送记录", f"/exchange/submissions/{submission.pk}/"),
            ("疑点", "/taxrisk/leads/"),
            ("规则", "/taxrisk/rules/"),
        ],
        "shuiwu": [
            ("首页", "/"),
            ("疑点", "/taxrisk/leads/"),
            ("疑点详情", f"/taxrisk/leads/{lead.pk}/"),
        ],
        "pinggu": [("首页", "/"), ("方案监测", f"/supervision/plans/{child.pk}/")],
        "admin": [
            ("首页", "/"),
            ("审计日志", "/audit/"),
            ("后台任务", "/jobs/"),
            ("用户", "/accounts/users/"),
        ],
    }
    return pages[role]


def _walk(browser, base_url, password, shots: Path, *, width: int, height: int, roles) -> list[str]:
    problems: list[str] = []
    for role in roles:
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="zh-CN", is_mobile=width < 768
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda e, r=role: problems.append(f"{r}: {e}"))
        page.on("console", lambda m, r=role: problems.append(f"{r}: {m.text}") if m.type == "error" else None)
        page.goto(base_url + "/accounts/login/")
        page.get_by_label("用户名").fill(role)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(base_url + "/")
        for n, (name, url) in enumerate(_pages(role), start=1):
            response = page.goto(base_url + url)
            if response.status != 200:
                problems.append(f"{role} {url}: HTTP {response.status}")
                continue
            text = (
                page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
            )
            for match in RAW.finditer(text):
                problems.append(f"{role} {url}: raw code {match.group(0)!r}")
            if width >= 768 or n == 1:
                shot = f"{width}-{role}-{n:02d}.png"
                if os.environ.get("GONGZHI_WALKTHROUGH_DIR"):
                    page.wait_for_timeout(800)  # the charts' opening animation ends
                page.screenshot(path=str(shots / shot))
                with open(shots / "index.tsv", "a", encoding="utf-8") as index:
                    index.write(f"{shot}\t{role}\t{name}\t{url}\n")
            if width < 768 and page.evaluate("document.documentElement.scrollWidth") > width:
                problems.append(f"{role} {url}: scrolls sideways at {width} px")
        context.close()
    return problems


def test_every_role_walks_its_pages(browser, live_server, demo_world, demo_password, tmp_path):
    shots = Path(os.environ.get("GONGZHI_WALKTHROUGH_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "index.tsv").unlink(missing_ok=True)
    roles = ["lingdao", "fuer", "weijian", "gongzhi", "shuiwu", "pinggu", "admin"]
    problems = _walk(browser, live_server.url, demo_password, shots, width=1280, height=900, roles=roles)
    problems += _walk(
        browser, live_server.url, demo_password, shots, width=390, height=844, roles=["weijian", "lingdao"]
    )
    assert problems == [], "\n".join(problems)
