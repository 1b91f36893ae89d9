"""The assessment pages walked as their users: the office's scheme list, ranking, a unit's items
with links to their records, the notice; a liaison's own score; at 1280 px and on a 390 px phone
(no sideways scrolling). Screenshots go to GONGZHI_SHOTS when set."""

import os
from pathlib import Path

from gongzhi.assessment.models import Notice, ScoreRun


def _walk(browser, live_server, demo_password, username: str, urls: list[str], width: int) -> None:
    phone = width < 576
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    shots = os.environ.get("GONGZHI_SHOTS")
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(demo_password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/")
        for n, url in enumerate(urls):
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/assess-{username}-{width}-{n}.png", full_page=True)
        assert errors == []
    finally:
        context.close()


def test_the_assessment_pages_at_desktop_and_phone_width(browser, live_server, demo_world, demo_password):
    run = ScoreRun.objects.filter(status="approved").first()
    review = ScoreRun.objects.filter(status="review").first()
    notice = Notice.objects.first()
    assert run is not None and notice is not None, "the demo scores a half-year and drafts a notice"
    worst = run.scores.order_by("-rank").first()
    office_urls = [
        "/assessment/",
        f"/assessment/schemes/{run.version.scheme.code}/",
        run.get_absolute_url(),
        worst.get_absolute_url(),
        notice.get_absolute_url(),
    ]
    if review is not None:
        office_urls.append(review.get_absolute_url())
    for width in (1280, 390):
        _walk(browser, live_server, demo_password, "fuer", office_urls, width)
    own = run.scores.filter(unit__users__username="weijian").first()
    liaison_urls = ["/assessment/", run.get_absolute_url()] + ([own.get_absolute_url()] if own else [])
    for width in (1280, 390):
        _walk(browser, live_server, demo_password, "weijian", liaison_urls, width)
