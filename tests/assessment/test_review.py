"""Issue 15, items 3 and 4: units see only their own scores before publication, appeal an item
within the window; the office decides (trace); maker-checker approval freezes the ranking; the
notice is drafted, edited, approved by another person, sent in-app with read receipts, as .docx."""

import datetime
import io
from decimal import Decimal

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.assessment import services
from gongzhi.assessment.choices import AppealState, NoticeState, RunStatus
from gongzhi.assessment.models import Appeal, NoticeDelivery, ScoreRun
from gongzhi.assessment.schemes import parse_assessment_period
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def run(demo, users) -> ScoreRun:
    scheme = {s.code: s for s in services.ensure_default_schemes()}["child_friendly"]
    period = parse_assessment_period(f"{demo.year}H{1 if demo.month <= 6 else 2}")
    # whatever the day, the liaison's unit has lost a point to appeal against
    services.manual_item_record(
        actor=users["plan_office"],
        scheme=scheme,
        unit=users["liaison"].unit,
        period=period.text,
        kind="deduction",
        points=Decimal("1"),
        reason="未按要求报送材料（合成数据）",
        day=demo,
    )
    return services.score_compute(actor=users["plan_office"], scheme=scheme, period=period)


def test_a_unit_sees_nothing_of_a_draft_and_only_its_own_line_in_review(
    run, users, client_for, django_capture_on_commit_callbacks
):
    liaison = users["liaison"]
    own = run.scores.get(unit=liaison.unit)
    other = run.scores.exclude(unit=liaison.unit).first()
    unit_client, office = client_for(liaison), client_for(users["plan_office"])
    assert unit_client.get(run.get_absolute_url()).status_code == 404
    assert unit_client.get(own.get_absolute_url()).status_code == 404
    page = office.get(run.get_absolute_url())
    assert page.status_code == 200 and other.unit.name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.run_publish(actor=users["plan_office"], run=run, appeal_deadline=clock.today())
    page = unit_client.get(run.get_absolute_url()).content.decode()
    assert own.unit.name in page and other.unit.name not in page
    assert unit_client.get(own.get_absolute_url()).status_code == 200
    assert unit_client.get(other.get_absolute_url()).status_code == 404
    # every lost point one click from its records
    body = office.get(other.get_absolute_url()).content.decode()
    for item in other.items.all():
        for e in item.evidence.all():
            assert e.url and e.url in body
    assert Notification.objects.filter(
        unit=liaison.unit, key=f"assessment-review-{run.pk}-{liaison.unit_id}"
    ).exists()


def test_appeal_decided_with_a_trace_then_maker_checker_freezes(run, users, client_for):
    office, checker, liaison = users["plan_office"], users["admin"], users["liaison"]
    services.run_publish(actor=office, run=run, appeal_deadline=clock.today())
    own = run.scores.get(unit=liaison.unit)
    item = own.items.filter(evidence__isnull=False).order_by("order").first()
    other_item = run.scores.exclude(unit=liaison.unit).first().items.first()
    response = client_for(liaison).post(
        own.get_absolute_url(),
        {"item": other_item.pk, "reason": "x"},
    )
    assert response.status_code == 404  # not its own item
    response = client_for(liaison).post(
        own.get_absolute_url(),
        {
            "item": item.pk,
            "reason": "报告已按时通过纸质报送（合成数据）",
            "attachment": SimpleUploadedFile("回执.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get(item=item)
    assert appeal.attachment.filename == "回执.png"
    assert AuditEntry.objects.filter(
        action="appeal_filed", object_id=str(appeal.pk), username=liaison.username
    ).exists()
    with pytest.raises(ApplicationError, match="已有待处理的申诉"):
        services.appeal_file(actor=liaison, item=item, reason="again")
    with pytest.raises(ApplicationError, match="没有权限"):
        services.appeal_decide(
            actor=liaison, appeal=appeal, accept=True, note="x", new_points=item.max_points
        )
    with pytest.raises(ApplicationError, match="尚有未处理的申诉"):
        services.run_submit(actor=office, run=run)
    old_score = own.score
    new_points = item.max_points  # accepted: the item gets its full points back
    services.appeal_decide(
        actor=office, appeal=appeal, accept=True, note="核实属实，予以采纳", new_points=new_points
    )
    appeal.refresh_from_db()
    item.refresh_from_db()
    own.refresh_from_db()
    assert appeal.state == AppealState.ACCEPTED and appeal.new_points == new_points
    assert item.points == new_points and "申诉采纳" in item.note
    assert own.score == old_score + (new_points - appeal.old_points)
    entry = AuditEntry.objects.get(action="appeal_decided", object_id=str(appeal.pk))
    assert entry.username == office.username
    assert entry.detail["old_points"] == str(appeal.old_points) and entry.detail["new_points"] == str(
        new_points
    )
    services.run_submit(actor=office, run=run)
    with pytest.raises(ApplicationError, match="审定人不能是提交人"):
        services.run_approve(actor=office, run=run)
    with pytest.raises(ApplicationError, match="没有权限"):
        services.run_approve(actor=liaison, run=run)
    response = client_for(liaison).post(run.get_absolute_url(), {"op": "approve"})
    run.refresh_from_db()
    assert run.status == RunStatus.SUBMITTED
    client_for(checker).post(run.get_absolute_url(), {"op": "approve"})
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED and run.approved_by == checker
    assert AuditEntry.objects.filter(action="assessment_approved", object_id=str(run.pk)).exists()
    with pytest.raises(ApplicationError):
        services.appeal_file(actor=liaison, item=item, reason="late")
    # after approval the unit sees the whole ranking, but only its own items
    page = client_for(liaison).get(run.get_absolute_url()).content.decode()
    assert run.scores.exclude(unit=liaison.unit).first().unit.name in page
    assert (
        client_for(liaison).get(run.scores.exclude(unit=liaison.unit).first().get_absolute_url()).status_code
        == 404
    )


def test_appeal_window_closes(run, users, time_machine):
    office, liaison = users["plan_office"], users["liaison"]
    services.run_publish(actor=office, run=run, appeal_deadline=clock.today())
    item = run.scores.get(unit=liaison.unit).items.first()
    time_machine.move_to(
        datetime.datetime.combine(clock.today() + datetime.timedelta(days=2), datetime.time(10))
    )
    with pytest.raises(ApplicationError, match="申诉期已于"):
        services.appeal_file(actor=liaison, item=item, reason="太晚了")
    assert not Appeal.objects.filter(item=item).exists()


def test_notice_drafted_approved_sent_and_read(run, users, client_for, django_capture_on_commit_callbacks):
    office, checker, liaison = users["plan_office"], users["admin"], users["liaison"]
    services.run_publish(actor=office, run=run, appeal_deadline=clock.today())
    services.run_submit(actor=office, run=run)
    services.run_approve(actor=checker, run=run)
    response = client_for(office).post(run.get_absolute_url(), {"op": "notice"})
    notice = run.notices.get()
    assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
    assert "考核结果" in notice.body and run.scores.first().unit.name in notice.body
    client_for(office).post(
        notice.get_absolute_url(), {"op": "save", "title": notice.title, "body": notice.body + "\n（已修改）"}
    )
    notice.refresh_from_db()
    assert notice.body.endswith("（已修改）")
    services.notice_submit(actor=office, notice=notice)
    with pytest.raises(ApplicationError, match="审批人不能是提交人"):
        services.notice_approve(actor=office, notice=notice)
    with pytest.raises(ApplicationError, match="不能修改"):
        services.notice_update(actor=office, notice=notice, title="x", body="y")
    services.notice_approve(actor=checker, notice=notice)
    assert client_for(liaison).get(notice.get_absolute_url()).status_code == 404  # not sent yet
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(actor=office, notice=notice)
    notice.refresh_from_db()
    assert notice.state == NoticeState.SENT
    assert NoticeDelivery.objects.filter(notice=notice).count() == run.scores.count()
    assert Notification.objects.filter(key=f"assessment-notice-{notice.pk}-{liaison.unit_id}").exists()
    assert client_for(liaison).get(notice.get_absolute_url()).status_code == 200
    delivery = NoticeDelivery.objects.get(notice=notice, unit=liaison.unit)
    assert delivery.read_at is not None and delivery.read_by == liaison
    receipts = client_for(office).get(notice.get_absolute_url()).content.decode()
    assert "未读" in receipts and liaison.unit.name in receipts
    response = client_for(liaison).get(f"{notice.get_absolute_url()}notice.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert notice.title in text and "（已修改）" in text
    assert (
        document.tables
        and document.tables[0].rows[1].cells[1].text
        == run.scores.order_by("rank", "unit__name").first().unit.name
    )
    assert AuditEntry.objects.filter(action="document_exported", object_id=str(notice.pk)).exists()


def test_the_office_pages_render(run, users, client_for):
    office = client_for(users["plan_office"])
    assert office.get("/assessment/").status_code == 200
    assert office.get("/assessment/schemes/child_friendly/").status_code == 200
    assert office.get("/assessment/notices/").status_code == 200
    response = office.post("/assessment/", {"scheme": "child_friendly", "period": run.period})
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert client_for(users["liaison"]).get("/assessment/schemes/child_friendly/").status_code == 403
    assert Decimal(run.scores.first().score) <= 100


def test_only_the_schemes_office_runs_it_and_only_another_person_approves(run, users):
    """The child-friendly scheme is run by its plan's office (区妇儿工委办公室); the co-governance
    office may read it but not publish, decide or approve it; an admin may approve."""
    other_office, office = users["cogov_office"], users["plan_office"]
    with pytest.raises(ApplicationError, match="只有儿童友好城市建设考核的牵头办公室"):
        services.run_publish(actor=other_office, run=run, appeal_deadline=clock.today())
    services.run_publish(actor=office, run=run, appeal_deadline=clock.today())
    services.run_submit(actor=office, run=run)
    with pytest.raises(ApplicationError, match="牵头办公室"):
        services.run_approve(actor=other_office, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.SUBMITTED
    assert not AuditEntry.objects.filter(action="assessment_approved", object_id=str(run.pk)).exists()
    services.run_approve(actor=users["admin"], run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
