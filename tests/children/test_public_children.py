"""The children's public pages (no login): the suggestion form (no personal data needed, a rate
limit per address, a honeypot, a length limit, CSRF on) and the page (published answers only,
approved values only, never a name or an ID number)."""

import datetime
import re

import pytest
from django.test import Client
from factories import IndicatorFactory, UnitFactory

from gongzhi.children import selectors, services
from gongzhi.children.choices import SuggestionSource, SuggestionState
from gongzhi.children.models import ChildrenPage, CouncilMember, Suggestion
from gongzhi.children.selectors import public_targets
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.public.views_children import RATE_LIMIT
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import IndicatorValue

pytestmark = pytest.mark.django_db

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def test_a_child_suggests_without_login_and_without_personal_data(db):
    client = Client()
    assert client.get("/public/children/suggest/").status_code == 200
    response = client.post("/public/children/suggest/", {"text": "希望图书馆周末开到晚上八点"})
    assert response.status_code == 302 and response["Location"] == "/public/children/thanks/"
    s = Suggestion.objects.get(text="希望图书馆周末开到晚上八点")
    assert s.source == SuggestionSource.PUBLIC and s.state == SuggestionState.NEW
    assert (s.first_name, s.age_band, s.school, s.council) == ("", "", "", None)
    assert AuditEntry.objects.filter(
        action=AuditAction.CHILD_SUGGESTION_RECEIVED, object_id=str(s.pk), role="public"
    ).exists()


def test_the_honeypot_keeps_nothing(db):
    response = Client().post("/public/children/suggest/", {"text": "机器人的建议", "website": "http://spam"})
    assert response.status_code == 302
    assert not Suggestion.objects.filter(text="机器人的建议").exists()


def test_too_long_or_empty_is_refused(db):
    client = Client()
    assert client.post("/public/children/suggest/", {"text": "长" * 501}).status_code == 400
    assert client.post("/public/children/suggest/", {"text": "  "}).status_code == 400
    assert not Suggestion.objects.filter(text__startswith="长长").exists()


def test_one_address_is_limited(db):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(RATE_LIMIT):
        assert client.post("/public/children/suggest/", {"text": f"限流测试{i}"}).status_code == 302
    response = client.post("/public/children/suggest/", {"text": "限流测试多出来的"})
    assert response.status_code == 429 and "请过一会儿再来" in response.content.decode()
    assert Suggestion.objects.filter(text__startswith="限流测试").count() == RATE_LIMIT
    # another address is not limited
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert other.post("/public/children/suggest/", {"text": "另一个地址"}).status_code == 302


def test_csrf_is_on(db):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/public/children/suggest/", {"text": "没有令牌"}).status_code == 403
    assert not Suggestion.objects.filter(text="没有令牌").exists()


def test_the_page_shows_published_answers_only_and_never_a_name(demo, world):
    s1 = services.suggestion_submit_public(
        actor=None, text="公开测试：希望操场有遮阳棚", first_name="小秘", school="保密小学"
    )
    s2 = services.suggestion_submit_public(actor=None, text="未公开测试：希望多一些长椅")
    for s in (s1, s2):
        services.suggestion_route(actor=world.office, suggestion=s, unit=world.unit_b)
        services.suggestion_answer(
            actor=world.liaison_b, suggestion=s, adoption="adopted", answer="我们会在夏天之前装好，谢谢你。"
        )
    services.suggestion_publish(actor=world.office, suggestion=s1)
    response = Client().get("/public/children/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "公开测试：希望操场有遮阳棚" in text and "我们会在夏天之前装好" in text
    assert "未公开测试" not in text
    assert "小秘" not in text and "保密小学" not in text
    for name in CouncilMember.objects.values_list("name", flat=True):
        assert name not in text
    assert not ID_NUMBER.search(text)
    assert "你们的建议" in text and "/public/children/suggest/" in text
    # the page of the demo plan shows its targets as pictures
    assert 'data-testid="children-targets"' in text and "bi-tree" in text


def test_a_newly_published_answer_shows_at_once_despite_the_cache(demo, world):
    Client().get("/public/children/")  # cached
    s = services.suggestion_submit_public(actor=None, text="缓存测试：希望有儿童图书角")
    services.suggestion_route(actor=world.office, suggestion=s, unit=world.unit_b)
    services.suggestion_answer(
        actor=world.liaison_b,
        suggestion=s,
        adoption="partly",
        answer="我们先在两个社区试一试，好的话再推广。",
    )
    assert "缓存测试" not in Client().get("/public/children/").content.decode()
    services.suggestion_publish(actor=world.office, suggestion=s)
    assert "缓存测试" in Client().get("/public/children/").content.decode()


def test_targets_use_approved_values_only(db):
    indicator = IndicatorFactory()
    ChildrenPage.objects.create(plan=indicator.plan, heading="测试", intro="测试", published=False)
    unit = UnitFactory()
    day = clock.today() - datetime.timedelta(days=40)
    IndicatorValue.objects.create(
        indicator=indicator,
        unit=unit,
        period_end=day,
        value=indicator.target_value / 2,
        state=ReportState.ACCEPTED,
    )
    IndicatorValue.objects.create(  # submitted, not yet approved: not shown
        indicator=indicator,
        unit=unit,
        period_end=day + datetime.timedelta(days=30),
        value=indicator.target_value * 2,
        state=ReportState.SUBMITTED,
    )
    [row] = public_targets(plan=indicator.plan)
    assert row.value == indicator.target_value / 2 and row.percent == 50 and not row.reached
    assert row.period_end == day


def test_no_published_page_says_so(db):
    ChildrenPage.objects.update(published=False)
    assert selectors.public_page() is None
    response = Client().get("/public/children/")
    assert response.status_code == 200 and "还在准备中" in response.content.decode()


def test_what_a_child_chose_to_give_is_seen_by_the_office_only_and_audited(world, client_for):
    s = services.suggestion_submit_public(
        actor=None, text="自愿信息测试", first_name="小愿", school="愿意小学"
    )
    services.suggestion_route(actor=world.office, suggestion=s, unit=world.unit_b)
    reads = AuditEntry.objects.filter(action=AuditAction.CHILD_SENDER_VIEWED, object_id=str(s.pk))
    text = client_for(world.liaison_b).get(f"/children/suggestions/{s.pk}/").content.decode()
    assert "自愿信息测试" in text and "小愿" not in text and "愿意小学" not in text
    assert not reads.exists()
    text = client_for(world.office).get(f"/children/suggestions/{s.pk}/").content.decode()
    assert "小愿" in text and "愿意小学" in text
    assert reads.get().username == world.office.username
