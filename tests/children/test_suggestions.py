"""Suggestions: the office routes each to a unit with a deadline (a plan task where it fits), only
that unit answers, the office publishes; counts per council and per unit; reminders."""

import datetime

import pytest
from factories import TaskFactory

from gongzhi.children import selectors, services
from gongzhi.children.choices import Adoption, SuggestionState
from gongzhi.children.models import Suggestion
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db

ANSWER = "我们会在公园里装两台饮水机，夏天之前装好。"


@pytest.fixture
def suggestion(world):
    session = services.session_record(
        actor=world.liaison_a,
        council=world.council,
        date=clock.today(),
        topic="我们的公园",
        attendance=8,
        suggestions=["希望公园有饮水机"],
    )
    return session.suggestions.get()


def _audited(action, s) -> bool:
    return AuditEntry.objects.filter(
        action=action, object_id=str(s.pk), object_type="children.suggestion"
    ).exists()


def test_the_office_routes_with_a_default_deadline_and_a_plan_task(world, suggestion):
    task = TaskFactory()
    today = clock.today()
    services.suggestion_route(actor=world.office, suggestion=suggestion, unit=world.unit_b, task=task)
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ROUTED
    assert suggestion.deadline == today + datetime.timedelta(days=30) and suggestion.task == task
    assert _audited(AuditAction.CHILD_SUGGESTION_ROUTED, suggestion)
    with pytest.raises(ApplicationError):  # a unit may not route
        services.suggestion_route(actor=world.liaison_a, suggestion=suggestion, unit=world.unit_a)
    suggestion.refresh_from_db()
    assert suggestion.unit == world.unit_b


def test_only_the_unit_it_was_routed_to_answers(world, suggestion, client_for):
    services.suggestion_route(actor=world.office, suggestion=suggestion, unit=world.unit_b)
    # unit A facilitates the council and sees the suggestion, but may not answer it
    with pytest.raises(ApplicationError) as exc:
        services.suggestion_answer(
            actor=world.liaison_a, suggestion=suggestion, adoption=Adoption.ADOPTED, answer=ANSWER
        )
    assert exc.value.code == "permission_denied"
    response = client_for(world.liaison_a).post(
        f"/children/suggestions/{suggestion.pk}/answer/", {"adoption": "adopted", "answer": ANSWER}
    )
    assert response.status_code == 403
    # the leader reads it but may not answer either; a unit that neither runs nor answers gets 404
    assert client_for(world.leader).get(f"/children/suggestions/{suggestion.pk}/").status_code == 200
    assert client_for(world.tax_officer).get(f"/children/suggestions/{suggestion.pk}/").status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ROUTED and suggestion.answer == ""
    response = client_for(world.liaison_b).post(
        f"/children/suggestions/{suggestion.pk}/answer/", {"adoption": "adopted", "answer": ANSWER}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ANSWERED and suggestion.answered_on_time
    assert suggestion.adoption == Adoption.ADOPTED and suggestion.answer == ANSWER
    assert _audited(AuditAction.CHILD_SUGGESTION_ANSWERED, suggestion)


def test_an_answer_must_say_why_in_words(world, suggestion):
    services.suggestion_route(actor=world.office, suggestion=suggestion, unit=world.unit_b)
    with pytest.raises(ApplicationError):
        services.suggestion_answer(
            actor=world.liaison_b, suggestion=suggestion, adoption="not", answer="不行"
        )
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ROUTED


def test_the_office_publishes_answered_suggestions_only(world, suggestion):
    with pytest.raises(ApplicationError):
        services.suggestion_publish(actor=world.office, suggestion=suggestion)
    services.suggestion_route(actor=world.office, suggestion=suggestion, unit=world.unit_b)
    services.suggestion_answer(actor=world.liaison_b, suggestion=suggestion, adoption="partly", answer=ANSWER)
    with pytest.raises(ApplicationError):  # the answering unit may not publish
        services.suggestion_publish(actor=world.liaison_b, suggestion=suggestion)
    services.suggestion_publish(actor=world.office, suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.PUBLISHED and suggestion.published_on == clock.today()
    assert _audited(AuditAction.CHILD_SUGGESTION_PUBLISHED, suggestion)


def test_counts_per_council_and_per_unit(world, suggestion):
    today = clock.today()
    late = services.suggestion_from_session(
        actor=world.liaison_a, session=suggestion.session, text="希望路上有斑马线"
    )
    services.suggestion_route(
        actor=world.office,
        suggestion=suggestion,
        unit=world.unit_b,
        today=today - datetime.timedelta(days=40),
    )
    services.suggestion_answer(
        actor=world.liaison_b, suggestion=suggestion, adoption="adopted", answer=ANSWER, today=today
    )  # answered 10 days late
    services.suggestion_route(
        actor=world.office, suggestion=late, unit=world.unit_b, today=today - datetime.timedelta(days=35)
    )  # still open, overdue
    by_council = {r.key: r for r in selectors.suggestion_counts(user=world.office, by="council")}
    row = by_council[world.council.pk]
    assert (row.received, row.answered, row.on_time, row.overdue, row.adopted) == (2, 1, 0, 1, 1)
    by_unit = {r.key: r for r in selectors.suggestion_counts(user=world.office, by="unit")}
    assert (by_unit[world.unit_b.pk].received, by_unit[world.unit_b.pk].overdue) == (2, 1)
    # the unit's to-do: the open one, overdue by 5 days
    due = selectors.suggestions_due(user=world.liaison_b)
    assert [(d.suggestion.pk, d.overdue_days) for d in due] == [(late.pk, 5)]
    assert selectors.suggestions_due(user=world.liaison_a) == []


def test_reminders_before_the_deadline_and_when_overdue_are_sent_once(world, suggestion):
    today = clock.today()
    services.suggestion_route(
        actor=world.office,
        suggestion=suggestion,
        unit=world.unit_b,
        deadline=today + datetime.timedelta(days=2),
    )
    mine = Notification.objects.filter(unit=world.unit_b)
    services.suggestion_remind(today=today)
    assert mine.count() == 1
    assert services.suggestion_remind(today=today) == 0  # idempotent
    services.suggestion_remind(today=today + datetime.timedelta(days=5))
    assert mine.count() == 2
    texts = list(Notification.objects.filter(unit=world.unit_b).values_list("text", flat=True))
    assert any("逾期3天" in t for t in texts) and any("前答复" in t for t in texts)


def test_the_demo_has_suggestions_in_every_state(demo):
    states = set(Suggestion.objects.values_list("state", flat=True))
    assert states == set(SuggestionState.values)
    today = clock.today()
    assert Suggestion.objects.filter(state=SuggestionState.ROUTED, deadline__lt=demo).exists()  # overdue
    assert Suggestion.objects.filter(state=SuggestionState.ROUTED, deadline__gte=demo).exists()
    assert all(s.received_on <= today for s in Suggestion.objects.all())


def test_only_the_office_routes_and_publishes_through_the_pages(world, suggestion, client_for):
    url = f"/children/suggestions/{suggestion.pk}/"
    for user in (world.liaison_a, world.leader):
        response = client_for(user).post(url + "route/", {"unit": world.unit_a.pk})
        assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.NEW
    assert client_for(world.office).post(url + "route/", {"unit": world.unit_b.pk}).status_code == 302
    suggestion.refresh_from_db()
    services.suggestion_answer(
        actor=world.liaison_b, suggestion=suggestion, adoption="adopted", answer=ANSWER
    )
    for user in (world.liaison_a, world.liaison_b):
        assert client_for(user).post(url + "publish/").status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ANSWERED
    assert client_for(world.office).post(url + "publish/").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.PUBLISHED
