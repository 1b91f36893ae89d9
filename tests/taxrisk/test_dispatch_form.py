"""The lead dispatch form (issue 11, point 9): every field has a label; "或派给镇街网格" lists only
towns and subdistricts, and the service refuses a bureau as a grid. The favicon is served."""

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from factories import LeadFactory, UnitFactory, UserFactory

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.roles import Role
from gongzhi.org.choices import UnitKind
from gongzhi.taxrisk import services

pytestmark = pytest.mark.django_db


def _dispatch_form(html: str) -> str:
    start = html.index('name="op" value="dispatch"')
    return html[start : html.index("</form>", start)]


def test_every_dispatch_field_is_labelled_and_only_grids_are_offered(client_for):
    # given a new lead, a town, a subdistrict and a bureau
    office = UserFactory(role=Role.COGOV_OFFICE)
    lead = LeadFactory()
    town = UnitFactory(kind=UnitKind.TOWN)
    subdistrict = UnitFactory(kind=UnitKind.SUBDISTRICT)
    bureau = UnitFactory(kind=UnitKind.GOVERNMENT)
    # when the office opens the lead
    form = _dispatch_form(
        client_for(office).get(reverse("taxrisk:lead_detail", args=[lead.pk])).content.decode()
    )
    # then each field has a visible label pointing at it
    for name in ("assignee", "unit", "deadline"):
        field_id = re.search(rf'id="([^"]+)" name="{name}"', form).group(1)
        assert f'<label class="form-label small mb-1" for="{field_id}">' in form
    assert "或派给镇街网格" in form and "核实期限" in form
    # and the grid list holds towns and subdistricts, never a bureau
    units = form[form.index('name="unit"') :]
    units = units[: units.index("</select>")]
    assert town.name in units and subdistrict.name in units
    assert bureau.name not in units
    assert not re.search(r"区[^<]*局", units)


def test_the_service_refuses_a_bureau_as_a_grid():
    office = UserFactory(role=Role.COGOV_OFFICE)
    lead = LeadFactory()
    deadline = clock.today() + datetime.timedelta(days=10)
    with pytest.raises(ApplicationError, match="只能派给镇（街道）网格核实"):
        services.lead_dispatch(
            actor=office, lead=lead, unit=UnitFactory(kind=UnitKind.GOVERNMENT), deadline=deadline
        )
    lead.refresh_from_db()
    assert lead.status == "new" and lead.assignee_unit is None
    town = UnitFactory(kind=UnitKind.TOWN)
    services.lead_dispatch(actor=office, lead=lead, unit=town, deadline=deadline)
    lead.refresh_from_db()
    assert lead.status == "dispatched" and lead.assignee_unit == town


def test_the_favicon_is_referenced_and_shipped(client_for):
    html = client_for(UserFactory()).get(reverse("workspace:home")).content.decode()
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert icons and all("gongzhi/favicon" in href for href in icons)
    svg = finders.find("gongzhi/favicon.svg")
    png = finders.find("gongzhi/favicon.png")
    assert svg and open(svg, encoding="utf-8").read().startswith("<svg")
    assert png and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
