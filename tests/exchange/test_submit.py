"""Submissions through the command line, the web and the API: one engine, one record."""

import json

import pytest
from django.core.management import CommandError, call_command

from gongzhi.core.models import AuditEntry
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.services import submission_create

pytestmark = pytest.mark.django_db


def _submit_cli(capsys, path, *, dataset="electricity", unit="区发展改革局", period="2025-11"):
    call_command(
        "exchange", "submit", "--dataset", dataset, "--unit", unit, "--period", period, str(path), "--json"
    )
    return json.loads(capsys.readouterr().out)


def test_cli_submit_prints_the_contract(capsys, write_csv, make_uscc, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    good = [{"uscc": make_uscc(), "period": "2025-11", "kwh": "12,345.5"} for _ in range(5)]
    bad = [
        {"uscc": "91370306MA3C000000", "period": "2025-11", "kwh": "10"},  # bad check digit
        {"uscc": make_uscc(), "period": "2025-13", "kwh": "10"},  # bad period pattern
        {"uscc": make_uscc(), "period": "2025-11", "kwh": "-3"},
    ]  # below min
    path = write_csv(good + bad, ["uscc", "period", "kwh"], "用电量.csv")
    out = _submit_cli(capsys, path)
    assert set(out) >= {"submission", "status", "rows", "accepted", "rejected", "errors"}
    assert (out["status"], out["rows"], out["accepted"], out["rejected"]) == ("partial", 8, 5, 3)
    assert [(e["row"], e["field"]) for e in out["errors"]] == [(7, "uscc"), (8, "period"), (9, "kwh")]
    assert all(e["reason"] and isinstance(e["value"], str) for e in out["errors"])
    submission = Submission.objects.get(pk=out["submission"])
    assert submission.state == SubmissionState.PARTIAL and submission.parquet_path
    assert AuditEntry.objects.filter(action="submission_validated", object_id=str(submission.pk)).exists()


def test_cli_reject_policy_and_file_level_errors(capsys, write_csv, make_uscc, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    Dataset.objects.filter(code="electricity").update(policy="reject")
    dataset = Dataset.objects.get(code="electricity")
    spec = dict(dataset.current_version.spec, policy="reject")
    dataset.current_version.spec = spec
    dataset.current_version.save()
    path = write_csv([{"uscc": make_uscc(), "period": "2025-11", "kwh": "abc"}], ["uscc", "period", "kwh"])
    out = _submit_cli(capsys, path)
    assert (out["status"], out["accepted"]) == ("rejected", 0)
    missing = write_csv([{"uscc": make_uscc(), "period": "2025-11"}], ["uscc", "period"], "missing.csv")
    out = _submit_cli(capsys, missing)
    assert out["status"] == "rejected" and any(
        "kwh" in e["reason"] or "用电量" in e["reason"] for e in out["errors"]
    )


def test_cli_refuses_unknown_dataset_unit_and_period(tmp_path, write_csv):
    path = write_csv([], ["uscc"])
    with pytest.raises(CommandError, match="不在需求清单中"):
        call_command(
            "exchange", "submit", "--dataset", "nope", "--unit", "区财政局", "--period", "2025-01", str(path)
        )
    with pytest.raises(CommandError, match="不在单位名录中"):
        call_command(
            "exchange",
            "submit",
            "--dataset",
            "electricity",
            "--unit",
            "火星局",
            "--period",
            "2025-01",
            str(path),
        )
    with pytest.raises(CommandError, match="报送期间"):
        call_command(
            "exchange",
            "submit",
            "--dataset",
            "electricity",
            "--unit",
            "区发展改革局",
            "--period",
            "2025年13月",
            str(path),
        )
    with pytest.raises(CommandError, match="不是“企业用电量”的提供单位"):
        call_command(
            "exchange",
            "submit",
            "--dataset",
            "electricity",
            "--unit",
            "区财政局",
            "--period",
            "2025-01",
            str(path),
        )


def test_a_period_range_checks_the_period_field(capsys, write_csv, make_uscc, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    rows = [
        {
            "unit_no": "",
            "seller_uscc": make_uscc(),
            "seller_id": "",
            "buyer_uscc": make_uscc(),
            "buyer_id": "",
            "price": "100",
            "unit_price": "",
            "area": "1",
            "deal_date": day,
            "use": "住宅",
        }
        for day in ("2024-03-01", "2026-01-05")
    ]
    import random

    from gongzhi.exchange.validation import synthetic

    r = random.Random(1)
    for row in rows:
        row["unit_no"] = synthetic.unit_no(r)
    path = write_csv(rows, list(rows[0]), "history.csv")
    out = _submit_cli(capsys, path, dataset="real_estate_tx", unit="区自然资源局", period="2024-01..2025-12")
    assert out["accepted"] == 1 and out["errors"][0]["row"] == 3 and out["errors"][0]["field"] == "deal_date"


def test_a_new_submission_supersedes_the_old_one(write_csv, make_uscc, electricity, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    from gongzhi.org.models import Unit

    unit = Unit.objects.get(name="区发展改革局")
    rows = [{"uscc": make_uscc(), "period": "2025-11", "kwh": "100"}]
    first = submission_create(
        actor=None,
        dataset=electricity,
        unit=unit,
        period="2025-11",
        source_path=write_csv(rows, ["uscc", "period", "kwh"], "a.csv"),
        filename="a.csv",
        background=False,
    )
    second = submission_create(
        actor=None,
        dataset=electricity,
        unit=unit,
        period="2025-11",
        source_path=write_csv(rows, ["uscc", "period", "kwh"], "b.csv"),
        filename="b.csv",
        background=False,
    )
    first.refresh_from_db()
    assert first.state == SubmissionState.SUPERSEDED and first.superseded_by == second
    assert second.state == SubmissionState.ACCEPTED


def test_web_upload_by_the_provider_runs_as_a_job(
    users, client_for, write_csv, make_uscc, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DATA_DIR = tmp_path
    from gongzhi.accounts.models import User
    from gongzhi.org.models import Unit

    liaison = User.objects.create_user(
        username="fagai", password="x", unit=Unit.objects.get(name="区发展改革局"), role="liaison"
    )
    path = write_csv([{"uscc": make_uscc(), "period": "2025-11", "kwh": "100"}], ["uscc", "period", "kwh"])
    client = client_for(liaison)
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as handle:
        response = client.post(
            "/exchange/datasets/electricity/submit/", {"period": "2025-11", "file": handle}
        )
    submission = Submission.objects.latest("created_at")
    assert response["Location"] == f"/exchange/submissions/{submission.pk}/"
    assert submission.state == SubmissionState.ACCEPTED and submission.job.state == "succeeded"
    page = client.get(f"/exchange/submissions/{submission.pk}/")
    assert "已接收" in page.content.decode()
    # a unit that does not provide the dataset cannot submit it
    with path.open("rb") as handle:
        denied = client_for(users["liaison"]).post(
            "/exchange/datasets/electricity/submit/", {"period": "2025-11", "file": handle}
        )
    assert denied.status_code == 403


def test_api_push_rows_with_a_token(users, make_uscc, settings, tmp_path, client):
    settings.DATA_DIR = tmp_path
    from gongzhi.accounts.services import token_create
    from gongzhi.org.models import Unit

    _, secret = token_create(
        actor=users["admin"], unit=Unit.objects.get(name="区发展改革局"), name="用电系统（演示）"
    )
    body = {
        "period": "2025-11",
        "rows": [
            {"uscc": make_uscc(), "period": "2025-11", "kwh": 5},
            {"uscc": "bad", "period": "2025-11", "kwh": 5},
        ],
    }
    response = client.post(
        "/api/v1/exchange/datasets/electricity/rows",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["accepted"], data["rejected"]) == ("partial", 1, 1)
    assert data["errors"][0]["row"] == 2 and data["errors"][0]["field"] == "uscc"
    submission = Submission.objects.get(pk=data["submission"])
    assert submission.source == "api" and submission.unit.name == "区发展改革局"
    # another unit's token cannot push this dataset
    _, other = token_create(actor=users["admin"], unit=Unit.objects.get(name="区财政局"), name="财政（演示）")
    denied = client.post(
        "/api/v1/exchange/datasets/electricity/rows",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {other}"},
    )
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
