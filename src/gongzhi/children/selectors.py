"""Reads of councils and suggestions, scoped to the user (see permissions), and the public
children's page (published answers and approved indicator values only)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from gongzhi.children.choices import Adoption, SuggestionState
from gongzhi.children.models import ChildrenPage, Council, CouncilMember, CouncilSession, Suggestion
from gongzhi.children.permissions import can_facilitate, can_see_members, can_view, sees_all_suggestions
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import access_or_404, has_capability
from gongzhi.plans.choices import Comparator
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import Indicator, IndicatorValue
from gongzhi.supervision.monitoring import data_version

OPEN_STATES = [SuggestionState.ROUTED]
REMIND_DAYS = 3  # a unit is reminded this many days before an answer is due


def _require_view(user) -> None:
    if not can_view(user):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限查看儿童议事会"))


# --- councils --------------------------------------------------------------------------------


def council_list(*, user, today: datetime.date | None = None) -> QuerySet[Council]:
    """Every council with counts only (current members, sessions, suggestions): open to every
    `children.view` role; the members themselves are read through `council_members`."""
    if not has_capability(user, "children.view"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限查看儿童议事会"))
    today = today or clock.today()
    current = Q(members__left_on__isnull=True) | Q(members__left_on__gt=today)
    return (
        Council.objects.select_related("parent", "facilitator_unit")
        .annotate(
            member_count=Count("members", filter=current, distinct=True),
            session_count=Count("sessions", distinct=True),
            suggestion_count=Count("suggestions", distinct=True),
        )
        .order_by("level", "name")
    )


def council_tree(councils) -> list[tuple[int, Council]]:
    """(depth, council), each council after its parent."""
    by_parent: dict[int | None, list[Council]] = {}
    for c in councils:
        by_parent.setdefault(c.parent_id, []).append(c)
    known = {c.pk for c in councils}
    rows: list[tuple[int, Council]] = []

    def walk(parent_id, depth):
        for c in sorted(by_parent.get(parent_id, []), key=lambda c: c.name):
            rows.append((depth, c))
            walk(c.pk, depth + 1)

    walk(None, 0)
    for c in councils:  # a council whose parent the list does not hold
        if c.parent_id is not None and c.parent_id not in known:
            rows.append((0, c))
    return rows


def council_get(*, user, pk) -> Council:
    if not has_capability(user, "children.view"):
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("没有权限查看儿童议事会"))
    return access_or_404(Council.objects.select_related("parent", "facilitator_unit"), pk)


def council_members(*, user, council: Council, purpose: str = "") -> list[CouncilMember]:
    """The members of a council (minors' data): the facilitator unit and the office only; every
    read leaves an audit entry naming the council and how many members were shown."""
    if not can_see_members(user, council):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("议事会成员信息只有辅导单位和区妇儿工委办公室可以查看")
        )
    members = list(council.members.order_by("left_on", "joined_on", "pk"))
    audit_record(
        actor=user,
        action=AuditAction.CHILD_MEMBERS_VIEWED,
        target=council,
        purpose=purpose or "儿童议事会成员管理",
        detail={"members": len(members)},
    )
    return members


def member_get(*, user, pk) -> CouncilMember:
    member = access_or_404(CouncilMember.objects.select_related("council", "council__facilitator_unit"), pk)
    if not can_see_members(user, member.council):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("页面不存在或无权访问"))
    return member


def session_list(*, council: Council) -> QuerySet[CouncilSession]:
    return council.sessions.annotate(suggestion_count=Count("suggestions")).order_by("-date", "-pk")


def facilitated_councils(*, user) -> QuerySet[Council]:
    if user is None or not getattr(user, "unit_id", None):
        return Council.objects.none()
    if has_capability(user, "children.manage"):
        return Council.objects.all()
    if not has_capability(user, "children.facilitate"):
        return Council.objects.none()
    return Council.objects.filter(facilitator_unit_id=user.unit_id)


# --- suggestions -----------------------------------------------------------------------------


def suggestion_list(*, user, state: str = "") -> QuerySet[Suggestion]:
    """The office, leaders and evaluators: every suggestion; a unit: those routed to it and those
    of the councils it facilitates."""
    _require_view(user)
    qs = Suggestion.objects.select_related("council", "unit", "task", "session")
    if not sees_all_suggestions(user):
        if user.unit_id is None:
            return qs.none()
        mine = Q(unit_id=user.unit_id) & ~Q(state=SuggestionState.NEW)
        if has_capability(user, "children.facilitate"):
            mine |= Q(council__facilitator_unit_id=user.unit_id)
        qs = qs.filter(mine)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-received_on", "-pk")


def suggestion_get(*, user, pk) -> Suggestion:
    return access_or_404(suggestion_list(user=user), pk)


def shows_sender(user, suggestion: Suggestion) -> bool:
    """The optional first name and school a child typed on the public form: the office only."""
    return has_capability(user, "children.manage") and bool(suggestion.first_name or suggestion.school)


def suggestion_sender_read(*, user, suggestion: Suggestion) -> None:
    audit_record(
        actor=user,
        action=AuditAction.CHILD_SENDER_VIEWED,
        target=suggestion,
        purpose="办理儿童建议（查看自愿填写的名字和学校）",
    )


@dataclass
class Counts:
    name: str
    received: int = 0
    routed: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    adopted: int = 0
    partly: int = 0
    key: object = None

    @property
    def adopted_any(self) -> int:
        return self.adopted + self.partly


def suggestion_counts(*, user, by: str, today: datetime.date | None = None) -> list[Counts]:
    """Per council (`by="council"`) or per answering unit (`by="unit"`): received, answered, on time
    (answered by the deadline), overdue (open past the deadline), adopted (fully and partly)."""
    today = today or clock.today()
    rows: dict[object, Counts] = {}
    qs = suggestion_list(user=user).select_related(None).select_related("council", "unit")
    for s in qs.only("state", "deadline", "answered_on", "adoption", "council__name", "unit__name", "source"):
        if by == "council":
            key, name = (s.council_id, s.council.name) if s.council_id else (None, _("网上建议"))
        else:
            if s.unit_id is None:
                continue
            key, name = s.unit_id, s.unit.name
        row = rows.setdefault(key, Counts(name=name, key=key))
        row.received += 1
        if s.state != SuggestionState.NEW:
            row.routed += 1
        if s.answered_on:
            row.answered += 1
            row.on_time += s.answered_on_time
        elif s.deadline and s.deadline < today:
            row.overdue += 1
        row.adopted += s.adoption == Adoption.ADOPTED
        row.partly += s.adoption == Adoption.PARTLY
    return sorted(rows.values(), key=lambda r: (-r.received, r.name))


@dataclass
class DueSuggestion:
    suggestion: Suggestion
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)


def suggestions_due(*, user, today: datetime.date | None = None) -> list[DueSuggestion]:
    """The suggestions routed to the user's unit and not yet answered, most urgent first (for the
    unit's to-do list)."""
    today = today or clock.today()
    if user is None or not getattr(user, "unit_id", None) or not has_capability(user, "children.answer"):
        return []
    qs = Suggestion.objects.filter(unit_id=user.unit_id, state__in=OPEN_STATES).order_by("deadline", "pk")
    return [DueSuggestion(s, (s.deadline - today).days) for s in qs[:200]]


def can_enter_suggestions(user, council: Council) -> bool:
    return can_facilitate(user, council)


# --- the public children's page --------------------------------------------------------------

ICONS = [  # words in an indicator's name -> a Bootstrap icon (a simple picture of the target)
    ("公园", "tree"),
    ("绿", "tree"),
    ("阅读", "book"),
    ("图书", "book"),
    ("学校", "backpack"),
    ("幼儿园", "balloon"),
    ("托", "balloon"),
    ("运动", "bicycle"),
    ("体育", "bicycle"),
    ("游泳", "water"),
    ("医院", "hospital"),
    ("健康", "heart-pulse"),
    ("近视", "eye"),
    ("儿童之家", "house-heart"),
    ("儿童主任", "person-heart"),
    ("道路", "signpost-split"),
    ("安全", "shield-check"),
    ("议事", "chat-heart"),
    ("心理", "emoji-smile"),
]


def icon_for(name: str) -> str:
    for word, icon in ICONS:
        if word in name:
            return icon
    return "star"


@dataclass
class PublicTarget:
    name: str
    icon: str
    target: Decimal | None
    value: Decimal | None
    unit_of_measure: str
    period_end: datetime.date | None
    percent: int | None  # how far along, 0–100, for the progress bar
    reached: bool
    comparator: str


def _percent(indicator: Indicator, value: Decimal | None) -> tuple[int | None, bool]:
    target = indicator.target_value
    if value is None or target is None:
        return None, False
    if indicator.comparator in (Comparator.GTE, Comparator.GT, Comparator.EQ):
        if target <= 0:
            return None, False
        reached = value > target if indicator.comparator == Comparator.GT else value >= target
        return min(100, int(value * 100 / target)), reached
    if indicator.comparator in (Comparator.LTE, Comparator.LT):
        reached = value < target if indicator.comparator == Comparator.LT else value <= target
        if reached:
            return 100, True
        return (min(99, int(target * 100 / value)) if value > 0 else None), False
    return None, False


def public_targets(*, plan) -> list[PublicTarget]:
    """The plan's counted targets with their latest approved (审核通过) value: one value per
    indicator (not those reported unit by unit, nor dated commitments)."""
    indicators = list(
        Indicator.objects.filter(plan=plan, active=True, target_value__isnull=False)
        .exclude(kind__in=["per_unit", "milestone", "rate"])
        .order_by("order")
    )
    latest: dict[int, IndicatorValue] = {}
    for v in (
        IndicatorValue.objects.filter(indicator__in=indicators, state=ReportState.ACCEPTED)
        .only("indicator_id", "value", "period_end", "reported_at")
        .order_by("indicator_id", "period_end", "reported_at", "pk")
    ):
        latest[v.indicator_id] = v  # the last one of each indicator wins
    rows = []
    for ind in indicators:
        v = latest.get(ind.pk)
        value = v.value if v else None
        percent, reached = _percent(ind, value)
        rows.append(
            PublicTarget(
                name=ind.name,
                icon=icon_for(ind.name),
                target=ind.target_value,
                value=value,
                unit_of_measure=ind.unit_of_measure,
                period_end=v.period_end if v else None,
                percent=percent,
                reached=reached,
                comparator=ind.comparator,
            )
        )
    return rows


@dataclass
class PublicAnswer:
    text: str
    age_band: str
    council: str
    received_on: datetime.date
    unit: str
    adoption: str
    adoption_label: str
    answer: str
    answered_on: datetime.date | None


@dataclass
class PublicPage:
    heading: str
    intro: str
    plan_title: str
    targets: list[PublicTarget] = field(default_factory=list)
    answers: list[PublicAnswer] = field(default_factory=list)
    received: int = 0
    answered: int = 0


PUBLIC_CACHE_SECONDS = 3600
PUBLIC_ANSWERS = 50


def public_page() -> PublicPage | None:
    """What the public children's page shows: the published page's plan, its targets with approved
    values, and the published answers (text, age band, council, the unit's answer; never a name).

    Cached under a key made of the page's last change, the plan's data version (bumped by every
    change to indicator values) and the published answers' last change, so it is never stale."""
    page = (
        ChildrenPage.objects.filter(published=True)
        .select_related("plan")
        .only("pk", "heading", "intro", "updated_at", "plan__title")
        .order_by("pk")
        .first()
    )
    if page is None:
        return None
    published = Suggestion.objects.filter(state=SuggestionState.PUBLISHED).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    key = (
        f"children:public:{translation.get_language()}:{page.pk}:{page.updated_at.timestamp()}:{data_version(page.plan)}:"
        f"{published['n']}:{published['last'].timestamp() if published['last'] else 0}"
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = PublicPage(heading=page.heading, intro=page.intro, plan_title=page.plan.title)
    result.targets = public_targets(plan=page.plan)
    labels = dict(Adoption.choices)
    for s in (
        Suggestion.objects.filter(state=SuggestionState.PUBLISHED)
        .select_related("council", "unit")
        .order_by("-published_on", "-pk")[:PUBLIC_ANSWERS]
    ):
        result.answers.append(
            PublicAnswer(
                text=s.text,
                age_band=str(s.get_age_band_display()) if s.age_band else "",
                council=s.council.name if s.council_id else "",
                received_on=s.received_on,
                unit=s.unit.name if s.unit_id else "",
                adoption=s.adoption,
                adoption_label=str(labels.get(s.adoption, "")),
                answer=s.answer,
                answered_on=s.answered_on,
            )
        )
    counts = Suggestion.objects.aggregate(
        received=Count("pk"), answered=Count("pk", filter=Q(answered_on__isnull=False))
    )
    result.received, result.answered = counts["received"], counts["answered"]
    cache.set(key, result, PUBLIC_CACHE_SECONDS)
    return result
