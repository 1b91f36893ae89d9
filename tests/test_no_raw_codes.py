"""No raw identifiers in what people read: the main pages, walked as each demo role, show codes in
words (角色、比较方式、任务种类、对象) — never `liaison`, `decrease_by`, `>=`, `accounts.user#1`.

Uses the demo data set.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.plans.models import PlanNode, PolicyDocument
from gongzhi.supervision.models import Indicator, ReportingRound, SupervisionOrder, TaskReport
from gongzhi.taxrisk.models import Lead, RiskRun

pytestmark = pytest.mark.django_db

RAW = [
    re.compile(
        r"\b(liaison|evaluator|cogov_office|plan_office|tax_officer|decrease_by|increase_by|"
        r"exchange\.validate|per_unit|cumulative|milestone|system|responsible|cooperating|decimal|enum)\b"
    ),
    re.compile(r"[a-z_]+\.[a-z_]+#\d+"),  # an object reference: accounts.user#1
    re.compile(r">=|<=|(?<![-<])>(?=\s*\d)|(?<!<)<(?=\s*\d)"),
    re.compile(r"（（|））"),
    re.compile(r"\d百分点"),  # a level in 百分点 (a 百分点 is for changes: 个百分点)
]


class _Text(HTMLParser):
    """The text a person sees: no tags, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def raw_codes(text: str) -> list[str]:
    found = []
    for pattern in RAW:
        for m in pattern.finditer(text):
            found.append(text[max(0, m.start() - 30) : m.end() + 30])
    return found


def _pages() -> list[str]:
    plan = PolicyDocument.objects.order_by("pk").first()
    task = PlanNode.objects.filter(kind="task", targets__isnull=False).order_by("pk").first()
    urls = [
        reverse("workspace:home"),
        reverse("plans:plan_list"),
        reverse("plans:my_tasks"),
        reverse("supervision:todo"),
        reverse("supervision:order_list"),
        reverse("exchange:catalog"),
        reverse("exchange:submission_list"),
        reverse("exchange:quality"),
        reverse("exchange:grant_list"),
        reverse("taxrisk:lead_list"),
        reverse("taxrisk:rule_list"),
        reverse("taxrisk:run_list"),
        reverse("core:audit_list"),
        reverse("core:job_list"),
        reverse("org:unit_list"),
        reverse("accounts:user_list"),
        reverse("inspections:inspection_list"),
        reverse("inspections:case_list"),
        reverse("inspections:rectification_list"),
        reverse("workspace:data_feedback"),
        reverse("taxrisk:industry", args=["lodging"]),
        reverse("taxrisk:industry", args=["real_estate"]),
        reverse("org:group_list"),
    ]
    for doc in PolicyDocument.objects.order_by("pk"):
        urls += [
            reverse("plans:plan_detail", args=[doc.pk]),
            reverse("supervision:plan_dashboard", args=[doc.pk]),
            reverse("supervision:indicator_list", args=[doc.pk]),
            reverse("supervision:round_list", args=[doc.pk]),
            reverse("supervision:leader_summary", args=[doc.pk]),
        ]
    if task:
        urls += [
            reverse("plans:task_detail", args=[task.pk]),
            reverse("supervision:task_monitor", args=[task.pk]),
        ]
    for ind in Indicator.objects.filter(plan=plan).exclude(kind="milestone").order_by("pk")[:12]:
        urls.append(reverse("supervision:indicator_detail", args=[ind.pk]))
    for model, name in [
        (ReportingRound, "supervision:round_detail"),
        (TaskReport, "supervision:report_detail"),
        (SupervisionOrder, "supervision:order_detail"),
        (Submission, "exchange:submission_detail"),
        (Lead, "taxrisk:lead_detail"),
        (RiskRun, "taxrisk:run_detail"),
        (JobRun, "core:job_detail"),
    ]:
        for obj in model.objects.order_by("-pk")[:3]:
            urls.append(reverse(name, args=[obj.pk]))
    for ds in Dataset.objects.order_by("pk")[:3]:
        urls.append(reverse("exchange:dataset_detail", args=[ds.code]))
    # cogov assistance list: the list, the look-up, the ledger, items and look-ups (conditions,
    # states and outcomes in words)
    from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup

    urls += [reverse(f"cogov:assistance_{name}") for name in ("item_list", "lookup", "ledger")]
    for item in AssistanceListItem.objects.order_by("pk")[:4]:
        urls.append(reverse("cogov:assistance_item_detail", args=[item.pk]))
    for record in AssistanceListLookup.objects.order_by("-pk")[:4]:
        urls.append(reverse("cogov:assistance_lookup_detail", args=[record.pk]))
    # cogov enterprise requests: the list, the counts and every demo request (types, channels,
    # states, 主办/协办 and ratings in words)
    from gongzhi.cogov.models_enterprise import EnterpriseRequest

    urls += [reverse("cogov:enterprise_list"), reverse("cogov:enterprise_stats")]
    for request in EnterpriseRequest.objects.order_by("pk")[:10]:
        urls.append(reverse("cogov:enterprise_detail", args=[request.pk]))
    return urls


ROLES = ["admin", "plan_office", "cogov_office", "liaison", "tax_officer", "leader", "evaluator"]


@pytest.mark.parametrize("role", ROLES)
def test_pages_show_no_raw_codes(role, users):
    # given the demo, with an audit trail that references objects
    assert AuditEntry.objects.exists()
    client = Client()
    client.force_login(users[role])
    problems: dict[str, list[str]] = {}
    seen = 0
    # when each main page is read as this role
    for url in _pages():
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        found = raw_codes(visible_text(response.content.decode()))
        if found:
            problems[url] = found[:3]
    # then no raw code shows
    assert seen >= 8
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_the_checker_finds_raw_codes():
    html = (
        "<p>角色 liaison</p><p>accounts.user#1</p><p>≥ 3 ok</p><p>x >= 3</p><script>var a='liaison'</script>"
    )
    found = raw_codes(visible_text(html))
    assert len(found) == 3
    assert not raw_codes(visible_text("<p>不低于 3个</p><p title='liaison'>部门联络员</p>"))


def _document_text(url: str, body: bytes) -> str:
    import io

    if url.endswith(".docx"):
        from docx import Document

        document = Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body))
    return " ".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def test_exports_show_no_raw_codes(users):
    # given the demo plan and its latest round, read by the plan office
    client = Client()
    client.force_login(users["plan_office"])
    plan = PolicyDocument.objects.order_by("pk").first()
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    urls = [
        reverse("supervision:export_ledger", args=[plan.pk]),
        reverse("supervision:export_indicators", args=[plan.pk]),
        reverse("supervision:export_round_report", args=[round_.pk]),
        reverse("supervision:export_round_notice", args=[round_.pk]),
    ]
    problems = {}
    for url in urls:
        # when each document is downloaded
        response = client.get(url)
        assert response.status_code == 200, url
        text = _document_text(url, b"".join(response.streaming_content))
        # then it holds no raw code and no shortened title
        found = raw_codes(text) + [text[max(0, i - 30) : i + 5] for i in [text.find("…")] if i >= 0]
        if found:
            problems[url] = found[:3]
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_the_taxpayer_panel_names_the_industry(users):
    # given a demo lead on a registered company of the business-services scenario
    from gongzhi.core.labels import industry_words

    lead = Lead.objects.filter(industry_code="L72").exclude(uscc="").order_by("pk").first()
    assert lead is not None
    client = Client()
    client.force_login(users["cogov_office"])
    # when the office opens it, the taxpayer's industry reads with its GB/T 4754 name
    text = visible_text(client.get(reverse("taxrisk:lead_detail", args=[lead.pk])).content.decode())
    assert industry_words("L72") == "L72 商务服务业"
    assert "· L72 商务服务业 ·" in text
