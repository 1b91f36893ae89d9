"""Reads of the exchange app. Every read of the shared rows goes through the warehouse
(`exchange.warehouse`), which knows the schemas, the current rows, who may read what, and
audits the read with its purpose."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.periods import date_words, due_date, parse_period, periods_ending_between
from gongzhi.core.permissions import access_or_404
from gongzhi.exchange import quality_hooks
from gongzhi.exchange.choices import Frequency, SubmissionState
from gongzhi.exchange.models import AccessGrant, Dataset, Submission
from gongzhi.exchange.warehouse import dataset_access, open_warehouse


def dataset_list() -> QuerySet[Dataset]:
    return (
        Dataset.objects.filter(active=True)
        .select_related("current_version")
        .prefetch_related("provider_units", "consumer_units")
    )


def dataset_get(*, code: str) -> Dataset:
    try:
        return dataset_list().get(code=code)
    except Dataset.DoesNotExist as exc:
        from django.http import Http404

        raise Http404("数据项不存在") from exc


def submission_list(*, user, dataset: Dataset | None = None) -> QuerySet[Submission]:
    """The office sees every submission's record; a unit its own."""
    qs = Submission.objects.visible_to(user).select_related("dataset", "unit", "version", "job")
    return qs.filter(dataset=dataset) if dataset else qs


def submission_get(*, user, pk) -> Submission:
    return access_or_404(submission_list(user=user), pk)


@dataclass
class SharedRows:
    columns: list[tuple[str, str]]  # (code, Chinese name)
    rows: list[list]
    total: int
    masked: list[str]
    purpose: str
    own_only: bool
    grant: AccessGrant | None = None
    sources: int = 0


def shared_rows(
    *,
    user,
    dataset: Dataset,
    purpose: str = "",
    search: str = "",
    limit: int = 100,
    offset: int = 0,
    submission: Submission | None = None,
    export: bool = False,
) -> SharedRows:
    """Rows of a dataset the user's unit may read (its own always, others' under an active
    grant), through the warehouse: the current row of each key, or every row of one
    submission; personal fields masked unless the grant covers them."""
    access = dataset_access(user=user, dataset=dataset)
    if not access.all_units and submission is not None and submission.unit_id != user.unit_id:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, "没有该数据项的使用授权：请先申请并经共治办批准")
    purpose = purpose.strip() or (access.grant.purpose if access.grant else "本单位报送数据核对")
    code = dataset.code
    view = f'"typed_{code}"' if submission is not None else f'"{code}"'
    with open_warehouse(
        user=user,
        datasets=[code],
        purpose=purpose,
        submissions=[submission] if submission is not None else None,
        action=AuditAction.SHARED_ROWS_EXPORTED if export else AuditAction.SHARED_ROWS_READ,
        target=dataset,
    ) as wh:
        table = wh.tables[code]
        masked = wh.masked(code)
        columns = [(c.name, c.label) for c in table.columns] + [
            ("_submission_id", "报送编号"),
            ("_source_row", "源文件行号"),
        ]
        text_fields = [c.name for c in table.columns if c.type == "VARCHAR" and c.name not in masked]
        where, params = "", []
        if search.strip() and text_fields:
            where = "WHERE " + " OR ".join(f'"{c}" ILIKE ?' for c in text_fields)
            params = [f"%{search.strip()}%"] * len(text_fields)
        result = SharedRows(
            columns=columns,
            rows=[],
            total=wh.scalar(f"SELECT count(*) FROM {view} {where}", params),
            masked=masked,
            purpose=purpose,
            own_only=not access.all_units,
            grant=access.grant,
            sources=wh.files(code),
        )
        wanted = ", ".join(f'"{c}"' for c, _ in columns)
        result.rows = [
            list(r)
            for r in wh.rows(
                f"SELECT {wanted} FROM {view} {where} ORDER BY _submission_id, _source_row LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        wh.detail.update(
            {
                "rows": len(result.rows),
                "total": result.total,
                "search": search[:100],
                "grant": access.grant.pk if access.grant else None,
                "own_only": result.own_only,
                "masked": masked,
                "submission": submission.pk if submission else None,
            }
        )
    return result


# --- quality (真实性、准确性、完整性、及时性) -------------------------------------------


def _periods(
    frequency: str, start: datetime.date, end: datetime.date
) -> list[tuple[str, str, datetime.date, datetime.date]]:
    return [(p.text, p.label, p.start, p.end) for p in periods_ending_between(start, end, frequency)]


@dataclass
class QualityCell:
    dataset: Dataset
    unit: object
    period: str
    period_label: str
    due: datetime.date
    submission: Submission | None
    on_time: bool | None  # None: not yet due and not submitted
    late_days: int = 0
    completeness: float | None = None
    accuracy: float | None = None
    registry_match: float | None = None  # share of the credit codes found in the taxpayer registry
    first: Submission | None = None  # the first submission covering the period (its timeliness)
    submitted: datetime.date | None = None  # the day of ``first``

    @property
    def problems(self) -> list[str]:
        out = []
        if self.submission is None and self.on_time is False:
            out.append("未报送")
        elif self.on_time is False:
            out.append(f"逾期{self.late_days}天")
        if self.accuracy is not None and self.accuracy < 0.95:
            out.append(f"准确率{self.accuracy:.0%}")
        if self.completeness is not None and self.completeness < 0.95:
            out.append(f"完整率{self.completeness:.0%}")
        if self.registry_match is not None and self.registry_match < 0.9:
            out.append(f"统一社会信用代码登记匹配率{self.registry_match:.0%}")
        return out


def registry_match_shares(submissions: list[Submission]) -> dict[int, float]:
    """For each submission with a `uscc` column: the share of its distinct credit codes that the
    current taxpayer registry knows (cross-dataset accuracy). Read as the system, for the
    co-governance office's quality view."""
    candidates = [
        s
        for s in submissions
        if s.dataset.code != "taxpayer" and any(f["code"] == "uscc" for f in s.version.spec.get("fields", []))
    ]
    if not candidates:
        return {}
    codes = sorted({s.dataset.code for s in candidates})
    shares = {}
    with open_warehouse(
        user=None,
        datasets=["taxpayer", *codes],
        purpose="数据质量：统一社会信用代码登记匹配",
        submissions=None,
        # an indicator beside the quality table: a submission whose file is gone gets no share
        # (the page stays usable to watch the rest); without the whole registry, no shares
        missing="skip",
    ) as wh:
        if not wh.files("taxpayer") or any(m.dataset == "taxpayer" for m in wh.missing):
            return {}
        for code in codes:
            ids = [s.pk for s in candidates if s.dataset.code == code]
            for submission_id, total, found in wh.rows(
                f'SELECT d._submission_id, count(DISTINCT d.uscc), count(DISTINCT r.uscc) FROM "typed_{code}" d '
                "LEFT JOIN taxpayer r ON r.uscc = d.uscc "
                "WHERE d.uscc IS NOT NULL AND list_contains(?, d._submission_id) GROUP BY d._submission_id",
                [ids],
            ):
                if total:
                    shares[submission_id] = found / total
    return shares


def _unit_ids(units) -> set[int] | None:
    """Unit ids of ``units`` (Unit objects or ids); None for every unit."""
    if units is None:
        return None
    return {u if isinstance(u, int) else u.pk for u in units}


def quality_cells(
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
    unit=None,
    units=None,
    registry: bool = True,
) -> list[QualityCell]:
    """Per provider unit x dataset x period ending in [start, end]: timeliness against the
    period's own due day, completeness and accuracy.

    A submission covers every period of its own period range (a history load sent as
    2023-01..2025-12 covers each of those 36 months). A covered period's timeliness is its own due
    day against the time of the first submission covering it; its accuracy and completeness are
    those of the latest accepted submission covering it. Only submissions made by the end of
    ``today`` count, so a past day gives the same answer later (a period sent afterwards is
    missing on that day). Three queries (datasets, their providers, the submissions), plus one
    warehouse read for the registry match unless ``registry`` is False."""
    today = today or clock.today()
    wanted = _unit_ids(units)
    if unit is not None:
        wanted = {unit.pk} if wanted is None else wanted & {unit.pk}
    covering: dict[tuple[int, int], list[Submission]] = {}
    day_after = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    submissions = Submission.objects.exclude(state=SubmissionState.FAILED).filter(
        period_end__gte=start, period_start__lte=end, created_at__lt=day_after
    )
    if wanted is not None:
        submissions = submissions.filter(unit_id__in=wanted)
    for s in submissions.select_related("dataset", "unit", "version").order_by("created_at", "pk"):
        covering.setdefault((s.dataset_id, s.unit_id), []).append(s)
    cells = []
    for dataset in dataset_list().exclude(frequency=Frequency.EVENT):
        periods = _periods(dataset.frequency, start, end)
        for provider in dataset.provider_units.all():
            if wanted is not None and provider.pk not in wanted:
                continue
            candidates = covering.get((dataset.pk, provider.pk), [])
            for text, label, p_start, p_end in periods:
                due = due_date(p_end, dataset.due_day)
                first = current = None
                for s in candidates:  # oldest first
                    if s.period_start <= p_start and s.period_end >= p_end:
                        first = first or s
                        if s.state in SubmissionState.visible():
                            current = s
                cell = QualityCell(
                    dataset=dataset,
                    unit=provider,
                    period=text,
                    period_label=label,
                    due=due,
                    submission=current or first,
                    on_time=None,
                    first=first,
                )
                if first is not None:
                    submitted = timezone.localtime(first.created_at).date()
                    cell.submitted = submitted
                    cell.on_time = submitted <= due
                    cell.late_days = max(0, (submitted - due).days)
                elif today > due:
                    cell.on_time, cell.late_days = False, (today - due).days
                if current is not None and current.rows:
                    cell.accuracy = current.accepted / current.rows
                    cell.completeness = 1 - _required_errors(current) / current.rows
                cells.append(cell)
    if registry:
        visible = {
            c.submission.pk: c.submission
            for c in cells
            if c.submission is not None and c.submission.state in SubmissionState.visible()
        }
        shares = registry_match_shares(list(visible.values()))
        for cell in cells:
            if cell.submission is not None:
                cell.registry_match = shares.get(cell.submission.pk)
    return cells


def _required_errors(submission: Submission) -> int:
    return sum(1 for e in submission.errors if "必填" in (e.get("reason") or ""))


# --- quality problems per unit: what the notice and the assessment stand on -------------------

ACCURACY_FLOOR = 0.95  # below it a submission's accuracy or completeness is a problem on the page
REGISTRY_FLOOR = 0.9


@dataclass(frozen=True)
class LateItem:
    """A dataset-period first submitted after its due day (报送不及时)."""

    submission_id: int  # the first submission covering the period (it may cover a range)
    dataset_id: int
    dataset: str  # the dataset's name
    period: str  # the period cell: 2025-03, 2025-Q1, 2025
    period_label: str  # 2025年3月
    due: datetime.date
    submitted: datetime.date
    late_days: int
    text: str  # 企业用电量2025年3月数据逾期4天报送（应于2025年4月15日前报送，第12号报送）
    dataset_code: str = ""  # for links to the dataset


@dataclass(frozen=True)
class MissingItem:
    """A dataset-period whose due day has passed with no submission covering it (逾期未报送)."""

    dataset_id: int
    dataset: str
    period: str
    period_label: str
    due: datetime.date
    overdue_days: int  # days from the due day to ``today``
    text: str  # 企业用电量2025年3月数据逾期未报送（应于2025年4月15日前报送）
    dataset_code: str = ""  # for links to the dataset


@dataclass(frozen=True)
class RejectedItem:
    """A submission (the current one of its periods) whose rows were partly or wholly refused
    by the checks (报送不准确)."""

    submission_id: int
    dataset_id: int
    dataset: str
    period: str  # the submission's own period, possibly a range: 2023-01..2025-12
    period_label: str
    rows: int
    rejected: int
    accuracy: float  # accepted / rows
    text: str  # 不动产交易2026年10月报送40行，其中2行有误未被接收（第7号报送）
    dataset_code: str = ""  # for links to the dataset


@dataclass(frozen=True)
class FindingItem:
    """A quality finding on a current submission: completeness (required fields empty) or
    credit codes that the taxpayer registry does not know (报送不完整、不准确)."""

    submission_id: int
    dataset_id: int
    dataset: str
    period: str  # the submission's own period
    period_label: str
    kind: str  # "completeness" | "registry_match" | "content" (exchange.quality_hooks)
    value: float  # the share, 0..1
    text: str  # 企业用电量2026年10月数据完整率90%（第9号报送）
    dataset_code: str = ""  # for links to the dataset


@dataclass
class UnitQuality:
    """One provider unit's data quality in a window: counts for rates and the items behind them."""

    unit: object  # org.Unit
    expected: int = 0  # dataset-periods submitted or overdue (the denominator of timeliness)
    on_time: int = 0
    late: list[LateItem] = field(default_factory=list)
    missing: list[MissingItem] = field(default_factory=list)
    rejected: list[RejectedItem] = field(default_factory=list)
    findings: list[FindingItem] = field(default_factory=list)
    rows: int = 0  # rows of the unit's current submissions in the window (each counted once)
    rejected_rows: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def problem_count(self) -> int:
        return len(self.late) + len(self.missing) + len(self.rejected) + len(self.findings)

    @property
    def summary(self) -> str:
        """The unit's paragraph of a notice, compact: 区市场监管局：企业登记信息2025年3月、4月逾期未报送；…。"""
        parts = []
        missing: dict[str, list[str]] = {}
        for item in self.missing:
            missing.setdefault(item.dataset, []).append(item.period)
        parts += [f"{name}{compact_periods(periods)}逾期未报送" for name, periods in missing.items()]
        late: dict[str, list[LateItem]] = {}
        for item in self.late:
            late.setdefault(item.dataset, []).append(item)
        for name, items in late.items():
            periods = compact_periods([i.period for i in items])
            if len(items) == 1:
                parts.append(f"{name}{periods}逾期{items[0].late_days}天报送")
            else:
                parts.append(f"{name}{periods}逾期报送（最长逾期{max(i.late_days for i in items)}天）")
        for item in self.rejected:
            parts.append(f"{item.dataset}{item.period_label}数据{item.rows}行中{item.rejected}行有误")
        for item in self.findings:
            what = "完整率" if item.kind == "completeness" else "统一社会信用代码登记匹配率"
            parts.append(f"{item.dataset}{item.period_label}数据{what}{item.value:.0%}")
        return f"{self.unit.name}：" + "；".join(parts) + "。" if parts else ""


def compact_periods(periods: list[str]) -> str:
    """Period texts in a few words: ["2025-03", "2025-04"] -> 2025年3月、4月; five months in a row
    -> 2025年1月至5月; quarters -> 2025年第1、2季度; years -> 2024年、2025年."""
    parsed = sorted({parse_period(p) for p in periods}, key=lambda p: p.start)
    if all(p.kind == "year" for p in parsed):
        return "、".join(p.label for p in parsed)
    by_year: dict[int, list] = {}
    for p in parsed:
        by_year.setdefault(p.start.year, []).append(p)
    words = []
    for year, items in by_year.items():
        kinds = {p.kind for p in items}
        if kinds == {"month"}:
            months = [p.start.month for p in items]
            runs, run = [], [months[0]]
            for m in months[1:]:
                if m == run[-1] + 1:
                    run.append(m)
                else:
                    runs.append(run)
                    run = [m]
            runs.append(run)
            text = "、".join(
                f"{r[0]}月至{r[-1]}月" if len(r) >= 3 else "、".join(f"{m}月" for m in r) for r in runs
            )
            words.append(f"{year}年{text}")
        elif kinds == {"quarter"}:
            words.append(f"{year}年第" + "、".join(str((p.start.month + 2) // 3) for p in items) + "季度")
        else:
            words.append("、".join(p.label for p in items))
    return "，".join(words)


def quality_problems(
    *, start: datetime.date, end: datetime.date, today: datetime.date, units=None
) -> list[UnitQuality]:
    """What each provider unit owes and got wrong for the periods ending in [start, end], judged
    on ``today``: late submissions, missing (overdue, never submitted) dataset-periods, rejected
    rows and quality findings, each naming its records (Submission id, Dataset id, period) with a
    Chinese text. A submission covering a range of periods counts for each of them.

    Returns ``list[UnitQuality]``, one per provider unit of an active periodic dataset (those in
    ``units``, Unit objects or ids, if given), in the units' order, problem-free units included
    (``expected``/``on_time`` give the timeliness rate):

    - ``UnitQuality.late: list[LateItem]`` — submission_id, dataset_id, dataset, period,
      period_label, due, submitted, late_days, text
    - ``UnitQuality.missing: list[MissingItem]`` — dataset_id, dataset, period, period_label,
      due, overdue_days, text
    - ``UnitQuality.rejected: list[RejectedItem]`` — submission_id, dataset_id, dataset, period,
      period_label, rows, rejected, accuracy, text (one per current submission with refused rows)
    - ``UnitQuality.findings: list[FindingItem]`` — submission_id, dataset_id, dataset, period,
      period_label, kind ("completeness" | "registry_match"), value, text
    - ``UnitQuality.summary`` — the unit's compact notice paragraph ("" when nothing is wrong)

    No permission check: the caller decides who may see it (exchange.view_quality, or a unit its
    own). A fixed number of queries whatever the number of units (see quality_cells) and one
    audited warehouse read for the registry match."""
    return quality_problems_of(quality_cells(start=start, end=end, today=today, units=units), today=today)


def quality_problems_of(cells: list[QualityCell], *, today: datetime.date) -> list[UnitQuality]:
    """``quality_problems`` from cells already computed (the quality page shows both)."""
    # content checks declared by the apps that own a dataset's meaning (exchange.quality_hooks)
    content = quality_hooks.content_findings(c.submission for c in cells if c.submission is not None)
    result: dict[int, UnitQuality] = {}
    seen: dict[int, set[int]] = {}
    for cell in cells:
        unit = result.setdefault(cell.unit.pk, UnitQuality(unit=cell.unit))
        name = cell.dataset.name
        if cell.on_time is not None:  # submitted, or due and overdue
            unit.expected += 1
        if cell.on_time:
            unit.on_time += 1
        elif cell.on_time is False and cell.first is not None:
            unit.late.append(
                LateItem(
                    submission_id=cell.first.pk,
                    dataset_id=cell.dataset.pk,
                    dataset=name,
                    dataset_code=cell.dataset.code,
                    period=cell.period,
                    period_label=cell.period_label,
                    due=cell.due,
                    submitted=cell.submitted,
                    late_days=cell.late_days,
                    text=f"{name}{cell.period_label}数据逾期{cell.late_days}天报送"
                    f"（应于{date_words(cell.due)}前报送，第{cell.first.pk}号报送）",
                )
            )
        elif cell.on_time is False:
            unit.missing.append(
                MissingItem(
                    dataset_id=cell.dataset.pk,
                    dataset=name,
                    dataset_code=cell.dataset.code,
                    period=cell.period,
                    period_label=cell.period_label,
                    due=cell.due,
                    overdue_days=cell.late_days,
                    text=f"{name}{cell.period_label}数据逾期未报送（应于{date_words(cell.due)}前报送）",
                )
            )
        s = cell.submission
        if s is None or s.pk in seen.setdefault(cell.unit.pk, set()):
            continue
        seen[cell.unit.pk].add(s.pk)
        unit.rows += s.rows
        unit.rejected_rows += s.rejected
        ids = {
            "submission_id": s.pk,
            "dataset_id": cell.dataset.pk,
            "dataset": name,
            "dataset_code": cell.dataset.code,
        }
        ids |= {"period": s.period, "period_label": s.period_label}
        if s.rejected:
            unit.rejected.append(
                RejectedItem(
                    **ids,
                    rows=s.rows,
                    rejected=s.rejected,
                    accuracy=s.accepted / s.rows if s.rows else 0.0,
                    text=f"{name}{s.period_label}报送{s.rows}行，其中{s.rejected}行有误未被接收（第{s.pk}号报送）",
                )
            )
        if cell.completeness is not None and cell.completeness < ACCURACY_FLOOR:
            unit.findings.append(
                FindingItem(
                    **ids,
                    kind="completeness",
                    value=cell.completeness,
                    text=f"{name}{s.period_label}数据完整率{cell.completeness:.0%}（第{s.pk}号报送）",
                )
            )
        if cell.registry_match is not None and cell.registry_match < REGISTRY_FLOOR:
            unit.findings.append(
                FindingItem(
                    **ids,
                    kind="registry_match",
                    value=cell.registry_match,
                    text=f"{name}{s.period_label}数据统一社会信用代码登记匹配率{cell.registry_match:.0%}"
                    f"（第{s.pk}号报送）",
                )
            )
        if rows := content.get(s.pk):
            more = "等" if len(rows) > 3 else ""
            unit.findings.append(
                FindingItem(
                    **ids,
                    kind="content",
                    value=len(rows) / s.rows if s.rows else 0.0,
                    text=f"{name}{s.period_label}数据有{len(rows)}行内容自相矛盾：{'；'.join(rows[:3])}{more}",
                )
            )
    return sorted(result.values(), key=lambda q: (q.unit.sort_order, q.unit.name))


def uses_of_unit_data(*, unit) -> QuerySet:
    """What a provider's data was used for: grants on its datasets and reads by other units."""
    from gongzhi.core.models import AuditEntry

    codes = list(Dataset.objects.filter(provider_units=unit).values_list("pk", flat=True))
    return (
        AuditEntry.objects.filter(
            object_type="exchange.dataset",
            object_id__in=[str(c) for c in codes],
            action__in=[AuditAction.SHARED_ROWS_READ, AuditAction.SHARED_ROWS_EXPORTED],
        )
        .exclude(unit_name=unit.name)
        .order_by("-seq")
    )


def grant_list(*, user) -> QuerySet[AccessGrant]:
    grants = AccessGrant.objects.select_related("dataset", "unit", "requested_by", "decided_by")
    if user.has_capability("exchange.decide_grants"):
        return grants
    return grants.filter(Q(unit_id=user.unit_id) | Q(dataset__provider_units=user.unit_id)).distinct()
