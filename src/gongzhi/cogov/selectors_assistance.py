"""Reads of the assistance list (税费协助事项清单) and its look-ups.

- which items a user sees: the office, the tax bureau and the leader every item
  (`cogov.assistance_view_all`); a department the items whose version in effect names its unit;
- the version of an item in effect on a day: the latest approved one effective by then;
- the look-up answer (`tax_check`): each condition of the version answered from the shared data
  read through the warehouse (registry: credit level and 非正常户; tax paid; the arrears list);
- the ledger (查验台账) per unit and item, the leader's figures and a unit's to-dos.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cogov.choices_assistance import Condition, Outcome, VersionState
from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup, AssistanceListVersion
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.masking import mask_id_number
from gongzhi.core.permissions import access_or_404, has_capability
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Submission
from gongzhi.exchange.validation import check_value
from gongzhi.exchange.validation.checks import CheckOptions
from gongzhi.exchange.warehouse import open_warehouse

OUTCOME_DUE_DAYS = 3  # a look-up without its outcome after this many days is a to-do


def can_manage(user) -> bool:
    return has_capability(user, "cogov.assistance_manage")


def sees_all(user) -> bool:
    """The office, the tax bureau, the leader, and the system (user None: demo, commands)."""
    return user is None or has_capability(user, "cogov.assistance_view_all")


def _require_reader(user) -> None:
    if user is not None and not user.has_capability("cogov.assistance_view"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限执行此操作"))


def _versions() -> QuerySet[AssistanceListVersion]:
    return AssistanceListVersion.objects.prefetch_related("units").order_by("-version")


def _items() -> QuerySet[AssistanceListItem]:
    return AssistanceListItem.objects.prefetch_related(Prefetch("versions", queryset=_versions()))


def version_on(item: AssistanceListItem, day: datetime.date) -> AssistanceListVersion | None:
    """The version in effect on `day`: the approved one with the latest effective date not after
    it (of two on the same day, the later version). Uses the prefetched versions."""
    approved = [
        v
        for v in item.versions.all()
        if v.state == VersionState.APPROVED and v.effective_from and v.effective_from <= day
    ]
    return max(approved, key=lambda v: (v.effective_from, v.version), default=None)


def draft_of(item: AssistanceListItem) -> AssistanceListVersion | None:
    return next((v for v in item.versions.all() if v.state == VersionState.DRAFT), None)


def pending_of(item: AssistanceListItem, day: datetime.date) -> AssistanceListVersion | None:
    """An approved version that takes effect after `day` (a change announced in advance)."""
    later = [
        v
        for v in item.versions.all()
        if v.state == VersionState.APPROVED and v.effective_from and v.effective_from > day
    ]
    return min(later, key=lambda v: (v.effective_from, v.version), default=None)


@dataclass
class ItemRow:
    item: AssistanceListItem
    current: AssistanceListVersion | None  # in effect today
    draft: AssistanceListVersion | None = None
    upcoming: AssistanceListVersion | None = None
    retired: bool = False

    @property
    def shown(self) -> AssistanceListVersion | None:
        """What the list shows of the item: its version in effect, else its draft."""
        return self.current or self.upcoming or self.draft


def item_rows(
    *, user, today: datetime.date | None = None, include_retired: bool = False, unit_id: int | None = None
) -> list[ItemRow]:
    """The items `user` sees, in list order. The office also sees drafts and retired items; a
    department the items in effect whose version names its unit (`unit_id`: the office's filter
    by one department)."""
    _require_reader(user)
    today = today or clock.today()
    everything = sees_all(user)
    rows = []
    for item in _items():
        row = ItemRow(
            item=item,
            current=version_on(item, today),
            draft=draft_of(item),
            upcoming=pending_of(item, today),
            retired=item.retired(today),
        )
        if row.retired and not include_retired:
            continue
        if not everything:
            if row.current is None or row.retired or not _names(row.current, user.unit_id):
                continue
            row.draft = row.upcoming = None
        elif unit_id is not None and not (row.shown and _names(row.shown, unit_id)):
            continue
        rows.append(row)
    return rows


def _names(version: AssistanceListVersion, unit_id: int | None) -> bool:
    return unit_id is not None and any(u.pk == unit_id for u in version.units.all())


def item_get(*, user, pk, today: datetime.date | None = None) -> ItemRow:
    """One item with its versions: 404 alike when missing or not the user's unit's."""
    _require_reader(user)
    today = today or clock.today()
    item = access_or_404(_items(), pk)
    row = ItemRow(
        item=item,
        current=version_on(item, today),
        draft=draft_of(item),
        upcoming=pending_of(item, today),
        retired=item.retired(today),
    )
    if not sees_all(user):
        approved = [v for v in item.versions.all() if v.state == VersionState.APPROVED]
        if not any(_names(v, user.unit_id) for v in approved):
            access_or_404(AssistanceListItem.objects.none(), pk)
        row.draft = None
    return row


def item_for_lookup(*, user, code: str, today: datetime.date | None = None) -> ItemRow:
    """The item a look-up is run for, by code or id: in effect today and applying to the
    user's unit (the office and tax bureau may look up every item)."""
    today = today or clock.today()
    code = (code or "").strip()
    if not code:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择协助事项"), {"field": "item"})
    _require_reader(user)
    # one query for the version in effect (a look-up must stay fast: no walk of the whole list)
    version = (
        AssistanceListVersion.objects.select_related("item")
        .filter(Q(item__code=code) | Q(item__pk=int(code) if code.isdigit() else None))
        .filter(state=VersionState.APPROVED, effective_from__lte=today)
        .order_by("-effective_from", "-version")
        .first()
    )
    if (
        version is None
        or version.item.retired(today)
        or not (sees_all(user) or version.units.filter(pk=getattr(user, "unit_id", None)).exists())
    ):
        raise ApplicationError(
            ErrorCode.NOT_FOUND,
            _("协助事项“%(item)s”不存在、未生效或不适用于本单位") % {"item": code},
            {"field": "item"},
        )
    row = ItemRow(item=version.item, current=version)
    return row


# --- the look-up answer -----------------------------------------------------------------


@dataclass
class LookupAnswer:
    subject: str  # the credit code, or an ID number masked
    kind: str  # uscc | id_card
    name: str
    passed: bool | None  # None: not enough data to decide
    checks: list[dict] = field(default_factory=list)
    data_date: datetime.datetime | None = None
    sources: dict[str, list[int]] = field(default_factory=dict)  # dataset: submission ids read


def normalize_subject(code: str, *, today: datetime.date) -> tuple[str, str]:
    """(code, kind) of what was typed; ApplicationError naming the field when no valid code."""
    code = "".join((code or "").split()).upper()
    options = CheckOptions(today=today)
    if code and check_value("uscc", code, options) is None:
        return code, "uscc"
    if code and check_value("id_card", code, options) is None:
        return code, "id_card"
    raise ApplicationError(
        ErrorCode.INVALID_INPUT,
        _("统一社会信用代码：请输入有效的统一社会信用代码或居民身份证号（校验位不符）"),
        {"field": "code"},
    )


def _money(value) -> str:
    return f"{value:,.2f}"


def _day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@dataclass(frozen=True)
class _Source:
    """The current submissions of one dataset: (pk, file, finished) each, oldest first."""

    files: tuple

    @property
    def missing(self) -> bool:
        return any(path and not Path(path).is_file() for _pk, path, _at in self.files)

    @property
    def latest(self) -> int | None:
        return self.files[-1][0] if self.files else None

    @property
    def finished(self) -> datetime.datetime | None:
        return max((at for _pk, _path, at in self.files if at), default=None)


def _sources(codes: list[str]) -> dict[str, _Source]:
    """The current submissions of each dataset, in one query."""
    files: dict[str, list] = {code: [] for code in codes}
    for code, pk, path, at in (
        Submission.objects.filter(dataset__code__in=codes, state__in=SubmissionState.visible())
        .order_by("pk")
        .values_list("dataset__code", "pk", "parquet_path", "finished_at")
    ):
        files[code].append((pk, path, at))
    return {code: _Source(tuple(found)) for code, found in files.items()}


class _Index:
    """What the look-up needs of one shared dataset, by credit code, built from one warehouse read
    (as the system: the assistance list is the legal basis of the look-up; the read is audited)
    and kept while the dataset's current submissions (and their files) are unchanged, as the
    credit check's index of latest ratings: a look-up answers in a few milliseconds instead of
    opening DuckDB per request. Checked against the database on every use, so every process sees
    a new or superseded submission at once; a stored file gone missing makes the next use
    rebuild, and the warehouse refuses (DATA_MISSING)."""

    def __init__(self, dataset: str, sql: str, purpose: str) -> None:
        self.dataset, self.sql, self.purpose = dataset, sql, purpose
        self.key: _Source | None = None
        self.rows: dict[str, list[tuple]] = {}
        self.lock = threading.Lock()

    def get(self, source: _Source) -> tuple[_Source, dict[str, list[tuple]]]:
        """The index of the dataset's current submissions `source` (rebuilt when they changed)."""
        with self.lock:
            if source != self.key or source.missing:
                self.rows = self._build(source)
                self.key = source
            return source, self.rows

    def _build(self, source: _Source) -> dict[str, list[tuple]]:
        rows: dict[str, list[tuple]] = {}
        if not source.files:
            return rows
        with open_warehouse(user=None, datasets=[self.dataset], purpose=self.purpose) as wh:
            found = wh.rows(self.sql, {"latest": source.latest} if "$latest" in self.sql else None)
            wh.detail["index"] = len(found)
        for row in found:
            rows.setdefault(row[0], []).append(tuple(row[1:]))
        return rows


_REGISTRY = _Index(
    "taxpayer",
    "SELECT uscc, status, credit_level, credit_year, name FROM taxpayer WHERE uscc IS NOT NULL "
    "QUALIFY row_number() OVER (PARTITION BY uscc ORDER BY _submission_id DESC, _source_row DESC) = 1",
    "涉税查验：纳税人登记（信用级别、非正常户）",
)
_PAID = _Index(
    "tax_paid",
    "SELECT uscc, tax_type, sum(amount), max(paid_date) FROM tax_paid WHERE uscc IS NOT NULL "
    "GROUP BY uscc, tax_type ORDER BY uscc, tax_type",
    "涉税查验：税款入库（完税）",
)
_ARREARS = _Index(  # the latest arrears list is the whole of the arrears
    "arrears",
    "SELECT uscc, tax_type, amount, since FROM arrears WHERE _submission_id = $latest ORDER BY uscc, since, tax_type",
    "涉税查验：欠税清册（无欠税）",
)


def tax_check(*, version: AssistanceListVersion, code: str, today: datetime.date) -> LookupAnswer:
    """Answer each condition of `version` for `code` from the shared data: the registry (credit
    level, 非正常户, the name), tax paid and the latest arrears list, each read through the
    warehouse into its index (`_Index`). Raises ApplicationError for an invalid code or a
    missing data file. `LookupAnswer.sources`: the submissions the answer stands on."""
    code, kind = normalize_subject(code, today=today)
    subject = code if kind == "uscc" else mask_id_number(code)
    kinds = {c["kind"] for c in version.conditions}
    wanted = ["taxpayer"]
    wanted += ["tax_paid"] if Condition.TAX_PAID in kinds else []
    wanted += ["arrears"] if Condition.NO_ARREARS in kinds else []
    sources = _sources(wanted)
    registry, registered = _REGISTRY.get(sources["taxpayer"])
    taxpayer = registered.get(code, [None])[0]
    used = {"taxpayer": registry}
    paid, has_paid = {}, False
    if Condition.TAX_PAID in kinds:
        source, rows = _PAID.get(sources["tax_paid"])
        used["tax_paid"] = source
        has_paid = bool(source.files)
        paid = {r[0]: (r[1], r[2]) for r in rows.get(code, [])}
    arrears, owed = None, []
    if Condition.NO_ARREARS in kinds:
        source, rows = _ARREARS.get(sources["arrears"])
        used["arrears"] = source
        arrears = source if source.files else None
        owed = rows.get(code, [])
    checks = [
        _answer(c, taxpayer, bool(registry.files), paid, has_paid, arrears, owed) for c in version.conditions
    ]
    decided = [c["ok"] for c in checks]
    return LookupAnswer(
        subject=subject,
        kind=kind,
        name=(taxpayer[3] or "") if taxpayer else "",
        passed=None if any(v is None for v in decided) else all(decided),
        checks=checks,
        data_date=max((s.finished for s in used.values() if s.finished), default=None),
        sources={d: [f[0] for f in s.files] for d, s in used.items()},
    )


def _answer(condition, taxpayer, has_registry, paid, has_paid, arrears, owed) -> dict:
    from gongzhi.cogov.models_assistance import condition_label

    kind = condition["kind"]
    if kind == Condition.TAX_PAID:
        types = condition.get("tax_types") or []
        hits = {t: paid[t] for t in types if t in paid}
        ok = bool(hits) if has_paid else None
        detail = "；".join(
            f"{t}已入库{_money(amount)}元（最近{_day(day)}）" for t, (amount, day) in hits.items()
        )
        detail = detail or (f"未查到{'、'.join(types)}入库记录" if has_paid else "暂无税款入库数据")
    elif kind == Condition.NO_ARREARS:
        if arrears is None:
            ok, detail = None, "暂无欠税清册数据"
        elif owed:
            ok = False
            detail = "；".join(f"欠缴{t}{_money(amount)}元（自{_day(since)}起）" for t, amount, since in owed)
        else:
            ok, detail = True, f"欠税清册（{_day(arrears.finished)}报送）中未查到欠税"
    elif taxpayer is None:
        ok, detail = (None, "暂无纳税人登记数据") if not has_registry else (False, "未查到该纳税人的税务登记")
    elif kind == Condition.CREDIT_LEVEL:
        levels = condition.get("levels") or []
        ok = bool(taxpayer[1]) and taxpayer[1] in levels
        detail = (
            f"{taxpayer[2] or ''}年度纳税信用级别为{taxpayer[1]}" if taxpayer[1] else "暂无纳税信用评价结果"
        ) + f"（须为{'、'.join(levels)}级）"
    else:  # not_abnormal
        ok = taxpayer[0] != "非正常"
        detail = f"税务登记状态为“{taxpayer[0]}”"
    return {"kind": kind, "label": condition_label(condition), "ok": ok, "detail": detail}


# --- look-up records and the ledger -------------------------------------------------------


def lookup_list(*, user) -> QuerySet[AssistanceListLookup]:
    """The look-ups the user may see: the office and the leader every unit's, a unit its own."""
    _require_reader(user)
    return AssistanceListLookup.objects.visible_to(user).select_related("unit", "version", "item")


def lookup_get(*, user, pk) -> AssistanceListLookup:
    return access_or_404(lookup_list(user=user), pk)


@dataclass
class LedgerRow:
    unit: str
    unit_id: int | None
    item: str
    item_id: int
    lookups: int
    passed: int
    failed: int
    pending: int
    overdue: int  # outcome missing after OUTCOME_DUE_DAYS


def ledger(
    *,
    user,
    today: datetime.date | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    unit_id: int | None = None,
) -> list[LedgerRow]:
    """查验台账: per unit and item, look-ups run, outcomes recorded (通过, 未通过) and missing."""
    today = today or clock.today()
    rows = lookup_list(user=user)
    if start:
        rows = rows.filter(looked_up_at__date__gte=start)
    if end:
        rows = rows.filter(looked_up_at__date__lte=end)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    late = today - datetime.timedelta(days=OUTCOME_DUE_DAYS)
    grouped = (
        rows.values("unit_id", "unit__name", "item_id", "version__matter")
        .annotate(
            n=Count("pk"),
            passed=Count("pk", filter=Q(outcome=Outcome.PASSED)),
            failed=Count("pk", filter=Q(outcome=Outcome.FAILED)),
            pending=Count("pk", filter=Q(outcome=Outcome.PENDING)),
            overdue=Count("pk", filter=Q(outcome=Outcome.PENDING, looked_up_at__date__lt=late)),
        )
        .order_by("unit__name", "item_id", "version__matter")
    )
    merged: dict[tuple, LedgerRow] = {}
    for r in grouped:  # one row per unit and item, whichever version was applied
        key = (r["unit_id"], r["item_id"])
        row = merged.get(key)
        if row is None:
            merged[key] = LedgerRow(
                unit=r["unit__name"] or _("（系统）"),
                unit_id=r["unit_id"],
                item=r["version__matter"],
                item_id=r["item_id"],
                lookups=r["n"],
                passed=r["passed"],
                failed=r["failed"],
                pending=r["pending"],
                overdue=r["overdue"],
            )
        else:
            row.lookups += r["n"]
            row.passed += r["passed"]
            row.failed += r["failed"]
            row.pending += r["pending"]
            row.overdue += r["overdue"]
    return list(merged.values())


def overdue_lookups(*, user, today: datetime.date) -> QuerySet[AssistanceListLookup]:
    late = today - datetime.timedelta(days=OUTCOME_DUE_DAYS)
    return lookup_list(user=user).filter(outcome=Outcome.PENDING, looked_up_at__date__lt=late)


# --- the leader's view and the to-do list (contract of issue 16) ----------------------------


def leader_summary(*, user, today) -> list[dict]:
    """Figures of the assistance list for the leader's view, each one click from its list."""
    if not has_capability(user, "cogov.assistance_ledger_all"):
        return []
    year_start = datetime.date(today.year, 1, 1)
    ledger_url = reverse("cogov:assistance_ledger")
    # the same rows as the ledger's list of look-ups from the first of the year
    this_year = lookup_list(user=user).filter(looked_up_at__date__gte=year_start)
    counts = this_year.aggregate(
        n=Count("pk"),
        failed=Count("pk", filter=Q(outcome=Outcome.FAILED)),
    )
    overdue = overdue_lookups(user=user, today=today).count()
    items = sum(1 for r in item_rows(user=user, today=today) if r.current is not None)
    return [
        {
            "label": _("协助事项（现行）"),
            "value": items,
            "url": reverse("cogov:assistance_item_list") + "?state=current",
            "tone": "",
        },
        {
            "label": _("本年涉税查验"),
            "value": counts["n"],
            "url": f"{ledger_url}?from={year_start.isoformat()}",
            "tone": "",
        },
        {
            "label": _("本年查验未通过"),
            "value": counts["failed"],
            "url": f"{ledger_url}?from={year_start.isoformat()}&outcome=failed",
            "tone": "warning" if counts["failed"] else "",
        },
        {
            "label": _("查验结果逾期未记录"),
            "value": overdue,
            "url": f"{ledger_url}?outcome=overdue",
            "tone": "danger" if overdue else "",
        },
    ]


def due_for(*, user, today) -> list[dict]:
    """The user's unit's look-ups still without an outcome after OUTCOME_DUE_DAYS days."""
    if user is None or getattr(user, "unit_id", None) is None:
        return []
    if not has_capability(user, "cogov.assistance_lookup"):
        return []
    late = today - datetime.timedelta(days=OUTCOME_DUE_DAYS)
    rows = (
        AssistanceListLookup.objects.filter(
            unit_id=user.unit_id, outcome=Outcome.PENDING, looked_up_at__date__lt=late
        )
        .select_related("version")
        .order_by("looked_up_at")[:50]
    )
    out = []
    for r in rows:
        # the local day of the look-up (as the filter above counts it), not the stamp's UTC day
        looked = timezone.localdate(r.looked_up_at)
        due = looked + datetime.timedelta(days=OUTCOME_DUE_DAYS)
        out.append(
            {
                "kind": "assistance_lookup",
                "label": _("记录涉税查验结果：%(matter)s") % {"matter": r.version.matter},
                "detail": f"{r.taxpayer_name or r.subject}（{_day(looked)}查验）",
                "url": reverse("cogov:assistance_lookup_detail", args=[r.pk]),
                "due": due,
                "days_left": (due - today).days,
            }
        )
    return out
