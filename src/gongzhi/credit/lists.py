"""Published A/D lists: drafted from the current ratings, approved maker-checker, frozen, revised.

The flow of one revision (第N版) of one list (评价年度 × A/D):

    list_draft    (拟稿: a person of 共治办 or 区税务局) rows copied from the current ratings, read
                  through the warehouse (`credit.selectors.current_ratings`), repaired taxpayers
                  left out of D, ID numbers masked; the content hash computed and kept
    list_approve  (复核: another person, of the other office) the rows checked against the hash
    list_return / list_withdraw  (退回 / 撤回) ends an unpublished draft
    list_publish  (发布) the approved revision becomes public; it never changes afterwards

The content hash is the SHA-256 of `canonical_bytes`: UTF-8 JSON (sorted keys, no spaces) of
{"format", "eval_year", "level", "rows": [[uscc, name, level, eval_year, reason_category], ...]}
with the rows sorted by credit code. The public page shows it; anyone holding the .xlsx can
recompute it from the rows.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.codes import is_id_number
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.masking import mask_id_number
from gongzhi.core.models import Notification
from gongzhi.core.notifications import notify
from gongzhi.core.periods import date_words
from gongzhi.core.permissions import require_capability
from gongzhi.core.roles import Role
from gongzhi.credit.models_lists import (
    OPEN_STATES,
    CreditList,
    ListEntry,
    ListLevel,
    ListRevision,
    ReasonCategory,
    RepairCase,
    RepairState,
    RevisionState,
)

APPROVE = "credit.approve_list"
VIEW = "credit.view"
MAKER_CHECKER_ROLES = {Role.COGOV_OFFICE, Role.TAX_OFFICER}
HASH_FORMAT = "gongzhi-credit-list/1"
EARLIEST_YEAR = 2014  # 国家税务总局公告2014年第40号

# --- pure helpers (no database) -------------------------------------------------------------------

_ID_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def scrub_id_numbers(text: str) -> str:
    """Mask every resident ID number (valid GB 11643 check character) in `text`: 370303********1234."""
    return _ID_TOKEN.sub(lambda m: mask_id_number(m[0]) if is_id_number(m[0].upper()) else m[0], text or "")


# keyword -> category, the first that matches wins (the order matters: 重大税收违法失信主体 before 虚开 …)
_REASON_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    (ReasonCategory.MAJOR_DISHONEST, ("重大税收违法", "失信主体")),
    (ReasonCategory.TAX_CRIME, ("犯罪", "刑事", "移送公安", "公安机关立案")),
    (ReasonCategory.REFUND_FRAUD, ("出口退税", "留抵退税", "骗税")),
    (ReasonCategory.INVOICE, ("虚开", "发票")),
    (ReasonCategory.EVASION, ("偷税", "逃避缴纳", "逃避追缴", "逃税")),
    (ReasonCategory.OBSTRUCTION, ("抗税", "阻挠", "暴力", "威胁")),
    (ReasonCategory.FALSE_FILING, ("虚假申报", "骗取税收优惠", "税收优惠")),
    (ReasonCategory.ABNORMAL, ("非正常户", "走逃", "失联")),
    (ReasonCategory.RELATED, ("关联", "直接责任人", "负责经营")),
    (ReasonCategory.UNPAID, ("未按", "未足额", "未缴", "滞纳金", "罚款", "处理结论")),
    (ReasonCategory.SCORE, ("不满40分", "评价指标得分")),
]


def reason_category(d_reason: str | None, score: Decimal | None) -> str:
    """The category a D list shows for a D rating: from the rating's reason text, else from the score."""
    text = (d_reason or "").strip()
    for category, words in _REASON_KEYWORDS:
        if any(word in text for word in words):
            return category
    if not text and score is not None and score < 40:
        return ReasonCategory.SCORE
    return ReasonCategory.OTHER


@dataclass(frozen=True)
class ListRow:
    uscc: str
    name: str
    level: str
    eval_year: int
    reason_category: str = ""
    submission_id: int | None = None

    def canonical(self) -> list:
        return [self.uscc, self.name, self.level, self.eval_year, self.reason_category]


def canonical_bytes(*, eval_year: int, level: str, rows: Iterable) -> bytes:
    """The canonical serialisation whose SHA-256 is a list's content hash (see the module doc)."""
    body = sorted(
        ([r.uscc, r.name, r.level, int(r.eval_year), r.reason_category or ""] for r in rows),
        key=lambda row: row[0],
    )
    doc = {"format": HASH_FORMAT, "eval_year": int(eval_year), "level": level, "rows": body}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(*, eval_year: int, level: str, rows: Iterable) -> str:
    return hashlib.sha256(canonical_bytes(eval_year=eval_year, level=level, rows=rows)).hexdigest()


# --- the current lists (what a draft would hold today) --------------------------------------------


def repaired_usccs(*, eval_year: int, today: datetime.date | None = None) -> set[str]:
    """Taxpayers whose D of `eval_year` is repaired as of `today` (approved, effective on or before)."""
    today = today or clock.today()
    return set(
        RepairCase.objects.filter(
            eval_year=eval_year, state=RepairState.APPROVED, effective_date__lte=today
        ).values_list("uscc", flat=True)
    )


def current_list(
    *,
    eval_year: int,
    level: str,
    user=None,
    today: datetime.date | None = None,
    require_ratings: bool = False,
) -> list[ListRow]:
    """The A or D list of an evaluation year as the current ratings give it today: the latest
    submission of each key, read through the warehouse; a taxpayer whose D is repaired (effective
    on or before `today`) is not on the D list. ID numbers in names are masked.
    `require_ratings`: a year without any rating is an error (a list is never drafted from nothing)."""
    from gongzhi.credit.selectors import current_ratings

    level = _check_level(level)
    ratings = current_ratings(int(eval_year), user=user, purpose=_("纳税信用名单"))
    if require_ratings and not ratings:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("%(year)s年度还没有纳税信用评价结果，不能拟定名单") % {"year": eval_year},
        )
    return _rows(ratings, eval_year=int(eval_year), level=level, today=today)


def _rows(ratings, *, eval_year: int, level: str, today: datetime.date | None) -> list[ListRow]:
    skip = repaired_usccs(eval_year=eval_year, today=today) if level == ListLevel.D else set()
    return [
        ListRow(
            uscc=r.uscc,
            name=scrub_id_numbers(r.name),
            level=r.level,
            eval_year=int(r.eval_year),
            reason_category=reason_category(r.d_reason, r.score) if level == ListLevel.D else "",
            submission_id=r.submission_id,
        )
        for r in sorted(ratings, key=lambda r: r.uscc)
        if r.level == level and r.uscc not in skip
    ]


@dataclass(frozen=True)
class Drift:
    """How the current ratings differ from a list's latest published revision."""

    added: int
    removed: int
    changed: int  # same taxpayer, another name or reason category

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def published_drift(*, user, revisions: Iterable[ListRevision], today: datetime.date | None = None) -> dict:
    """revision id -> Drift against the current ratings (one warehouse read per evaluation year):
    tells the offices when a published list needs a correction (第N+1版)."""
    from gongzhi.credit.selectors import current_ratings

    require_capability(user, VIEW)
    by_year: dict[int, list] = {}
    out = {}
    for revision in revisions:
        year, level = revision.credit_list.eval_year, revision.credit_list.level
        if year not in by_year:
            by_year[year] = current_ratings(year, user=user, purpose=_("纳税信用名单核对"))
        now = {r.uscc: r for r in _rows(by_year[year], eval_year=year, level=level, today=today)}
        then = {e.uscc: e for e in revision.entries.only("uscc", "name", "reason_category")}
        changed = sum(
            1
            for k in now.keys() & then.keys()
            if (now[k].name, now[k].reason_category) != (then[k].name, then[k].reason_category)
        )
        out[revision.pk] = Drift(len(now.keys() - then.keys()), len(then.keys() - now.keys()), changed)
    return out


def _check_level(level: str) -> str:
    if level not in ListLevel.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("名单只有A级和D级两种"))
    return level


def _check_year(eval_year, today: datetime.date) -> int:
    try:
        year = int(eval_year)
    except (TypeError, ValueError):
        year = 0
    if not EARLIEST_YEAR <= year < today.year:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            _("评价年度须在%(first)d年至%(last)d年之间") % {"first": EARLIEST_YEAR, "last": today.year - 1},
        )
    return year


# --- services ---------------------------------------------------------------------------------


def _require_person_of_offices(actor, what: str) -> None:
    require_capability(actor, APPROVE, allow_system=False)
    if actor.role not in MAKER_CHECKER_ROLES:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("%(what)s须由共治办或区税务局的工作人员办理") % {"what": what},
        )


def _clear_draft_notices(revision: ListRevision) -> None:
    """The "待复核" reminders of a revision are done once it is checked, returned or withdrawn."""
    Notification.objects.filter(
        key__startswith=f"credit-list-draft:{revision.pk}:", read_at__isnull=True
    ).update(read_at=clock.now())


def _locked(revision: ListRevision) -> ListRevision:
    return (
        ListRevision.objects.select_for_update(of=("self",))
        .select_related("credit_list", "drafted_by")
        .get(pk=revision.pk)
    )


def _notify_counterpart(revision: ListRevision, *, actor) -> None:
    other = Role.TAX_OFFICER if actor.role == Role.COGOV_OFFICE else Role.COGOV_OFFICE
    url = reverse("credit:list_revision", args=[revision.pk])
    text = _("%(list)s第%(n)d版待复核（%(by)s拟稿）") % {
        "list": revision.credit_list,
        "n": revision.number,
        "by": actor,
    }
    for user in User.objects.filter(role=other, is_active=True).exclude(pk=actor.pk):
        notify(key=f"credit-list-draft:{revision.pk}:{user.pk}", text=text, url=url, user=user)


@transaction.atomic
def list_draft(
    *, actor, eval_year, level: str, reason: str = "", today: datetime.date | None = None
) -> ListRevision:
    """拟稿：从现行评价结果生成名单的新版本（冻结行与校验值），交另一单位复核。"""
    _require_person_of_offices(actor, _("拟定名单"))
    today = today or clock.today()
    level = _check_level(level)
    year = _check_year(eval_year, today)
    reason = (reason or "").strip()
    credit_list, _created = CreditList.objects.get_or_create(eval_year=year, level=level)
    credit_list = CreditList.objects.select_for_update().get(pk=credit_list.pk)
    if open_revision := credit_list.revisions.filter(state__in=OPEN_STATES).first():
        raise ApplicationError(
            ErrorCode.CONFLICT,
            _("%(list)s已有第%(n)d版（%(state)s），请先复核发布或撤回")
            % {"list": credit_list, "n": open_revision.number, "state": open_revision.get_state_display()},
        )
    published = credit_list.revisions.published().count()
    if published and not reason:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("该名单已发布，再次发布为更正版本，须写明修订原因"))
    if len(reason) > 300:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("修订原因不能超过300字"))
    rows = current_list(eval_year=year, level=level, user=actor, today=today, require_ratings=True)
    now = clock.now()
    revision = ListRevision.objects.create(
        credit_list=credit_list,
        number=published + 1,
        reason=reason,
        as_of=today,
        row_count=len(rows),
        content_hash=content_hash(eval_year=year, level=level, rows=rows),
        sources=sorted({r.submission_id for r in rows if r.submission_id is not None}),
        drafted_by=actor,
        drafted_at=now,
    )
    ListEntry.objects.bulk_create(
        ListEntry(
            revision=revision,
            seq=seq,
            uscc=r.uscc,
            name=r.name,
            level=r.level,
            eval_year=r.eval_year,
            reason_category=r.reason_category,
        )
        for seq, r in enumerate(rows, start=1)
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_LIST_DRAFTED,
        target=revision,
        detail={
            "eval_year": year,
            "level": level,
            "number": revision.number,
            "rows": len(rows),
            "hash": revision.content_hash,
            "reason": reason,
        },
    )
    _notify_counterpart(revision, actor=actor)  # rows of the same transaction, dated with it
    return revision


def _check_rows_intact(revision: ListRevision) -> None:
    if not revision_intact(revision):
        raise ApplicationError(
            ErrorCode.CONFLICT, _("名单内容与拟稿时的校验值不一致，不能复核或发布，请撤回后重新拟稿")
        )


def _require_checker(actor, revision: ListRevision) -> None:
    _require_person_of_offices(actor, _("复核名单"))
    maker = revision.drafted_by
    if maker is None or maker.pk == actor.pk:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("拟稿人不能复核自己拟定的名单，须由另一人复核"))
    if {maker.role, actor.role} != MAKER_CHECKER_ROLES:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("名单须由共治办和区税务局各一人分别拟稿和复核：拟稿人为%(role)s，复核人须为另一单位的工作人员")
            % {"role": maker.get_role_display()},
        )


@transaction.atomic
def list_approve(*, actor, revision: ListRevision, note: str = "") -> ListRevision:
    """复核通过：另一单位的另一人核对名单（校验值一致）后同意发布。"""
    revision = _locked(revision)
    _require_checker(actor, revision)
    if revision.state != RevisionState.DRAFT:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("该版本%(state)s，不能复核") % {"state": revision.get_state_display()}
        )
    _check_rows_intact(revision)
    revision.state = RevisionState.APPROVED
    revision.checked_by, revision.checked_at = actor, clock.now()
    revision.check_note = (note or "").strip()[:300]
    revision.save(update_fields=["state", "checked_by", "checked_at", "check_note"])
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_LIST_APPROVED,
        target=revision,
        detail={"hash": revision.content_hash, "maker": revision.drafted_by.get_username()},
    )
    _clear_draft_notices(revision)
    return revision


@transaction.atomic
def list_return(*, actor, revision: ListRevision, note: str) -> ListRevision:
    """退回：复核人不同意发布，写明意见；拟稿人可重新拟稿。"""
    revision = _locked(revision)
    _require_checker(actor, revision)
    note = (note or "").strip()
    if not note:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("退回须写明复核意见"))
    if revision.state != RevisionState.DRAFT:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("该版本%(state)s，不能退回") % {"state": revision.get_state_display()}
        )
    revision.state = RevisionState.RETURNED
    revision.checked_by, revision.checked_at, revision.check_note = actor, clock.now(), note[:300]
    revision.save(update_fields=["state", "checked_by", "checked_at", "check_note"])
    audit_record(
        actor=actor, action=AuditAction.CREDIT_LIST_RETURNED, target=revision, detail={"note": note[:300]}
    )
    _clear_draft_notices(revision)
    return revision


@transaction.atomic
def list_withdraw(*, actor, revision: ListRevision) -> ListRevision:
    """撤回：拟稿人撤回未发布的版本。"""
    revision = _locked(revision)
    _require_person_of_offices(actor, _("撤回名单"))
    if revision.drafted_by_id != actor.pk:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有拟稿人可以撤回"))
    if revision.state not in OPEN_STATES:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("该版本%(state)s，不能撤回") % {"state": revision.get_state_display()}
        )
    revision.state = RevisionState.WITHDRAWN
    revision.save(update_fields=["state"])
    audit_record(actor=actor, action=AuditAction.CREDIT_LIST_WITHDRAWN, target=revision)
    _clear_draft_notices(revision)
    return revision


@transaction.atomic
def list_publish(*, actor, revision: ListRevision) -> ListRevision:
    """发布：复核通过的版本公开（拟稿人或复核人操作），此后不再改变。"""
    revision = _locked(revision)
    _require_person_of_offices(actor, _("发布名单"))
    if revision.state != RevisionState.APPROVED:
        raise ApplicationError(
            ErrorCode.CONFLICT,
            _("该版本%(state)s，只有复核通过的版本可以发布") % {"state": revision.get_state_display()},
        )
    if actor.pk not in (revision.drafted_by_id, revision.checked_by_id):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("只有拟稿人或复核人可以发布"))
    _check_rows_intact(revision)
    revision.state = RevisionState.PUBLISHED
    revision.published_by, revision.published_at = actor, clock.now()
    revision.save(update_fields=["state", "published_by", "published_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CREDIT_LIST_PUBLISHED,
        target=revision,
        detail={"number": revision.number, "rows": revision.row_count, "hash": revision.content_hash},
    )
    return revision


# --- selectors ----------------------------------------------------------------------------------


def revision_intact(revision: ListRevision) -> bool:
    """Whether the stored rows still give the hash kept when the revision was drafted."""
    entries = ListEntry.objects.filter(revision=revision).only(
        "uscc", "name", "level", "eval_year", "reason_category"
    )
    return (
        content_hash(eval_year=revision.credit_list.eval_year, level=revision.credit_list.level, rows=entries)
        == revision.content_hash
    )


def list_overview(*, user) -> list[CreditList]:
    """Every list with its revisions (newest first), for the office pages."""
    require_capability(user, VIEW)
    return list(
        CreditList.objects.prefetch_related(
            Prefetch(
                "revisions",
                queryset=ListRevision.objects.select_related(
                    "drafted_by", "checked_by", "published_by"
                ).order_by("-number", "-pk"),
            )
        ).order_by("-eval_year", "level")
    )


def revision_get(*, user, pk) -> ListRevision:
    require_capability(user, VIEW)
    try:
        return ListRevision.objects.select_related(
            "credit_list", "drafted_by", "checked_by", "published_by"
        ).get(pk=pk)
    except (ListRevision.DoesNotExist, ValueError, TypeError) as exc:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("名单版本不存在")) from exc


def previous_published(revision: ListRevision) -> ListRevision | None:
    return (
        ListRevision.objects.published()
        .filter(credit_list_id=revision.credit_list_id, number__lt=revision.number)
        .order_by("-number")
        .first()
    )


@dataclass
class RevisionDiff:
    base: ListRevision | None
    added: list[ListEntry]
    removed: list[ListEntry]


def revision_diff(revision: ListRevision) -> RevisionDiff:
    """What changed against the previous published revision (新增 / 移出)."""
    base = previous_published(revision)
    if base is None:
        return RevisionDiff(None, [], [])
    now = {e.uscc: e for e in revision.entries.all()}
    before = {e.uscc: e for e in base.entries.all()}
    return RevisionDiff(
        base,
        added=[now[k] for k in sorted(now.keys() - before.keys())],
        removed=[before[k] for k in sorted(before.keys() - now.keys())],
    )


def entries_search(entries: QuerySet[ListEntry], q: str) -> QuerySet[ListEntry]:
    """Rows whose name contains `q` or whose credit code starts with it (case-insensitive)."""
    q = (q or "").strip()
    if not q:
        return entries
    return entries.filter(Q(name__icontains=q) | Q(uscc__istartswith=q.upper()))


# --- public (no login): published revisions only --------------------------------------------------


def public_lists() -> list[ListRevision]:
    """The latest published revision of every list, newest year first (A before D)."""
    latest: dict[int, ListRevision] = {}
    for revision in ListRevision.objects.published().select_related("credit_list").order_by("-number"):
        latest.setdefault(revision.credit_list_id, revision)
    return sorted(latest.values(), key=lambda r: (-r.credit_list.eval_year, r.credit_list.level))


def public_revision(*, eval_year: int, level: str, number: int | None = None) -> ListRevision:
    """A published revision (the latest unless `number`); anything else is "not found"."""
    revisions = ListRevision.objects.published().select_related("credit_list", "published_by")
    revisions = revisions.filter(credit_list__eval_year=eval_year, credit_list__level=level)
    revision = revisions.filter(number=number).first() if number else revisions.order_by("-number").first()
    if revision is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("没有已发布的该名单"))
    return revision


def public_revisions(revision: ListRevision) -> QuerySet[ListRevision]:
    return ListRevision.objects.published().filter(credit_list_id=revision.credit_list_id).order_by("-number")


def public_search(q: str, *, limit: int = 200) -> list[ListEntry]:
    """Search the latest published revision of every list by name or credit code."""
    q = (q or "").strip()
    if not q:
        return []
    ids = [r.pk for r in public_lists()]
    entries = ListEntry.objects.filter(revision_id__in=ids).select_related("revision__credit_list")
    return list(entries_search(entries, q).order_by("-eval_year", "level", "uscc")[:limit])


# --- exports ------------------------------------------------------------------------------------


def list_columns(level: str) -> Sequence:
    from gongzhi.core.exporters.xlsx import Column

    columns = [
        Column(_("序号"), 8, "number"),
        Column(_("纳税人名称"), 40),
        Column(_("统一社会信用代码"), 24),
        Column(_("信用级别"), 10),
        Column(_("评价年度"), 10, "number"),
    ]
    if level == ListLevel.D:
        columns.append(Column(_("原因类别"), 36))
    return columns


def revision_title(revision: ListRevision) -> str:
    lst = revision.credit_list
    return _("%(year)d年度纳税信用%(level)s级纳税人名单（第%(n)d版）") % {
        "year": lst.eval_year,
        "level": lst.level,
        "n": revision.number,
    }


def revision_xlsx(revision: ListRevision) -> Path:
    """The published revision as .xlsx (formula-safe): the public fields only, hash in the notes."""
    from gongzhi.core.exporters.xlsx import Sheet, write_table_workbook
    from gongzhi.core.files import temporary_directory

    level = revision.credit_list.level
    labels = dict(ReasonCategory.choices)
    rows = [
        [e.seq, e.name, e.uscc, e.level, e.eval_year]
        + ([str(labels.get(e.reason_category, e.reason_category))] if level == ListLevel.D else [])
        for e in revision.entries.order_by("seq")
    ]
    notes = [
        _("发布日期：%(day)s") % {"day": date_words(timezone.localdate(revision.published_at))}
        if revision.published_at
        else _("未发布"),
        _("数据截至：%(day)s") % {"day": date_words(revision.as_of)},
        _("内容校验值（SHA-256）：%(hash)s") % {"hash": revision.content_hash},
    ]
    if revision.reason:
        notes.append(_("修订原因：%(reason)s") % {"reason": revision.reason})
    sheet = Sheet(
        title=f"{revision.credit_list.eval_year}{level}",
        columns=list(list_columns(level)),
        rows=rows,
        title_row=revision_title(revision),
        notes=notes,
    )
    year, number = revision.credit_list.eval_year, revision.number
    path = temporary_directory("export") / f"纳税信用{level}级名单-{year}-第{number}版.xlsx"
    return write_table_workbook(path, sheets=[sheet])
