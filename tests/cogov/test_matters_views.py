"""Pages and API of the important matters: filing with an attachment, the office's acknowledge,
assign and close, who reads which, and the API per endpoint and role."""

import base64

import pytest
from factories import UnitFactory, UserFactory

from gongzhi.cogov.models_matters import ImportantMatter, MatterState
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def test_file_on_the_page_then_the_office_acknowledges_assigns_and_closes(client_for, data_dir):
    from django.core.files.uploadedfile import SimpleUploadedFile

    liaison = UserFactory()
    office = UserFactory(role=Role.COGOV_OFFICE)
    response = client_for(liaison).post(
        "/cogov/matters/new/",
        {
            "title": "数据接口调整（测试）",
            "kind": "data_sharing",
            "urgency": "urgent",
            "facts": "本月数据延迟报送（测试）",
            "attachments": [SimpleUploadedFile("说明.pdf", PDF)],
        },
    )
    matter = ImportantMatter.objects.get(title="数据接口调整（测试）")
    assert response.status_code == 302 and matter.unit == liaison.unit
    attachment = matter.attachments.get()
    got = client_for(liaison).get(f"/cogov/matters/attachments/{attachment.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert client_for(UserFactory()).get(f"/cogov/matters/attachments/{attachment.pk}/").status_code == 404

    office_client = client_for(office)
    assert office_client.post(f"/cogov/matters/{matter.pk}/acknowledge/").status_code == 302
    unit = UnitFactory()
    office_client.post(f"/cogov/matters/{matter.pk}/assign/", {"unit": unit.pk, "note": "请核实"})
    matter.refresh_from_db()
    assert matter.state == MatterState.ASSIGNED and matter.assigned_unit == unit
    assigned = client_for(UserFactory(unit=unit))
    assert assigned.get(f"/cogov/matters/{matter.pk}/").status_code == 200
    office_client.post(f"/cogov/matters/{matter.pk}/close/", {"result": "已处理（测试）"})
    matter.refresh_from_db()
    assert matter.state == MatterState.CLOSED
    page = client_for(liaison).get(f"/cogov/matters/{matter.pk}/").content.decode()
    assert "已处理（测试）" in page and "已办结" in page
    assert AuditEntry.objects.filter(action="matter_viewed", object_id=str(matter.pk)).exists()


def test_a_bad_form_names_the_field(client_for):
    response = client_for(UserFactory()).post(
        "/cogov/matters/new/", {"title": "x", "kind": "other", "urgency": "normal"}
    )
    assert response.status_code == 200 and "事实情况" in response.content.decode()
    assert not ImportantMatter.objects.filter(title="x").exists()


def test_api_file_list_detail_acknowledge_assign_close(client_for, data_dir):
    liaison, office = UserFactory(), UserFactory(role=Role.COGOV_OFFICE)
    client = client_for(liaison)
    response = client.post(
        "/api/v1/cogov/matters",
        {
            "title": "重大涉税风险（测试）",
            "kind": "tax_risk",
            "urgency": "critical",
            "facts": "发现异常（测试）",
            "attachments": [{"filename": "a.pdf", "content_base64": base64.b64encode(PDF).decode()}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    mid = body["id"]
    assert body["state"] == "filed" and body["attachments"][0]["filename"] == "a.pdf"
    assert [m["id"] for m in client.get("/api/v1/cogov/matters").json()] == [mid]
    other = client_for(UserFactory())
    assert other.get(f"/api/v1/cogov/matters/{mid}").status_code == 404
    assert (
        client.post(f"/api/v1/cogov/matters/{mid}/acknowledge", content_type="application/json").status_code
        == 403
    )
    boss = client_for(office)
    assert (
        boss.post(
            f"/api/v1/cogov/matters/{mid}/close", {"result": "x"}, content_type="application/json"
        ).status_code
        == 409
    )
    assert (
        boss.post(f"/api/v1/cogov/matters/{mid}/acknowledge", content_type="application/json").json()["state"]
        == "acknowledged"
    )
    unit = UnitFactory()
    r = boss.post(
        f"/api/v1/cogov/matters/{mid}/assign", {"unit_id": unit.pk}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["assigned_unit_id"] == unit.pk
    r = boss.post(
        f"/api/v1/cogov/matters/{mid}/close", {"result": "已办结（测试）"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["state"] == "closed"
    leader = client_for(UserFactory(role=Role.LEADER))
    assert leader.get(f"/api/v1/cogov/matters/{mid}").status_code == 200
    assert (
        leader.post(
            "/api/v1/cogov/matters",
            {"title": "x", "kind": "other", "facts": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
