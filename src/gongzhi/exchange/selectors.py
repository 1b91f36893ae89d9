"""Reads of the exchange app. Every read of the shared rows goes through the warehouse
(`exchange.warehouse`), which knows the schemas, the current rows, who may read what, and
audits the read with its purpose."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.masking import mask_id_number
from gongzhi.core.periods import due_date, periods_ending_between
from gongzhi.core.permissions import access_or_404
from gongzhi.exchange.choices import Frequency, LookupRule, SubmissionState
from gongzhi.exchange.models import AccessGrant, AssistanceItem, Dataset, Submission
from gongzhi.exchange.validation import check_value
from gongzhi.exchange.validation.checks import CheckOptions
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


@dataclass
class LookupAnswer:
    item: AssistanceItem
    subject: str  # masked for persons
    passed: bool | None  # None: no data to decide
    checks: list[dict]
    data_date: datetime.datetime | None
    data_periods: str


def tax_lookup(*, user, item: AssistanceItem, code: str, purpose: str = "") -> LookupAnswer:
    """办理协助事项前的涉税查验：按事项规则，用税务局报送的最新数据作答，并留痕。"""
    code = "".join(code.split()).upper()
    options = CheckOptions(today=clock.today())
    if check_value("uscc", code, options) is None:
        kind = "uscc"
    elif check_value("id_card", code, options) is None:
        kind = "id_card"
    else:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT, "请输入有效的统一社会信用代码或居民身份证号（校验位不符）"
        )
    subject = code if kind == "uscc" else mask_id_number(code)
    # the assistance list is the legal basis of the look-up: the system reads for the unit
    with open_warehouse(
        user=None, datasets=["taxpayer", "tax_paid"], purpose=f"涉税查验：{item.name}", target=item
    ) as wh:
        has_registry, has_paid = wh.files("taxpayer") > 0, wh.files("tax_paid") > 0
        found = wh.rows(
            "SELECT status, credit_level, credit_year, name FROM taxpayer WHERE uscc = ? "
            "ORDER BY _submission_id DESC LIMIT 1",
            [code],
        )
        taxpayer = found[0] if found else None
        paid = wh.rows(
            "SELECT tax_type, sum(amount), max(paid_date) FROM tax_paid WHERE uscc = ? GROUP BY tax_type",
            [code],
        )
        wh.detail.update({"subject": subject, "for": getattr(user, "username", "")})
    paid_by_type = {row[0]: (row[1], row[2]) for row in paid}
    checks = []
    for rule in item.rules:
        label = str(LookupRule(rule["rule"]).label)
        if rule["rule"] == LookupRule.TAX_PAID:
            types = rule.get("tax_types", [])
            hits = {t: paid_by_type[t] for t in types if t in paid_by_type}
            ok = bool(hits) if has_paid else None
            detail = "；".join(f"{t}已入库{amount}元（最近{day}）" for t, (amount, day) in hits.items()) or (
                f"未查到{'、'.join(types)}入库记录" if has_paid else "暂无税款入库数据"
            )
        elif taxpayer is None:
            ok, detail = (
                (None, "暂无纳税人登记数据") if not has_registry else (False, "未查到该纳税人的税务登记")
            )
        elif rule["rule"] == LookupRule.CREDIT_NOT_D:
            ok = taxpayer[1] != "D"
            detail = f"{taxpayer[2] or ''}年度纳税信用级别为{taxpayer[1] or '未评价'}"
        else:  # registered_normal, no_overdue (no arrears detail is shared: the registry status stands for it)
            ok = taxpayer[0] == "正常"
            detail = f"税务登记状态为“{taxpayer[0]}”"
        checks.append({"rule": rule["rule"], "label": label, "ok": ok, "detail": detail})
    decided = [c["ok"] for c in checks]
    passed = None if any(v is None for v in decided) else all(decided)
    latest = (
        Submission.objects.filter(
            dataset__code__in=["taxpayer", "tax_paid"], state__in=SubmissionState.visible()
        )
        .order_by("-finished_at")
        .first()
    )
    answer = LookupAnswer(
        item=item,
        subject=subject,
        passed=passed,
        checks=checks,
        data_date=latest.finished_at if latest else None,
        data_periods=latest.period_label if latest else "",
    )
    audit_record(
        actor=user,
        action=AuditAction.TAX_LOOKUP,
        target=item,
        purpose=(purpose or item.name)[:200],
        detail={"subject": subject, "passed": passed},
    )
    return answer


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


def quality_cells(
    *, start: datetime.date, end: datetime.date, today: datetime.date | None = None, unit=None
) -> list[QualityCell]:
    """Per unit x dataset x period: timeliness against the due day, completeness and accuracy."""
    today = today or clock.today()
    cells = []
    submissions = {}
    for s in (
        Submission.objects.exclude(state=SubmissionState.FAILED)
        .filter(period_end__gte=start, period_end__lte=end)
        .select_related("dataset", "unit", "version")
        .order_by("created_at")
    ):
        key = (s.dataset_id, s.unit_id, s.period)
        first, current = submissions.get(key, (s, None))
        if s.state in SubmissionState.visible():
            current = s
        submissions[key] = (first, current)
    for dataset in dataset_list().exclude(frequency=Frequency.EVENT):
        for provider in dataset.provider_units.all():
            if unit is not None and provider.pk != unit.pk:
                continue
            for text, label, _p_start, p_end in _periods(dataset.frequency, start, end):
                due = due_date(p_end, dataset.due_day)
                first, current = submissions.get((dataset.pk, provider.pk, text), (None, None))
                cell = QualityCell(
                    dataset=dataset,
                    unit=provider,
                    period=text,
                    period_label=label,
                    due=due,
                    submission=current or first,
                    on_time=None,
                )
                if first is not None:
                    submitted = timezone.localtime(first.created_at).date()
                    cell.on_time = submitted <= due
                    cell.late_days = max(0, (submitted - due).days)
                elif today > due:
                    cell.on_time, cell.late_days = False, (today - due).days
                if current is not None and current.rows:
                    cell.accuracy = current.accepted / current.rows
                    required_errors = sum(1 for e in current.errors if "必填" in (e.get("reason") or ""))
                    cell.completeness = 1 - required_errors / current.rows
                cells.append(cell)
    shares = registry_match_shares(
        [
            c.submission
            for c in cells
            if c.submission is not None and c.submission.state in SubmissionState.visible()
        ]
    )
    for cell in cells:
        if cell.submission is not None:
            cell.registry_match = shares.get(cell.submission.pk)
    return cells


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
