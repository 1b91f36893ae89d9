"""The evaluator's evidence bundle: every file listed in manifest.json with a SHA-256 that
matches the zip's content; evaluators (and the plan office) get it, liaisons do not."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from factories import UserFactory

from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.roles import Role
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.bundle import may_bundle

PLAN = "周政办字〔2023〕8号"


@pytest.fixture
def plan(demo):
    return PolicyDocument.objects.get(doc_number=PLAN)


def _verify(data: bytes) -> dict:
    """Recompute every SHA-256 from the zip; the manifest lists every other file, itself excepted."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for path, digest in listed.items():
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest, path
    return {"archive": archive, "files": listed}


def test_command_builds_a_bundle_whose_manifest_verifies(plan, tmp_path, capsys):
    out = tmp_path / "bundle.zip"
    call_command("plan", "bundle", PLAN, "--out", str(out))
    assert "已生成评估证据包" in capsys.readouterr().out
    bundle = _verify(out.read_bytes())
    files, archive = bundle["files"], bundle["archive"]
    for required in (
        "plan/plan.json",
        "plan/tasks.xlsx",
        "indicators/indicators.json",
        "indicators/values.xlsx",
        "reports/reports.json",
        "inspections/inspections.json",
        "inspections/rectifications.json",
        "audit/audit.jsonl",
    ):
        assert required in files
    tasks = json.loads(archive.read("plan/plan.json"))["tasks"]
    assert len(tasks) == 41 and sum(bool(t["funding"]) for t in tasks) >= 10
    indicators = json.loads(archive.read("indicators/indicators.json"))["indicators"]
    values = [v for i in indicators for v in i["values"]]
    assert values and {"state", "approved", "source", "reported_by"} <= values[0].keys()
    visits = json.loads(archive.read("inspections/inspections.json"))
    assert any(v["kind"] == "“四不两直”暗访" for v in visits)
    # the stored attachments are in the zip, byte for byte
    attachments = [p for p in files if p.startswith("attachments/")]
    assert attachments
    assert AuditEntry.objects.filter(action="evidence_bundle_built", object_id=str(plan.pk)).exists()
    # a tampered file no longer matches its manifest line
    first = attachments[0]
    assert hashlib.sha256(archive.read(first) + b"x").hexdigest() != files[first]


def test_evaluator_builds_and_downloads_liaison_refused(
    plan, users, client_for, data_dir, django_capture_on_commit_callbacks
):
    evaluator = client_for(users["evaluator"])
    page = evaluator.get(f"/supervision/plans/{plan.pk}/bundle/")
    assert page.status_code == 200 and "生成证据包" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert evaluator.post(f"/supervision/plans/{plan.pk}/bundle/").status_code == 302
    job = JobRun.objects.filter(kind="supervision.bundle", created_by=users["evaluator"]).latest("pk")
    assert job.state == "succeeded" and job.progress == 100 and job.result_file
    response = evaluator.get(f"/supervision/bundles/{job.pk}/download/")
    assert response.status_code == 200
    _verify(b"".join(response.streaming_content))
    assert AuditEntry.objects.filter(
        action="evidence_bundle_downloaded", object_id=str(plan.pk), username=users["evaluator"].username
    ).exists()

    # a liaison may neither build nor download (not even with the job's number)
    liaison = client_for(users["liaison"])
    assert liaison.get(f"/supervision/plans/{plan.pk}/bundle/").status_code == 403
    assert liaison.post(f"/supervision/plans/{plan.pk}/bundle/").status_code == 403
    assert liaison.get(f"/supervision/bundles/{job.pk}/download/").status_code == 404
    assert not may_bundle(users["liaison"], plan) and not may_bundle(users["leader"], plan)
    assert may_bundle(users["plan_office"], plan)
    # an evaluator not assigned to the plan does not see it
    stranger = UserFactory(role=Role.EVALUATOR, unit=users["evaluator"].unit)
    assert not may_bundle(stranger, plan)
    assert client_for(stranger).get(f"/supervision/plans/{plan.pk}/bundle/").status_code == 404
