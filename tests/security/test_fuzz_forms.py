"""Hypothesis over every form and upload a user can post (issue 10, item 5).

The forms are not listed by hand: each page in FORM_PAGES is fetched as its user and every
`<form method="post">` on it is read (action, field names, file inputs). Hypothesis then posts
hostile values — random and huge text, NaN, numbers and dates out of range, unicode, NUL bytes —
and random bytes under a random file name to the file inputs. Every answer is a page, a redirect,
a 4xx refusal or a Chinese error: never a server error. Uses the demo data set.
"""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.accounts.models import User
from gongzhi.inspections.models import Finding, GoodPracticeCase, Inspection, Rectification
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import Indicator, ReportingRound, SupervisionOrder, TaskReport
from gongzhi.taxrisk.models import Lead

pytestmark = pytest.mark.django_db

# (page, user): pages that carry the forms people post
FORM_PAGES = [
    ("/plans/", "fuer"),
    ("/org/units/", "admin"),
    ("/org/units/new/", "admin"),
    ("/accounts/users/new/", "admin"),
    ("/accounts/password/", "weijian"),
    ("/exchange/", "gongzhi"),
    ("/exchange/datasets/real_estate_tx/", "weijian"),
    ("/cogov/assistance/lookup/", "weijian"),
    ("/cogov/matters/new/", "weijian"),
    ("/cogov/yearly/", "gongzhi"),
    ("/supervision/plans/{plan}/rounds/", "fuer"),
    ("/supervision/plans/{plan}/orders/new/", "fuer"),
    ("/supervision/reports/{report}/", "weijian"),
    ("/supervision/reports/{report}/", "fuer"),
    ("/supervision/indicators/{indicator}/", "fuer"),
    ("/supervision/orders/{order}/", "weijian"),
    ("/supervision/orders/{order}/", "fuer"),
    ("/supervision/inspections/new/", "pinggu"),
    ("/supervision/inspections/{inspection}/", "pinggu"),
    ("/supervision/rectifications/{rectification}/", "weijian"),
    ("/supervision/cases/new/", "weijian"),
    ("/supervision/cases/{case}/", "fuer"),
    ("/taxrisk/leads/{lead}/", "shuiwu"),
    ("/taxrisk/rules/R01/", "gongzhi"),
]
SKIP_ACTIONS = ("/accounts/logout/", "/i18n/setlang/")

TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["NaN", "Infinity", "-1", "0", "1e309", "9999-12-31", "0001-01-01", "2026-02-30", "a\x00b"]
    ),
    st.dates().map(str),
)
FILES = st.builds(
    lambda stem, ext, data: SimpleUploadedFile(f"f{stem}{ext}", data),
    st.text(alphabet="abc文件\x00 .", max_size=12),
    st.sampled_from([".csv", ".xlsx", ".docx", ".txt", ".pdf", ".png", ".yaml", ".zip", ""]),
    st.one_of(
        st.binary(max_size=300),
        st.sampled_from(
            [b"PK\x03\x04" + b"\x00" * 40, b"\xef\xbb\xbfa,b\n1,2\n", "名称\n区卫生健康局\n".encode("gbk")]
        ),
    ),
)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "files": set()}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea") and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken":
                return
            if attrs.get("type") == "file":
                self._current["files"].add(name)
            elif attrs.get("type") in ("hidden", "submit") and attrs.get("value") is not None:
                self._current["fields"].setdefault(name, attrs["value"])
            else:
                self._current["fields"].setdefault(name, None)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


@pytest.fixture
def forms(db):
    """Every post form on FORM_PAGES: (user, page, action, fields, file fields)."""
    found = []
    unit = Unit.objects.get(name="区卫生健康局")
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    objects = {
        "plan": plan.pk,
        "report": TaskReport.objects.filter(round=round_, unit=unit).first().pk,
        "indicator": Indicator.objects.get(plan=plan, name="每千人口3岁以下婴幼儿托位数").pk,
        "order": SupervisionOrder.objects.filter(unit=unit).first().pk,
        "inspection": (Inspection.objects.filter(plan=plan).first() or _inspection(plan, unit)).pk,
        "rectification": (Rectification.objects.filter(unit=unit).first() or _rectification(plan, unit)).pk,
        "case": (GoodPracticeCase.objects.filter(plan=plan).first() or _case(plan, unit)).pk,
        "lead": Lead.objects.filter(assignee__username="shuiwu", status="dispatched").first().pk,
    }
    for page, username in FORM_PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        path = page.format(**objects)
        response = client.get(path)
        assert response.status_code == 200, (path, username, response.status_code)
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or path
            if not action.startswith(SKIP_ACTIONS):
                found.append((username, path, action, form["fields"], sorted(form["files"])))
    return found


def _inspection(plan, unit):
    return Inspection.objects.create(
        plan=plan,
        kind="unannounced",
        date="2025-05-01",
        place="示例（测试）",
        unit=unit,
        inspector=User.objects.get(username="pinggu"),
    )


def _rectification(plan, unit):
    finding = Finding.objects.create(inspection=_inspection(plan, unit), text="问题（测试）")
    return Rectification.objects.create(
        finding=finding, unit=unit, requirement="整改（测试）", deadline="2025-06-01"
    )


def _case(plan, unit):
    return GoodPracticeCase.objects.create(plan=plan, unit=unit, title="案例（测试）", body="……")


def test_the_pages_carry_forms(forms):
    assert {(page, user) for user, page, *_ in forms} >= {(p, u) for p, u in FORM_PAGES if "{" not in p}, (
        "a page in FORM_PAGES lost its forms"
    )
    assert sum(1 for *_, files in forms if files) >= 3  # the uploads are among them


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_form_post_is_a_server_error(data, forms, data_dir):
    username, page, action, fields, files = data.draw(st.sampled_from(forms))
    body = {}
    for name, fixed in fields.items():
        keep = fixed is not None and data.draw(st.booleans())
        if keep:
            body[name] = fixed
        elif data.draw(st.integers(0, 9)):  # now and then a field is left out
            body[name] = data.draw(TEXT)
    for name in files:
        body[name] = data.draw(FILES)
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    response = client.post(action, body)
    assert response.status_code < 500, (page, action, {k: str(v)[:40] for k, v in body.items()})
