"""The supervision tab bar: 方案设置 is offered to those who may set the plan up (its office, an
admin) and to no one else."""

import pytest
from django.urls import reverse
from factories import PolicyDocumentFactory, UserFactory

from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

TABS = ["plan_dashboard", "indicator_list", "round_list", "leader_summary"]


def _nav_link(client, plan) -> list[bool]:
    setup_url = reverse("supervision:plan_setup", args=[plan.pk])
    shown = []
    for name in TABS:
        response = client.get(reverse(f"supervision:{name}", args=[plan.pk]))
        assert response.status_code == 200, name
        html = response.content.decode()
        shown.append(f'href="{setup_url}"' in html and "方案设置" in html)
    return shown


def test_the_plan_office_and_an_admin_see_the_set_up_tab_on_every_page(client_for):
    plan = PolicyDocumentFactory()
    office = UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit)
    admin = UserFactory(role=Role.ADMIN)
    assert _nav_link(client_for(office), plan) == [True] * len(TABS)
    assert _nav_link(client_for(admin), plan) == [True] * len(TABS)
    # and the link leads to a page they may open
    assert client_for(office).get(reverse("supervision:plan_setup", args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.PLAN_OFFICE, Role.LEADER, Role.COGOV_OFFICE])
def test_others_do_not_see_the_set_up_tab(client_for, role):
    plan = PolicyDocumentFactory()
    other = UserFactory(role=role)  # a unit other than the plan's office
    assert _nav_link(client_for(other), plan) == [False] * len(TABS)
