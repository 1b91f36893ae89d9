"""Grid verification pages: the office manages grids and creates tasks (by hand, from a lead, from
the registry), the grid worker submits on the phone page, the tax manager reviews; each role sees
its own grids only; the lead page carries the grid panel."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import UserFactory

from gongzhi.accounts.models import User
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import CHECK_ITEMS
from gongzhi.cogov.demo_grid import _png
from gongzhi.cogov.models_grid import Grid, VerificationTask
from gongzhi.core import clock
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead

pytestmark = pytest.mark.django_db
USCC = "91370306MA3GT0003X"


@pytest.fixture
def grid(db):
    return Grid.objects.get(town__name="大街街道", name="第一网格")


@pytest.fixture
def task(grid):
    created = services.task_create(
        actor=None,
        kind="signage",
        uscc=USCC,
        taxpayer_name="页面测试户（测试）",
        grid=grid,
        due_date=clock.today() + datetime.timedelta(days=5),
        registry={},
    )
    return services.task_dispatch(actor=None, task=created)


def _post_work(client, task, **extra):
    data = {"summary": "", "location": "北纬36.8", **extra}
    for i, _item in enumerate(CHECK_ITEMS[task.kind]):
        data.setdefault(f"result-{i}", "true")
    return client.post(f"/cogov/grid/tasks/{task.pk}/work/", data)


def test_office_creates_a_grid_and_edits_it(client_for):
    office = client_for(User.objects.get(username="gongzhi"))
    town = Unit.objects.get(name="北郊镇")
    worker = Grid.objects.filter(town=town).first().workers.first()
    manager = User.objects.get(username="shuiwu")
    response = office.post(
        "/cogov/grid/grids/",
        {
            "town": town.pk,
            "name": "页面网格",
            "area": "北片",
            "tax_manager": manager.pk,
            "workers": [worker.pk],
            "active": "on",
        },
    )
    assert response.status_code == 302
    grid = Grid.objects.get(name="页面网格")
    assert list(grid.workers.all()) == [worker] and grid.tax_manager == manager
    response = office.post(
        f"/cogov/grid/grids/{grid.pk}/", {"town": town.pk, "name": "页面网格改", "workers": []}
    )
    assert response.status_code == 302
    grid.refresh_from_db()
    assert grid.name == "页面网格改" and not grid.active and grid.workers.count() == 0
    # a worker of another town is refused, naming the field, nothing saved
    other = Grid.objects.get(town__name="大街街道", name="第一网格").workers.first()
    response = office.post(
        f"/cogov/grid/grids/{grid.pk}/", {"town": town.pk, "name": "页面网格改", "workers": [other.pk]}
    )
    assert response.status_code == 200 and "不属于北郊镇" in response.content.decode()
    assert grid.workers.count() == 0
    assert client_for(manager).post("/cogov/grid/grids/", {"town": town.pk, "name": "x"}).status_code == 403


def test_office_creates_a_task_by_hand_and_dispatches_it(client_for, grid):
    office = client_for(User.objects.get(username="gongzhi"))
    due = (clock.today() + datetime.timedelta(days=3)).isoformat()
    response = office.post(
        "/cogov/grid/tasks/new/",
        {"kind": "policy", "uscc": USCC, "taxpayer_name": "手工户（测试）", "grid": grid.pk, "due_date": due},
    )
    assert response.status_code == 302
    task = VerificationTask.objects.get(uscc=USCC)
    assert task.state == "pending" and task.source == "manual"
    worker = User.objects.get(username="wangge")
    assert office.post(f"/cogov/grid/tasks/{task.pk}/dispatch/", {"assignee": worker.pk}).status_code == 302
    task.refresh_from_db()
    assert task.state == "dispatched" and task.assignee == worker
    bad = office.post(
        "/cogov/grid/tasks/new/",
        {"kind": "policy", "uscc": "x1", "taxpayer_name": "a", "grid": grid.pk, "due_date": due},
    )
    assert "统一社会信用代码" in bad.content.decode()


def test_the_lead_page_shows_the_panel_and_the_button_opens_a_prefilled_form(client_for):
    lead = Lead.objects.filter(assignee__username="shuiwu").exclude(uscc="").first()
    officer = client_for(User.objects.get(username="shuiwu"))
    page = officer.get(f"/taxrisk/leads/{lead.pk}/").content.decode()
    assert 'data-testid="lead-grid-panel"' in page and f"/cogov/grid/tasks/new/?lead={lead.pk}" in page
    form = officer.get(f"/cogov/grid/tasks/new/?lead={lead.pk}").content.decode()
    assert lead.uscc in form and "来自疑点" in form
    # a lead that is not the officer's is not found
    other = Lead.objects.exclude(assignee__username="shuiwu").exclude(assignee_unit__name="区税务局").first()
    assert officer.get(f"/cogov/grid/tasks/new/?lead={other.pk}").status_code == 404


def test_the_worker_submits_on_the_phone_page_and_the_manager_reviews(client_for, task, data_dir):
    worker = client_for(User.objects.get(username="wangge"))
    page = worker.get(f"/cogov/grid/tasks/{task.pk}/work/").content.decode()
    assert "grid_location.js" in page and "<script>" not in page and "onclick" not in page
    assert _post_work(worker, task).status_code == 400  # no photo
    task.refresh_from_db()
    assert task.state == "dispatched"
    response = _post_work(
        worker, task, photos=[SimpleUploadedFile("a.png", _png(), content_type="image/png")]
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == "submitted" and task.photos.count() == 1
    photo = task.photos.get()
    got = worker.get(f"/cogov/grid/photos/{photo.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == _png()
    assert AuditEntry.objects.filter(action="grid_photo_viewed", object_id=str(photo.pk)).exists()
    # another town's worker gets nothing
    other = client_for(Grid.objects.get(town__name="北郊镇", name="第一网格").workers.first())
    assert other.get(f"/cogov/grid/photos/{photo.pk}/").status_code == 404
    assert other.get(f"/cogov/grid/tasks/{task.pk}/").status_code == 404
    # review: a return needs a reason
    manager = client_for(User.objects.get(username="shuiwu"))
    manager.post(f"/cogov/grid/tasks/{task.pk}/review/", {"decision": "return", "note": ""})
    task.refresh_from_db()
    assert task.state == "submitted"
    manager.post(f"/cogov/grid/tasks/{task.pk}/review/", {"decision": "accept", "note": "好"})
    task.refresh_from_db()
    assert task.state == "reviewed"
    listing = (
        client_for(User.objects.get(username="gongzhi"))
        .get("/cogov/grid/tasks/?state=reviewed")
        .content.decode()
    )
    assert "核查记录：门头招牌" in listing  # the taxpayer note shown on the task list
    notes = (
        client_for(User.objects.get(username="lingdao"))
        .get(f"/cogov/grid/taxpayers/{USCC}/")
        .content.decode()
    )
    assert "门头招牌——设有门头招牌：属实" in notes


def test_town_liaison_reads_its_towns_grids_only(client_for, task):
    town_liaison = client_for(UserFactory(role=Role.LIAISON, unit=Unit.objects.get(name="大街街道")))
    page = town_liaison.get("/cogov/grid/tasks/").content.decode()
    assert "页面测试户（测试）" in page and "新建核查任务" not in page
    assert town_liaison.get(f"/cogov/grid/tasks/{task.pk}/").status_code == 200
    assert town_liaison.post(f"/cogov/grid/tasks/{task.pk}/dispatch/", {}).status_code == 403
    assert town_liaison.get(f"/cogov/grid/tasks/{task.pk}/work/").status_code == 404
    other_town = client_for(UserFactory(role=Role.LIAISON, unit=Unit.objects.get(name="北郊镇")))
    assert other_town.get(f"/cogov/grid/tasks/{task.pk}/").status_code == 404
    assert "页面测试户（测试）" not in other_town.get("/cogov/grid/tasks/").content.decode()
    stats = town_liaison.get("/cogov/grid/stats/").content.decode()
    assert "大街街道第一网格" in stats and "北郊镇第一网格" not in stats


def test_registry_action_reads_the_warehouse_and_creates_tasks(client_for, monkeypatch):
    rows = [
        {
            "uscc": "91370306MA3GT0004X",
            "name": "非正常户甲（测试）",
            "town": "大街街道",
            "address": "甲路1号",
        },
        {"uscc": "91370306MA3GT0005X", "name": "非正常户乙（测试）", "town": "没有的镇", "address": ""},
    ]
    seen = {}

    def fake(*, actor, selection, today):
        seen.update(selection=selection, actor=actor.username)
        return rows

    monkeypatch.setattr(services, "registry_candidates", fake)
    office = client_for(User.objects.get(username="gongzhi"))
    due = (clock.today() + datetime.timedelta(days=3)).isoformat()
    response = office.post(
        "/cogov/grid/tasks/registry/", {"selection": "abnormal", "kind": "status", "due_date": due}
    )
    assert response.status_code == 302 and seen == {"selection": "abnormal", "actor": "gongzhi"}
    task = VerificationTask.objects.get(uscc="91370306MA3GT0004X")
    assert task.source == "registry" and task.source_note == "非正常户" and task.grid.town.name == "大街街道"
    assert not VerificationTask.objects.filter(uscc="91370306MA3GT0005X").exists()
    # a second run skips the taxpayer with an open task of the same kind
    office.post("/cogov/grid/tasks/registry/", {"selection": "abnormal", "kind": "status", "due_date": due})
    assert VerificationTask.objects.filter(uscc="91370306MA3GT0004X").count() == 1
    assert (
        client_for(User.objects.get(username="shuiwu")).post("/cogov/grid/tasks/registry/", {}).status_code
        == 403
    )


def test_another_grids_people_are_refused_every_step(client_for, task, data_dir):
    """Dispatch, the work page and the review: another grid's worker and tax manager get 404 and
    nothing changes; this grid's own people go on."""
    other_grid = Grid.objects.get(town__name="北郊镇", name="第一网格")
    other_worker, other_manager = client_for(other_grid.workers.first()), client_for(other_grid.tax_manager)
    for client in (other_worker, other_manager):
        assert client.post(f"/cogov/grid/tasks/{task.pk}/dispatch/", {}).status_code == 404
        assert client.get(f"/cogov/grid/tasks/{task.pk}/work/").status_code == 404
        assert _post_work(client, task, photos=[SimpleUploadedFile("a.png", _png())]).status_code == 404
    task.refresh_from_db()
    assert task.state == "dispatched" and task.photos.count() == 0
    worker = client_for(User.objects.get(username="wangge"))
    assert _post_work(worker, task, photos=[SimpleUploadedFile("a.png", _png())]).status_code == 302
    for client in (other_worker, other_manager):
        assert client.post(f"/cogov/grid/tasks/{task.pk}/review/", {"decision": "accept"}).status_code == 404
    task.refresh_from_db()
    assert task.state == "submitted"
    # this grid's worker may not review his own work, nor dispatch
    assert worker.post(f"/cogov/grid/tasks/{task.pk}/review/", {"decision": "accept"}).status_code == 403
    task.refresh_from_db()
    assert task.state == "submitted"
