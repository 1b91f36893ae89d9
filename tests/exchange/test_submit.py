"""Submissions through the command line, the web and the API: one engine, one record.

Each test builds its own dataset (shaped like the demand list's 企业用电量), provider unit and
users with factories.
"""

import json
import re

import pytest
from django.core.management import CommandError, call_command
from factories import DatasetFactory, UnitFactory, UserFactory, submit_rows

from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, Submission

pytestmark = pytest.mark.django_db

# The fields of the demand list's 企业用电量 (electricity): a company, a month, a metered amount.
ELECTRICITY_FIELDS = [
    {"code": "uscc", "name": "统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
    {
        "code": "period",
        "name": "所属期",
        "type": "text",
        "required": True,
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
        "pattern_message": "应为YYYY-MM",
    },
    {"code": "kwh", "name": "用电量（千瓦时）", "type": "decimal", "scale": 4, "required": True, "min": 0},
]


@pytest.fixture
def provider():
    return UnitFactory()


@pytest.fixture
def electricity(provider) -> Dataset:
    return DatasetFactory(providers=[provider], spec__fields=ELECTRICITY_FIELDS)


def _submit_cli(capsys, path, *, dataset, unit, period="2025-11"):
    call_command(
        "exchange",
        "submit",
        "--dataset",
        dataset.code,
        "--unit",
        unit.name,
        "--period",
        period,
        str(path),
        "--json",
    )
    return json.loads(capsys.readouterr().out)


def test_cli_submit_prints_the_contract(capsys, write_csv, make_uscc, data_dir, electricity, provider):
    good = [{"uscc": make_uscc(), "period": "2025-11", "kwh": "12,345.5"} for _ in range(5)]
    bad = [
        {"uscc": "91370306MA3C000000", "period": "2025-11", "kwh": "10"},  # bad check digit
        {"uscc": make_uscc(), "period": "2025-13", "kwh": "10"},  # bad period pattern
        {"uscc": make_uscc(), "period": "2025-11", "kwh": "-3"},
    ]  # below min
    path = write_csv(good + bad, ["uscc", "period", "kwh"], "用电量.csv")
    out = _submit_cli(capsys, path, dataset=electricity, unit=provider)
    assert set(out) >= {"submission", "status", "rows", "accepted", "rejected", "errors"}
    assert (out["status"], out["rows"], out["accepted"], out["rejected"]) == ("partial", 8, 5, 3)
    assert [(e["row"], e["field"]) for e in out["errors"]] == [(7, "uscc"), (8, "period"), (9, "kwh")]
    assert all(e["reason"] and isinstance(e["value"], str) for e in out["errors"])
    submission = Submission.objects.get(pk=out["submission"])
    assert submission.state == SubmissionState.PARTIAL and submission.parquet_path
    assert (submission.dataset, submission.unit) == (electricity, provider)
    assert AuditEntry.objects.filter(action="submission_validated", object_id=str(submission.pk)).exists()


def _submit_cli_rejected(capsys, path, *, dataset, unit):
    """A rejected file: the JSON outcome is still printed, and the command fails with status 1."""
    with pytest.raises(CommandError, match="已退回") as failed:
        _submit_cli(capsys, path, dataset=dataset, unit=unit)
    assert failed.value.returncode == 1
    return json.loads(capsys.readouterr().out)


def test_cli_reject_policy_and_file_level_errors(capsys, write_csv, make_uscc, data_dir, provider):
    """Before issue 10 the command exited 0 on a rejected file; now it exits 1 (JSON unchanged)."""
    dataset = DatasetFactory(providers=[provider], policy="reject", spec__fields=ELECTRICITY_FIELDS)
    assert dataset.current_version.spec["policy"] == "reject"
    path = write_csv([{"uscc": make_uscc(), "period": "2025-11", "kwh": "abc"}], ["uscc", "period", "kwh"])
    out = _submit_cli_rejected(capsys, path, dataset=dataset, unit=provider)
    assert (out["status"], out["accepted"]) == ("rejected", 0)
    missing = write_csv([{"uscc": make_uscc(), "period": "2025-11"}], ["uscc", "period"], "missing.csv")
    out = _submit_cli_rejected(capsys, missing, dataset=dataset, unit=provider)
    assert out["status"] == "rejected" and any(
        "kwh" in e["reason"] or "用电量" in e["reason"] for e in out["errors"]
    )


def test_cli_refuses_unknown_dataset_unit_and_period(tmp_path, write_csv, electricity, provider):
    path = write_csv([], ["uscc"])
    before = Submission.objects.count()

    def submit(dataset: str, unit: str, period: str) -> None:
        call_command(
            "exchange", "submit", "--dataset", dataset, "--unit", unit, "--period", period, str(path)
        )

    with pytest.raises(CommandError, match="不在需求清单中"):
        submit("nope", provider.name, "2025-01")
    with pytest.raises(CommandError, match="不在单位名录中"):
        submit(electricity.code, "火星局", "2025-01")
    with pytest.raises(CommandError, match="报送期间"):
        submit(electricity.code, provider.name, "2025年13月")
    with pytest.raises(CommandError, match=re.escape(f"不是“{electricity.name}”的提供单位")):
        submit(electricity.code, UnitFactory().name, "2025-01")
    assert Submission.objects.count() == before


# A dataset whose rows carry their own date (like 不动产交易登记): a period range checks it.
DEALS_FIELDS = [
    {"code": "uscc", "name": "买方统一社会信用代码", "type": "text", "required": True, "check": "uscc"},
    {"code": "price", "name": "成交价格（元）", "type": "decimal", "required": True, "min": 0},
    {"code": "deal_date", "name": "成交日期", "type": "date", "required": True},
]


def test_a_period_range_checks_the_period_field(capsys, write_csv, make_uscc, data_dir, provider):
    deals = DatasetFactory(
        providers=[provider],
        spec__fields=DEALS_FIELDS,
        spec__key=["uscc", "deal_date"],
        spec__period_field="deal_date",
    )
    rows = [{"uscc": make_uscc(), "price": "100", "deal_date": day} for day in ("2024-03-01", "2026-01-05")]
    path = write_csv(rows, list(rows[0]), "history.csv")
    out = _submit_cli(capsys, path, dataset=deals, unit=provider, period="2024-01..2025-12")
    assert out["accepted"] == 1 and out["errors"][0]["row"] == 3 and out["errors"][0]["field"] == "deal_date"


def test_a_new_submission_supersedes_the_old_one(make_uscc, electricity, provider, data_dir):
    rows = [{"uscc": make_uscc(), "period": "2025-11", "kwh": "100"}]
    first = submit_rows(electricity, provider, "2025-11", rows)
    second = submit_rows(electricity, provider, "2025-11", rows)
    first.refresh_from_db()
    assert first.state == SubmissionState.SUPERSEDED and first.superseded_by == second
    assert second.state == SubmissionState.ACCEPTED


def test_web_upload_by_the_provider_runs_as_a_job(
    client_for, write_csv, make_uscc, data_dir, electricity, provider, django_capture_on_commit_callbacks
):
    liaison = UserFactory(unit=provider, role=Role.LIAISON)
    path = write_csv([{"uscc": make_uscc(), "period": "2025-11", "kwh": "100"}], ["uscc", "period", "kwh"])
    client = client_for(liaison)
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as handle:
        response = client.post(
            f"/exchange/datasets/{electricity.code}/submit/", {"period": "2025-11", "file": handle}
        )
    submission = Submission.objects.get(dataset=electricity)
    assert response["Location"] == f"/exchange/submissions/{submission.pk}/"
    assert submission.state == SubmissionState.ACCEPTED and submission.job.state == "succeeded"
    assert submission.unit == provider and submission.submitted_by == liaison
    page = client.get(f"/exchange/submissions/{submission.pk}/")
    assert "已接收" in page.content.decode()
    # a unit that does not provide the dataset cannot submit it
    with path.open("rb") as handle:
        denied = client_for(UserFactory(role=Role.LIAISON)).post(
            f"/exchange/datasets/{electricity.code}/submit/", {"period": "2025-11", "file": handle}
        )
    assert denied.status_code == 403
    assert Submission.objects.filter(dataset=electricity).count() == 1


def test_api_push_rows_with_a_token(make_uscc, data_dir, electricity, provider, client):
    from gongzhi.accounts.services import token_create

    admin = UserFactory(role=Role.ADMIN)
    _, secret = token_create(actor=admin, unit=provider, name="用电系统（测试）")
    body = {
        "period": "2025-11",
        "rows": [
            {"uscc": make_uscc(), "period": "2025-11", "kwh": 5},
            {"uscc": "bad", "period": "2025-11", "kwh": 5},
        ],
    }
    url = f"/api/v1/exchange/datasets/{electricity.code}/rows"
    response = client.post(
        url, body, content_type="application/json", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["accepted"], data["rejected"]) == ("partial", 1, 1)
    assert data["errors"][0]["row"] == 2 and data["errors"][0]["field"] == "uscc"
    submission = Submission.objects.get(pk=data["submission"])
    assert submission.source == "api" and submission.unit == provider
    # another unit's token cannot push this dataset
    _, other = token_create(actor=admin, unit=UnitFactory(), name="财政（测试）")
    denied = client.post(
        url, body, content_type="application/json", headers={"Authorization": f"Bearer {other}"}
    )
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert Submission.objects.filter(dataset=electricity).count() == 1
