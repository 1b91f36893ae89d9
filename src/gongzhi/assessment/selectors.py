"""Assessment reads, scoped: the office (assessment.view_all) sees every run and unit; a unit sees
its own score and items once a run is published for review, and the ranking once it is approved."""

from django.db.models import QuerySet
from django.http import Http404

from gongzhi.assessment.choices import RunStatus
from gongzhi.assessment.models import Appeal, ManualItem, Notice, Scheme, ScoreRun, UnitScore
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import access_or_404, has_capability


def sees_all(user) -> bool:
    return has_capability(user, "assessment.view_all")


def scheme_list() -> QuerySet[Scheme]:
    return Scheme.objects.select_related("current").order_by("code")


def scheme_get(*, code: str) -> Scheme:
    scheme = Scheme.objects.select_related("current").filter(code=code).first()
    if scheme is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, f"考核办法“{code}”不存在")
    return scheme


def run_list(*, user) -> QuerySet[ScoreRun]:
    runs = ScoreRun.objects.select_related("version__scheme")
    if sees_all(user):
        return runs
    if not has_capability(user, "assessment.view_own") or not user.unit_id:
        return runs.none()
    return runs.exclude(status=RunStatus.DRAFT).filter(scores__unit_id=user.unit_id)


def run_get(*, user, pk) -> ScoreRun:
    return access_or_404(run_list(user=user), pk)


def run_scores(*, user, run: ScoreRun) -> QuerySet[UnitScore]:
    """The ranking as this user may see it: all of it for the office, and for a unit once the run is
    approved; before that a unit sees only its own line."""
    scores = run.scores.select_related("unit").order_by("rank", "unit__name")
    if sees_all(user) or run.status == RunStatus.APPROVED:
        return scores
    return scores.filter(unit_id=user.unit_id)


def unit_score_get(*, user, run: ScoreRun, unit_id) -> UnitScore:
    """One unit's score with its items: the office, or the unit itself."""
    scores = run.scores.select_related("unit")
    if not sees_all(user):
        scores = scores.filter(unit_id=user.unit_id or 0)
    score = scores.filter(unit_id=unit_id).first()
    if score is None:
        raise Http404("页面不存在或无权访问")
    return score


def appeal_list(*, user, run: ScoreRun) -> QuerySet[Appeal]:
    appeals = Appeal.objects.filter(item__unit_score__run=run).select_related(
        "item__unit_score__unit", "filed_by", "decided_by", "attachment"
    )
    if sees_all(user):
        return appeals
    return appeals.filter(item__unit_score__unit_id=user.unit_id or 0)


def manual_get(*, user, pk) -> ManualItem:
    items = ManualItem.objects.select_related("unit", "scheme", "attachment", "recorded_by")
    if not sees_all(user):
        items = items.filter(unit_id=user.unit_id or 0)
    return access_or_404(items, pk)


def notice_list(*, user) -> QuerySet[Notice]:
    notices = Notice.objects.select_related("run__version__scheme")
    if sees_all(user):
        return notices
    return notices.filter(deliveries__unit_id=user.unit_id or 0)


def notice_get(*, user, pk) -> Notice:
    return access_or_404(notice_list(user=user), pk)


def _number(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def run_payload(run: ScoreRun) -> dict:
    """The shape of `gongzhi assess score --json` (the whole run, as the system reads it)."""
    scores = list(
        run.scores.select_related("unit").prefetch_related("items__evidence").order_by("rank", "unit__name")
    )
    return {
        "scheme": run.version.scheme.code,
        "period": run.period,
        "units": [
            {
                "unit": s.unit.name,
                "score": _number(s.score),
                "rank": s.rank,
                "items": [
                    {
                        "criterion": i.criterion,
                        "points": _number(i.points),
                        "max_points": _number(i.max_points),
                        "evidence": [{"kind": e.kind, "id": e.ref, "text": e.text} for e in i.evidence.all()],
                    }
                    for i in s.items.all()
                ],
            }
            for s in scores
        ],
    }
