"""Stored XSS through a plan's text (issue 10): a heading with `</script><svg onload=…>` must not
run on the dashboard or the indicator page; no page carries inline script, and the
Content-Security-Policy forbids it."""

import re

import pytest

from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import Indicator

PAYLOAD = "</script><svg onload=alert(1)>"


@pytest.fixture
def plan(db):
    return PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")


def _inline_scripts(html: str) -> list[str]:
    """The <script> elements that hold code (not src=, not JSON data)."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]


def test_a_hostile_heading_stays_text_on_the_dashboard(plan, users, client_for):
    plan.nodes.filter(kind="section").update(title=PAYLOAD)
    plan.nodes.filter(kind="task").update(path=[PAYLOAD, PAYLOAD])  # the areas of the chart
    indicator = Indicator.objects.filter(plan=plan).first()
    Indicator.objects.filter(pk=indicator.pk).update(name=PAYLOAD)
    client = client_for(users["plan_office"])
    for url in (f"/supervision/plans/{plan.pk}/", f"/supervision/indicators/{indicator.pk}/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "<svg onload" not in html, url
        assert _inline_scripts(html) == [], url
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert (
            "'unsafe-inline'"
            not in response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        )
    board = client.get(f"/supervision/plans/{plan.pk}/").content.decode()
    assert "\\u003C/script\\u003E\\u003Csvg onload=alert(1)\\u003E" in board  # the chart data, escaped


def test_no_template_has_inline_script_or_event_handlers():
    from pathlib import Path

    import gongzhi

    templates = Path(gongzhi.__file__).parent / "templates"
    offenders = []
    for path in templates.rglob("*.html"):
        text = path.read_text("utf-8")
        if _inline_scripts(text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(path.relative_to(templates).as_posix())
    assert offenders == []
