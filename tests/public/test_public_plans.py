"""Public plan pages: no login, only published plans, only approved values, never an ID number."""

import re

import pytest
from django.core.cache import cache
from factories import PolicyDocumentFactory

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import funding
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import IndicatorValue

PLAN = "周政办字〔2023〕8号"
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@pytest.fixture
def plan(demo):
    cache.clear()
    return PolicyDocument.objects.get(doc_number=PLAN)


def test_published_plan_opens_without_login_and_shows_no_id_number(plan, client):
    index = client.get("/public/plans/")
    assert index.status_code == 200 and plan.title in index.content.decode()
    page = client.get(f"/public/plans/{plan.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "public" in page["Cache-Control"]
    assert not ID_NUMBER.search(html)
    assert page.context["page"]["cases"] and "优秀工作案例" in html
    assert "gz-public-plan-charts" in html and "<script>" not in html  # data via json_script only


def test_only_approved_values_appear(plan, client):
    # given an indicator whose latest value is only submitted (not approved)
    value = (
        IndicatorValue.objects.filter(
            indicator__plan=plan, state=ReportState.ACCEPTED, indicator__kind="level", indicator__active=True
        )
        .select_related("indicator")
        .order_by("-period_end")
        .first()
    )
    indicator = value.indicator
    pending = IndicatorValue.objects.create(
        indicator=indicator,
        unit=indicator.reporting_unit,
        period_end=value.period_end,
        value=987654,
        state=ReportState.SUBMITTED,
        reported_at=value.reported_at,
    )
    html = client.get(f"/public/plans/{plan.pk}/").content.decode()
    assert "987654" not in html
    # when it is approved, the page (its cache key follows the data) shows it
    pending.state = ReportState.ACCEPTED
    pending.save()
    html = client.get(f"/public/plans/{plan.pk}/").content.decode()
    assert "987654" in html


def test_unpublished_plan_is_not_found_and_id_numbers_are_removed(plan, client, users):
    other = PolicyDocumentFactory()
    assert client.get(f"/public/plans/{other.pk}/").status_code == 404
    funding.plan_publicity_set(
        actor=None, plan=other, public=True, intro="联系人身份证号370303199001011234（虚构）"
    )
    html = client.get(f"/public/plans/{other.pk}/").content.decode()
    assert not ID_NUMBER.search(html) and "已隐去" in html
    # only the plan's office may change it, and every change is audited
    with pytest.raises(ApplicationError):
        funding.plan_publicity_set(actor=users["liaison"], plan=plan, public=False)
    client_office = users["plan_office"]
    funding.plan_publicity_set(actor=client_office, plan=plan, public=True)
    assert AuditEntry.objects.filter(action="plan_publicity_changed", object_id=str(plan.pk)).exists()
