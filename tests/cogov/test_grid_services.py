"""Grid verification (网格联动): grids, the task workflow 待派发→已派发→已完成（待复核）→已复核/退回重做,
photos, results flowing back into the lead or a taxpayer note, and who sees what."""

import datetime
from pathlib import Path

import pytest
from factories import LeadFactory, UserFactory

from gongzhi.accounts.models import User
from gongzhi.cogov import selectors_grid as selectors
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import CHECK_ITEMS, VerificationSource, VerificationState
from gongzhi.cogov.demo_grid import _png
from gongzhi.cogov.models_grid import Grid, TaxpayerNote, VerificationPhoto, VerificationTask
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import LeadEvent

pytestmark = pytest.mark.django_db

USCC = "91370306MA3GT0001X"
PNG = _png()


@pytest.fixture
def people(db):
    """The demo's grid people: wangge (网格员, 大街街道), shuiwu (税收管理员 of 大街街道's grids)."""
    town = Unit.objects.get(name="大街街道")
    other_town = Unit.objects.get(name="北郊镇")
    return {
        "town": town,
        "grid": Grid.objects.get(town=town, name="第一网格"),
        "other_grid": Grid.objects.get(town=other_town, name="第一网格"),
        "worker": User.objects.get(username="wangge"),
        "other_worker": Grid.objects.get(town=other_town, name="第一网格").workers.get(),
        "manager": User.objects.get(username="shuiwu"),
        "other_manager": Grid.objects.get(town=other_town, name="第一网格").tax_manager,
        "office": User.objects.get(username="gongzhi"),
        "town_liaison": UserFactory(role=Role.LIAISON, unit=town),
        "liaison": User.objects.get(username="weijian"),
        "leader": User.objects.get(username="lingdao"),
    }


def _task(people, *, grid=None, lead=None, today=None, **kwargs) -> VerificationTask:
    today = today or datetime.date(2026, 3, 2)
    return services.task_create(
        actor=people["office"],
        kind=kwargs.pop("kind", "address"),
        uscc=kwargs.pop("uscc", USCC),
        taxpayer_name=kwargs.pop("taxpayer_name", "测试核查户（测试）"),
        grid=grid or people["grid"],
        due_date=today + datetime.timedelta(days=10),
        lead=lead,
        registry=kwargs.pop("registry", {}),
        today=today,
        **kwargs,
    )


def _findings(kind="address", result="true", note=""):
    return [{"item": item, "result": result, "note": note} for item in CHECK_ITEMS[kind]]


def test_grid_save_checks_town_workers_and_manager(people):
    office, town = people["office"], people["town"]
    grid = services.grid_save(
        actor=office, town=town, name="测试网格", tax_manager=people["manager"], workers=[people["worker"]]
    )
    assert list(grid.workers.all()) == [people["worker"]]
    assert AuditEntry.objects.filter(action="grid_saved", object_id=str(grid.pk)).exists()
    with pytest.raises(ApplicationError, match=r"网格员：.*不属于大街街道"):
        services.grid_save(actor=office, town=town, name="测试网格二", workers=[people["other_worker"]])
    with pytest.raises(ApplicationError, match="税收管理员"):
        services.grid_save(actor=office, town=town, name="测试网格二", tax_manager=people["worker"])
    with pytest.raises(ApplicationError, match="所属镇街"):
        services.grid_save(actor=office, town=Unit.objects.get(name="区财政局"), name="测试网格二")
    with pytest.raises(ApplicationError, match="同名网格"):
        services.grid_save(actor=office, town=town, name="测试网格")
    with pytest.raises(ApplicationError, match="没有权限"):
        services.grid_save(actor=people["manager"], town=town, name="测试网格三")
    assert not Grid.objects.filter(name__in=["测试网格二", "测试网格三"]).exists()


def test_the_whole_workflow_from_a_lead_ends_in_the_leads_history(people, data_dir):
    lead = LeadFactory(town="大街街道", uscc=USCC)
    task = services.task_create_from_lead(
        actor=people["office"],
        lead=lead,
        kind="activity",
        due_date=clock.today() + datetime.timedelta(days=5),
    )
    assert task.state == VerificationState.PENDING and task.source == VerificationSource.LEAD
    assert task.grid.town == people["town"]  # the lead's town decides the grid
    services.task_dispatch(actor=people["office"], task=task, assignee=people["worker"])
    assert task.state == VerificationState.DISPATCHED
    with pytest.raises(ApplicationError, match="至少上传1张"):
        services.task_submit(
            actor=people["worker"], task=task, findings=_findings("activity"), location="现场"
        )
    task.refresh_from_db()
    assert task.state == VerificationState.DISPATCHED and task.findings == []
    services.task_submit(
        actor=people["worker"],
        task=task,
        findings=_findings("activity"),
        summary="正常经营",
        location="北纬36.80，东经117.87",
        photos=[("门头.png", PNG)],
    )
    task.refresh_from_db()
    assert task.state == VerificationState.SUBMITTED and task.location == "北纬36.80，东经117.87"
    photo = task.photos.get()
    assert Path(photo.file_path).read_bytes() == PNG and str(data_dir) in photo.file_path
    with pytest.raises(ApplicationError, match="只有该网格的税收管理员"):
        services.task_review(actor=people["other_manager"], task=task, accept=True)
    services.task_review(actor=people["manager"], task=task, accept=True, note="属实")
    task.refresh_from_db()
    assert task.state == VerificationState.REVIEWED and task.reviewed_by == people["manager"]
    event = LeadEvent.objects.get(lead=lead, action="grid_verified")
    assert event.link == f"/cogov/grid/tasks/{task.pk}/" and "经营活动" in event.note and "属实" in event.note
    assert event.action_label == "网格核查结果"
    assert not TaxpayerNote.objects.filter(task=task).exists()
    actions = set(
        AuditEntry.objects.filter(object_id=str(task.pk), object_type="cogov.verificationtask").values_list(
            "action", flat=True
        )
    )
    assert {
        "grid_task_created",
        "grid_task_dispatched",
        "grid_task_submitted",
        "grid_task_reviewed",
    } <= actions


def test_returned_task_is_redone_and_a_registry_task_leaves_a_taxpayer_note(people, data_dir):
    task = _task(people, source=VerificationSource.REGISTRY, source_note="非正常户", today=clock.today())
    services.task_dispatch(actor=people["office"], task=task)
    services.task_submit(
        actor=people["worker"], task=task, findings=_findings(), location="现场", photos=[("a.png", PNG)]
    )
    with pytest.raises(ApplicationError, match="退回原因"):
        services.task_review(actor=people["manager"], task=task, accept=False, note="")
    services.task_review(actor=people["manager"], task=task, accept=False, note="照片不清")
    task.refresh_from_db()
    assert task.state == VerificationState.RETURNED and task.return_reason == "照片不清"
    with pytest.raises(ApplicationError, match="最多5张"):
        services.task_submit(
            actor=people["worker"],
            task=task,
            findings=_findings(),
            location="现场",
            photos=[("b.png", PNG)] * 5,
        )
    assert task.photos.count() == 1  # nothing partial stored
    services.task_submit(
        actor=people["worker"],
        task=task,
        findings=_findings(result="false", note="已搬离"),
        location="现场",
        photos=[("b.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20)],
    )
    services.task_review(actor=people["manager"], task=task, accept=True)
    note = TaxpayerNote.objects.get(task=task)
    assert note.uscc == USCC and "不属实（已搬离）" in note.note
    assert selectors.taxpayer_notes(user=people["office"], usccs=[USCC])[USCC] == [note]
    assert selectors.taxpayer_notes(user=people["other_worker"], usccs=[USCC]) == {}


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        (_findings(result=""), "请选择属实、不属实或无法核实"),
        (_findings(result="unknown"), "请说明情况"),
        ([{"item": "别的事项", "result": "true"}], "不是本任务的核查事项"),
    ],
)
def test_bad_findings_are_refused_naming_the_item(people, findings, message):
    task = _task(people)
    services.task_dispatch(actor=people["office"], task=task)
    with pytest.raises(ApplicationError, match=message):
        services.task_submit(
            actor=people["worker"], task=task, findings=findings, location="x", photos=[("a.png", PNG)]
        )
    task.refresh_from_db()
    assert task.state == VerificationState.DISPATCHED
    assert not VerificationPhoto.objects.filter(task=task).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.gif", b"GIF89a", "仅限 jpg、png"),
        ("a.png", b"\xff\xd8\xff", "内容与扩展名不符"),
        ("a.jpg", b"", "空文件"),
    ],
)
def test_photos_are_checked_by_type_and_content(people, name, data, message):
    task = _task(people)
    services.task_dispatch(actor=people["office"], task=task)
    with pytest.raises(ApplicationError, match=message):
        services.task_submit(
            actor=people["worker"], task=task, findings=_findings(), location="x", photos=[(name, data)]
        )


def test_state_machine_refuses_steps_out_of_order(people):
    task = _task(people)
    with pytest.raises(ApplicationError, match="只能提交已派发"):
        services.task_submit(
            actor=people["worker"], task=task, findings=_findings(), location="x", photos=[("a.png", PNG)]
        )
    with pytest.raises(ApplicationError, match="只能复核"):
        services.task_review(actor=people["manager"], task=task, accept=True)
    with pytest.raises(ApplicationError):
        services.task_submit(actor=people["other_worker"], task=task, findings=_findings(), location="x")
    with pytest.raises(ApplicationError, match="不是该网格的网格员"):
        services.task_dispatch(actor=people["office"], task=task, assignee=people["other_worker"])
    with pytest.raises(ApplicationError, match="只能派发本人管理"):
        services.task_dispatch(actor=people["other_manager"], task=task)
    services.task_dispatch(actor=people["manager"], task=task)  # the grid's own tax manager may
    task.refresh_from_db()
    assert task.state == VerificationState.DISPATCHED


def test_task_create_refuses_bad_input_naming_the_field(people):
    today = datetime.date(2026, 3, 2)
    with pytest.raises(ApplicationError, match="统一社会信用代码"):
        _task(people, uscc="123")
    with pytest.raises(ApplicationError, match="完成期限：不能早于今天"):
        services.task_create(
            actor=people["office"],
            kind="address",
            uscc=USCC,
            taxpayer_name="x",
            grid=people["grid"],
            due_date=today - datetime.timedelta(days=1),
            registry={},
            today=today,
        )
    with pytest.raises(ApplicationError, match="核查类型"):
        _task(people, kind="other")
    with pytest.raises(ApplicationError, match="网格：未能按纳税人所属镇街确定网格"):
        services.task_create(
            actor=people["office"],
            kind="address",
            uscc=USCC,
            taxpayer_name="x",
            due_date=today,
            registry={"town": "没有的镇"},
            today=today,
        )
    with pytest.raises(ApplicationError, match="只能在本人管理的网格"):
        _task_by(people["other_manager"], people["grid"], today)
    with pytest.raises(ApplicationError, match="没有权限"):
        _task_by(people["worker"], people["grid"], today)
    assert not VerificationTask.objects.filter(uscc=USCC).exists()
    assert _task_by(people["manager"], people["grid"], today).grid == people["grid"]


def _task_by(actor, grid, today):
    return services.task_create(
        actor=actor,
        kind="address",
        uscc=USCC,
        taxpayer_name="x",
        grid=grid,
        due_date=today,
        registry={},
        today=today,
    )


def test_who_sees_which_tasks(people):
    mine = _task(people)
    other = _task(people, grid=people["other_grid"], uscc="91370306MA3GT0002X")

    def visible(user):
        return set(
            selectors.task_list(user=user).filter(pk__in=[mine.pk, other.pk]).values_list("pk", flat=True)
        )

    assert visible(people["worker"]) == {mine.pk}
    assert visible(people["other_worker"]) == {other.pk}
    assert visible(people["manager"]) == {mine.pk}
    assert visible(people["other_manager"]) == {other.pk}
    assert visible(people["town_liaison"]) == {mine.pk}
    assert visible(people["office"]) == {mine.pk, other.pk}
    assert visible(people["leader"]) == {mine.pk, other.pk}
    with pytest.raises(ApplicationError):
        selectors.task_list(user=UserFactory(role=Role.EVALUATOR))
    assert set(selectors.task_list(user=people["liaison"]).values_list("pk", flat=True)) == set()
    assert set(selectors.grid_list(user=people["worker"])) == set(
        Grid.objects.filter(workers=people["worker"])
    )
    assert set(selectors.grid_list(user=people["town_liaison"])) == set(
        Grid.objects.filter(town=people["town"])
    )


def test_counts_leader_summary_due_for_and_overdue(people):
    today = datetime.date(2026, 3, 2)
    task = _task(people, today=today)
    services.task_dispatch(actor=people["office"], task=task, assignee=people["worker"])
    later = today + datetime.timedelta(days=12)  # two days past the due date
    counts = selectors.grid_counts(user=people["office"], today=later)
    row = next(r for r in counts["grids"] if r["grid"] == people["grid"])
    assert row["dispatched"] >= 1 and row["overdue"] >= 1
    town = next(r for r in counts["towns"] if r["town"] == people["town"])
    assert town["grids"] >= 2 and town["total"] >= row["total"]
    warnings = [w for w in selectors.overdue(today=later) if w["url"] == f"/cogov/grid/tasks/{task.pk}/"]
    assert warnings == [
        {
            "unit_id": people["town"].pk,
            "label": warnings[0]["label"],
            "url": f"/cogov/grid/tasks/{task.pk}/",
            "days_over": 2,
        }
    ]
    assert not [w for w in selectors.overdue(today=today) if w["url"].endswith(f"/{task.pk}/")]
    todo = [
        d for d in selectors.due_for(user=people["worker"], today=today) if d["url"].endswith(f"/{task.pk}/")
    ]
    assert todo[0]["days_left"] == 10 and todo[0]["kind"] == "grid_task"
    assert not [
        d
        for d in selectors.due_for(user=people["other_worker"], today=today)
        if d["url"].endswith(f"/{task.pk}/")
    ]
    summary = {f["label"]: f for f in selectors.leader_summary(user=people["leader"], today=later)}
    assert (
        summary["逾期核查任务"]["value"] >= 1
        and summary["逾期核查任务"]["url"] == "/cogov/grid/tasks/?state=overdue"
    )
    assert selectors.leader_summary(user=UserFactory(role=Role.EVALUATOR), today=today) == []
