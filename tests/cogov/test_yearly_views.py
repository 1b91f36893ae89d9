"""Pages and API of the yearly tasks: the editor (bulk rows, copy, issue), the set by unit, a unit's
own yearly tasks, the .xlsx, and the API per endpoint and role."""

import datetime
import io

import openpyxl
import pytest
from factories import PolicyDocumentFactory, TaskFactory, UnitFactory, UserFactory

from gongzhi.cogov import services_yearly as services
from gongzhi.cogov.models_yearly import YearlyTaskSet, YearlyTaskSetState
from gongzhi.core import clock
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return UserFactory(role=Role.COGOV_OFFICE)


@pytest.fixture
def document(office):
    return PolicyDocumentFactory(office_unit=office.unit, doc_number="测试字〔2099〕9号")


def test_the_office_builds_and_issues_a_set_on_the_pages(client_for, office, document):
    source = TaskFactory(document=document)
    unit = UnitFactory()
    client = client_for(office)
    year = clock.today().year
    response = client.post("/cogov/yearly/", {"document": document.pk, "year": year})
    task_set = YearlyTaskSet.objects.get(document=document, year=year)
    assert response.status_code == 302 and response.url == f"/cogov/yearly/{task_set.pk}/edit/"
    response = client.post(
        f"/cogov/yearly/{task_set.pk}/edit/",
        {
            "action": "rows",
            "source_task": source.pk,
            "unit_0": unit.pk,
            "content_0": "按月报送数据（测试）",
            "measure_0": "完整率100%",
            "deadline_0": f"{year}-12-31",
            "unit_1": unit.pk,
            "content_1": "",  # a row without content: refused, nothing stored
            "deadline_1": f"{year}-06-30",
        },
    )
    assert response.status_code == 200 and "第2行任务内容" in response.content.decode()
    assert task_set.tasks.count() == 0
    response = client.post(
        f"/cogov/yearly/{task_set.pk}/edit/",
        {
            "action": "rows",
            "source_task": source.pk,
            "unit_0": unit.pk,
            "content_0": "按月报送数据（测试）",
            "deadline_0": f"{year}-12-31",
        },
    )
    assert response.status_code == 302 and task_set.tasks.count() == 1
    response = client.post(f"/cogov/yearly/{task_set.pk}/issue/")
    assert response.status_code == 302
    task_set.refresh_from_db()
    assert task_set.state == YearlyTaskSetState.ISSUED
    page = client.get(f"/cogov/yearly/{task_set.pk}/").content.decode()
    assert unit.name in page and "按月报送数据（测试）" in page and "尚未报送进展" in page
    assert f"{year}年12月31日" in page


def test_the_set_exports_to_xlsx(client_for, office, document):
    unit = UnitFactory()
    task_set = services.yearly_set_create(actor=office, document=document, year=2099)
    services.yearly_tasks_add(
        actor=office,
        task_set=task_set,
        rows=[
            {
                "source_task": TaskFactory(document=document),
                "unit": unit,
                "content": "年度任务（测试）",
                "measure": "",
                "deadline": datetime.date(2099, 9, 30),
            }
        ],
    )
    response = client_for(office).get(f"/cogov/yearly/{task_set.pk}/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert unit.name in values and "年度任务（测试）" in values
    assert AuditEntry.objects.filter(action="yearly_set_exported", object_id=str(task_set.pk)).exists()


def test_a_liaison_sees_its_own_yearly_tasks_page(client_for, office, document):
    mine, other = UnitFactory(), UnitFactory()
    year = clock.today().year
    task_set = services.yearly_set_create(actor=office, document=document, year=year)
    source = TaskFactory(document=document)
    services.yearly_tasks_add(
        actor=office,
        task_set=task_set,
        rows=[
            {
                "source_task": source,
                "unit": u,
                "content": f"{u.name}的任务",
                "measure": "",
                "deadline": datetime.date(year, 12, 31),
            }
            for u in (mine, other)
        ],
    )
    services.yearly_set_issue(actor=office, task_set=task_set)
    page = client_for(UserFactory(unit=mine)).get("/cogov/yearly/mine/").content.decode()
    assert f"{mine.name}的任务" in page and f"{other.name}的任务" not in page


def test_api_create_add_issue_and_read(client_for, office, document):
    client = client_for(office)
    response = client.post(
        "/api/v1/cogov/yearly/sets",
        {"document_id": document.pk, "year": 2099},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    set_id = response.json()["id"]
    source, unit = TaskFactory(document=document), UnitFactory()
    response = client.post(
        f"/api/v1/cogov/yearly/sets/{set_id}/tasks",
        {
            "tasks": [
                {
                    "source_task_id": source.pk,
                    "unit_id": unit.pk,
                    "content": "任务（测试）",
                    "deadline": "2099-05-31",
                }
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["task_count"] == 1
    bad = client.post(
        f"/api/v1/cogov/yearly/sets/{set_id}/tasks",
        {
            "tasks": [
                {"source_task_id": source.pk, "unit_id": unit.pk, "content": " ", "deadline": "2099-05-31"}
            ]
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "第1行任务内容" in bad.json()["message"]
    response = client.post(f"/api/v1/cogov/yearly/sets/{set_id}/issue", content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "issued"
    assert response.json()["tasks"][0]["plan_task_id"]
    detail = client.get(f"/api/v1/cogov/yearly/sets/{set_id}").json()
    assert detail["tasks"][0]["status"] == "未报送"
    liaison = client_for(UserFactory(unit=unit))
    assert [t["content"] for t in liaison.get("/api/v1/cogov/yearly/mine?year=2099").json()] == [
        "任务（测试）"
    ]
    assert liaison.get(f"/api/v1/cogov/yearly/sets/{set_id}").status_code == 403
    leader = client_for(UserFactory(role=Role.LEADER))
    assert leader.get(f"/api/v1/cogov/yearly/sets/{set_id}").status_code == 200
    assert (
        leader.post(f"/api/v1/cogov/yearly/sets/{set_id}/issue", content_type="application/json").status_code
        == 403
    )
