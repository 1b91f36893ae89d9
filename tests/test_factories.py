"""Every factory builds a row that passes the model's own validation."""

from pathlib import Path

import factories
import pytest
from django.contrib.auth.hashers import check_password

from gongzhi.exchange.choices import SubmissionState
from gongzhi.taxrisk.engine.rules import parse_rule

pytestmark = pytest.mark.django_db

FACTORIES = [
    factories.UnitFactory,
    factories.UserFactory,
    factories.PersonFactory,
    factories.GroupFactory,
    factories.MembershipFactory,
    factories.PolicyDocumentFactory,
    factories.SectionFactory,
    factories.TaskFactory,
    factories.ResponsibilityFactory,
    factories.TargetFactory,
    factories.DatasetFactory,
    factories.DatasetVersionFactory,
    factories.ReportingRoundFactory,
    factories.TaskReportFactory,
    factories.IndicatorFactory,
    factories.IndicatorValueFactory,
    factories.SupervisionOrderFactory,
    factories.RiskRuleFactory,
    factories.RuleVersionFactory,
    factories.LeadFactory,
]


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_builds_a_valid_row(factory_class):
    # given one row of each factory, twice (sequences keep unique fields apart)
    first, second = factory_class(), factory_class()
    # then both pass full_clean (which checks unique fields and constraints against the database)
    first.full_clean()
    second.full_clean()
    assert first.pk != second.pk


def test_the_submission_factory_stores_a_real_parquet_file(data_dir):
    # given a submission built through the real service
    submission = factories.SubmissionFactory(rows=factories.small_rows("2025-10", count=4))
    # then it is accepted, with every row in a Parquet file under the test's data directory
    submission.full_clean()
    assert submission.state == SubmissionState.ACCEPTED
    assert (submission.rows, submission.accepted, submission.rejected) == (4, 4, 0)
    parquet = Path(submission.parquet_path)
    assert parquet.is_file() and parquet.is_relative_to(data_dir)
    assert submission.version == submission.dataset.current_version
    assert submission.unit in submission.dataset.provider_units.all()


def test_submit_rows_reports_bad_rows_as_the_engine_does(data_dir):
    dataset = factories.DatasetFactory()
    unit = dataset.provider_units.get()
    rows = [*factories.small_rows("2025-10", count=2), {"uscc": "bad", "period": "2025-10", "amount": "1"}]
    submission = factories.submit_rows(dataset, unit, "2025-10", rows)
    assert (submission.state, submission.accepted, submission.rejected) == (SubmissionState.PARTIAL, 2, 1)
    assert submission.errors[0]["row"] == 4 and submission.errors[0]["field"] == "uscc"


def test_factory_names_are_labelled_and_passwords_use_the_fast_hasher():
    user = factories.UserFactory()
    assert user.full_name.endswith("（测试）") and user.unit.name.endswith("（测试）")
    assert user.password.startswith("md5$") and check_password(factories.PASSWORD, user.password)
    village = factories.UnitFactory(village=True)
    assert village.kind == "village" and village.parent.kind == "town"


def test_the_rule_version_is_a_checked_rule_under_the_rules_code():
    rule = factories.RiskRuleFactory()
    parsed = parse_rule(rule.current.sql, rule.current.meta, slug="t", check=True)
    assert parsed.code == rule.code and rule.current.version == 1
    lead = factories.LeadFactory(rule=rule)
    assert lead.rule.current == rule.current
