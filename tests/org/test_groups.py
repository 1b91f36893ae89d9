"""Leading groups and their members.

The seating of the leading group is checked against the reference document (the demo data set,
through the `demo` fixture); the page and the member changes run on a group built with factories.
"""

import datetime
from pathlib import Path

import pytest
from factories import GroupFactory, MembershipFactory, UnitFactory, UserFactory

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.org.models import Group, Membership, Person
from gongzhi.org.services import membership_change, membership_end

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).resolve().parents[1] / "fixtures/plans/zhoucun_2023_reference.txt").read_text(
    "utf-8"
)


@pytest.fixture
def leading_group(demo) -> Group:
    return Group.objects.get(name="周村区税费协同共治领导小组")


@pytest.fixture
def group() -> Group:
    """A leading group of six: a leader, two deputies and three members."""
    group = GroupFactory()
    for role in ("leader", "deputy", "deputy", "member", "member", "member"):
        MembershipFactory(group=group, role=role)
    return group


def test_leading_group_is_seated_as_the_document_lists_it(leading_group):
    group = leading_group
    members = list(group.memberships.current().select_related("person", "unit").order_by("order"))
    assert len(members) == 32
    roles = [m.get_role_display() for m in members]
    assert roles.count("组长") == 1 and roles.count("副组长") == 2 and roles.count("成员") == 29
    assert (members[0].person.name, members[0].position_title) == ("贺迎东", "区政府副区长")
    assert members[2].person.name == "赵谦"  # "赵  谦" normalised
    # every name and title stands in the document as written (names padded with spaces there)
    lines = ["".join(line.split()) for line in REFERENCE.splitlines()]
    for m in members:
        assert any(line.endswith(m.person.name + m.position_title) for line in lines), m.person.name
    assert group.office_unit.name == "区财政局" and group.office_director.name == "吴振峰"
    units = {m.person.name: m.unit.name for m in members}
    assert units["张惠"] == "区医疗保障服务中心" and units["袁春"] == "区退役军人事务局"
    assert units["周强"] == "周村经济开发区" and units["赵亮"] == "城北路街道"


def test_group_page_shows_members_by_role_with_masked_contacts(client_for, group):
    liaison = UserFactory(role=Role.LIAISON)
    liaison_page = client_for(liaison).get(f"/org/groups/{group.pk}/")
    assert liaison_page.status_code == 200
    by_role = liaison_page.context["by_role"]
    assert [len(by_role[r]) for r in ("组长", "副组长", "成员")] == [1, 2, 3]
    assert all("*" in row["phone"] for rows in by_role.values() for row in rows)
    assert not AuditEntry.objects.filter(action="group_viewed", username=liaison.username).exists()
    office = UserFactory(role=Role.COGOV_OFFICE)
    office_page = client_for(office).get(f"/org/groups/{group.pk}/")
    phones = {m.person.phone for m in group.memberships.all()}
    assert {row["phone"] for rows in office_page.context["by_role"].values() for row in rows} == phones
    assert AuditEntry.objects.filter(action="group_viewed", username=office.username).exists()


def test_member_changes_keep_history(group):
    actor = UserFactory(role=Role.COGOV_OFFICE)
    member = group.memberships.current().filter(role="member").first()
    person = member.person
    new = membership_change(
        actor=actor,
        membership=member,
        role="member",
        position_title="区水利局局长（测试）",
        on_date=datetime.date(2024, 3, 1),
        note="职务调整（演示）",
    )
    member.refresh_from_db()
    assert member.until == datetime.date(2024, 3, 1) and new.since == datetime.date(2024, 3, 1)
    membership_end(actor=actor, membership=new, until=datetime.date(2025, 1, 1), note="调离（演示）")
    assert group.memberships.current().count() == 5
    assert Membership.objects.filter(group=group, person=person).count() == 2
    assert (
        AuditEntry.objects.filter(
            action__in=["member_changed", "member_ended"], username=actor.username
        ).count()
        >= 2
    )
    with pytest.raises(ApplicationError, match="已结束"):
        membership_end(actor=actor, membership=new, until=datetime.date(2025, 2, 1))


def test_liaisons_cannot_change_members(group, client_for):
    liaison = UserFactory(role=Role.LIAISON)
    member = group.memberships.current().first()
    with pytest.raises(ApplicationError, match="没有权限"):
        membership_end(actor=liaison, membership=member, until=datetime.date(2025, 1, 1))
    response = client_for(liaison).post(
        f"/org/memberships/{member.pk}/", {"op": "end", "until": "2025-01-01"}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.until is None


def test_adding_a_member_through_the_page(group, client_for):
    client = client_for(UserFactory(role=Role.COGOV_OFFICE))
    unit = UnitFactory()
    response = client.post(
        f"/org/groups/{group.pk}/members/add/",
        {
            "name": "示例人员（演示）",
            "unit": unit.pk,
            "role": "member",
            "position_title": "副局长（演示）",
            "since": "2025-01-01",
            "note": "增补（演示）",
        },
    )
    assert response.status_code == 302
    added = group.memberships.current().get(person__name="示例人员（演示）")
    assert added.unit == unit and added.person.unit == unit
    assert Person.objects.filter(name="示例人员（演示）").count() == 1
