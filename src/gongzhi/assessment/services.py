"""Assessment writes: schemes and their versions, score runs, manual deductions and vetoes,
publication for review, appeals, maker-checker approval (then frozen), notices (通报)."""

import datetime
import hashlib
import json
import time
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.assessment.choices import (
    AppealState,
    ManualKind,
    Measure,
    NoticeState,
    RunStatus,
)
from gongzhi.assessment.measures import MEASURES, ZERO, Context, Loss
from gongzhi.assessment.models import (
    Appeal,
    ItemEvidence,
    ManualItem,
    Notice,
    NoticeDelivery,
    Scheme,
    SchemeVersion,
    ScoreItem,
    ScoreRun,
    UnitScore,
)
from gongzhi.assessment.schemes import DEFAULT_SCHEMES, parse_assessment_period
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.notifications import notify
from gongzhi.core.periods import Period, PeriodError, date_words
from gongzhi.core.permissions import require_capability, user_or_none

MANAGE, APPROVE, APPEAL = "assessment.manage", "assessment.approve", "assessment.appeal"


def is_scheme_office(user, scheme: Scheme, *, capability: str = "assessment.manage") -> bool:
    """Is this user the office that runs `scheme`: the office unit of the scheme's plan (区财政局 for
    税费协同共治, 区妇儿工委办公室 for the child-friendly plan) holding `capability`, or an admin; the
    system (None) always. A scheme without a plan: anyone holding `capability`."""
    from gongzhi.plans.models import PolicyDocument
    from gongzhi.plans.selectors import is_plan_office

    if user is None:
        return True
    number = (scheme.applies_to or {}).get("plan")
    plan = PolicyDocument.objects.filter(doc_number=number).first() if number else None
    if plan is None or plan.office_unit_id is None:
        return user.has_capability(capability)
    return is_plan_office(user, plan, capability=capability)


def require_scheme_office(actor, scheme: Scheme, *, capability: str = "assessment.manage") -> None:
    require_capability(actor, capability, allow_system=True)
    if not is_scheme_office(actor, scheme, capability=capability):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("只有%(scheme)s的牵头办公室可以执行此操作") % {"scheme": scheme.name},
        )


def _q(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# --- schemes ----------------------------------------------------------------------------------


def criteria_check(criteria) -> list[dict]:
    """The criteria of a version, checked: a list of {code, name, max_points, kind, params}."""
    if not isinstance(criteria, list) or not criteria:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("评分细则应为非空列表"))
    out, codes = [], set()
    for n, c in enumerate(criteria, start=1):
        if not isinstance(c, dict):
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("第%(n)d项评分细则格式错误") % {"n": n})
        code, name, kind = str(c.get("code") or "").strip(), str(c.get("name") or "").strip(), c.get("kind")
        if not code or not name:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("第%(n)d项评分细则缺少代码或名称") % {"n": n})
        if code in codes:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("评分细则代码“%(code)s”重复") % {"code": code})
        if kind not in Measure.values:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("第%(n)d项评分细则的计分方式“%(kind)s”不存在") % {"n": n, "kind": kind},
            )
        try:
            max_points = float(c.get("max_points") or 0)
        except (TypeError, ValueError):
            max_points = -1
        if max_points < 0 or max_points > 100:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT, _("第%(n)d项评分细则的分值应在0–100之间") % {"n": n}
            )
        params = c.get("params") or {}
        if not isinstance(params, dict) or any(
            not isinstance(v, int | float) or isinstance(v, bool) or v < 0 for v in params.values()
        ):
            raise ApplicationError(
                ErrorCode.INVALID_INPUT, _("第%(n)d项评分细则的参数应为非负数值") % {"n": n}
            )
        codes.add(code)
        out.append({"code": code, "name": name, "max_points": max_points, "kind": kind, "params": params})
    return out


def ensure_default_schemes() -> list[Scheme]:
    """The shipped schemes (税费协同共治考核, 儿童友好城市建设考核), created once; never changed after."""
    out = []
    for spec in DEFAULT_SCHEMES:
        scheme = Scheme.objects.filter(code=spec["code"]).first()
        if scheme is None:
            with transaction.atomic():
                scheme = Scheme.objects.create(
                    code=spec["code"], name=spec["name"], applies_to=spec["applies_to"]
                )
                version = SchemeVersion.objects.create(
                    scheme=scheme, version=1, criteria=criteria_check(spec["criteria"]), note="默认考核办法"
                )
                scheme.current = version
                scheme.save(update_fields=["current", "updated_at"])
        out.append(scheme)
    return out


@transaction.atomic
def scheme_version_save(*, actor, scheme: Scheme, criteria, note: str = "") -> SchemeVersion:
    """修订考核办法：生成新版本（已评分的版本和已审定的结果不变），此后的评分用新版本。"""
    require_scheme_office(actor, scheme)
    criteria = criteria_check(criteria)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.current is not None and scheme.current.criteria == criteria:
        raise ApplicationError(ErrorCode.CONFLICT, _("评分细则没有变化"))
    number = (scheme.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    version = SchemeVersion.objects.create(
        scheme=scheme,
        version=number,
        criteria=criteria,
        note=note.strip()[:200],
        created_by=user_or_none(actor),
    )
    scheme.current = version
    scheme.save(update_fields=["current", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SCHEME_SAVED,
        target=version,
        detail={"scheme": scheme.code, "version": number, "note": note[:200]},
    )
    return version


# --- who is assessed --------------------------------------------------------------------------


def scheme_units(scheme: Scheme) -> list:
    """The units a scheme assesses: lead units of its plan's tasks; for the co-governance scheme
    also the data-providing units of the demand list and the units leads are dispatched to."""
    from gongzhi.exchange.models import Dataset
    from gongzhi.org.models import Unit
    from gongzhi.plans.choices import ResponsibilityRole
    from gongzhi.plans.models import Responsibility
    from gongzhi.taxrisk.models import Lead

    applies = scheme.applies_to or {}
    ids = set()
    if applies.get("plan"):
        ids |= set(
            Responsibility.objects.filter(
                task__document__doc_number=applies["plan"], task__active=True, role=ResponsibilityRole.LEAD
            ).values_list("unit_id", flat=True)
        )
    if applies.get("providers"):
        ids |= set(Dataset.objects.filter(active=True).values_list("provider_units", flat=True))
    if applies.get("lead_assignees"):
        ids |= set(Lead.objects.exclude(assignee_unit=None).values_list("assignee_unit_id", flat=True))
    ids.discard(None)
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


def scheme_data_start(scheme: Scheme) -> datetime.date | None:
    """The first day the platform holds records that the scheme reads."""
    from gongzhi.exchange.models import Submission
    from gongzhi.supervision.models import ReportingRound

    days = []
    applies = scheme.applies_to or {}
    if applies.get("plan"):
        day = (
            ReportingRound.objects.filter(plan__doc_number=applies["plan"])
            .order_by("period_start")
            .values_list("period_start", flat=True)
            .first()
        )
        days.append(day)
    if applies.get("providers"):
        days.append(
            Submission.objects.order_by("period_start").values_list("period_start", flat=True).first()
        )
    days = [d for d in days if d]
    return min(days) if days else None


def scheme_periods(scheme: Scheme, *, today: datetime.date | None = None) -> list[Period]:
    """The periods (half-years, years) that have data: from the first record to today, and any
    period already scored."""
    from gongzhi.assessment.schemes import assessment_periods

    today = today or clock.today()
    found = {}
    start = scheme_data_start(scheme)
    if start is not None and start <= today:
        for p in assessment_periods(start, today):
            found[p.text] = p
    for text in ScoreRun.objects.filter(version__scheme=scheme).values_list("period", flat=True).distinct():
        found.setdefault(text, parse_assessment_period(text))
    return sorted(found.values(), key=lambda p: (p.end, -p.start.toordinal()))


def period_check(scheme: Scheme, text: str, *, today: datetime.date | None = None) -> Period:
    try:
        period = parse_assessment_period(text)
    except PeriodError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc
    if period.text not in {p.text for p in scheme_periods(scheme, today=today)}:
        raise ApplicationError(
            ErrorCode.DATA_MISSING,
            _("考核期间“%(period)s”没有%(scheme)s的数据") % {"period": period.text, "scheme": scheme.name},
        )
    return period


# --- scoring ----------------------------------------------------------------------------------


def _ranks(totals: list[tuple[object, Decimal]]) -> dict[int, int]:
    """Competition ranking: ties share a rank (1, 1, 3)."""
    ranks, previous, rank = {}, None, 0
    for position, (unit, score) in enumerate(totals, start=1):
        if score != previous:
            rank, previous = position, score
        ranks[unit.pk] = rank
    return ranks


def score_compute_rows(
    *, version: SchemeVersion, period: Period, as_of: datetime.date, progress=None
) -> list[dict]:
    """Every unit's items with their losses (pure computation; nothing stored)."""
    scheme = version.scheme
    units = scheme_units(scheme)
    ctx = Context(scheme=scheme, period=period, as_of=as_of, units=units)
    results: dict[str, dict[int, list[Loss]]] = {}
    for n, criterion in enumerate(version.criteria):
        results[criterion["code"]] = MEASURES[criterion["kind"]](ctx, criterion.get("params") or {})
        if progress:
            progress(80 * (n + 1) / len(version.criteria), criterion["name"])
    rows = []
    for unit in units:
        items, total, vetoed = [], ZERO, False
        for criterion in version.criteria:
            losses = results[criterion["code"]].get(unit.pk, [])
            max_points = _q(criterion.get("max_points") or 0)
            if criterion["kind"] == Measure.VETO:
                vetoed = vetoed or bool(losses)
                items.append(
                    {"criterion": criterion, "max_points": max_points, "points": None, "losses": losses}
                )
                continue
            lost = sum((loss.points for loss in losses), ZERO)
            if criterion["kind"] == Measure.DEDUCTIONS:
                points = _q(-lost)
            else:
                points = _q(max(ZERO, max_points - lost))
            total += points
            items.append(
                {"criterion": criterion, "max_points": max_points, "points": points, "losses": losses}
            )
        for item in items:
            if item["points"] is None:  # a veto takes away everything else: the score is 0
                item["points"] = _q(-total) if vetoed else ZERO.quantize(Decimal("0.01"))
        rows.append({"unit": unit, "items": items, "score": _q(ZERO if vetoed else total), "vetoed": vetoed})
    rows.sort(key=lambda r: (-r["score"], r["unit"].name))
    ranks = _ranks([(r["unit"], r["score"]) for r in rows])
    for r in rows:
        r["rank"] = ranks[r["unit"].pk]
    return rows


def _fingerprint(version: SchemeVersion, period: Period, as_of: datetime.date, rows: list[dict]) -> str:
    data = {
        "version": version.pk,
        "criteria": version.criteria,
        "period": period.text,
        "as_of": str(as_of),
        "units": [
            [
                r["unit"].pk,
                [
                    [i["criterion"]["code"], [[x.kind, x.ref, str(x.points), x.text] for x in i["losses"]]]
                    for i in r["items"]
                ],
            ]
            for r in rows
        ],
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def run_as_of(period: Period, today: datetime.date | None = None) -> datetime.date:
    """A past period is judged on its last day; the current one on today."""
    return min(period.end, today or clock.today())


@transaction.atomic
def score_compute(
    *,
    actor,
    scheme: Scheme,
    period: str | Period,
    as_of: datetime.date | None = None,
    progress=None,
) -> ScoreRun:
    """评分：按考核办法当前版本计算各单位得分。同一版本、期间、截止日期且输入记录不变时，
    返回已有的评分（不重复生成）；否则生成新的评分（草稿）。已审定的评分从不改变。"""
    require_scheme_office(actor, scheme)
    if isinstance(period, str):
        period = period_check(scheme, period)
    version = scheme.current
    if version is None:
        raise ApplicationError(ErrorCode.CONFLICT, _("考核办法尚无评分细则"))
    as_of = as_of or run_as_of(period)
    started = time.perf_counter()
    rows = score_compute_rows(version=version, period=period, as_of=as_of, progress=progress)
    fingerprint = _fingerprint(version, period, as_of, rows)
    same = (
        ScoreRun.objects.filter(version=version, period=period.text, as_of=as_of, fingerprint=fingerprint)
        .order_by("-pk")
        .first()
    )
    if same is not None:
        return same
    run = ScoreRun.objects.create(
        version=version,
        period=period.text,
        as_of=as_of,
        computed_at=clock.now(),
        fingerprint=fingerprint,
        created_by=user_or_none(actor),
    )
    evidence = []
    for r in rows:
        score = UnitScore.objects.create(
            run=run, unit=r["unit"], score=r["score"], rank=r["rank"], vetoed=r["vetoed"]
        )
        items = ScoreItem.objects.bulk_create(
            [
                ScoreItem(
                    unit_score=score,
                    criterion=i["criterion"]["code"],
                    name=i["criterion"]["name"],
                    kind=i["criterion"]["kind"],
                    points=i["points"],
                    max_points=i["max_points"],
                    note=_item_note(i),
                    order=n,
                )
                for n, i in enumerate(r["items"])
            ]
        )
        for item, i in zip(items, r["items"], strict=True):
            evidence += [
                ItemEvidence(item=item, kind=x.kind, ref=x.ref, text=x.text[:400], url=x.url, points=x.points)
                for x in i["losses"]
            ]
    ItemEvidence.objects.bulk_create(evidence, batch_size=500)
    run.seconds = round(time.perf_counter() - started, 3)
    run.save(update_fields=["seconds"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_SCORED,
        target=run,
        detail={
            "scheme": scheme.code,
            "version": version.version,
            "period": period.text,
            "as_of": str(as_of),
        },
    )
    return run


def _item_note(item: dict) -> str:
    losses = item["losses"]
    if not losses:
        return ""
    if item["criterion"]["kind"] == Measure.VETO:
        return f"一票否决{len(losses)}项"
    lost = sum((x.points for x in losses), ZERO)
    from gongzhi.assessment.notices import points_words

    return f"{len(losses)}项问题，扣{points_words(_q(lost))}分"


def _rerank(run: ScoreRun) -> None:
    """Scores and ranks again after an item changed; a vetoed unit's veto item keeps taking
    away everything else (its items still add up to 0)."""
    scores = list(run.scores.select_related("unit").prefetch_related("items"))
    for s in scores:
        items = list(s.items.all())
        veto = next((i for i in items if i.kind == Measure.VETO), None)
        others = _q(sum((i.points for i in items if i is not veto), ZERO))
        if veto is not None:
            points = _q(-others) if s.vetoed else ZERO.quantize(Decimal("0.01"))
            if veto.points != points:
                veto.points = points
                veto.save(update_fields=["points"])
        s.score = ZERO if s.vetoed else others
    scores.sort(key=lambda s: (-s.score, s.unit.name))
    ranks = _ranks([(s.unit, s.score) for s in scores])
    for s in scores:
        s.rank = ranks[s.unit.pk]
    UnitScore.objects.bulk_update(scores, ["score", "rank"])


# --- manual items -----------------------------------------------------------------------------


@transaction.atomic
def manual_item_record(
    *,
    actor,
    scheme: Scheme,
    unit,
    period: str,
    kind: str,
    points: Decimal | None,
    reason: str,
    day: datetime.date,
    attachment: tuple[str, bytes] | None = None,
) -> ManualItem:
    """共治办记录扣分或一票否决（事由、材料），计入此后该期间的评分。"""
    require_scheme_office(actor, scheme)
    period = period_check(scheme, period).text
    if kind not in ManualKind.values:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请选择扣分或一票否决"))
    if not (reason or "").strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请写明扣分或否决的事由"))
    points = Decimal(points or 0)
    if kind == ManualKind.DEDUCTION and not (0 < points <= 100):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("扣分应在0–100分之间"))
    if day > clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("发生日期不能晚于今天"))
    if kind == ManualKind.VETO and attachment is None:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("一票否决须附证明材料"))
    if kind not in _manual_kinds(scheme):
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("考核办法没有此类扣分项"))
    evidence = _store_attachment(actor, unit, attachment)
    item = ManualItem.objects.create(
        scheme=scheme,
        unit=unit,
        period=period,
        kind=kind,
        points=points if kind == ManualKind.DEDUCTION else 0,
        reason=reason.strip(),
        day=day,
        attachment=evidence,
        recorded_by=user_or_none(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_MANUAL_RECORDED,
        target=item,
        detail={
            "scheme": scheme.code,
            "period": period,
            "kind": kind,
            "points": str(points),
            "unit": unit.pk,
        },
    )
    return item


def _manual_kinds(scheme: Scheme) -> set[str]:
    """The manual kinds the scheme's current version scores (扣分项, 一票否决)."""
    mapping = {Measure.DEDUCTIONS: ManualKind.DEDUCTION, Measure.VETO: ManualKind.VETO}
    criteria = scheme.current.criteria if scheme.current else []
    return {mapping[c["kind"]] for c in criteria if c["kind"] in mapping}


def _store_attachment(actor, unit, attachment: tuple[str, bytes] | None):
    if attachment is None:
        return None
    from gongzhi.supervision.evidence import evidence_store

    filename, data = attachment
    return evidence_store(actor=actor, unit=unit, filename=filename, data=data)


# --- review, appeals, approval ----------------------------------------------------------------


def _lock(run: ScoreRun) -> ScoreRun:
    return ScoreRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def run_publish(*, actor, run: ScoreRun, appeal_deadline: datetime.date) -> ScoreRun:
    """征求意见：各单位可看到本单位得分和失分依据，在申诉期内对得分项提出申诉。"""
    require_scheme_office(actor, run.version.scheme)
    run = _lock(run)
    if run.status != RunStatus.DRAFT:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有草稿状态的评分可以征求意见"))
    if appeal_deadline < clock.today():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("申诉截止日期不能早于今天"))
    run.status, run.appeal_deadline = RunStatus.REVIEW, appeal_deadline
    run.save(update_fields=["status", "appeal_deadline", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_PUBLISHED,
        target=run,
        detail={"deadline": str(appeal_deadline)},
    )
    url = run.get_absolute_url()
    name = f"{run.version.scheme.name}{_period_label(run.period)}"
    transaction.on_commit(
        lambda: [
            notify(
                key=f"assessment-review-{run.pk}-{s.unit_id}",
                text=f"{name}评分结果已发布，请核对本单位得分，如有异议请于{date_words(appeal_deadline)}前申诉",
                url=f"{url}unit/{s.unit_id}/",
                unit=s.unit,
            )
            for s in run.scores.select_related("unit")
        ]
    )
    return run


def _period_label(text: str) -> str:
    try:
        return parse_assessment_period(text).label
    except PeriodError:
        return text


@transaction.atomic
def appeal_file(
    *, actor, item: ScoreItem, reason: str, attachment: tuple[str, bytes] | None = None
) -> Appeal:
    """单位对本单位的得分项申诉（理由、证明材料），限申诉期内。"""
    require_capability(actor, APPEAL, allow_system=False)
    unit_score = item.unit_score
    run = _lock(unit_score.run)
    if actor.unit_id != unit_score.unit_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("得分项不存在或无权访问"))
    if run.status != RunStatus.REVIEW:
        raise ApplicationError(ErrorCode.CONFLICT, _("评分不在征求意见期间，不能申诉"))
    if run.appeal_deadline and clock.today() > run.appeal_deadline:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("申诉期已于%(day)s截止") % {"day": date_words(run.appeal_deadline)}
        )
    if not (reason or "").strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请写明申诉理由"))
    if not item.evidence.exists():
        raise ApplicationError(ErrorCode.CONFLICT, _("该项未失分，无需申诉"))
    if item.appeals.filter(state=AppealState.OPEN).exists():
        raise ApplicationError(ErrorCode.DUPLICATE, _("该得分项已有待处理的申诉"))
    evidence = _store_attachment(actor, unit_score.unit, attachment)
    appeal = Appeal.objects.create(item=item, reason=reason.strip(), attachment=evidence, filed_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.APPEAL_FILED,
        target=appeal,
        detail={"run": run.pk, "item": item.pk, "criterion": item.criterion, "points": str(item.points)},
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *, actor, appeal: Appeal, accept: bool, note: str, new_points: Decimal | None = None
) -> Appeal:
    """共治办处理申诉：采纳则调整该项得分并留痕（原分、新分、处理人、理由），不予采纳须说明理由。"""
    require_scheme_office(actor, appeal.item.unit_score.run.version.scheme)
    appeal = (
        Appeal.objects.select_for_update(of=("self",)).select_related("item__unit_score").get(pk=appeal.pk)
    )
    run = _lock(appeal.item.unit_score.run)
    if appeal.state != AppealState.OPEN:
        raise ApplicationError(ErrorCode.CONFLICT, _("申诉已处理"))
    if run.status not in (RunStatus.REVIEW,):
        raise ApplicationError(ErrorCode.CONFLICT, _("评分已提交审批或已审定，不能再处理申诉"))
    if not (note or "").strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请写明处理意见"))
    item = appeal.item
    appeal.old_points = item.points
    if accept:
        if new_points is None:
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("采纳申诉须填写调整后得分"))
        new_points = _q(new_points)
        if item.kind == Measure.VETO:  # accepted: the veto is lifted (its item takes nothing away)
            if new_points != 0 or not item.unit_score.vetoed:
                raise ApplicationError(
                    ErrorCode.INVALID_INPUT, _("采纳对一票否决的申诉即撤销否决，调整后得分应为0")
                )
            UnitScore.objects.filter(pk=item.unit_score_id).update(vetoed=False)
        high = max(item.max_points, ZERO)
        if item.kind != Measure.VETO and not (item.points < new_points <= high):
            raise ApplicationError(
                ErrorCode.INVALID_INPUT,
                _("调整后得分应高于原得分%(old)s分、不超过%(high)s分") % {"old": item.points, "high": high},
            )
        item.points = new_points
        item.note = (item.note + "；" if item.note else "") + f"申诉采纳：{appeal.old_points}→{new_points}分"
        item.save(update_fields=["points", "note"])
        appeal.new_points = new_points
        _rerank(run)
    appeal.state = AppealState.ACCEPTED if accept else AppealState.REJECTED
    appeal.decided_by, appeal.decided_at, appeal.decision_note = actor, clock.now(), note.strip()
    appeal.save()
    audit_record(
        actor=actor,
        action=AuditAction.APPEAL_DECIDED,
        target=appeal,
        detail={
            "run": run.pk,
            "accepted": accept,
            "old_points": str(appeal.old_points),
            "new_points": str(appeal.new_points) if appeal.new_points is not None else None,
            "note": note.strip()[:200],
        },
    )
    return appeal


@transaction.atomic
def run_submit(*, actor, run: ScoreRun) -> ScoreRun:
    """提交审批：申诉全部处理完毕后，由经办人提交，另一人审定。"""
    require_scheme_office(actor, run.version.scheme)
    run = _lock(run)
    if run.status != RunStatus.REVIEW:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有征求意见中的评分可以提交审批"))
    if Appeal.objects.filter(item__unit_score__run=run, state=AppealState.OPEN).exists():
        raise ApplicationError(ErrorCode.CONFLICT, _("尚有未处理的申诉，不能提交审批"))
    run.status, run.submitted_by, run.submitted_at = RunStatus.SUBMITTED, user_or_none(actor), clock.now()
    run.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.ASSESSMENT_SUBMITTED, target=run)
    return run


@transaction.atomic
def run_approve(*, actor, run: ScoreRun) -> ScoreRun:
    """审定（审核人不得是提交人）：最终排名冻结，不再改变。"""
    require_capability(actor, APPROVE, allow_system=False)
    require_scheme_office(actor, run.version.scheme, capability=APPROVE)
    run = _lock(run)
    if run.status != RunStatus.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有待审批的评分可以审定"))
    if run.submitted_by_id == actor.pk:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("审定人不能是提交人（经办与审核分离）"))
    run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, actor, clock.now()
    run.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_APPROVED,
        target=run,
        detail={"fingerprint": run.fingerprint},
    )
    return run


# --- notices (通报) ----------------------------------------------------------------------------


@transaction.atomic
def notice_draft(*, actor, run: ScoreRun) -> Notice:
    """起草通报：由已审定的评分和本期的逾期、不完整、不准确报送及逾期疑点生成，可修改。"""
    from gongzhi.assessment.notices import draft_text

    run = ScoreRun.objects.select_related("version__scheme").get(pk=run.pk)
    require_scheme_office(actor, run.version.scheme)
    if run.status != RunStatus.APPROVED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有审定后的考核结果可以通报"))
    title, body, commended, criticised = draft_text(run)
    notice = Notice.objects.create(
        run=run,
        title=title,
        body=body,
        commended=commended,
        criticised=criticised,
        drafted_by=user_or_none(actor),
    )
    audit_record(actor=actor, action=AuditAction.NOTICE_DRAFTED, target=notice, detail={"run": run.pk})
    return notice


def _lock_notice(notice: Notice) -> Notice:
    return Notice.objects.select_for_update().get(pk=notice.pk)


@transaction.atomic
def notice_update(*, actor, notice: Notice, title: str, body: str) -> Notice:
    require_scheme_office(actor, notice.run.version.scheme)
    notice = _lock_notice(notice)
    if notice.state != NoticeState.DRAFT:
        raise ApplicationError(ErrorCode.CONFLICT, _("通报已提交审批，不能修改"))
    if not title.strip() or not body.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("通报标题和正文不能为空"))
    notice.title, notice.body = title.strip()[:200], body.strip()
    notice.save(update_fields=["title", "body", "updated_at"])
    audit_record(actor=actor, action=AuditAction.NOTICE_EDITED, target=notice)
    return notice


@transaction.atomic
def notice_submit(*, actor, notice: Notice) -> Notice:
    require_scheme_office(actor, notice.run.version.scheme)
    notice = _lock_notice(notice)
    if notice.state != NoticeState.DRAFT:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有草稿可以提交审批"))
    notice.state, notice.submitted_by = NoticeState.SUBMITTED, user_or_none(actor)
    notice.save(update_fields=["state", "submitted_by", "updated_at"])
    audit_record(actor=actor, action=AuditAction.NOTICE_SUBMITTED, target=notice)
    return notice


@transaction.atomic
def notice_approve(*, actor, notice: Notice) -> Notice:
    """审批通报（审批人不得是提交人）。"""
    require_capability(actor, APPROVE, allow_system=False)
    require_scheme_office(actor, notice.run.version.scheme, capability=APPROVE)
    notice = _lock_notice(notice)
    if notice.state != NoticeState.SUBMITTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只有待审批的通报可以审批"))
    if notice.submitted_by_id == actor.pk:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("审批人不能是提交人（经办与审核分离）"))
    notice.state, notice.approved_by, notice.approved_at = NoticeState.APPROVED, actor, clock.now()
    notice.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.NOTICE_APPROVED, target=notice)
    return notice


@transaction.atomic
def notice_send(*, actor, notice: Notice) -> Notice:
    """印发：送达考核的每个单位（站内），记录各单位阅读时间。"""
    require_scheme_office(actor, notice.run.version.scheme)
    notice = _lock_notice(notice)
    if notice.state != NoticeState.APPROVED:
        raise ApplicationError(ErrorCode.CONFLICT, _("通报审批后才能印发"))
    now = clock.now()
    units = [s.unit for s in notice.run.scores.select_related("unit")]
    NoticeDelivery.objects.bulk_create([NoticeDelivery(notice=notice, unit=u, sent_at=now) for u in units])
    notice.state, notice.sent_at = NoticeState.SENT, now
    notice.save(update_fields=["state", "sent_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.NOTICE_SENT, target=notice, detail={"units": len(units)})
    url, title = notice.get_absolute_url(), notice.title
    transaction.on_commit(
        lambda: [
            notify(key=f"assessment-notice-{notice.pk}-{u.pk}", text=title, url=url, unit=u) for u in units
        ]
    )
    return notice


@transaction.atomic
def notice_read(*, actor, notice: Notice) -> NoticeDelivery | None:
    """阅读回执：单位的人员第一次打开通报时记录。"""
    if actor is None or not getattr(actor, "unit_id", None):
        return None
    delivery = NoticeDelivery.objects.select_for_update().filter(notice=notice, unit_id=actor.unit_id).first()
    if delivery is None or delivery.read_at is not None:
        return delivery
    delivery.read_at, delivery.read_by = clock.now(), actor
    delivery.save(update_fields=["read_at", "read_by"])
    audit_record(actor=actor, action=AuditAction.NOTICE_READ, target=notice, detail={"unit": actor.unit_id})
    return delivery
