"""Credit repair: a repaired taxpayer leaves the current D list from its effective date only;
published lists stay as published and the next revision reflects it; the follow-up 解除缴税专用账户
休眠状态 is tracked with an owner unit and a deadline."""

import datetime

import pytest

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry, Notification
from gongzhi.credit import lists, repair
from gongzhi.credit.models_lists import ActionState, RepairCondition, RepairState
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db

YEAR = 2016
DAY = datetime.timedelta(days=1)


def row(uscc, name, year, level, score="", reason=""):
    return {"uscc": uscc, "name": name, "eval_year": year, "level": level, "score": score, "d_reason": reason}


@pytest.fixture
def d_rated(codes, submit_ratings):
    c = codes
    submit_ratings(
        [
            row(c[0], "合成数据甲有限公司", YEAR, "A", "95"),
            row(c[2], "合成数据丙有限公司", YEAR, "D", "", "未按税务机关处理结论缴纳税款（直接判级）"),
            row(c[3], "合成数据丁有限公司", YEAR, "D", "35", ""),
        ],
        str(YEAR),
    )
    return c


def record(users, uscc, **kwargs):
    today = clock.today()
    values = {
        "condition": RepairCondition.PAID_60_DAYS,
        "facts": "已于处理结论期满后30日内足额缴纳税款、滞纳金和罚款（合成数据）",
        "applied_on": today,
    } | kwargs
    return repair.repair_record(actor=users["tax_officer"], uscc=uscc, eval_year=YEAR, **values)


def d_usccs(day):
    return [r.uscc for r in lists.current_list(eval_year=YEAR, level="D", today=day)]


def test_repair_removes_from_the_current_d_list_from_its_effective_date_only(d_rated, users):
    c = d_rated
    today = clock.today()
    # the D list of that year is published before the repair
    first = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="D")
    lists.list_approve(actor=users["cogov_office"], revision=first)
    lists.list_publish(actor=users["cogov_office"], revision=first)
    published_hash = first.content_hash

    case = record(users, c[2])
    assert case.state == RepairState.PENDING and case.name == "合成数据丙有限公司"
    assert sorted(d_usccs(today)) == sorted([c[2], c[3]])  # pending: nothing changes
    effective = today + 5 * DAY
    repair.repair_approve(
        actor=users["cogov_office"], case=case, effective_date=effective, owner_unit=users["tax_officer"].unit
    )
    assert c[2] in d_usccs(today) and c[2] in d_usccs(effective - DAY)
    assert d_usccs(effective) == [c[3]] and d_usccs(effective + 30 * DAY) == [c[3]]
    # the published list stays as published
    first.refresh_from_db()
    assert first.content_hash == published_hash and c[2] in set(first.entries.values_list("uscc", flat=True))
    # the next revision drafted on or after the effective date reflects it
    second = lists.list_draft(
        actor=users["cogov_office"], eval_year=YEAR, level="D", reason="信用修复", today=effective
    )
    assert list(second.entries.values_list("uscc", flat=True)) == [c[3]]
    assert [e.uscc for e in lists.revision_diff(second).removed] == [c[2]]


def test_the_follow_up_action_is_tracked_with_owner_and_deadline(
    d_rated, users, client_for, django_capture_on_commit_callbacks
):
    c = d_rated
    today = clock.today()
    case = record(users, c[2])
    tax_bureau = users["tax_officer"].unit
    with django_capture_on_commit_callbacks(execute=True):
        repair.repair_approve(
            actor=users["cogov_office"], case=case, effective_date=today, owner_unit=tax_bureau
        )
    action = case.actions.get()
    assert action.title == "解除缴税专用账户休眠状态"
    assert action.owner_unit == tax_bureau and action.deadline == today + 10 * DAY
    assert action.state == ActionState.OPEN
    assert Notification.objects.filter(key=f"credit-repair-action:{action.pk}", unit=tax_bureau).exists()
    due = repair.actions_due(user=users["tax_officer"], today=today)
    assert [(d.label, d.days_left) for d in due if c[2] in d.detail or "丙" in d.detail] == [
        ("解除缴税专用账户休眠状态", 10)
    ]
    # another unit cannot finish it; the owner unit can, from the page
    with pytest.raises(ApplicationError):
        repair.repair_action_done(actor=users["liaison"], action=action, note="已解除")
    officer = client_for(users["tax_officer"])
    page = officer.get(f"/credit/repairs/{case.pk}/").content.decode()
    assert "解除缴税专用账户休眠状态" in page and 'data-testid="action-done"' in page
    officer.post(f"/credit/repairs/{case.pk}/", {"op": "done", "action": action.pk, "note": "已解除休眠状态"})
    action.refresh_from_db()
    assert action.state == ActionState.DONE and action.done_by == users["tax_officer"]
    assert Notification.objects.get(key=f"credit-repair-action:{action.pk}").read_at is not None
    for verb in ("credit_repair_recorded", "credit_repair_approved", "credit_repair_action_done"):
        assert AuditEntry.objects.filter(action=verb).exists(), verb


def test_the_recorder_cannot_approve_and_conditions_are_checked(d_rated, users):
    c = d_rated
    today = clock.today()
    case = record(users, c[2])
    with pytest.raises(ApplicationError, match="登记人不能审核"):
        repair.repair_approve(
            actor=users["tax_officer"], case=case, effective_date=today, owner_unit=users["tax_officer"].unit
        )
    with pytest.raises(ApplicationError, match="生效日期"):
        repair.repair_approve(
            actor=users["cogov_office"],
            case=case,
            effective_date=today - DAY,
            owner_unit=users["tax_officer"].unit,
        )
    with pytest.raises(ApplicationError):
        repair.repair_approve(actor=users["leader"], case=case, effective_date=today, owner_unit=None)
    case.refresh_from_db()
    assert case.state == RepairState.PENDING and not case.actions.exists()
    # one open case per taxpayer and year
    with pytest.raises(ApplicationError, match="已有"):
        record(users, c[2])
    # no D rating: nothing to repair
    with pytest.raises(ApplicationError, match="没有D级"):
        record(users, c[0])
    # a clean period of 12 months must have passed before the application
    with pytest.raises(ApplicationError, match="起始日期"):
        record(users, c[3], condition=RepairCondition.OTHER_12_MONTHS)
    with pytest.raises(ApplicationError, match="不满12个月"):
        record(users, c[3], condition=RepairCondition.OTHER_12_MONTHS, clean_since=today - 200 * DAY)
    ok = record(users, c[3], condition=RepairCondition.OTHER_12_MONTHS, clean_since=today - 400 * DAY)
    repair.repair_refuse(actor=users["cogov_office"], case=ok, note="纠正材料不全（合成数据）")
    ok.refresh_from_db()
    assert ok.state == RepairState.REFUSED and c[3] in d_usccs(today + 400 * DAY)
    with pytest.raises(ApplicationError, match="统一社会信用代码"):
        record(users, "12345")


def test_repair_pages(d_rated, users, client_for):
    c = d_rated
    officer, office = client_for(users["tax_officer"]), client_for(users["cogov_office"])
    assert officer.get("/credit/repairs/").status_code == 200
    response = officer.post(
        "/credit/repairs/new/",
        {
            "uscc": c[3],
            "eval_year": YEAR,
            "condition": RepairCondition.LATE_REMEDIED,
            "facts": "已补办纳税申报（合成数据）",
            "applied_on": clock.today().isoformat(),
        },
    )
    assert response.status_code == 302
    page = office.get(response.url).content.decode()
    assert 'data-testid="repair-approve"' in page
    unit = Unit.objects.get(name="区税务局")
    office.post(
        response.url,
        {"op": "approve", "effective_date": clock.today().isoformat(), "owner_unit": unit.pk, "deadline": ""},
    )
    assert "已修复" in office.get(response.url).content.decode()
    assert c[3] not in d_usccs(clock.today())
    # a bad date is a message, not a server error
    bad = officer.post("/credit/repairs/new/", {"uscc": c[2], "eval_year": YEAR, "applied_on": "2025-13-01"})
    assert bad.status_code == 302
    assert client_for(users["liaison"]).get("/credit/repairs/").status_code == 403
