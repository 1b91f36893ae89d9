"""Stored XSS, in the browser (issue 10, item 5): hostile text in every field a user can enter —
plan, section and task titles, report text, order text, lead notes, dataset names and
descriptions, unit names, rule names, indicator names, inspections, rectifications,
good-practice cases — then every page that shows them is opened by the role that reads it.
The newer apps too: children's council sessions, their suggestions (one sent by an anonymous
child through the public form in the browser) and the office's published reply, impact
assessments, the spaces register, meeting titles, agenda, minutes and decisions, assessment
appeals and notices, credit repairs, check decisions, joint measures and list corrections,
economy scenarios and series marks; and the public pages that show them.

Each page must show the text as text: no alert or other dialog, no CSP violation or script error
in the console, no injected element (`<svg onload>`, `<img onerror>`, any `on*=` attribute, a
`javascript:` link), and the `{{7*7}}` template payload shown as typed, never as 49.
Uses the demo data set.
"""

import datetime

from playwright.sync_api import expect

from gongzhi.accounts.models import User
from gongzhi.assessment.models import Appeal, Notice
from gongzhi.assessment.services import notice_update
from gongzhi.children import services as children_services
from gongzhi.children.models import Council, Suggestion
from gongzhi.children.register import services as register_services
from gongzhi.children.register.models import ImpactAssessment, ImpactProject, Space
from gongzhi.credit.models import CreditCheck, JointMeasure
from gongzhi.credit.models_lists import ListRevision, RepairCase
from gongzhi.credit.services import check_decide
from gongzhi.economy.forecast_services import mark_add
from gongzhi.economy.models import Scenario
from gongzhi.exchange.models import Dataset
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.meetings import services as meeting_services
from gongzhi.meetings.models import Decision, Meeting
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


def hostile(n: int) -> str:
    return f"XSS{n}{PAYLOAD}"


def _store_in_the_newer_apps() -> dict:
    """Hostile text through the services of the newer apps (the same roles that enter it in the
    product), on the demo's rows; a few fields the demo fills without a service, by update."""
    office = User.objects.get(username="fuer")  # 妇儿工委办
    cogov = User.objects.get(username="gongzhi")  # 共治办
    unit = Unit.objects.get(name="区卫生健康局")

    # children: a council session with its minutes and a suggestion made there
    council = Council.objects.get(name="大街街道第一小学儿童议事会（虚构）")
    Council.objects.filter(pk=council.pk).update(name=hostile(30), place=hostile(31))
    session = children_services.session_record(
        actor=office,
        council=council,
        date=datetime.date(2025, 5, 1),
        topic=hostile(32),
        minutes=hostile(33),
        attendance=12,
        suggestions=[hostile(34)],
    )
    suggestion = session.suggestions.get()
    # the office's reply to children, published on the children's public page
    answered = Suggestion.objects.filter(state="answered").first()
    children_services.suggestion_answer(
        actor=None, suggestion=answered, adoption=answered.adoption, answer=hostile(35)
    )
    children_services.suggestion_publish(actor=office, suggestion=answered)

    # children's register: impact assessment texts, returned with a hostile comment; a space
    impact = ImpactAssessment.objects.get(state="submitted")
    ImpactProject.objects.filter(pk=impact.project_id).update(name=hostile(36), description=hostile(37))
    ImpactAssessment.objects.filter(pk=impact.pk).update(summary=hostile(38))
    register_services.assessment_return(actor=office, assessment=impact, comment=hostile(39))
    space = Space.objects.order_by("pk").first()
    register_services.space_save(actor=office, space=space, name=hostile(40), note=hostile(41))

    # meetings: the planned meeting's place, agenda, minutes and decisions
    meeting = Meeting.objects.get(status="planned")
    meeting_services.meeting_update(actor=cogov, meeting=meeting, place=hostile(42), summary=hostile(43))
    item = meeting_services.agenda_add(actor=cogov, meeting=meeting, title=hostile(44))
    meeting_services.minutes_save(actor=cogov, item=item, minutes=hostile(45))
    meeting_services.decision_add(
        actor=cogov,
        meeting=meeting,
        text=hostile(46),
        lead_units=[unit],
        deadline=meeting.date + datetime.timedelta(days=30),
        agenda_item=item,
    )

    # the approved minutes' decisions (entered the same way before the minutes were approved)
    approved = Meeting.objects.get(status="approved")
    Decision.objects.filter(meeting=approved).update(text=hostile(61))

    # assessment: the open appeal's reason, the draft notice's title and text
    appeal = Appeal.objects.get(state="open")
    Appeal.objects.filter(pk=appeal.pk).update(reason=hostile(47))
    notice = Notice.objects.get(state="draft")
    notice_update(actor=office, notice=notice, title=hostile(48), body=hostile(49))

    # credit: repair reasons, a check decision, a joint measure, a list correction
    repair = RepairCase.objects.order_by("pk").first()
    RepairCase.objects.filter(pk=repair.pk).update(facts=hostile(50), decision_note=hostile(51))
    check = CreditCheck.objects.filter(decision="pending").order_by("pk").first()
    checker = User.objects.filter(unit=check.unit, is_active=True).order_by("pk").first()
    check_decide(actor=checker, check=check, decision="not_applied", reason=hostile(52))
    measure = JointMeasure.objects.order_by("pk").first()
    JointMeasure.objects.filter(pk=measure.pk).update(text=hostile(53), change_note=hostile(54))
    correction = ListRevision.objects.get(state="draft")
    ListRevision.objects.filter(pk=correction.pk).update(reason=hostile(55))

    # economy: a what-if scenario's name and note, a series mark on the total
    scenario = Scenario.objects.order_by("pk").first()
    Scenario.objects.filter(pk=scenario.pk).update(name=hostile(56), description=hostile(57))
    mark_add(actor=cogov, tax_type="", period="2024-02", kind="outlier", note=hostile(58))

    return {
        "fuer": [
            "/children/",
            f"/children/councils/{council.pk}/",
            "/children/suggestions/",
            f"/children/suggestions/{suggestion.pk}/",
            f"/children/suggestions/{answered.pk}/",
            "/children/impact/",
            f"/children/impact/{impact.pk}/",
            "/children/spaces/",
            "/assessment/notices/",
            f"/assessment/notices/{notice.pk}/",
        ],
        "gongzhi": [
            "/meetings/",
            f"/meetings/{meeting.pk}/",
            f"/meetings/{approved.pk}/",
            "/meetings/decisions/?show=all",
            f"/assessment/runs/{appeal.item.unit_score.run_id}/",
            f"/assessment/runs/{appeal.item.unit_score.run_id}/unit/{appeal.item.unit_score.unit_id}/",
            f"/credit/repairs/{repair.pk}/",
            f"/credit/checks/{check.pk}/",
            "/credit/ledger/",
            "/credit/measures/",
            f"/credit/measures/{measure.code}/",
            "/credit/lists/",
            f"/credit/lists/revisions/{correction.pk}/",
            "/economy/whatif/",
            f"/economy/whatif/{scenario.pk}/",
            "/economy/forecast/",
        ],
        None: ["/public/children/"],
    }


class _Watch:
    """Dialogs and script errors of a page, and the check of one page after another."""

    def __init__(self, page):
        self.page, self.dialogs, self.problems, self.failures = page, [], [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(str(e)))

    def check(self, who, url: str, response=None) -> None:
        """The page now shown (opened at `url`, or reached by a click) shows the hostile text as text."""
        page = self.page
        if response is not None and response.status != 200:
            self.failures.append(f"{who} {url}: {response.status}")
            return
        page.wait_for_timeout(150)
        injected = page.locator(INJECTED).count()
        text = page.locator("body").inner_text()
        if injected:
            self.failures.append(f"{who} {url}: {injected} injected element(s)")
        if "XSS" not in text:
            self.failures.append(f"{who} {url}: the hostile text is not on the page")
        elif "{{7*7}}" not in text:
            self.failures.append(f"{who} {url}: the template payload did not stay text")
        csp = [p for p in self.problems if "Content Security Policy" in p or "Refused" in p]
        if csp or [p for p in self.problems if "alert" in p]:
            self.failures.append(f"{who} {url}: {csp or self.problems}")

    def walk(self, pages: dict, login) -> None:
        for username, urls in pages.items():
            self.page.context.clear_cookies()
            if username:
                login(username)
            for url in urls:
                self.problems.clear()
                self.check(username, url, self.page.goto(self.page.base_url + url))


def test_hostile_text_stays_text_on_every_page(page, login, browser):
    pages = _store_everywhere()
    watch = _Watch(page)
    watch.walk(pages, login)
    expect(page.locator("body")).to_be_visible()
    assert watch.dialogs == []
    assert watch.failures == []


def test_hostile_text_stays_text_in_the_newer_apps(page, login):
    """Children's councils and suggestions, the register, meetings, assessment, credit, economy, and
    the public pages; then an anonymous child sends hostile text through the public form and the
    office opens it (the list, and the suggestion with the sender's optional name and school)."""
    pages = _store_in_the_newer_apps()
    watch = _Watch(page)
    watch.walk(pages, login)

    page.context.clear_cookies()
    page.goto(page.base_url + "/public/children/suggest/")
    page.get_by_label("你的建议").fill(hostile(59))
    page.locator("summary").click()
    page.get_by_label("你的名字（可以不填）").fill("<i>XSS</i>")
    page.get_by_label("你的学校或社区（可以不填）").fill(hostile(60))
    page.get_by_test_id("suggest-submit").click()
    page.wait_for_url(page.base_url + "/public/children/thanks/")
    login("fuer")
    watch.problems.clear()
    watch.check("fuer", "/children/suggestions/", page.goto(page.base_url + "/children/suggestions/"))
    expect(page.get_by_test_id("suggestion-list")).to_contain_text("XSS59")
    page.locator("tr", has_text="XSS59").get_by_role("link").first.click()
    watch.problems.clear()
    watch.check("fuer", "public suggestion")
    expect(page.locator("body")).to_contain_text("<i>XSS</i>")
    expect(page.locator("body")).to_contain_text(hostile(60))
    assert watch.dialogs == []
    assert watch.failures == []
