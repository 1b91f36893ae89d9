"""Inspections -> findings -> rectification (submit, close, return) and good-practice cases, end to end.

The plans, units and users are built with factories (see the fixtures below), as the demo sets
them up: an evaluator assigned to one plan, that plan's office, a liaison of the inspected unit.
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories import PolicyDocumentFactory, UnitFactory, UserFactory

from gongzhi.accounts.models import User
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.inspections import services as inspections
from gongzhi.inspections.choices import CaseState, InspectionKind, RectificationState
from gongzhi.inspections.models import GoodPracticeCase, Inspection, Rectification
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import Evidence

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Evidence files go to a temporary data directory."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


@pytest.fixture(autouse=True)
def _without_demo_items(db):
    """The demo's visits, rectifications and cases (and their evidence) are set aside inside the
    test's transaction: these tests count what they create themselves."""
    Inspection.objects.all().delete()
    GoodPracticeCase.objects.all().delete()


def _evidence_files(settings) -> list[Path]:
    root = Path(settings.DATA_DIR) / "evidence"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def plan() -> PolicyDocument:
    """The plan inspected (like 周政办字〔2023〕8号)."""
    return PolicyDocumentFactory()


@pytest.fixture
def other_plan() -> PolicyDocument:
    """A plan of another office, with no evaluator (like 周政办字〔2023〕10号)."""
    return PolicyDocumentFactory()


@pytest.fixture
def weijian_unit() -> Unit:
    """The inspected unit (like 区卫生健康局)."""
    return UnitFactory()


@pytest.fixture
def jiaoti_liaison() -> User:
    """A liaison of another unit (like 区教育和体育局)."""
    return UserFactory(role=Role.LIAISON)


@pytest.fixture
def users(plan, weijian_unit) -> dict[str, User]:
    """One user per role, built for this module (it shadows the demo's `users`): the evaluator is
    assigned to `plan`, the plan office sits in its office unit, the liaison in `weijian_unit`."""
    built = {
        "admin": UserFactory(role=Role.ADMIN),
        "plan_office": UserFactory(role=Role.PLAN_OFFICE, unit=plan.office_unit),
        "cogov_office": UserFactory(role=Role.COGOV_OFFICE),
        "liaison": UserFactory(role=Role.LIAISON, unit=weijian_unit),
        "tax_officer": UserFactory(role=Role.TAX_OFFICER),
        "leader": UserFactory(role=Role.LEADER),
        "evaluator": UserFactory(role=Role.EVALUATOR),
    }
    plan.evaluators.add(built["evaluator"])
    return built


def _record(actor, plan, unit, *, days_ago=0, findings=("儿童友好空间未按要求开放",), photos=()):
    return inspections.inspection_record(
        actor=actor,
        plan=plan,
        kind=InspectionKind.UNANNOUNCED,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        place="周村区妇幼保健院",
        unit=unit,
        summary="暗访儿童友好医院建设情况",
        findings=list(findings),
        photos=list(photos),
    )


def _raise(actor, inspection, *, deadline):
    return inspections.rectification_raise(
        actor=actor,
        finding=inspection.findings.get(),
        unit=inspection.unit,
        requirement="限期开放儿童友好空间并报送照片",
        deadline=deadline,
    )


# --- the whole flow -------------------------------------------------------------------------------


def test_inspection_finding_rectification_submit_close(users, client_for, plan, weijian_unit, settings):
    evaluator, liaison, office = users["evaluator"], users["liaison"], users["plan_office"]
    as_evaluator, as_liaison, as_office = client_for(evaluator), client_for(liaison), client_for(office)

    # given the evaluator records an unannounced inspection of the unit on its plan, with a photo
    assert as_evaluator.get(reverse("inspections:inspection_create")).status_code == 200
    response = as_evaluator.post(
        reverse("inspections:inspection_create"),
        {
            "plan": plan.pk,
            "kind": InspectionKind.UNANNOUNCED,
            "date": timezone.localdate().isoformat(),
            "place": "周村区妇幼保健院",
            "unit": weijian_unit.pk,
            "summary": "暗访儿童友好医院建设情况",
            "findings": "儿童友好空间未按要求开放\n",
            "photos": [SimpleUploadedFile("现场.png", PNG, content_type="image/png")],
        },
    )
    inspection = Inspection.objects.get(plan=plan, unit=weijian_unit)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:inspection_detail", args=[inspection.pk])
    assert inspection.kind == InspectionKind.UNANNOUNCED and inspection.inspector == evaluator
    finding = inspection.findings.get()
    assert finding.text == "儿童友好空间未按要求开放"
    assert [e.filename for e in inspection.evidence.all()] == ["现场.png"]

    # and raises a rectification item for the finding
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    response = as_evaluator.post(
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        {
            "op": "rectify",
            "rectify-finding": finding.pk,
            "rectify-unit": weijian_unit.pk,
            "rectify-requirement": "限期开放儿童友好空间并报送照片",
            "rectify-deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    rectification = Rectification.objects.get(finding=finding)
    assert (rectification.unit, rectification.state, rectification.deadline) == (
        weijian_unit,
        RectificationState.OPEN,
        deadline,
    )
    detail_url = reverse("inspections:rectification_detail", args=[rectification.pk])

    # when the 卫健 liaison sees it among its open items and submits the result with a PNG
    listing = as_liaison.get(reverse("inspections:rectification_list"), {"state": "open"})
    assert [row["item"].pk for row in listing.context["rows"]] == [rectification.pk]
    # (closing is the office's: the liaison is refused, nothing changes)
    assert as_liaison.post(detail_url, {"op": "close"}).status_code == 403
    response = as_liaison.post(
        detail_url,
        {
            "op": "submit",
            "result": "已于本周开放儿童友好空间，安排专人值守",
            "files": [SimpleUploadedFile("整改后.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.SUBMITTED
    assert [e.filename for e in rectification.evidence.all()] == ["整改后.png"]
    assert rectification.evidence.get().unit == weijian_unit
    assert len(_evidence_files(settings)) == 2

    # then the plan office closes it (销号)
    page = as_office.get(detail_url)
    assert page.status_code == 200 and page.context["can_review"]
    response = as_office.post(detail_url, {"op": "close", "comment": "现场核实已整改"})
    assert response.status_code == 302
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.CLOSED
    assert rectification.closed_by == office and rectification.closed_at is not None
    assert "现场核实已整改" in as_liaison.get(detail_url).content.decode()

    # and every step left its trace
    def entries(action, target):
        return AuditEntry.objects.filter(
            action=action, object_type=target._meta.label_lower, object_id=str(target.pk)
        )

    recorded = entries(AuditAction.INSPECTION_RECORDED, inspection).get()
    assert recorded.username == evaluator.username and recorded.detail["step"] == "recorded"
    assert recorded.detail["findings"] == 1 and recorded.detail["photos"] == 1
    assert entries(inspections.ACTION_RAISED, rectification).get().detail["step"] == "raised"
    submitted = entries(AuditAction.RECTIFICATION_SUBMITTED, rectification).get()
    assert submitted.username == liaison.username and submitted.detail["files"] == 1
    closed = entries(AuditAction.RECTIFICATION_CLOSED, rectification).get()
    assert closed.username == office.username and closed.detail == {
        "step": "closed",
        "note": "现场核实已整改",
    }
    evidence_added = AuditEntry.objects.filter(
        action=AuditAction.EVIDENCE_ADDED, object_type="supervision.evidence"
    ).exclude(username="system")  # the demo's own photos were stored by the system
    assert evidence_added.count() == 2


def test_office_returns_a_result_with_a_comment_and_the_unit_submits_again(users, plan, weijian_unit):
    office, liaison = users["plan_office"], users["liaison"]
    inspection = _record(users["evaluator"], plan, weijian_unit)
    rectification = _raise(office, inspection, deadline=timezone.localdate() + datetime.timedelta(days=10))
    inspections.rectification_submit(
        actor=liaison, rectification=rectification, result="已整改", files=[("a.png", PNG)]
    )

    # a return needs a comment
    with pytest.raises(ApplicationError) as refused:
        inspections.rectification_return(actor=office, rectification=rectification, comment=" ")
    assert refused.value.message == "请填写退回意见"

    inspections.rectification_return(
        actor=office, rectification=rectification, comment="照片不能反映整改效果"
    )
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.OPEN
    history = inspections.rectification_history(rectification=rectification)
    assert [h["step"] for h in history] == ["提出整改", "报送整改结果", "退回重新整改"]
    assert history[-1]["comment"] == "照片不能反映整改效果"

    # the evidence already given counts: the unit may resubmit with a better text only
    inspections.rectification_submit(actor=liaison, rectification=rectification, result="已整改并补充说明")
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.SUBMITTED and rectification.evidence.count() == 1


def test_a_result_needs_evidence_and_only_the_unit_submits_it(users, plan, weijian_unit):
    inspection = _record(users["evaluator"], plan, weijian_unit)
    rectification = _raise(users["plan_office"], inspection, deadline=timezone.localdate())

    with pytest.raises(ApplicationError) as no_evidence:
        inspections.rectification_submit(actor=users["liaison"], rectification=rectification, result="已整改")
    with pytest.raises(ApplicationError) as not_the_unit:
        inspections.rectification_submit(
            actor=users["plan_office"], rectification=rectification, result="已整改", files=[("a.png", PNG)]
        )

    assert no_evidence.value.message == "请上传整改佐证材料"
    assert not_the_unit.value.code == ErrorCode.PERMISSION_DENIED
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.OPEN and not rectification.evidence.exists()


# --- overdue --------------------------------------------------------------------------------------


def test_overdue_open_items_are_flagged_in_lists(users, client_for, plan, weijian_unit):
    today = timezone.localdate()
    inspection = _record(users["evaluator"], plan, weijian_unit, days_ago=20)
    overdue = _raise(users["evaluator"], inspection, deadline=today - datetime.timedelta(days=10))
    answered = _raise(users["evaluator"], inspection, deadline=today - datetime.timedelta(days=5))
    answered = inspections.rectification_submit(
        actor=users["liaison"], rectification=answered, result="已整改", files=[("a.png", PNG)]
    )
    due_today = _raise(users["evaluator"], inspection, deadline=today)

    assert inspections.rectification_overdue_days(overdue) == 10
    assert inspections.rectification_overdue_days(answered) == 0  # a submitted result is not overdue
    assert inspections.rectification_overdue_days(due_today) == 0
    as_liaison = client_for(users["liaison"])
    listing = as_liaison.get(reverse("inspections:rectification_list"))
    flags = {row["item"].pk: row["overdue_days"] for row in listing.context["rows"]}
    assert flags == {overdue.pk: 10, answered.pk: 0, due_today.pk: 0}
    html = listing.content.decode()
    assert html.count("逾期10天") == 1 and "逾期5天" not in html
    assert listing.context["overdue_count"] == 1
    only_overdue = as_liaison.get(reverse("inspections:rectification_list"), {"state": "overdue"})
    assert [row["item"].pk for row in only_overdue.context["rows"]] == [overdue.pk]
    detail = client_for(users["plan_office"]).get(
        reverse("inspections:inspection_detail", args=[inspection.pk])
    )
    assert "逾期10天" in detail.content.decode()


def test_rectification_list_queries_do_not_grow_with_rows(
    users, client_for, plan, weijian_unit, django_assert_max_num_queries
):
    inspection = _record(users["evaluator"], plan, weijian_unit)
    _raise(users["evaluator"], inspection, deadline=timezone.localdate())
    as_office = client_for(users["plan_office"])

    with CaptureQueriesContext(connection) as few:
        as_office.get(reverse("inspections:rectification_list"))
    for _ in range(5):
        _raise(users["evaluator"], inspection, deadline=timezone.localdate())
    with django_assert_max_num_queries(len(few)):
        listing = as_office.get(reverse("inspections:rectification_list"))
    assert len(listing.context["rows"]) == 6


# --- who may --------------------------------------------------------------------------------------


def test_evaluator_refused_on_a_plan_not_assigned_to_it(users, client_for, plan, other_plan, weijian_unit):
    evaluator = users["evaluator"]

    # the service refuses a plan the evaluator is not assigned to
    with pytest.raises(ApplicationError) as refused:
        _record(evaluator, other_plan, weijian_unit)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert "第三方评估" in refused.value.message
    # the form does not offer it either, and a forged post stores nothing
    as_evaluator = client_for(evaluator)
    form = as_evaluator.get(reverse("inspections:inspection_create")).context["form"]
    assert list(form.fields["plan"].queryset) == [plan]
    response = as_evaluator.post(
        reverse("inspections:inspection_create"),
        {
            "plan": other_plan.pk,
            "kind": InspectionKind.PLANNED,
            "date": timezone.localdate().isoformat(),
            "place": "区财政局",
            "unit": weijian_unit.pk,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["plan"]
    # sharing the plan office's unit is not enough: once unassigned, plan 8号 is refused too
    plan.evaluators.remove(evaluator)
    with pytest.raises(ApplicationError):
        _record(evaluator, plan, weijian_unit)
    assert not Inspection.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.INSPECTION_RECORDED).exists()


def test_plan_office_records_only_on_its_own_plans(users, plan, other_plan, weijian_unit):
    office = users["plan_office"]
    assert set(inspections.inspection_plans(user=office)) == {plan}
    assert set(inspections.inspection_plans(user=users["admin"])) >= {plan, other_plan}
    assert not inspections.inspection_plans(user=users["liaison"]).exists()
    with pytest.raises(ApplicationError) as refused:
        _record(office, other_plan, weijian_unit)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    assert _record(users["admin"], other_plan, weijian_unit).plan == other_plan


@pytest.mark.parametrize(
    ("role", "status"),
    [("liaison", 403), ("cogov_office", 403), ("leader", 403), ("evaluator", 200), ("plan_office", 200)],
)
def test_inspection_create_page_by_role(users, client_for, role, status):
    assert client_for(users[role]).get(reverse("inspections:inspection_create")).status_code == status


def test_liaison_of_another_unit_gets_404(users, client_for, plan, weijian_unit, jiaoti_liaison):
    inspection = _record(users["evaluator"], plan, weijian_unit)
    rectification = _raise(users["evaluator"], inspection, deadline=timezone.localdate())
    other = client_for(jiaoti_liaison)
    detail_url = reverse("inspections:rectification_detail", args=[rectification.pk])

    assert other.get(detail_url).status_code == 404
    response = other.post(
        detail_url,
        {
            "op": "submit",
            "result": "x",
            "files": [SimpleUploadedFile("a.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 404
    assert other.get(reverse("inspections:inspection_detail", args=[inspection.pk])).status_code == 404
    assert other.get(reverse("inspections:rectification_list")).context["rows"] == []
    assert not other.get(reverse("inspections:inspection_list")).context["page"].object_list
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.OPEN and not rectification.evidence.exists()
    # the unit's own liaison reads both; the office-only posts answer 403
    own = client_for(users["liaison"])
    assert own.get(detail_url).status_code == 200
    assert own.get(reverse("inspections:inspection_detail", args=[inspection.pk])).status_code == 200
    add_finding = own.post(
        reverse("inspections:inspection_detail", args=[inspection.pk]), {"op": "finding", "finding-text": "x"}
    )
    assert add_finding.status_code == 403 and inspection.findings.count() == 1


# --- evidence type checks -------------------------------------------------------------------------


def test_a_png_that_is_really_text_is_refused(users, client_for, plan, weijian_unit, settings):
    inspection = _record(users["evaluator"], plan, weijian_unit)
    rectification = _raise(users["evaluator"], inspection, deadline=timezone.localdate())
    as_liaison = client_for(users["liaison"])
    detail_url = reverse("inspections:rectification_detail", args=[rectification.pk])

    fake = SimpleUploadedFile("整改照片.png", "这其实是一段文字".encode(), content_type="image/png")
    response = as_liaison.post(detail_url, {"op": "submit", "result": "已整改", "files": [fake]})
    wrong_kind = SimpleUploadedFile("整改.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response_exe = as_liaison.post(detail_url, {"op": "submit", "result": "已整改", "files": [wrong_kind]})

    assert response.status_code == 200
    assert "佐证材料“整改照片.png”的内容与扩展名不符，已拒绝" in response.content.decode()
    assert "类型不支持" in response_exe.content.decode()
    rectification.refresh_from_db()
    assert rectification.state == RectificationState.OPEN and rectification.result == ""
    assert not Evidence.objects.filter(rectification=rectification).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.RECTIFICATION_SUBMITTED).exists()


def test_one_bad_photo_stores_nothing(users, plan, weijian_unit, settings):
    with pytest.raises(ApplicationError) as refused:
        _record(users["evaluator"], plan, weijian_unit, photos=[("好.png", PNG), ("坏.jpg", b"not a jpeg")])
    assert refused.value.code == ErrorCode.INVALID_FILE
    assert not Inspection.objects.exists() and not Evidence.objects.exists()
    assert _evidence_files(settings) == []  # the good photo written first is removed again


# --- good-practice cases --------------------------------------------------------------------------


def _case(actor, plan, title, body="做法与成效。"):
    return inspections.case_submit(actor=actor, plan=plan, title=title, body=body)


def test_case_submit_select_publish_and_the_public_page(users, client_for, plan, jiaoti_liaison, client):
    liaison, office = users["liaison"], users["plan_office"]
    as_liaison, as_office = client_for(liaison), client_for(office)

    # given the 卫健 liaison submits a case with an attachment, and two more cases exist
    assert as_liaison.get(reverse("inspections:case_create")).status_code == 200
    response = as_liaison.post(
        reverse("inspections:case_create"),
        {
            "plan": plan.pk,
            "title": "儿童友好医院“一站式”服务",
            "body": "设置儿童友好诊区，推行一站式服务。\n群众满意度明显提升。",
            "attachment": SimpleUploadedFile("做法.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
        },
    )
    case = GoodPracticeCase.objects.get(title="儿童友好医院“一站式”服务")
    assert response.status_code == 302 and case.state == CaseState.SUBMITTED
    assert case.unit == liaison.unit and case.evidence.get().filename == "做法.pdf"
    declined = _case(liaison, plan, "未入选的案例")
    pending = _case(jiaoti_liaison, plan, "待遴选的教体案例")
    detail_url = reverse("inspections:case_detail", args=[case.pk])

    # the unit cannot decide its own case; another unit cannot even see it before it is published
    assert as_liaison.post(detail_url, {"op": "select"}).status_code == 403
    assert client_for(jiaoti_liaison).get(detail_url).status_code == 404
    assert [c.pk for c in as_liaison.get(reverse("inspections:case_list")).context["page"].object_list] == [
        declined.pk,
        case.pk,
    ]

    # when the plan office selects it, declines another and publishes the selected one
    assert as_office.post(detail_url, {"op": "publish"}).status_code == 200  # not selected yet: refused
    assert as_office.post(detail_url, {"op": "select", "note": "做法可复制"}).status_code == 302
    inspections.case_decide(actor=office, case=declined, select=False)
    assert as_office.post(detail_url, {"op": "publish"}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.PUBLISHED and case.published_at is not None
    office_list = as_office.get(reverse("inspections:case_list")).context["page"].object_list
    assert [c.pk for c in office_list][:3] == [pending.pk, declined.pk, case.pk]

    # then an anonymous visitor sees it on the public page: title, unit, date and body only
    public = client.get(reverse("inspections:public_cases"))
    html = public.content.decode()
    assert public.status_code == 200
    assert "儿童友好医院“一站式”服务" in html and liaison.unit.name in html
    assert "群众满意度明显提升" in html and f"{timezone.localdate().year}年" in html
    assert "未入选的案例" not in html and "待遴选的教体案例" not in html
    assert "做法.pdf" not in html and liaison.full_name not in html and liaison.username not in html
    assert [c.pk for c in public.context["page"].object_list] == [case.pk]
    # and a published case is readable inside by any unit (without the attachment)
    seen_by_other = client_for(jiaoti_liaison).get(detail_url)
    assert seen_by_other.status_code == 200 and not seen_by_other.context["attachments"]

    assert AuditEntry.objects.filter(action=AuditAction.CASE_SUBMITTED).count() == 3
    decided = AuditEntry.objects.filter(action=AuditAction.CASE_DECIDED, object_id=str(case.pk)).order_by(
        "seq"
    )
    steps = [e.detail["step"] for e in decided]
    assert steps == ["selected", "published"]


def test_public_page_empty_state_and_only_office_decides(users, client, plan, other_plan):
    page = client.get(reverse("inspections:public_cases"))
    assert page.status_code == 200 and "暂无数据" in page.content.decode()
    # anonymous visitors reach nothing else
    login = reverse("accounts:login")
    assert client.get(reverse("inspections:case_list"))["Location"].startswith(login)
    assert client.get(reverse("inspections:rectification_list"))["Location"].startswith(login)

    case = _case(users["liaison"], other_plan, "财政案例")
    # the plan's office is not the office of the other plan
    with pytest.raises(ApplicationError) as refused:
        inspections.case_decide(actor=users["plan_office"], case=case, select=True)
    assert refused.value.code == ErrorCode.PERMISSION_DENIED
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    inspections.case_decide(actor=users["admin"], case=case, select=True)
    with pytest.raises(ApplicationError) as twice:
        inspections.case_decide(actor=users["admin"], case=case, select=False)
    assert twice.value.code == ErrorCode.CONFLICT


# --- every page, every role -----------------------------------------------------------------------

PRINCIPALS = [
    "anon",
    "admin",
    "plan_office",
    "cogov_office",
    "liaison",
    "other",
    "tax_officer",
    "leader",
    "evaluator",
]
READERS = {"admin", "plan_office", "cogov_office", "leader", "evaluator", "liaison"}  # of 卫健's items on 8号


def _expect(allowed, ok=200, denied=404):
    return {p: (302 if p == "anon" else ok if p in allowed else denied) for p in PRINCIPALS}


PAGES = [
    ("inspections:inspection_list", None, _expect(set(PRINCIPALS))),
    ("inspections:inspection_create", None, _expect({"admin", "plan_office", "evaluator"}, denied=403)),
    ("inspections:inspection_detail", "inspection", _expect(READERS)),
    ("inspections:rectification_list", None, _expect(set(PRINCIPALS))),
    ("inspections:rectification_detail", "rectification", _expect(READERS)),
    ("inspections:case_list", None, _expect(set(PRINCIPALS))),
    ("inspections:case_create", None, _expect(set(PRINCIPALS) - {"leader", "evaluator"}, denied=403)),
    ("inspections:case_detail", "case", _expect(READERS)),
    ("inspections:public_cases", None, {p: 200 for p in PRINCIPALS}),
]


@pytest.mark.parametrize(("name", "obj", "expected"), PAGES, ids=[p[0].split(":")[1] for p in PAGES])
def test_every_page_by_role(users, client_for, plan, weijian_unit, jiaoti_liaison, name, obj, expected):
    inspection = _record(users["evaluator"], plan, weijian_unit, photos=[("现场.png", PNG)])
    objects = {
        "inspection": inspection,
        "rectification": _raise(users["evaluator"], inspection, deadline=timezone.localdate()),
        "case": _case(users["liaison"], plan, "卫健案例"),
    }
    url = reverse(name, args=[objects[obj].pk] if obj else [])
    principals = {**users, "anon": None, "other": jiaoti_liaison}
    got = {p: client_for(principals[p]).get(url).status_code for p in PRINCIPALS}
    assert got == expected
