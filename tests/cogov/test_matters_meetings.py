"""An important matter put on a joint meeting's agenda from the meeting page; the matter's page
shows the meeting (meetings registers the lookup with cogov: cogov never imports meetings)."""

import pytest
from factories import UserFactory

from gongzhi.accounts.models import User
from gongzhi.cogov.services_matters import matter_file
from gongzhi.core import clock
from gongzhi.meetings.models import AgendaItem
from gongzhi.meetings.services import meeting_create
from gongzhi.org.models import Group

pytestmark = pytest.mark.django_db


def test_a_matter_goes_on_the_agenda_and_its_page_shows_the_meeting(client_for):
    office = User.objects.get(username="gongzhi")
    group = Group.objects.get(name="周村区税费协同共治领导小组")
    meeting = meeting_create(actor=office, group=group, date=clock.today())
    liaison = User.objects.get(username="weijian")
    matter = matter_file(
        actor=liaison, title="数据接口调整（测试）", kind="data_sharing", urgency="normal", facts="（测试）"
    )
    client = client_for(office)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "从重要事项报告增加议题" in page and "数据接口调整（测试）" in page
    response = client.post(f"/meetings/{meeting.pk}/", {"action": "agenda_matter", "matter": matter.pk})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, link=f"/cogov/matters/{matter.pk}/")
    assert item.title == "重要事项：数据接口调整（测试）" and item.presenter_unit == liaison.unit
    shown = client.get(f"/cogov/matters/{matter.pk}/").content.decode()
    assert "提交会议研究" in shown and f"/meetings/{meeting.pk}/" in shown
    # a unit that may not read the meeting sees its matter without it
    own = client_for(liaison).get(f"/cogov/matters/{matter.pk}/").content.decode()
    assert (f"/meetings/{meeting.pk}/" in own) == meeting.group.memberships.filter(unit=liaison.unit).exists()


def test_a_matter_the_user_cannot_see_is_not_offered(client_for):
    office = User.objects.get(username="gongzhi")
    group = Group.objects.get(name="周村区税费协同共治领导小组")
    meeting = meeting_create(actor=office, group=group, date=clock.today())
    other = matter_file(
        actor=UserFactory(), title="别家事项（测试）", kind="other", urgency="normal", facts="x"
    )
    plan_office = User.objects.get(username="fuer")  # meetings.manage, not the matter's unit
    response = client_for(plan_office).post(
        f"/meetings/{meeting.pk}/", {"action": "agenda_matter", "matter": other.pk}
    )
    assert not AgendaItem.objects.filter(link=f"/cogov/matters/{other.pk}/").exists()
    assert response.status_code in (200, 403, 404)
