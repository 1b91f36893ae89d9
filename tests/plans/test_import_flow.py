"""Upload -> parse job -> review (units, targets) -> confirm; re-import applies a revision.

Uses the demo data set: the documents name units of the demo's registry (区卫生健康局, 区妇联, …)
and are imported by the demo's plan office, end to end through matching and review.
"""

import pytest

from gongzhi.core.models import AuditEntry
from gongzhi.org.models import Unit, UnitAlias
from gongzhi.plans import services, storing
from gongzhi.plans.choices import ImportState
from gongzhi.plans.models import PlanImport, PlanNode, PolicyDocument

pytestmark = pytest.mark.django_db

REVISABLE = """示例区人民政府办公室
关于印发示例区托育服务提升方案的通知
示例政办字〔2024〕7号
各街道办事处，区政府各部门：
现将《示例区托育服务提升方案》印发给你们。
示例区人民政府办公室
2024年4月1日
示例区托育服务提升方案（演示文件，内容虚构）
一、重点任务
（一）扩大托位供给。到2025年，每千人口3岁以下婴幼儿托位数达到4.5个。（牵头单位：区卫生健康局）
（二）培训托育人员。每年培训托育从业人员不少于200人次。（牵头单位：区人社局，配合单位：区妇联）
（三）建设示范机构。到2025年，建成示范性托育机构不少于3家。（牵头单位：区卫生健康局、示例区托育指导中心）
"""


def _upload(client, content: str, name: str = "plan.txt", capture=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/plain")
    return client.post("/plans/upload/", {"file": upload})


@pytest.fixture
def office(users, client_for):
    return client_for(users["plan_office"])


def test_upload_parse_review_confirm(office, users, django_capture_on_commit_callbacks):
    # when the plan office uploads, the parse runs as a job after commit
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(office, REVISABLE)
    plan_import = PlanImport.objects.latest("created_at")
    assert response["Location"] == f"/plans/imports/{plan_import.pk}/"
    plan_import.refresh_from_db()
    assert plan_import.state == ImportState.REVIEW and plan_import.job.state == "succeeded"
    assert not PolicyDocument.objects.filter(
        doc_number="示例政办字〔2024〕7号"
    ).exists()  # nothing stored yet

    # the review shows the source with highlights and the unknown unit
    review = office.get(f"/plans/imports/{plan_import.pk}/review/0/")
    assert review.status_code == 200
    assert review.context["preview"]["unknown"] == ["示例区托育指导中心"]
    assert 'class="gz-src-target"' in review.content.decode() or "gz-src-target" in review.content.decode()
    # confirming with an unknown unit is refused, nothing stored
    refused = office.post(f"/plans/imports/{plan_import.pk}/review/0/confirm/", {"end_year": "2025"})
    assert (
        refused.status_code == 302
        and not PolicyDocument.objects.filter(doc_number="示例政办字〔2024〕7号").exists()
    )

    # the office decides: create the unknown unit; map 区人社局 (an alias) stays automatic
    office.post(
        f"/plans/imports/{plan_import.pk}/review/0/units/",
        {"name": "示例区托育指导中心", "action": "create", "kind": "other"},
    )
    # and fixes a target: 200 人次 per year (edit the comparator and add the per)
    task_index = 1
    office.post(
        f"/plans/imports/{plan_import.pk}/review/0/tasks/{task_index}/targets/",
        {
            "prefix": "t",
            "target": "0",
            "op": "save",
            "t-indicator": "培训托育从业人员",
            "t-comparator": ">=",
            "t-value": "200",
            "t-unit": "人次",
            "t-deadline_year": "",
            "t-per": "年",
        },
    )
    confirmed = office.post(f"/plans/imports/{plan_import.pk}/review/0/confirm/", {"end_year": "2025"})
    document = PolicyDocument.objects.get(doc_number="示例政办字〔2024〕7号")
    assert confirmed["Location"] == f"/supervision/plans/{document.pk}/setup/"  # the set-up step next
    assert document.office_unit == users["plan_office"].unit and document.end_year == 2025
    tasks = list(document.nodes.tasks().order_by("order"))
    assert [t.number for t in tasks] == ["（一）", "（二）", "（三）"]
    assert {(r.role, r.unit.name, r.name_as_written) for r in tasks[1].responsibilities.all()} == {
        ("lead", "区人力资源社会保障局", "区人社局"),
        ("cooperating", "区妇联", "区妇联"),
    }
    training = tasks[1].targets.get()
    assert (training.indicator, training.value, training.unit_of_measure, training.per) == (
        "培训托育从业人员",
        200,
        "人次",
        "年",
    )
    assert Unit.objects.get(name="示例区托育指导中心").note.startswith("导入政策文件时新建")
    assert AuditEntry.objects.filter(action="plan_imported", object_id=str(document.pk)).exists()
    assert AuditEntry.objects.filter(action="unit_created", object_repr="示例区托育指导中心").exists()
    plan_import.refresh_from_db()
    assert plan_import.state == ImportState.CONFIRMED
    assert office.get(f"/plans/{document.pk}/").status_code == 200


def test_reimport_applies_a_revision_and_keeps_unchanged_tasks(users):
    actor = users["plan_office"]
    payload = services.plan_parse(data=REVISABLE.encode(), filename="v1.txt")
    doc = payload["documents"][0]
    decisions = {"示例区托育指导中心": {"action": "create", "kind": "other"}}
    document, _ = storing.plan_store(
        actor=actor,
        doc=doc,
        text=payload["texts"][0],
        filename="v1.txt",
        sha256="v1",
        office_unit=actor.unit,
        decisions=decisions,
    )
    first, second, third = document.nodes.tasks().order_by("order")

    revised = (
        REVISABLE.replace("不少于200人次", "不少于300人次")
        .replace("（牵头单位：区卫生健康局、示例区托育指导中心）", "（牵头单位：区卫生健康局）")
        .replace("（一）扩大托位供给。", "（一）扩大普惠托位供给。")
        + "（四）加强托育监管。开展托育机构年度检查。（牵头单位：区市场监管局）\n"
    )
    payload = services.plan_parse(data=revised.encode(), filename="v2.txt")
    document, changes = storing.plan_store(
        actor=actor,
        doc=payload["documents"][0],
        text=payload["texts"][0],
        filename="v2.txt",
        sha256="v2",
        office_unit=actor.unit,
    )
    kinds = sorted((c.kind, c.number) for c in changes)

    assert kinds == [("added", "（四）"), ("reworded", "（一）"), ("targets", "（二）"), ("units", "（三）")]
    assert document.revision == 2 and document.revisions.get(revision=2).changes
    # the same rows carry on: reports attached to them stay attached
    tasks = {t.number: t for t in document.nodes.tasks().current()}
    assert (
        tasks["（一）"].pk == first.pk and tasks["（二）"].pk == second.pk and tasks["（三）"].pk == third.pk
    )
    assert "普惠托位" in tasks["（一）"].text
    assert tasks["（二）"].targets.get().value == 300
    assert [r.unit.name for r in tasks["（三）"].responsibilities.all()] == ["区卫生健康局"]
    assert tasks["（四）"].revision_added == 2

    # a third version drops task (四): it is kept, inactive
    payload = services.plan_parse(
        data=revised.replace(
            "（四）加强托育监管。开展托育机构年度检查。（牵头单位：区市场监管局）\n", ""
        ).encode(),
        filename="v3.txt",
    )
    document, changes = storing.plan_store(
        actor=actor,
        doc=payload["documents"][0],
        text=payload["texts"][0],
        filename="v3.txt",
        sha256="v3",
        office_unit=actor.unit,
    )
    assert [(c.kind, c.number) for c in changes] == [("removed", "（四）")]
    dropped = PlanNode.objects.get(pk=tasks["（四）"].pk)
    assert not dropped.active and dropped.revision_removed == 3


def test_another_office_cannot_revise_a_plan(users):
    payload = services.plan_parse(data=REVISABLE.encode(), filename="v1.txt")
    decisions = {"示例区托育指导中心": {"action": "ignore"}}
    storing.plan_store(
        actor=users["plan_office"],
        doc=payload["documents"][0],
        text=payload["texts"][0],
        filename="v1.txt",
        sha256="a",
        office_unit=users["plan_office"].unit,
        decisions=decisions,
    )
    with pytest.raises(services.ApplicationError, match="只有该单位可以修订"):
        storing.plan_store(
            actor=users["cogov_office"],
            doc=payload["documents"][0],
            text=payload["texts"][0],
            filename="v1b.txt",
            sha256="b",
            office_unit=users["cogov_office"].unit,
            decisions=decisions,
        )


def test_alias_decision_adds_an_alias(users):
    actor = users["plan_office"]
    payload = services.plan_parse(
        data=REVISABLE.replace("示例区托育指导中心", "区卫健委托育科").encode(), filename="a.txt"
    )
    unit = Unit.objects.get(name="区卫生健康局")
    storing.plan_store(
        actor=actor,
        doc=payload["documents"][0],
        text=payload["texts"][0],
        filename="a.txt",
        sha256="x",
        office_unit=actor.unit,
        decisions={"区卫健委托育科": {"action": "map", "unit_id": unit.pk, "add_alias": True}},
    )
    assert UnitAlias.objects.filter(unit=unit, alias="区卫健委托育科").exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "为空"),
        (b"\x00\x01\x02\x03" * 64, "binary.txt", "不是文本"),
        ("没有编号的一段话。\n又一段话。\n".encode(), "plain.txt", "编号"),
        (b"%PDF-1.4\n%%EOF", "scan.pdf", "PDF"),
    ],
)
def test_bad_files_fail_with_a_chinese_error_and_store_nothing(
    office, content, name, message, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = PolicyDocument.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post("/plans/upload/", {"file": SimpleUploadedFile(name, content)})
    if response["Location"] == "/plans/":  # refused at the door (empty file)
        page = office.get("/plans/")
        assert message in " ".join(str(m) for m in page.context["messages"])
    else:
        plan_import = PlanImport.objects.latest("created_at")
        assert plan_import.state == ImportState.FAILED and message in plan_import.error
        page = office.get(f"/plans/imports/{plan_import.pk}/")
        assert "解析失败，未保存任何内容" in page.content.decode()
    assert PolicyDocument.objects.count() == before


def test_a_50_mb_upload_is_refused_before_reading(office, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("huge.txt", b"a" * (50 * 1024 * 1024))
    response = office.post("/plans/upload/", {"file": big})
    assert response["Location"] == "/plans/"
    messages = [str(m) for m in office.get("/plans/").context["messages"]]
    assert any("过大" in m for m in messages)
    assert not PlanImport.objects.filter(filename="huge.txt").exists()


def test_liaisons_cannot_import_and_cannot_see_others_imports(
    users, client_for, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(office, REVISABLE)
    plan_import = PlanImport.objects.latest("created_at")
    liaison = client_for(users["liaison"])
    assert _upload(liaison, REVISABLE).status_code == 403
    assert liaison.get(f"/plans/imports/{plan_import.pk}/review/0/").status_code == 404
    cogov = client_for(users["cogov_office"])  # another office: not its import either
    assert cogov.get(f"/plans/imports/{plan_import.pk}/").status_code == 404


def test_evaluators_read_only_their_assigned_plans(users, client_for):
    evaluator = client_for(users["evaluator"])
    child = PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")
    tax = PolicyDocument.objects.get(doc_number="周政办字〔2023〕10号")
    assert evaluator.get(f"/plans/{child.pk}/").status_code == 200
    assert evaluator.get(f"/plans/{tax.pk}/").status_code == 404
    task = tax.nodes.tasks().first()
    assert evaluator.get(f"/plans/tasks/{task.pk}/").status_code == 404


def test_unit_view_lists_tasks_across_plans(users, client_for):
    unit = Unit.objects.get(name="区教育和体育局")
    page = client_for(users["liaison"]).get(f"/plans/units/{unit.pk}/")
    plans = {r.task.document.doc_number for r in page.context["rows"]}
    # the two plans, and the joint meeting's minutes whose decisions it leads (the demo's meetings)
    assert {"周政办字〔2023〕8号", "周政办字〔2023〕10号"} <= plans
    assert all(p.startswith("周政办字") or "会议纪要" in p for p in plans)
    leads = client_for(users["liaison"]).get(f"/plans/units/{unit.pk}/", {"role": "lead"}).context["rows"]
    assert all(r.role == "lead" for r in leads) and len(leads) >= 10


def test_search_finds_tasks_by_text_and_unit(users, client_for):
    page = client_for(users["leader"]).get("/plans/", {"q": "托位"})
    assert [t.number for t in page.context["tasks"]] == ["（5）"]
    page = client_for(users["leader"]).get("/plans/", {"q": "区残联机关"})
    assert [t.number for t in page.context["tasks"]] == ["（22）"]


GROUP_DOC = """示例区人民政府办公室
示例政办字〔2024〕11号
关于成立示例区托育工作领导小组的通知（演示文件，内容虚构）
一、工作任务
（一）统筹托育工作。到2025年，托位数达到4.5个。（牵头单位：区卫生健康局）
附件
示例区托育工作领导小组成员名单
组  长：张  三  区政府副区长
副组长：李  四  区卫生健康局局长
成  员：王  五  区财政局副局长
        赵  六  示例区托育指导中心主任
领导小组办公室设在区卫生健康局，李四同志兼任办公室主任。
"""


def test_a_documents_group_becomes_an_org_group_and_follows_revisions(users):
    from gongzhi.org.models import Group

    actor = users["plan_office"]
    payload = services.plan_parse(data=GROUP_DOC.encode(), filename="g1.txt")
    doc = payload["documents"][0]
    assert doc["groups"] and len(doc["groups"][0]["members"]) == 4
    storing.plan_store(
        actor=actor, doc=doc, text=payload["texts"][0], filename="g1.txt", sha256="g1", office_unit=actor.unit
    )
    group = Group.objects.get(name="示例区托育工作领导小组")
    members = {m.person.name: m for m in group.memberships.current().select_related("person", "unit")}
    assert set(members) == {"张三", "李四", "王五", "赵六"}
    assert (
        members["王五"].unit.name == "区财政局" and members["赵六"].unit is None
    )  # unknown unit: kept, no unit
    assert group.office_unit.name == "区卫生健康局" and group.office_director.name == "李四"

    # a revised list: 王五 leaves, 孙七 joins; history is kept
    revised = GROUP_DOC.replace(
        "        赵  六  示例区托育指导中心主任\n", "        孙  七  区民政局副局长\n"
    ).replace("成  员：王  五  区财政局副局长\n", "成  员：赵  六  示例区托育指导中心主任\n")
    payload = services.plan_parse(data=revised.encode(), filename="g2.txt")
    storing.plan_store(
        actor=actor,
        doc=payload["documents"][0],
        text=payload["texts"][0],
        filename="g2.txt",
        sha256="g2",
        office_unit=actor.unit,
    )
    current = set(group.memberships.current().values_list("person__name", flat=True))
    assert current == {"张三", "李四", "赵六", "孙七"}
    assert group.memberships.filter(person__name="王五", until__isnull=False).exists()


def test_reference_group_import_is_in_line_with_the_registry(users):
    from gongzhi.org.models import Group

    group = Group.objects.get(name="周村区税费协同共治领导小组")
    assert group.memberships.current().count() == 32
    assert not group.memberships.filter(until__isnull=False).exists()  # the demo's plan import changed nobody


WITH_GOALS = """示例区托育服务发展三年行动方案（2024—2026年）（演示文件，内容虚构）
一、发展目标
到2025年，全区每千人口托位数达到4.5个。普惠托位占比达到60%以上。
二、重点任务
（一）扩大托位供给。新建托育机构3家。（牵头单位：区卫生健康局）
"""


def test_document_targets_are_reviewed_and_stored_with_the_plan(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(office, WITH_GOALS)
    plan_import = PlanImport.objects.latest("created_at")
    plan_import.refresh_from_db()
    assert plan_import.state == ImportState.REVIEW
    review = office.get(f"/plans/imports/{plan_import.pk}/review/0/")
    page = review.content.decode()
    assert 'data-testid="review-goals"' in page
    # the goals of 发展目标 are the document's, not the task's; 到2025年 governs its paragraph
    assert [(g["indicator"], g["words"], g["deadline_year"]) for g in review.context["goals"]] == [
        ("全区每千人口托位数", "不低于4.5个", 2025),
        ("普惠托位占比", "不低于60%", 2025),
    ]
    confirmed = office.post(f"/plans/imports/{plan_import.pk}/review/0/confirm/", {"end_year": "2026"})
    assert confirmed.status_code == 302
    document = PolicyDocument.objects.latest("created_at")
    assert [
        (g["indicator"], g["comparator"], g["value"], g["unit"], g["deadline_year"]) for g in document.goals
    ] == [
        ("全区每千人口托位数", ">=", 4.5, "个", 2025),
        ("普惠托位占比", ">=", 60, "%", 2025),
    ]
    (task,) = document.nodes.tasks()
    assert [(t.value, t.unit_of_measure) for t in task.targets.all()] == [(3, "家")]
    detail = office.get(f"/plans/{document.pk}/").content.decode()
    assert 'data-testid="plan-goals"' in detail and "普惠托位占比 不低于60%（2025年）" in detail
    api = office.get(f"/api/v1/plans/{document.pk}").json()
    assert [(g["indicator"], g["value"]) for g in api["goals"]] == [
        ("全区每千人口托位数", 4.5),
        ("普惠托位占比", 60),
    ]


GOALS_ONLY = """示例区托育服务发展规划主要指标（演示文件，内容虚构）
一、发展目标
到2025年，全区每千人口托位数达到4.5个。普惠托位占比达到60%以上。
"""


def test_a_document_with_goals_and_no_task_is_shown_and_cannot_be_confirmed(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(office, GOALS_ONLY)
    plan_import = PlanImport.objects.latest("created_at")
    plan_import.refresh_from_db()
    assert plan_import.state == ImportState.REVIEW
    page = office.get(f"/plans/imports/{plan_import.pk}/review/0/").content.decode()
    # the clerk sees the goals, why the file cannot become a plan, and a disabled confirm button
    assert 'data-testid="review-no-tasks"' in page and "不能保存为方案" in page
    assert "普惠托位占比" in page
    assert 'disabled title="未识别到任务" data-testid="confirm"' in page
    # and a confirm sent anyway stores nothing
    office.post(f"/plans/imports/{plan_import.pk}/review/0/confirm/", {"end_year": "2025"})
    assert not PolicyDocument.objects.filter(title__startswith="示例区托育服务发展规划").exists()
