"""The demo of the register: villages and communities under the towns, spaces in every status,
a counting target computed from them, two impact assessments, the （18） village target judged
village by village."""

import pytest

from gongzhi.children.register.choices import AssessmentState, SpaceStatus
from gongzhi.children.register.models import CountingTarget, ImpactAssessment, Space
from gongzhi.org.choices import UnitKind
from gongzhi.org.models import Unit
from gongzhi.supervision import monitoring
from gongzhi.supervision.choices import ValueSource

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_part(demo):
    assert set(Space.objects.values_list("status", flat=True)) == set(SpaceStatus.values)
    assert all(s.name.endswith("（虚构）") for s in Space.objects.all())
    states = sorted(ImpactAssessment.objects.values_list("state", flat=True))
    assert states == sorted([AssessmentState.SIGNED_OFF, AssessmentState.SUBMITTED])
    for kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.SCHOOL, UnitKind.KINDERGARTEN):
        assert Unit.objects.filter(kind=kind, name__endswith="（虚构）").exists()
    village = Unit.objects.filter(kind=UnitKind.VILLAGE).first()
    assert village.parent.kind == UnitKind.TOWN
    target = CountingTarget.objects.select_related("indicator__plan").get()
    latest = target.indicator.values.filter(source=ValueSource.REGISTER).order_by("-period_end").first()
    assert latest.period_end == demo and latest.value == 1  # 朝阳 certified; the others planned or building
    states = monitoring.plan_status(plan=target.indicator.plan, as_of=demo)
    per_village = [
        i
        for s in states
        for i in s.indicators
        if s.task.number == "（18）" and "村" in (i.indicator.target.per if i.indicator.target else "")
    ]
    assert per_village and "尚未报送任何数据" not in per_village[0].reason, per_village[0].reason
    assert any(u.unit.endswith("（虚构）") for u in per_village[0].assessment.units)
