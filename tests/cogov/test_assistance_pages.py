"""The pages of the assistance list: the office drafts, approves, changes, retires and imports
through the forms; a department sees only the items that apply to it and only its own look-ups
(another unit's look-up is not found, and its outcome cannot be recorded); the menu lists the
three entries under 税费共治; the old /exchange/lookup/ address redirects."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import UnitFactory, UserFactory, uscc

from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_office_drafts_approves_changes_and_retires_through_the_pages(users, client_for, demo):
    unit = UnitFactory()
    office = client_for(users["cogov_office"])
    form = {
        "code": "page_item",
        "matter": "页面事项（测试）",
        "tax_paid": "1",
        "tax_types": ["契税"],
        "no_arrears": "1",
        "legal_basis": "测试依据",
        "units": [str(unit.pk)],
    }
    # a missing field: the form comes back with the message naming it, nothing stored
    page = office.post("/cogov/assistance/items/new/", {**form, "tax_types": []})
    assert page.status_code == 200 and "完税税种：查验完税须列明税种" in page.content.decode()
    assert not AssistanceListItem.objects.filter(code="page_item").exists()
    page = office.post("/cogov/assistance/items/new/", form)
    item = AssistanceListItem.objects.get(code="page_item")
    assert page.status_code == 302 and page["Location"] == f"/cogov/assistance/items/{item.pk}/"
    draft = item.versions.get()
    assert draft.conditions == [{"kind": "tax_paid", "tax_types": ["契税"]}, {"kind": "no_arrears"}]
    office.post(f"/cogov/assistance/versions/{draft.pk}/approve/", {"effective_from": str(demo)})
    draft.refresh_from_db()
    assert (draft.state, draft.effective_from) == ("approved", demo)
    # a change: the reason is asked for, then a second version beside the first
    page = office.get(f"/cogov/assistance/items/{item.pk}/change/")
    assert 'name="reason"' in page.content.decode()
    page = office.post(f"/cogov/assistance/items/{item.pk}/change/", {**form, "matter": "改名（测试）"})
    assert "变更原因：变更已批准的事项须说明原因" in page.content.decode()
    office.post(
        f"/cogov/assistance/items/{item.pk}/change/", {**form, "matter": "改名（测试）", "reason": "更名"}
    )
    assert list(item.versions.values_list("version", "state")) == [(2, "draft"), (1, "approved")]
    detail = office.get(f"/cogov/assistance/items/{item.pk}/").content.decode()
    assert 'data-testid="draft"' in detail and "更名" in detail
    page = office.post(f"/cogov/assistance/items/{item.pk}/retire/", {"day": str(demo), "reason": ""})
    item.refresh_from_db()
    assert item.retired_on is None
    office.post(f"/cogov/assistance/items/{item.pk}/retire/", {"day": str(demo), "reason": "取消（测试）"})
    item.refresh_from_db()
    assert item.retired_on == demo and not item.versions.filter(state="draft").exists()
    # the list goes out and comes back through the pages
    exported = office.get("/cogov/assistance/export.xlsx")
    assert exported.status_code == 200
    data = b"".join(exported.streaming_content)
    page = office.post(
        "/cogov/assistance/import/", {"file": SimpleUploadedFile("清单.xlsx", data)}, follow=True
    )
    assert "已导入：新增0项、变更0项" in page.content.decode()


def test_a_department_sees_its_items_and_its_own_lookups_only(users, client_for, demo):
    unit_a, unit_b = UnitFactory(), UnitFactory()
    for code, unit in (("page_a", unit_a), ("page_b", unit_b)):
        version = services.item_draft(
            actor=None,
            code=code,
            data={
                "matter": f"{code}事项（测试）",
                "conditions": [{"kind": "no_arrears"}],
                "legal_basis": "测试依据",
                "units": [unit],
            },
        )
        services.version_approve(
            actor=None, version=version, effective_from=demo - datetime.timedelta(days=1)
        )
    a = UserFactory(role=Role.LIAISON, unit=unit_a)
    b = UserFactory(role=Role.LIAISON, unit=unit_b)
    listing = client_for(a).get("/cogov/assistance/").content.decode()
    assert "page_a事项（测试）" in listing and "page_b事项（测试）" not in listing
    assert (
        client_for(a)
        .get(f"/cogov/assistance/items/{AssistanceListItem.objects.get(code='page_b').pk}/")
        .status_code
        == 404
    )
    page = client_for(a).post(
        "/cogov/assistance/lookup/", {"item": "page_a", "code": uscc(), "purpose": "测试"}
    )
    record = AssistanceListLookup.objects.latest("pk")
    assert page["Location"] == f"/cogov/assistance/lookups/{record.pk}/"
    # B cannot choose A's item, nor see or answer A's look-up
    page = client_for(b).post("/cogov/assistance/lookup/", {"item": "page_a", "code": uscc()})
    assert "不存在、未生效或不适用于本单位" in page.content.decode()
    assert client_for(b).get(f"/cogov/assistance/lookups/{record.pk}/").status_code == 404
    assert (
        client_for(b).post(f"/cogov/assistance/lookups/{record.pk}/", {"outcome": "passed"}).status_code
        == 404
    )
    record.refresh_from_db()
    assert record.outcome == "pending"
    client_for(a).post(
        f"/cogov/assistance/lookups/{record.pk}/", {"outcome": "passed", "handling": "准予办理"}
    )
    record.refresh_from_db()
    assert (record.outcome, record.handling) == ("passed", "准予办理")
    ledger_b = client_for(b).get("/cogov/assistance/ledger/").content.decode()
    assert "page_a事项（测试）" not in ledger_b
    ledger_a = client_for(a).get("/cogov/assistance/ledger/").content.decode()
    assert "page_a事项（测试）" in ledger_a and "准予办理" in ledger_a
    office = client_for(users["cogov_office"]).get("/cogov/assistance/ledger/").content.decode()
    assert "page_a事项（测试）" in office and unit_a.name in office


def test_the_menu_and_the_old_address(users, client_for):
    home = client_for(users["liaison"]).get("/").content.decode()
    for label in ("协助事项清单", "涉税查验", "查验台账"):
        assert label in home
    assert 'href="/cogov/assistance/lookup/"' in home and 'href="/exchange/lookup/"' not in home
    old = client_for(users["liaison"]).get("/exchange/lookup/")
    assert old.status_code == 302 and old["Location"] == "/cogov/assistance/lookup/"
    evaluator = client_for(users["evaluator"]).get("/").content.decode()
    assert "涉税查验" not in evaluator


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    # the session's own touch (saved now and then) is not the page's
    return len(
        [
            q
            for q in captured
            if "django_session" not in q["sql"] and not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
        ]
    )


def test_the_list_and_the_ledger_do_not_query_per_row(users, client_for, demo):
    office = client_for(users["cogov_office"])
    before = {path: _queries(office, path) for path in ("/cogov/assistance/", "/cogov/assistance/ledger/")}
    unit = UnitFactory()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    for n in range(5):
        version = services.item_draft(
            actor=None,
            code=f"count_{n}",
            data={
                "matter": f"计数事项{n}（测试）",
                "conditions": [{"kind": "no_arrears"}],
                "legal_basis": "测试依据",
                "units": [unit, UnitFactory()],
            },
        )
        services.version_approve(actor=None, version=version, effective_from=demo)
        services.lookup_run(actor=liaison, item_code=f"count_{n}", code=uscc(), today=demo)
    after = {path: _queries(office, path) for path in before}
    assert after == before
