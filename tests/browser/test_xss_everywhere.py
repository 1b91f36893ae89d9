"""Stored XSS, in the browser (issue 10, item 5): hostile text in every field a user can enter —
plan, section and task titles, report text, order text, lead notes, dataset names and
descriptions, unit names, rule names, indicator names, inspections, rectifications,
good-practice cases — then every page that shows them is opened by the role that reads it.

Each page must show the text as text: no alert or other dialog, no CSP violation or script error
in the console, no injected element (`<svg onload>`, `<img onerror>`, any `on*=` attribute, a
`javascript:` link), and the `{{7*7}}` template payload shown as typed, never as 49.
Uses the demo data set.
"""

import datetime

from playwright.sync_api import expect

from gongzhi.accounts.models import User
from gongzhi.exchange.models import Dataset
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.org.models import Unit
from gongzhi.plans.choices import ImportState
from gongzhi.plans.models import PlanImport, PolicyDocument
from gongzhi.plans.services import plan_parse
from gongzhi.supervision.models import Indicator, ReportingRound, SupervisionOrder, TaskReport
from gongzhi.taxrisk.models import Lead, RiskRule

PAYLOAD = '</script><svg onload=alert(1)>"><img src=x onerror=alert(2)>{{7*7}} javascript:alert(3)'
INJECTED = (
    "svg[onload], img[onerror], img[src='x'], a[href^='javascript:' i], iframe, "
    "[onclick], [onmouseover], [onfocus]"
)


def _import_in_review(title: str, office: User) -> PlanImport:
    """A plan file whose title, section and task are hostile, parsed by the real parser and
    waiting in review, as an upload leaves it."""
    text = f"{title}\n一、{title}\n（一）{title}。到2025年建成3个。（牵头单位：区卫生健康局）\n"
    payload = plan_parse(data=text.encode(), filename="hostile.txt")
    texts = payload.pop("texts")
    return PlanImport.objects.create(
        filename="hostile.txt",
        file_path="/nonexistent",
        size=len(text.encode()),
        sha256="x",
        state=ImportState.REVIEW,
        result=payload,
        texts=texts,
        created_by=office,
        unit=office.unit,
    )


def _store_everywhere() -> dict:
    """Hostile text in each field a user fills in (synthetic demo rows, labelled XSS<n>)."""

    def hostile(n: int) -> str:
        return f"XSS{n}{PAYLOAD}"

    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    PolicyDocument.objects.filter(pk=plan.pk).update(title=hostile(1))
    plan.nodes.filter(kind="section").update(title=hostile(2))
    unit = Unit.objects.get(name="区卫生健康局")
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    report = TaskReport.objects.filter(round=round_, unit=unit).first()
    report.task.__class__.objects.filter(pk=report.task_id).update(title=hostile(3), text=hostile(3))
    TaskReport.objects.filter(pk=report.pk).update(
        done_text=hostile(4), problems=hostile(5), next_steps=hostile(6)
    )
    order = SupervisionOrder.objects.filter(unit=unit).first()
    SupervisionOrder.objects.filter(pk=order.pk).update(issue=hostile(7), requirement=hostile(8))
    indicator = Indicator.objects.get(plan=plan, name="每千人口3岁以下婴幼儿托位数")
    Indicator.objects.filter(pk=indicator.pk).update(name=hostile(9))
    evaluator = User.objects.get(username="pinggu")
    inspection = Inspection.objects.create(
        plan=plan,
        kind="unannounced",
        date=datetime.date(2025, 5, 1),
        place=hostile(10),
        summary=hostile(11),
        unit=unit,
        inspector=evaluator,
    )
    finding = Finding.objects.create(inspection=inspection, text=hostile(12))
    rectification = Rectification.objects.create(
        finding=finding, unit=unit, requirement=hostile(13), deadline=datetime.date(2025, 6, 1)
    )
    case = GoodPracticeCase.objects.create(
        plan=plan, unit=unit, title=hostile(14), body=hostile(15), state="published"
    )
    Dataset.objects.filter(code="real_estate_tx").update(name=hostile(16), description=hostile(17))
    lead = Lead.objects.filter(assignee__username="shuiwu").first()
    Lead.objects.filter(pk=lead.pk).update(note=hostile(18), taxpayer_name=hostile(19))
    RiskRule.objects.filter(code=lead.rule.code).update(name=hostile(20))
    Unit.objects.filter(pk=unit.pk).update(name=hostile(21))
    PolicyDocument.objects.filter(pk=plan.pk).update(source_text=f"{hostile(22)}\n{plan.source_text}")
    office = User.objects.get(username="fuer")
    plan_import = _import_in_review(hostile(23), office)
    return {
        "fuer": [
            "/",
            "/plans/",
            f"/plans/{plan.pk}/",
            f"/plans/{plan.pk}/source/",
            f"/plans/imports/{plan_import.pk}/review/0/",
            f"/plans/tasks/{report.task_id}/",
            f"/supervision/plans/{plan.pk}/",
            f"/supervision/plans/{plan.pk}/summary/",
            f"/supervision/plans/{plan.pk}/indicators/",
            f"/supervision/indicators/{indicator.pk}/",
            f"/supervision/rounds/{round_.pk}/",
            f"/supervision/reports/{report.pk}/",
            "/supervision/orders/",
            f"/supervision/orders/{order.pk}/",
            "/supervision/inspections/",
            f"/supervision/inspections/{inspection.pk}/",
            "/supervision/rectifications/",
            f"/supervision/rectifications/{rectification.pk}/",
            "/supervision/cases/",
            f"/supervision/cases/{case.pk}/",
            "/org/units/",
            f"/org/units/{unit.pk}/",
        ],
        "weijian": ["/", "/supervision/todo/", f"/supervision/reports/{report.pk}/", "/plans/mine/"],
        "gongzhi": [
            "/exchange/",
            "/exchange/datasets/real_estate_tx/",
            "/exchange/submissions/",
            "/taxrisk/rules/",
            "/taxrisk/leads/",
            f"/taxrisk/leads/{lead.pk}/",
        ],
        None: ["/supervision/public/cases/"],
    }


def test_hostile_text_stays_text_on_every_page(page, login, browser):
    pages = _store_everywhere()
    dialogs, problems = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    failures = []
    for username, urls in pages.items():
        if username:
            page.context.clear_cookies()
            login(username)
        else:
            page.context.clear_cookies()
        for url in urls:
            problems.clear()
            response = page.goto(page.base_url + url)
            if response.status != 200:
                failures.append(f"{username} {url}: {response.status}")
                continue
            page.wait_for_timeout(150)
            injected = page.locator(INJECTED).count()
            text = page.locator("body").inner_text()
            if injected:
                failures.append(f"{username} {url}: {injected} injected element(s)")
            if "XSS" not in text:
                failures.append(f"{username} {url}: the hostile text is not on the page")
            elif "{{7*7}}" not in text:
                failures.append(f"{username} {url}: the template payload did not stay text")
            csp = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
            if csp or [p for p in problems if "alert" in p]:
                failures.append(f"{username} {url}: {csp or problems}")
    expect(page.locator("body")).to_be_visible()
    assert dialogs == []
    assert failures == []
