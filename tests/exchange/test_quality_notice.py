"""The quality page and its notice: grouped by unit, one paragraph each, the units whose
dispatched leads are past their verification deadline, and the same notice as a .docx in 公文
layout whose download is audited; only the office, the leaders and admins see it.

The clock stands on 2025-05-01 (time-machine) so the window and the due days are fixed."""

import datetime
import io

import pytest
import time_machine
from django.utils import timezone
from docx import Document
from factories import DatasetFactory, LeadFactory, UnitFactory, UserFactory, submit_rows

from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.exchange.models import Submission
from gongzhi.taxrisk.services import lead_dismiss

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2025, 5, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def _sent_on(submission: Submission, day: datetime.date) -> Submission:
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    Submission.objects.filter(pk=submission.pk).update(created_at=at, finished_at=at)
    return submission


# No credit-code column: no registry-match finding, so the good unit has nothing wrong.
FIELDS = [
    {"code": "ref", "name": "编号", "type": "text", "required": True},
    {"code": "amount", "name": "金额（元）", "type": "decimal", "scale": 2, "required": True, "min": 0},
]


def _rows(n: int = 3) -> list[dict]:
    return [{"ref": f"测试{i}", "amount": f"{i}.50"} for i in range(n)]


@pytest.fixture
def world(data_dir):
    late_unit, good_unit = UnitFactory(name="测试市场监管局（测试）"), UnitFactory(name="测试公安局（测试）")
    spec = {"spec__fields": FIELDS, "spec__key": ("ref",)}
    registry = DatasetFactory(providers=[late_unit], name="企业登记信息（测试）", due_day=15, **spec)
    stays = DatasetFactory(providers=[good_unit], name="住宿登记（测试）", due_day=15, **spec)
    # January and February sent late as one range; March (due 4/15) never sent
    history = _sent_on(submit_rows(registry, late_unit, "2025-01..2025-02", _rows()), D(2025, 3, 20))
    for month in ("2025-01", "2025-02", "2025-03"):
        _sent_on(submit_rows(stays, good_unit, month, _rows()), D(2025, int(month[-1]) + 1, 5))
    return {"late": late_unit, "good": good_unit, "registry": registry, "history": history}


def _get(client, path, world, **params):
    units = {"unit": world["late"].pk} if params.pop("late_only", False) else {}
    return client.get(path, {"from": "2025-01-01", "to": "2025-03-31", **units, **params})


@time_machine.travel(TODAY, tick=False)
def test_the_page_groups_problems_by_unit_and_drafts_the_notice(world, client_for):
    office = UserFactory(role=Role.COGOV_OFFICE)
    page = _get(client_for(office), "/exchange/quality/", world)
    assert page.status_code == 200
    units = {u.unit: u for u in page.context["units"]}
    late, good = units[world["late"]], units[world["good"]]
    # January due 2/15 and February due 3/15 both first covered by the range sent on 3/20
    assert [(i.period, i.late_days, i.submission_id) for i in late.late] == [
        ("2025-01", 33, world["history"].pk),
        ("2025-02", 5, world["history"].pk),
    ]
    assert [i.period for i in late.missing] == ["2025-03"]  # due 4/15, never sent
    assert (good.expected, good.on_time, good.late, good.missing) == (3, 3, [], [])
    notice = page.context["notice"]
    sections = dict(notice.sections)
    # the test database also holds the demo's units: look at ours
    problems = next(p for h, p in notice.sections if "不及时" in h)
    ours = [p.split("）", 1)[1] for p in problems if "测试" in p]
    assert ours == [
        "测试市场监管局（测试）：企业登记信息（测试）2025年3月逾期未报送；"
        "企业登记信息（测试）2025年1月、2月逾期报送（最长逾期33天）。"
    ]
    assert len(problems) == sum(1 for u in page.context["units"] if u.problem_count)
    good_units = next(p for h, p in notice.sections if "按时准确" in h)
    assert "测试公安局（测试）" in good_units[0] and "予以通报表扬" in good_units[0]
    html = page.content.decode()
    assert "企业登记信息（测试）2025年1月、2月逾期报送（最长逾期33天）" in html
    assert notice.title == "关于2025年1月1日至2025年3月31日涉税数据报送情况的通报"
    assert any("按时报送率" in p for p in sections["一、总体情况"])
    # one unit's period table only when a unit is chosen
    assert page.context["cells"] == []
    one = _get(client_for(office), "/exchange/quality/", world, late_only=True)
    assert [c.period for c in one.context["cells"]] == ["2025-01", "2025-02", "2025-03"]
    assert [u.unit for u in one.context["units"]] == [world["late"]]


@time_machine.travel(TODAY, tick=False)
def test_the_notice_downloads_as_an_official_document_and_the_download_is_audited(world, client_for):
    office = UserFactory(role=Role.COGOV_OFFICE)
    before = AuditEntry.objects.filter(action="document_exported").count()
    response = _get(client_for(office), "/exchange/quality/notice.docx", world, late_only=True)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于2025年1月1日至2025年3月31日涉税数据报送情况的通报" in text
    assert "各有关单位：" in text
    assert "（一）测试市场监管局（测试）：企业登记信息（测试）2025年3月逾期未报送；" in text
    assert "整改要求" in text and "2025年5月1日" in text
    entry = AuditEntry.objects.filter(action="document_exported").order_by("-seq").first()
    assert AuditEntry.objects.filter(action="document_exported").count() == before + 1
    assert entry.username == office.username and entry.detail["kind"] == "quality_notice"
    assert entry.detail["units_named"] == ["测试市场监管局（测试）"]


def _at(day: datetime.date):
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=TODAY.tzinfo)


@pytest.fixture
def leads(world):
    """Leads dispatched with a verification deadline in the window (January to March), as they
    stand on 5/1: one still open after its deadline, one dismissed after it, one dismissed in
    time; and one whose deadline (4/20) is outside the window."""
    town = UnitFactory(name="测试镇（测试）")
    made = {}
    with time_machine.travel(_at(D(2025, 1, 10)), tick=False):
        for name, unit, deadline in [
            ("open", world["late"], D(2025, 3, 10)),
            ("town", town, D(2025, 2, 28)),
            ("late", world["late"], D(2025, 2, 10)),
            ("in_time", world["good"], D(2025, 3, 20)),
            ("outside", world["late"], D(2025, 4, 20)),
        ]:
            made[name] = LeadFactory(assignee_unit=unit, status="dispatched", deadline=deadline)
    for name, day in (("late", D(2025, 2, 20)), ("in_time", D(2025, 3, 1))):
        with time_machine.travel(_at(day), tick=False):
            lead_dismiss(actor=None, lead=made[name], reason="already_paid", note="已在其他期间缴纳（测试）")
    return {**made, "town_unit": town}


def _lead(lead, late: str = "") -> str:
    return f"第{lead.pk}号疑点（{lead.rule.name}，核实期限{lead.deadline.year}年{lead.deadline.month}月{lead.deadline.day}日{late}）"


@time_machine.travel(TODAY, tick=False)
def test_the_notice_names_the_units_with_leads_past_their_verification_deadline(world, leads, client_for):
    office = UserFactory(role=Role.COGOV_OFFICE)
    notice = _get(client_for(office), "/exchange/quality/", world).context["notice"]
    headings = [h for h, _ in notice.sections]
    assert (
        headings.index("四、疑点信息逾期未核实反馈的单位")
        == headings.index("三、报送不及时、不准确、不完整的单位") + 1
    )
    paragraphs = [
        p.split("）", 1)[1] for p in dict(notice.sections)["四、疑点信息逾期未核实反馈的单位"] if "测试" in p
    ]
    assert paragraphs == [
        f"测试市场监管局（测试）：疑点信息逾期未核实反馈：{_lead(leads['open'])}；"
        f"疑点信息逾期核实反馈：{_lead(leads['late'], '，2025年2月20日才核实反馈')}。",
        f"测试镇（测试）：疑点信息逾期未核实反馈：{_lead(leads['town'])}。",
    ]
    # the taxpayer is never named in a notice sent to every unit
    assert not any(leads[n].taxpayer_name in p for n in ("open", "late") for p in paragraphs)
    # verified in time: still commended for its data
    assert "测试公安局（测试）" in dict(notice.sections)["二、按时准确报送的单位"][0]
    assert "疑点信息逾期未核实反馈的单位，要抓紧核实落实" in dict(notice.sections)["五、整改要求"][1]
    assert "家单位有派发的疑点信息逾期未核实反馈。" in dict(notice.sections)["一、总体情况"][0]

    # one unit chosen: its own leads only
    one = _get(client_for(office), "/exchange/quality/", world, late_only=True).context["notice"]
    (lines,) = [p for h, p in one.sections if "疑点" in h]
    assert len(lines) == 1 and lines[0].startswith("（一）测试市场监管局（测试）：疑点信息逾期未核实反馈")

    # the .docx says the same and its audit entry names the town
    response = _get(client_for(office), "/exchange/quality/notice.docx", world)
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "疑点信息逾期未核实反馈的单位" in text
    assert f"测试镇（测试）：疑点信息逾期未核实反馈：{_lead(leads['town'])}。" in text
    entry = AuditEntry.objects.filter(action="document_exported").order_by("-seq").first()
    assert {"测试市场监管局（测试）", "测试镇（测试）"} <= set(entry.detail["units_named"])


def test_a_unit_that_left_a_lead_unverified_is_not_commended_for_its_data(world, client_for):
    """It reported every month on time, but a lead dispatched to it is past its deadline."""
    LeadFactory(assignee_unit=world["good"], status="verifying", deadline=D(2025, 3, 31))
    with time_machine.travel(TODAY, tick=False):
        notice = _get(client_for(UserFactory(role=Role.COGOV_OFFICE)), "/exchange/quality/", world).context[
            "notice"
        ]
    sections = dict(notice.sections)
    assert not any("测试公安局（测试）" in p for p in sections.get("二、按时准确报送的单位", []))
    (heading,) = [h for h in sections if h.endswith("疑点信息逾期未核实反馈的单位")]
    assert any(
        p.split("）", 1)[1].startswith("测试公安局（测试）：疑点信息逾期未核实反馈：")
        for p in sections[heading]
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.COGOV_OFFICE, 200), (Role.LEADER, 200), (Role.LIAISON, 403), (Role.TAX_OFFICER, 403)],
)
def test_only_the_office_and_leaders_see_quality_and_its_notice(role, status, client_for, data_dir):
    user = UserFactory(role=role)
    client = client_for(user)
    assert client.get("/exchange/quality/").status_code == status
    before = AuditEntry.objects.filter(action="document_exported").count()
    assert client.get("/exchange/quality/notice.docx").status_code == status
    assert AuditEntry.objects.filter(action="document_exported").count() == before + (status == 200)
