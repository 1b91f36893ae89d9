import datetime

import pytest
from django.core.cache import cache
from factories import UnitFactory, UserFactory

from gongzhi.children import services
from gongzhi.children.choices import AgeBand, CouncilLevel
from gongzhi.core import clock
from gongzhi.core.roles import Role


class World:
    """A district council facilitated by unit A, one member; users of A, of B, the office, a leader."""

    def __init__(self):
        today = clock.today()
        self.unit_a, self.unit_b = UnitFactory(), UnitFactory()
        self.liaison_a = UserFactory(role=Role.LIAISON, unit=self.unit_a)
        self.liaison_b = UserFactory(role=Role.LIAISON, unit=self.unit_b)
        self.office = UserFactory(role=Role.PLAN_OFFICE, unit=UnitFactory())
        self.leader = UserFactory(role=Role.LEADER, unit=UnitFactory())
        self.tax_officer = UserFactory(role=Role.TAX_OFFICER, unit=UnitFactory())
        self.council = services.council_create(
            actor=self.office,
            name="测试区儿童议事会（虚构）",
            level=CouncilLevel.DISTRICT,
            facilitator_unit=self.unit_a,
            founded_on=today - datetime.timedelta(days=100),
        )
        self.member = services.member_add(
            actor=self.liaison_a,
            council=self.council,
            name="小测（虚构）",
            age_band=AgeBand.AGE_9_11,
            school="测试小学（虚构）",
            guardian_consent=True,
            consent_date=today - datetime.timedelta(days=50),
            joined_on=today - datetime.timedelta(days=40),
        )


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()
