"""Councils and their members: minors' data seen only by the council's facilitator unit and the
office, every read audited; everyone else with children.view sees counts only."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from gongzhi.children import selectors, services
from gongzhi.children.choices import AgeBand, CouncilLevel
from gongzhi.children.models import Council, CouncilMember
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db

MEMBER = "小测（虚构）"


def _reads(council) -> int:
    return AuditEntry.objects.filter(
        action=AuditAction.CHILD_MEMBERS_VIEWED, object_type__icontains="council", object_id=str(council.pk)
    ).count()


@pytest.mark.parametrize(
    ("who", "sees"),
    [("liaison_a", True), ("office", True), ("liaison_b", False), ("leader", False)],
)
def test_members_are_seen_by_the_facilitator_unit_and_the_office_only(world, client_for, who, sees):
    client = client_for(getattr(world, who))
    before = _reads(world.council)
    response = client.get(f"/children/councils/{world.council.pk}/members/")
    text = response.content.decode()
    if sees:
        assert response.status_code == 200 and MEMBER in text and "测试小学（虚构）" in text
        assert _reads(world.council) == before + 1
    else:
        assert response.status_code == 403 and MEMBER not in text
        assert _reads(world.council) == before


def test_the_leader_and_other_units_see_counts_not_names(world, client_for):
    for user in (world.leader, world.liaison_b):
        client = client_for(user)
        for url in ("/children/", f"/children/councils/{world.council.pk}/"):
            response = client.get(url)
            text = response.content.decode()
            assert response.status_code == 200, url
            assert MEMBER not in text and "测试小学（虚构）" not in text
        assert "现有成员1人" in client.get(f"/children/councils/{world.council.pk}/").content.decode()
    listed = {c.pk: c for c in selectors.council_list(user=world.leader)}
    assert listed[world.council.pk].member_count == 1


def test_every_read_of_member_data_is_audited_with_who_and_how_many(world):
    before = _reads(world.council)
    for user in (world.liaison_a, world.office, world.liaison_a):
        selectors.council_members(user=user, council=world.council)
    entries = AuditEntry.objects.filter(
        action=AuditAction.CHILD_MEMBERS_VIEWED, object_id=str(world.council.pk)
    ).order_by("-seq")[:3]
    assert _reads(world.council) == before + 3
    assert [e.username for e in entries] == [
        world.liaison_a.username,
        world.office.username,
        world.liaison_a.username,
    ]
    assert all(e.detail["members"] == 1 for e in entries)


def test_a_refused_read_is_refused_in_the_selector_too(world):
    for user in (world.liaison_b, world.leader, world.tax_officer):
        with pytest.raises(ApplicationError) as exc:
            selectors.council_members(user=user, council=world.council)
        assert exc.value.code == "permission_denied"


def test_a_member_needs_the_guardians_consent_and_no_id_data_is_kept(world):
    today = clock.today()
    count = CouncilMember.objects.count()
    with pytest.raises(ApplicationError):
        services.member_add(
            actor=world.liaison_a,
            council=world.council,
            name="小无（虚构）",
            age_band=AgeBand.AGE_6_8,
            school="测试小学（虚构）",
            guardian_consent=False,
            consent_date=None,
            joined_on=today,
        )
    assert CouncilMember.objects.count() == count
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        CouncilMember.objects.create(
            council=world.council,
            name="小无（虚构）",
            age_band=AgeBand.AGE_6_8,
            school="x",
            guardian_consent=False,
            consent_date=today,
            joined_on=today,
        )
    fields = {f.name for f in CouncilMember._meta.get_fields()}
    assert not fields & {"id_number", "birth_date", "birthday", "phone", "mobile"}


def test_only_the_facilitator_unit_or_the_office_adds_members_and_sessions(world, client_for):
    today = clock.today()
    with pytest.raises(ApplicationError):
        services.member_add(
            actor=world.liaison_b,
            council=world.council,
            name="小外（虚构）",
            age_band=AgeBand.AGE_6_8,
            school="x",
            guardian_consent=True,
            consent_date=today,
            joined_on=today,
        )
    response = client_for(world.liaison_b).post(
        f"/children/councils/{world.council.pk}/sessions/",
        {"date": today.isoformat(), "topic": "外单位录入", "attendance": 3, "suggestions": "外单位的建议"},
    )
    assert response.status_code == 403
    assert not world.council.sessions.exists()
    response = client_for(world.liaison_a).post(
        f"/children/councils/{world.council.pk}/sessions/",
        {
            "date": today.isoformat(),
            "topic": "我们的公园",
            "minutes": "讨论了公园。",
            "attendance": 9,
            "suggestions": "希望公园有饮水机\n希望公园晚上有灯",
        },
    )
    assert response.status_code == 302
    session = world.council.sessions.get()
    assert session.attendance == 9
    assert sorted(s.text for s in session.suggestions.all()) == ["希望公园晚上有灯", "希望公园有饮水机"]
    assert all(s.council == world.council and s.received_on == today for s in session.suggestions.all())


def test_councils_form_three_levels(world):
    today = clock.today() - datetime.timedelta(days=1)
    with pytest.raises(ApplicationError):  # a school council directly under the district
        services.council_create(
            actor=world.office,
            name="测试学校议事会（虚构）",
            level=CouncilLevel.COMMUNITY,
            parent=world.council,
            facilitator_unit=world.unit_a,
            founded_on=today,
        )
    town = services.council_create(
        actor=world.office,
        name="测试街道议事会（虚构）",
        level=CouncilLevel.TOWN,
        parent=world.council,
        facilitator_unit=world.unit_b,
        founded_on=today,
    )
    school = services.council_create(
        actor=world.office,
        name="测试学校议事会（虚构）",
        level=CouncilLevel.COMMUNITY,
        parent=town,
        facilitator_unit=world.unit_a,
        founded_on=today,
    )
    assert school.parent.parent == world.council
    with pytest.raises(ApplicationError):  # a liaison may not set up a council
        services.council_create(
            actor=world.liaison_a,
            name="另一个（虚构）",
            level=CouncilLevel.DISTRICT,
            facilitator_unit=world.unit_a,
            founded_on=today,
        )
    assert not Council.objects.filter(name="另一个（虚构）").exists()


def test_the_demo_has_three_levels_of_councils_with_members(demo):
    levels = set(Council.objects.filter(name__endswith="（虚构）").values_list("level", flat=True))
    assert levels == set(CouncilLevel.values)
    assert CouncilMember.objects.filter(name__endswith="（虚构）", guardian_consent=True).count() >= 10


def test_another_unit_cannot_end_a_membership(world, client_for):
    day = clock.today().isoformat()
    response = client_for(world.liaison_b).post(
        f"/children/members/{world.member.pk}/leave/", {"left_on": day}
    )
    assert response.status_code == 404
    world.member.refresh_from_db()
    assert world.member.left_on is None
    response = client_for(world.liaison_a).post(
        f"/children/members/{world.member.pk}/leave/", {"left_on": day}
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.left_on == clock.today()
