"""Meeting pages on the demo data: who sees what, the 会议纪要 .docx read back, the office's edits,
and the decisions in the supervision views and to-do lists."""

import datetime
import io
import re

import pytest
from docx import Document

from gongzhi.accounts.models import User
from gongzhi.core.models import AuditEntry
from gongzhi.meetings.demo import GROUP
from gongzhi.meetings.models import Meeting

pytestmark = pytest.mark.django_db

# words only a developer should read (tests/test_no_raw_codes.py): never on a meeting page
RAW = re.compile(
    r"\b(liaison|evaluator|cogov_office|plan_office|tax_officer|in_progress|not_started|planned|held|approved|"
    r"follow_up|substitute|observer|present|absent|milestone|cooperating|lead|joint|topic)\b|>=|<=|[a-z_]+\.[a-z_]+#\d+"
)


@pytest.fixture
def meetings(demo):
    first, second = Meeting.objects.filter(group__name=GROUP).order_by("date", "pk")
    return first, second


def _docx_text(response) -> str:
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_demo_has_an_approved_meeting_with_decisions_in_progress_and_a_planned_follow_up(meetings):
    first, second = meetings
    assert first.status == "approved" and first.plan is not None and first.decisions.count() == 4
    assert second.status == "planned" and second.agenda.order_by("order").first().kind == "follow_up"
    from gongzhi.meetings.selectors import decision_statuses

    levels = [r.level for r in decision_statuses(first.decisions.all())]
    assert "red" in levels and levels.count("green") >= 2
    assert first.plan.orders.filter(task__isnull=False).exists()  # the late decision is under 督办


@pytest.mark.parametrize(
    ("role", "list_ok", "sees_first", "sees_second"),
    [
        ("admin", True, 200, 200),
        ("cogov_office", True, 200, 200),
        ("leader", True, 200, 200),
        ("tax_officer", True, 200, 200),  # 区税务局 is a member unit
        ("liaison", True, 404, 404),  # 区卫生健康局: not a member, in no decision
        ("evaluator", False, 404, 404),  # no meetings.view: the list is refused, a meeting is not found
        ("plan_office", True, 404, 404),  # another group's office
    ],
)
def test_who_reads_the_meetings(users, client_for, meetings, role, list_ok, sees_first, sees_second):
    first, second = meetings
    client = client_for(users[role])
    response = client.get("/meetings/")
    assert response.status_code == (200 if list_ok else 403)
    assert client.get(f"/meetings/{first.pk}/").status_code == sees_first
    assert client.get(f"/meetings/{second.pk}/").status_code == sees_second
    assert client.get(f"/meetings/{first.pk}/minutes.docx").status_code == sees_first
    if list_ok:
        shown = str(first) in response.content.decode()
        assert shown == (sees_first == 200)


def test_a_unit_named_only_in_a_decision_sees_that_decision_and_has_it_to_do(client_for, meetings):
    first, second = meetings
    jiaoti = User.objects.get(username="jiaoti")  # 区教育和体育局: cooperating unit of one decision
    client = client_for(jiaoti)
    page = client.get(f"/meetings/{first.pk}/").content.decode()
    assert "本单位承办的议定事项" in page and "校外培训机构" in page
    assert "不动产登记" not in page and 'data-testid="attendance"' not in page
    assert client.get(f"/meetings/{second.pk}/").status_code == 404
    decisions = client.get("/meetings/decisions/?show=all").content.decode()
    assert "校外培训机构" in decisions and "不动产登记" not in decisions
    home = client.get("/").content.decode()  # its unreported monthly report is on its to-do list
    assert "校外培训机构" in home or "议定事项" in home


def test_the_office_sees_the_follow_up_on_the_next_meeting(users, client_for, meetings):
    _first, second = meetings
    page = client_for(users["cogov_office"]).get(f"/meetings/{second.pk}/").content.decode()
    assert 'data-testid="follow-ups"' in page
    assert "高风险疑点" in page and "严重" in page and "督办〔" in page
    assert "最新进展" in page
    run_item = second.agenda.filter(kind="assessment").first()
    if run_item.score_run_id:  # linked to the demo's co-governance score run
        assert f"/assessment/runs/{run_item.score_run_id}/" in page


def test_minutes_docx_in_official_layout_and_audited(users, client_for, meetings):
    first, _second = meetings
    before = AuditEntry.objects.filter(action="document_exported", object_id=str(first.pk)).count()
    response = client_for(users["cogov_office"]).get(f"/meetings/{first.pk}/minutes.docx")
    assert response.status_code == 200
    text = _docx_text(response)
    assert f"{first.number}联席会议纪要" in text
    assert first.minutes_number in text
    assert "出席：" in text and "请假：" in text and "列席：" in text
    assert "委托副局长张某（演示）出席" in text
    assert "（（" not in text and "））" not in text
    assert "二、议定事项" in text or "议定事项" in text
    for decision in first.decisions.prefetch_related("lead_units"):
        assert decision.text in text
        assert f"牵头单位：{decision.lead_units.first().name}" in text
        d = decision.deadline
        assert f"完成时限：{d.year}年{d.month}月{d.day}日前" in text
    assert (
        AuditEntry.objects.filter(action="document_exported", object_id=str(first.pk)).count() == before + 1
    )


def test_decisions_appear_in_the_supervision_views(users, client_for, meetings):
    first, _second = meetings
    client = client_for(users["cogov_office"])
    dashboard = client.get(f"/supervision/plans/{first.plan_id}/").content.decode()
    assert "高风险疑点" in dashboard
    late = first.decisions.get(order=3)
    task_page = client.get(f"/supervision/tasks/{late.task_id}/").content.decode()
    assert "已过" in task_page and "签发督办单" in task_page  # the office may issue orders on it
    assert client.get(f"/supervision/plans/{first.plan_id}/rounds/").status_code == 200
    assert "高风险疑点" in client.get("/").content.decode()  # the red decision among the home's alerts
    # a liaison of another unit reads no report of it on its to-do list
    assert "高风险疑点" not in client_for(users["liaison"]).get("/supervision/todo/").content.decode()


def test_the_minutes_document_opens_like_any_plan(users, client_for, meetings):
    first, _second = meetings
    plan, task = first.plan, first.decisions.first().task
    round_ = plan.rounds.latest("period_end")
    client = client_for(users["cogov_office"])
    for url in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/source/",
        f"/plans/tasks/{task.pk}/",
        f"/supervision/plans/{plan.pk}/summary/",
        f"/supervision/plans/{plan.pk}/indicators/",
        f"/supervision/rounds/{round_.pk}/",
        f"/supervision/plans/{plan.pk}/ledger.xlsx",
        f"/supervision/rounds/{round_.pk}/report.docx",
        f"/supervision/rounds/{round_.pk}/notice.docx",
        f"/api/v1/supervision/plans/{plan.pk}/status",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url", ["/meetings/", "/meetings/{first}/", "/meetings/{second}/", "/meetings/decisions/?show=all"]
)
def test_meeting_pages_have_a_bounded_number_of_queries(
    users, client_for, meetings, django_assert_max_num_queries, url
):
    first, second = meetings
    client = client_for(users["cogov_office"])
    url = url.format(first=first.pk, second=second.pk)
    client.get(url)  # the warning levels are stored on first use, as on any page
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200


def test_the_office_edits_a_planned_meeting_and_bad_input_is_shown(users, client_for, meetings):
    _first, second = meetings
    client = client_for(users["cogov_office"])
    url = f"/meetings/{second.pk}/"
    unit = second.group.office_unit
    response = client.post(url, {"action": "decision_add", "text": "（演示数据）测试事项", "deadline": ""})
    assert response.status_code == 400
    assert second.decisions.count() == 0
    deadline = second.date + datetime.timedelta(days=30)
    response = client.post(
        url,
        {
            "action": "decision_add",
            "text": "（演示数据）测试事项",
            "lead_units": [unit.pk],
            "deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 302 and second.decisions.count() == 1
    row = second.attendance.exclude(status="observer").first()
    response = client.post(url, {"action": "attendance", "row": row.pk, "status": "absent", "reason": ""})
    row.refresh_from_db()
    assert row.status == "present"  # refused: no reason
    client.post(url, {"action": "attendance", "row": row.pk, "status": "absent", "reason": "（演示）出差"})
    row.refresh_from_db()
    assert row.status == "absent"
    # a member unit's liaison reads but cannot edit
    response = client_for(users["tax_officer"]).post(url, {"action": "held"})
    assert response.status_code == 403
    second.refresh_from_db()
    assert second.status == "planned"


@pytest.mark.parametrize("username", ["gongzhi", "shuiwu", "jiaoti", "lingdao"])
def test_every_link_on_the_meeting_pages_opens_for_its_reader(client_for, meetings, username):
    client = client_for(User.objects.get(username=username))
    pages = ["/meetings/", "/meetings/decisions/?show=all"] + [
        f"/meetings/{m.pk}/" for m in meetings if client.get(f"/meetings/{m.pk}/").status_code == 200
    ]
    links = set()
    for url in pages:
        html = client.get(url).content.decode()
        main = html[html.index("<main") :] if "<main" in html else html
        words = re.sub(r"<[^>]+>", " ", main)
        assert not RAW.search(words), (url, RAW.search(words).group(0))
        links |= {
            href
            for href in re.findall(
                r'href="(/(?:meetings|supervision|plans|taxrisk|assessment)/[^"#]*)"', main
            )
            if not href.endswith((".docx", ".xlsx"))
        }
    broken = [href for href in sorted(links) if client.get(href).status_code != 200]
    assert broken == []
