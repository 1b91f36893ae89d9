"""Published A/D lists: drafted from the current ratings (submitted through `gongzhi exchange
submit`), approved maker-checker by two different people of 共治办 and 区税务局, frozen once
published; a correction is a new numbered revision with its reason."""

import hashlib
import json

import pytest
from factories import UserFactory

from gongzhi.core.codes import id_check_char
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.notifications import notifications_for
from gongzhi.core.roles import Role
from gongzhi.credit import lists
from gongzhi.credit.models_lists import CreditList, ListEntry, ListRevision, ReasonCategory, RevisionState

pytestmark = pytest.mark.django_db

YEAR = 2016  # before any demo year


def row(uscc, name, year, level, score="", reason=""):
    return {"uscc": uscc, "name": name, "eval_year": year, "level": level, "score": score, "d_reason": reason}


@pytest.fixture
def ratings(codes, submit_ratings):
    c = codes
    submit_ratings(
        [
            row(c[0], "合成数据甲有限公司", YEAR, "A", "95.5"),
            row(c[1], "合成数据乙有限公司", YEAR, "B", "80"),
            row(c[2], "合成数据丙有限公司", YEAR, "D", "", "虚开增值税专用发票（直接判级）"),
            row(c[3], "合成数据丁有限公司", YEAR, "D", "35", ""),
            row(c[6], "合成数据庚有限公司", YEAR, "A", "92"),
        ],
        str(YEAR),
        f"{YEAR}年度纳税信用.csv",
    )
    return c


def publish(level, users, *, reason="", maker="tax_officer", checker="cogov_office"):
    revision = lists.list_draft(actor=users[maker], eval_year=YEAR, level=level, reason=reason)
    lists.list_approve(actor=users[checker], revision=revision)
    return lists.list_publish(actor=users[checker], revision=revision)


def test_a_draft_holds_the_current_a_ratings_with_their_hash(ratings, users):
    c = ratings
    revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="A")
    assert revision.state == RevisionState.DRAFT and revision.number == 1
    entries = list(revision.entries.order_by("seq"))
    assert [(e.uscc, e.name, e.level, e.eval_year) for e in entries] == sorted(
        [(c[0], "合成数据甲有限公司", "A", YEAR), (c[6], "合成数据庚有限公司", "A", YEAR)]
    )
    assert revision.row_count == 2
    # the hash, recomputed here from the documented canonical form
    doc = {
        "format": "gongzhi-credit-list/1",
        "eval_year": YEAR,
        "level": "A",
        "rows": sorted([e.uscc, e.name, "A", YEAR, ""] for e in entries),
    }
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert revision.content_hash == hashlib.sha256(body).hexdigest()
    assert AuditEntry.objects.filter(action="credit_list_drafted", object_id=str(revision.pk)).exists()


def test_maker_checker_cannot_be_one_person(ratings, users):
    revision = lists.list_draft(actor=users["cogov_office"], eval_year=YEAR, level="A")
    audits = AuditEntry.objects.count()
    with pytest.raises(ApplicationError) as exc:
        lists.list_approve(actor=users["cogov_office"], revision=revision)
    assert "拟稿人不能复核" in exc.value.message
    # another person of the same office is not enough: one of each office
    colleague = UserFactory(role=Role.COGOV_OFFICE, unit=users["cogov_office"].unit)
    with pytest.raises(ApplicationError) as exc:
        lists.list_approve(actor=colleague, revision=revision)
    assert "各一人" in exc.value.message
    # an administrator, a leader or a liaison cannot check either
    for role in ("admin", "leader", "liaison"):
        with pytest.raises(ApplicationError):
            lists.list_approve(actor=users[role], revision=revision)
    # nor publish before it is checked
    with pytest.raises(ApplicationError):
        lists.list_publish(actor=users["cogov_office"], revision=revision)
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT and revision.checked_by is None
    assert AuditEntry.objects.count() == audits
    lists.list_approve(actor=users["tax_officer"], revision=revision)
    lists.list_publish(actor=users["tax_officer"], revision=revision)
    revision.refresh_from_db()
    assert revision.state == RevisionState.PUBLISHED
    assert {revision.drafted_by.role, revision.checked_by.role} == {"cogov_office", "tax_officer"}


def test_only_the_offices_draft(ratings, users):
    for role in ("admin", "leader", "liaison", "plan_office"):
        with pytest.raises(ApplicationError):
            lists.list_draft(actor=users[role], eval_year=YEAR, level="A")
    with pytest.raises(ApplicationError):
        lists.list_draft(actor=None, eval_year=YEAR, level="A")  # a person, not the system
    assert (
        not CreditList.objects.filter(eval_year=YEAR).exists()
        or not ListRevision.objects.filter(credit_list__eval_year=YEAR).exists()
    )


def test_bad_input_is_refused_in_chinese(ratings, users, demo_day):
    officer = users["tax_officer"]
    with pytest.raises(ApplicationError, match="A级和D级"):
        lists.list_draft(actor=officer, eval_year=YEAR, level="B")
    with pytest.raises(ApplicationError, match="评价年度"):
        lists.list_draft(actor=officer, eval_year=demo_day.year, level="A")
    with pytest.raises(ApplicationError, match="评价年度"):
        lists.list_draft(actor=officer, eval_year="二〇一六", level="A")
    with pytest.raises(ApplicationError, match="还没有纳税信用评价结果"):
        lists.list_draft(actor=officer, eval_year=2015, level="A")
    lists.list_draft(actor=officer, eval_year=YEAR, level="A")
    with pytest.raises(ApplicationError, match="已有第1版"):
        lists.list_draft(actor=users["cogov_office"], eval_year=YEAR, level="A")


def test_a_published_list_never_changes_after_new_ratings(ratings, users, submit_ratings, client_for):
    c = ratings
    published = publish("A", users)
    frozen_hash = published.content_hash
    frozen_rows = list(published.entries.order_by("seq").values_list("uscc", "name", "level"))

    # new ratings arrive: 甲 is re-rated B (a resubmission of its key), 己 is newly A
    submit_ratings(
        [row(c[0], "合成数据甲有限公司", YEAR, "B", "85"), row(c[5], "合成数据己有限公司", YEAR, "A", "91")],
        str(YEAR),
        "更正.csv",
    )
    assert [r.uscc for r in lists.current_list(eval_year=YEAR, level="A")] == sorted([c[5], c[6]])

    published.refresh_from_db()
    assert published.content_hash == frozen_hash and published.state == RevisionState.PUBLISHED
    assert list(published.entries.order_by("seq").values_list("uscc", "name", "level")) == frozen_rows
    assert lists.revision_intact(published)
    page = client_for(None).get(f"/public/credit/{YEAR}/A/")
    assert page.status_code == 200
    assert c[0] in page.content.decode() and c[5] not in page.content.decode()
    assert frozen_hash in page.content.decode()

    # the database refuses edits of a published revision
    with pytest.raises(PermissionError):
        ListEntry.objects.filter(revision=published).update(name="改")
    with pytest.raises(PermissionError):
        ListEntry.objects.filter(revision=published).delete()
    entry = published.entries.first()
    entry.name = "改"
    with pytest.raises(PermissionError):
        entry.save()
    published.content_hash = "0" * 64
    with pytest.raises(PermissionError):
        published.save()
    published.refresh_from_db()

    # a correction is a new numbered revision, with its reason
    with pytest.raises(ApplicationError, match="修订原因"):
        lists.list_draft(actor=users["cogov_office"], eval_year=YEAR, level="A")
    second = publish(
        "A",
        users,
        reason="复评调整：合成数据甲有限公司调整为B级",
        maker="cogov_office",
        checker="tax_officer",
    )
    assert second.number == 2 and second.content_hash != frozen_hash
    diff = lists.revision_diff(second)
    assert diff.base == published
    assert [e.uscc for e in diff.added] == [c[5]] and [e.uscc for e in diff.removed] == [c[0]]

    anonymous = client_for(None)
    latest = anonymous.get(f"/public/credit/{YEAR}/A/").content.decode()
    assert "第2版" in latest and c[5] in latest and c[0] not in latest and "复评调整" in latest
    first = anonymous.get(f"/public/credit/{YEAR}/A/?v=1").content.decode()
    assert c[0] in first and c[5] not in first and frozen_hash in first
    assert [r.number for r in lists.public_revisions(second)] == [2, 1]


def test_d_list_shows_reason_categories_never_the_text(codes, submit_ratings, users):
    c = codes
    person_id = "37030319900101123" + id_check_char("37030319900101123")  # synthetic, valid check
    submit_ratings(
        [
            row(
                c[2],
                "合成数据丙有限公司",
                YEAR,
                "D",
                "",
                f"虚开增值税专用发票，法定代表人身份证号{person_id}",
            ),
            row(c[3], "合成数据丁有限公司", YEAR, "D", "35", ""),
            row(c[4], f"合成数据个体户{person_id}", YEAR, "D", "", "非正常户"),
            row(c[8], "合成数据壬有限公司", YEAR, "D", "", "其他"),
        ],
        str(YEAR),
    )
    revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="D")
    got = {e.uscc: (e.name, e.reason_category) for e in revision.entries.all()}
    assert got[c[2]][1] == ReasonCategory.INVOICE
    assert got[c[3]][1] == ReasonCategory.SCORE
    assert got[c[4]] == (f"合成数据个体户370303********{person_id[-4:]}", ReasonCategory.ABNORMAL)
    assert got[c[8]][1] == ReasonCategory.OTHER
    assert not any(person_id in str(v) for v in got.values())


def test_returned_and_withdrawn_drafts_are_never_published(ratings, users):
    revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="A")
    with pytest.raises(ApplicationError, match="复核意见"):
        lists.list_return(actor=users["cogov_office"], revision=revision, note="")
    lists.list_return(actor=users["cogov_office"], revision=revision, note="名单与评价结果核对不一致")
    with pytest.raises(ApplicationError):
        lists.list_approve(actor=users["cogov_office"], revision=revision)
    again = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="A")
    assert again.number == 1  # numbers count published revisions
    with pytest.raises(ApplicationError, match="拟稿人"):
        lists.list_withdraw(actor=users["cogov_office"], revision=again)
    lists.list_withdraw(actor=users["tax_officer"], revision=again)
    assert not ListRevision.objects.filter(credit_list__eval_year=YEAR).published().exists()
    assert lists.public_lists() == [r for r in lists.public_lists() if r.credit_list.eval_year != YEAR]


def test_pages_walk_draft_check_publish(ratings, users, client_for):
    officer, office = client_for(users["tax_officer"]), client_for(users["cogov_office"])
    page = officer.get("/credit/lists/")
    assert page.status_code == 200 and "拟定名单" in page.content.decode()
    response = officer.post("/credit/lists/draft/", {"eval_year": YEAR, "level": "A"})
    revision = ListRevision.objects.get(credit_list__eval_year=YEAR, credit_list__level="A")
    assert response.status_code == 302 and response.url == f"/credit/lists/revisions/{revision.pk}/"
    own = officer.get(response.url).content.decode()
    assert 'data-testid="approve"' not in own and "待共治办" in own
    # the maker's own approval through the page is refused
    officer.post(response.url, {"op": "approve"})
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT
    other = office.get(response.url).content.decode()
    assert 'data-testid="approve"' in other and revision.content_hash in other
    office.post(response.url, {"op": "approve"})
    office.post(response.url, {"op": "publish"})
    revision.refresh_from_db()
    assert revision.state == RevisionState.PUBLISHED
    download = office.get(f"/credit/lists/revisions/{revision.pk}/xlsx/")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    for role in ("liaison", "evaluator", "plan_office"):
        assert client_for(users[role]).get("/credit/lists/").status_code == 403
        assert client_for(users[role]).get(response.url).status_code == 403
    # a leader reads the lists but cannot draft
    leader = client_for(users["leader"])
    assert leader.get("/credit/lists/").status_code == 200
    assert leader.post("/credit/lists/draft/", {"eval_year": YEAR, "level": "D"}).status_code == 403


@pytest.mark.parametrize(
    ("reason", "score", "category"),
    [
        ("年度评价指标得分不满40分（合成数据）", "35", ReasonCategory.SCORE),
        ("", "20", ReasonCategory.SCORE),
        ("未按税务机关处理结论缴纳或足额缴纳税款、滞纳金和罚款（直接判级）", None, ReasonCategory.UNPAID),
        ("非正常户（直接判级）", None, ReasonCategory.ABNORMAL),
        ("虚开增值税普通发票（直接判级）", None, ReasonCategory.INVOICE),
        ("被确定为重大税收违法失信主体", None, ReasonCategory.MAJOR_DISHONEST),
        ("骗取出口退税", None, ReasonCategory.REFUND_FRAUD),
        ("逃避缴纳税款，移送公安机关立案", None, ReasonCategory.TAX_CRIME),
        ("由D级纳税人的直接责任人员注册", None, ReasonCategory.RELATED),
        ("税务机关认定的其他情形", None, ReasonCategory.OTHER),
    ],
)
def test_reason_categories(reason, score, category):
    from decimal import Decimal

    assert lists.reason_category(reason, Decimal(score) if score else None) == category


def test_the_checker_is_reminded_until_the_draft_is_checked(
    ratings, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="A")
    office = users["cogov_office"]
    reminders = notifications_for(office).filter(key__startswith=f"credit-list-draft:{revision.pk}:")
    assert [n.url for n in reminders] == [f"/credit/lists/revisions/{revision.pk}/"]
    assert not notifications_for(users["tax_officer"]).filter(key__startswith="credit-list-draft:").exists()
    lists.list_approve(actor=office, revision=revision)
    assert not reminders.all().exists()


def test_the_offices_see_when_a_published_list_needs_a_correction(ratings, users, submit_ratings, client_for):
    c = ratings
    published = publish("A", users)
    office = client_for(users["cogov_office"])
    assert "与现行评价结果一致" in office.get("/credit/lists/").content.decode()
    submit_ratings(
        [row(c[0], "合成数据甲有限公司", YEAR, "B", "85"), row(c[5], "合成数据己有限公司", YEAR, "A", "91")],
        str(YEAR),
        "更正.csv",
    )
    drift = lists.published_drift(user=users["cogov_office"], revisions=[published])[published.pk]
    assert (drift.added, drift.removed, drift.changed) == (1, 1, 0)
    assert "新增1户、移出1户、变更0户，需拟定更正版本" in office.get("/credit/lists/").content.decode()
