"""In the browser: the strict Content-Security-Policy breaks nothing (charts drawn, no violation
reported) and a hostile plan heading does not run (issue 10, stored XSS)."""

from playwright.sync_api import expect

from gongzhi.plans.models import PolicyDocument

PAYLOAD = "</script><svg onload=alert(1)>"


def test_dashboard_charts_draw_under_the_policy_and_a_hostile_heading_stays_text(page, login):
    plan = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    plan.nodes.filter(kind="task").update(path=[PAYLOAD, PAYLOAD])
    problems, dialogs = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login("fuer")
    page.goto(f"{page.base_url}/supervision/plans/{plan.pk}/")
    expect(page.locator("#chart-levels canvas")).to_have_count(1)
    expect(page.locator("#chart-areas canvas")).to_have_count(1)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    indicator = plan.indicators.filter(kind="level").first()
    page.goto(f"{page.base_url}/supervision/indicators/{indicator.pk}/")
    expect(page.locator("#chart canvas")).to_have_count(1)
    assert problems == []
