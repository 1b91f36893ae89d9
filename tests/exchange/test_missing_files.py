"""A stored Parquet file that has gone missing (an operator deleted it, a restore failed) is never
a server error and never read as "no rows": the warehouse refuses, naming the submission
("数据文件缺失：……第N号报送，请联系管理员恢复"), and every page reading shared data shows that
message; a reader that opts in (`missing="skip"`, the quality view's registry match) leaves the
file out with a logged warning. The last tests add a factory submission to the demo's demand
list (taxpayer, tax_paid: uses the demo data set's catalog, not its rows' content).
"""

import logging
from pathlib import Path

import pytest
from factories import (
    DatasetFactory,
    LeadFactory,
    SubmissionFactory,
    UserFactory,
    small_rows,
    submit_rows,
    uscc,
)

from gongzhi.core.choices import JobState
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_execute
from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.roles import Role
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.selectors import registry_match_shares
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.org.models import Unit
from gongzhi.taxrisk import services as taxrisk_services
from gongzhi.taxrisk.choices import RunState
from gongzhi.taxrisk.models import RiskRun

pytestmark = pytest.mark.django_db


def _expected(submission) -> str:
    return (
        f"数据文件缺失：{submission.dataset.name}（{submission.unit.name}）第{submission.pk}号报送，"
        "请联系管理员恢复"
    )


@pytest.fixture
def two_submissions(data_dir):
    """A dataset with two accepted submissions of its provider; the second one's file deleted."""
    dataset = DatasetFactory()
    kept = SubmissionFactory(dataset=dataset, period="2025-10")
    gone = SubmissionFactory(dataset=dataset, period="2025-11")
    Path(gone.parquet_path).unlink()
    return dataset, kept, gone


def test_the_warehouse_refuses_naming_the_submission(two_submissions):
    dataset, _kept, gone = two_submissions
    with pytest.raises(ApplicationError) as refused:
        with open_warehouse(user=None, datasets=[dataset.code], purpose="测试读取（测试）"):
            pytest.fail("opened over a missing file")
    assert refused.value.code == ErrorCode.DATA_MISSING
    assert refused.value.message == _expected(gone)
    assert refused.value.extra == {"submissions": [gone.pk], "datasets": [dataset.code]}


def test_a_reader_that_skips_leaves_the_file_out_logs_and_audits(two_submissions, caplog):
    dataset, kept, gone = two_submissions
    with caplog.at_level(logging.WARNING, logger="gongzhi.exchange.warehouse"):
        with open_warehouse(
            user=None, datasets=[dataset.code], purpose="测试读取（测试）", missing="skip"
        ) as wh:
            submissions = {r[0] for r in wh.rows(f'SELECT DISTINCT _submission_id FROM "{dataset.code}"')}
            assert [m.submission_id for m in wh.missing] == [gone.pk]
    assert submissions == {kept.pk}
    assert any(str(gone.pk) in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    entry = AuditEntry.objects.filter(purpose="测试读取（测试）").latest("pk")
    assert entry.detail["missing_files"] == [gone.pk] and entry.detail["files"] == {dataset.code: 1}


def test_another_units_missing_file_does_not_stop_a_unit_reading_its_own(data_dir):
    # given a dataset with two providers; the other unit's file is gone
    mine, other = UserFactory().unit, UserFactory().unit
    dataset = DatasetFactory(providers=[mine, other])
    own = SubmissionFactory(dataset=dataset, unit=mine)
    Path(SubmissionFactory(dataset=dataset, unit=other).parquet_path).unlink()
    reader = UserFactory(unit=mine)
    # when the unit reads (only its own rows) then its rows are there
    with open_warehouse(user=reader, datasets=[dataset.code], purpose="本单位核对（测试）") as wh:
        assert {r[0] for r in wh.rows(f'SELECT DISTINCT _submission_id FROM "{dataset.code}"')} == {own.pk}


def test_the_data_browser_shows_the_message(two_submissions, client_for):
    dataset, _kept, gone = two_submissions
    liaison = UserFactory(unit=dataset.provider_units.first())
    page = client_for(liaison).get(f"/exchange/datasets/{dataset.code}/rows/")
    assert page.status_code == 503
    assert _expected(gone) in page.content.decode()


def test_the_quality_match_skips_a_missing_file(data_dir):
    # a quality indicator stays usable: the submission whose file is gone gets no share
    dataset = DatasetFactory()
    gone = SubmissionFactory(dataset=dataset, rows=small_rows(count=2))
    Path(gone.parquet_path).unlink()
    assert gone.pk not in registry_match_shares([gone])


# --- pages over the demo's demand list -----------------------------------------------------------


@pytest.fixture
def missing_tax_paid(demo, data_dir):
    """A tax_paid submission of the tax bureau for a new synthetic taxpayer, its file deleted."""
    code = uscc()
    dataset = Dataset.objects.get(code="tax_paid")
    period = demo.replace(day=1).strftime("%Y-%m")
    submission = submit_rows(
        dataset,
        Unit.objects.get(name="区税务局"),
        period,
        [{"uscc": code, "tax_type": "增值税", "period": period, "amount": "1200.00", "paid_date": str(demo)}],
    )
    assert submission.state == SubmissionState.ACCEPTED
    Path(submission.parquet_path).unlink()
    return code, submission


def test_the_lead_page_shows_the_message(missing_tax_paid, users, client_for):
    code, submission = missing_tax_paid
    lead = LeadFactory(uscc=code)
    page = client_for(users["cogov_office"]).get(f"/taxrisk/leads/{lead.pk}/")
    assert page.status_code == 503
    assert _expected(submission) in page.content.decode()


def test_a_risk_run_fails_cleanly_with_the_message(missing_tax_paid, users):
    _code, submission = missing_tax_paid
    # in the foreground
    with pytest.raises(ApplicationError) as refused:
        taxrisk_services.run_start(actor=users["cogov_office"], rules=["R01"], background=False)
    assert refused.value.message == _expected(submission)
    run = RiskRun.objects.latest("pk")
    assert run.state == RunState.FAILED and run.errors == {"*": _expected(submission)}
    # as a job: failed with the message, the run too
    run = taxrisk_services.run_start(actor=users["cogov_office"], rules=["R01"])
    job_execute(run.job_id)
    job = JobRun.objects.get(pk=run.job_id)
    assert job.state == JobState.FAILED and job.error == _expected(submission)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and run.errors == {"*": _expected(submission)}


def test_a_tax_officer_sees_the_message_on_the_lead_page(missing_tax_paid, client_for):
    code, submission = missing_tax_paid
    officer = UserFactory(role=Role.TAX_OFFICER)
    lead = LeadFactory(uscc=code, assignee=officer, assignee_unit=officer.unit, status="dispatched")
    page = client_for(officer).get(f"/taxrisk/leads/{lead.pk}/")
    assert page.status_code == 503 and _expected(submission) in page.content.decode()
