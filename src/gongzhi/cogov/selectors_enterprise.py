"""Reads of enterprise requests (企业诉求): scoped lists, one request, the public status by receipt
number and credit code, who may do what, the counts by unit and type, and the leader's figures,
the to-dos and the overdue warnings (`leader_summary`, `due_for`, `overdue`: the contract of the
cogov parts, read by `gongzhi.workspace.cogov_parts`).

Personal data (the contact's name and phone) is masked on every list; unmasked only on one
request's page, for the office (cogov.enterprise_contacts) and the units that work the request or
entered it, and each such read is audited.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.cogov.choices_enterprise import (
    LIST_FILTERS,
    RequestKind,
    RequestState,
    Satisfaction,
    UnitRole,
)
from gongzhi.cogov.models_enterprise import (
    OPEN_STATES,
    EnterpriseRequest,
    EnterpriseRequestUnit,
    clean_uscc,
)
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.masking import mask_name, mask_phone
from gongzhi.core.permissions import access_or_404, has_capability, require_capability

RECEIPT_RE = re.compile(r"[0-9A-Z]{8,20}")
FILTERS = dict(LIST_FILTERS)


def _parts() -> Prefetch:
    return Prefetch("units", queryset=EnterpriseRequestUnit.objects.select_related("unit"))


def request_list(
    *,
    user,
    status: str = "",
    kind: str = "",
    unit_id: int | None = None,
    closed_year: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[EnterpriseRequest]:
    """The requests the user may see, newest first; `status` is one of LIST_FILTERS (open,
    overdue, a state, unrated, rated); `unit_id` keeps those a unit works; `closed_year` those
    closed in that year."""
    require_capability(user, "cogov.enterprise_view")
    today = today or clock.today()
    qs = EnterpriseRequest.objects.visible_to(user)
    if status == "open":
        qs = qs.open()
    elif status == "overdue":
        qs = qs.overdue(today)
    elif status == "unrated":
        qs = qs.filter(state=RequestState.CLOSED, satisfaction="")
    elif status == "rated":
        qs = qs.filter(state=RequestState.CLOSED).exclude(satisfaction="")
    elif status in RequestState.values:
        qs = qs.filter(state=status)
    if kind:
        qs = qs.filter(kind=kind)
    if closed_year:
        qs = qs.filter(state=RequestState.CLOSED, closed_on__year=closed_year)
    if unit_id:
        qs = qs.filter(pk__in=EnterpriseRequestUnit.objects.filter(unit_id=unit_id).values("request_id"))
    return qs.select_related("entered_unit").prefetch_related(_parts()).order_by("-received_on", "-pk")


def request_get(*, user, pk) -> EnterpriseRequest:
    """One request, if the user may see it (404 whether missing or not his)."""
    require_capability(user, "cogov.enterprise_view")
    qs = EnterpriseRequest.objects.visible_to(user).select_related("entered_unit", "entered_by")
    return access_or_404(qs.prefetch_related(_parts()), pk)


# --- who may do what --------------------------------------------------------------------------


def _own_part(user, request: EnterpriseRequest) -> EnterpriseRequestUnit | None:
    if user is None or getattr(user, "unit_id", None) is None:
        return None
    return next((p for p in request.units.all() if p.unit_id == user.unit_id), None)


def lead_part(request: EnterpriseRequest) -> EnterpriseRequestUnit | None:
    return next((p for p in request.units.all() if p.role == UnitRole.LEAD), None)


def can_route(user, request: EnterpriseRequest) -> bool:
    return has_capability(user, "cogov.enterprise_route") and request.state != RequestState.CLOSED


def can_answer(user, request: EnterpriseRequest) -> bool:
    """The user's unit has a part in the request, which is being worked."""
    return (
        has_capability(user, "cogov.enterprise_answer")
        and request.state in OPEN_STATES
        and _own_part(user, request) is not None
    )


def can_close(user, request: EnterpriseRequest) -> bool:
    part = _own_part(user, request)
    return (
        has_capability(user, "cogov.enterprise_answer")
        and request.state == RequestState.ANSWERED
        and part is not None
        and part.role == UnitRole.LEAD
    )


def can_rate(user, request: EnterpriseRequest) -> bool:
    return (
        has_capability(user, "cogov.enterprise_route")
        and request.state == RequestState.CLOSED
        and not request.satisfaction
    )


def own_part(user, request: EnterpriseRequest) -> EnterpriseRequestUnit | None:
    return _own_part(user, request)


# --- personal data ----------------------------------------------------------------------------


def can_see_contact(user, request: EnterpriseRequest) -> bool:
    """The office, and the units that work the request or entered it (they call the enterprise)."""
    if has_capability(user, "cogov.enterprise_contacts"):
        return True
    if not has_capability(user, "cogov.enterprise_view") or getattr(user, "unit_id", None) is None:
        return False
    return _own_part(user, request) is not None or request.entered_unit_id == user.unit_id


def masked_contact(request: EnterpriseRequest) -> dict:
    return {
        "name": mask_name(request.contact_name),
        "phone": mask_phone(request.contact_phone),
        "masked": True,
    }


def contact_for(*, user, request: EnterpriseRequest, purpose: str = "") -> dict:
    """The contact as the user may see it: unmasked (and the read audited) or masked."""
    if not can_see_contact(user, request):
        return masked_contact(request)
    audit_record(
        actor=user,
        action=AuditAction.ENTERPRISE_CONTACT_VIEWED,
        target=request,
        purpose=purpose or _("办理企业诉求"),
    )
    return {"name": request.contact_name, "phone": request.contact_phone, "masked": False}


# --- the public status page -------------------------------------------------------------------


def public_status(*, receipt_no: str, uscc: str) -> EnterpriseRequest | None:
    """The request with this receipt number and credit code (both must match), or None."""
    receipt = (receipt_no or "").strip().upper()
    code = clean_uscc(uscc)
    if not RECEIPT_RE.fullmatch(receipt) or len(code) != 18:
        return None
    return EnterpriseRequest.objects.filter(receipt_no=receipt, uscc=code).prefetch_related(_parts()).first()


# --- counts by unit and by type ---------------------------------------------------------------


@dataclass
class Counts:
    """One row of the counts: a unit (its parts) or a type (its requests)."""

    key: object
    label: str
    total: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    rated: int = 0
    satisfied: int = 0  # 满意 or 基本满意
    by_satisfaction: dict = field(default_factory=dict)

    @property
    def on_time_rate(self) -> int | None:
        return round(100 * self.on_time / self.answered) if self.answered else None

    @property
    def satisfaction_rate(self) -> int | None:
        return round(100 * self.satisfied / self.rated) if self.rated else None


def _rate_into(row: Counts, request: EnterpriseRequest) -> None:
    if request.satisfaction:
        row.rated += 1
        row.satisfied += request.satisfaction in (Satisfaction.SATISFIED, Satisfaction.BASIC)
        row.by_satisfaction[request.satisfaction] = row.by_satisfaction.get(request.satisfaction, 0) + 1


def stats(*, user, year: int | None = None, today: datetime.date | None = None) -> dict:
    """Counts of the requests received in `year` (all years if None): by unit (each unit's parts:
    answered in time, late, overdue, pending; the satisfaction of the requests it worked) and by
    type (requests closed in time, late, overdue; satisfaction)."""
    require_capability(user, "cogov.enterprise_stats")
    today = today or clock.today()
    qs = EnterpriseRequest.objects.all()
    if year:
        qs = qs.filter(received_on__year=year)
    requests = list(qs.prefetch_related(_parts()))
    by_unit: dict[int, Counts] = {}
    by_kind: dict[str, Counts] = {k: Counts(k, str(label)) for k, label in RequestKind.choices}
    total = Counts("all", _("合计"))
    for r in requests:
        for part in r.units.all():
            row = by_unit.setdefault(part.unit_id, Counts(part.unit_id, part.unit.name))
            row.total += 1
            if part.answered_on is not None:
                row.answered += 1
                if part.answered_on_time:
                    row.on_time += 1
                else:
                    row.late += 1
            elif part.is_overdue(today):
                row.overdue += 1
            else:
                row.pending += 1
            _rate_into(row, r)
        for row in (by_kind[r.kind], total):
            row.total += 1
            if r.state == RequestState.CLOSED:
                row.answered += 1
                if r.closed_on_time:
                    row.on_time += 1
                else:
                    row.late += 1
            elif r.is_overdue(today):
                row.overdue += 1
            else:
                row.pending += 1
            _rate_into(row, r)
    units = sorted(by_unit.values(), key=lambda row: (-row.total, row.label))
    return {
        "by_unit": units,
        "by_kind": [row for row in by_kind.values() if row.total],
        "total": total,
        "new": sum(r.state == RequestState.NEW for r in requests),
    }


def years(*, user) -> list[int]:
    require_capability(user, "cogov.enterprise_stats")
    return sorted({d.year for d in EnterpriseRequest.objects.dates("received_on", "year")}, reverse=True)


# --- the contract of the cogov parts ----------------------------------------------------------


def _list_url(status: str, closed_year: int | None = None) -> str:
    url = f"{reverse('cogov:enterprise_list')}?status={status}"
    return f"{url}&closed_year={closed_year}" if closed_year else url


def leader_summary(*, user, today) -> list[dict]:
    """The leader's figures of enterprise requests, each one click from its list: open, overdue,
    closed this year and the satisfaction rate of the rated ones among them."""
    if not has_capability(user, "cogov.enterprise_view"):
        return []
    year = Q(closed_on__year=today.year, state=RequestState.CLOSED)
    rated = year & ~Q(satisfaction="")
    figures = EnterpriseRequest.objects.visible_to(user).aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("pk", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
        closed=Count("pk", filter=year),
        rated=Count("pk", filter=rated),
        satisfied=Count(
            "pk", filter=rated & Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])
        ),
    )
    open_count, overdue_count = figures["open"], figures["overdue"]
    rows = [
        {
            "label": _("企业诉求办理中"),
            "value": open_count,
            "url": _list_url("open"),
            "tone": "",
        },
        {
            "label": _("企业诉求逾期未办结"),
            "value": overdue_count,
            "url": _list_url("overdue"),
            "tone": "danger" if overdue_count else "",
        },
        {
            "label": _("今年办结企业诉求"),
            "value": figures["closed"],
            "url": _list_url(RequestState.CLOSED, today.year),
            "tone": "",
        },
    ]
    if figures["rated"]:
        rate = round(100 * figures["satisfied"] / figures["rated"])
        rows.append(
            {
                "label": _("今年企业满意率（%）"),
                "value": rate,
                # the rated requests closed this year: the ones the rate is computed from (the
                # counts page counts by the year received, another basis)
                "url": _list_url("rated", today.year),
                "tone": "warning" if rate < 90 else "",
            }
        )
    return rows


def _due_row(kind: str, label: str, r: EnterpriseRequest, today, due: datetime.date | None) -> dict:
    return {
        "kind": kind,
        "label": label,
        "detail": f"{r.enterprise_name}：{r.get_kind_display()}",
        "url": reverse("cogov:enterprise_detail", args=[r.pk]),
        "due": due,
        "days_left": (due - today).days if due else None,
    }


def due_for(*, user, today) -> list[dict]:
    """What the user's unit (or the office) must do: answer its part, close as lead unit; for the
    office: route new requests and call back closed ones."""
    rows: list[dict] = []
    if not getattr(user, "is_authenticated", False):
        return rows
    if has_capability(user, "cogov.enterprise_route"):
        for r in EnterpriseRequest.objects.filter(state=RequestState.NEW).order_by("received_on", "pk"):
            rows.append(
                _due_row("enterprise_route", _("分办企业诉求%(n)s") % {"n": r.receipt_no}, r, today, None)
            )
        for r in EnterpriseRequest.objects.filter(state=RequestState.CLOSED, satisfaction="").order_by(
            "closed_on", "pk"
        ):
            rows.append(
                _due_row("enterprise_rate", _("回访企业诉求%(n)s") % {"n": r.receipt_no}, r, today, None)
            )
    if has_capability(user, "cogov.enterprise_answer") and user.unit_id is not None:
        parts = (
            EnterpriseRequestUnit.objects.filter(unit_id=user.unit_id, request__state__in=OPEN_STATES)
            .select_related("request")
            .order_by("request__deadline", "request_id")
        )
        for part in parts:
            r = part.request
            if part.answered_on is None:
                label = _("答复企业诉求%(n)s（%(role)s）") % {
                    "n": r.receipt_no,
                    "role": part.get_role_display(),
                }
                rows.append(_due_row("enterprise_answer", label, r, today, r.deadline))
            elif part.role == UnitRole.LEAD and r.state == RequestState.ANSWERED:
                label = _("办结企业诉求%(n)s（各单位已答复）") % {"n": r.receipt_no}
                rows.append(_due_row("enterprise_close", label, r, today, r.deadline))
    return rows


def overdue(*, today) -> list[dict]:
    """Overdue warnings, one per unit and request: a part not answered past the deadline, or the
    lead unit's closing when every unit has answered but the request is still open."""
    rows = []
    parts = (
        EnterpriseRequestUnit.objects.filter(request__state__in=OPEN_STATES, request__deadline__lt=today)
        .select_related("request")
        .order_by("request__deadline", "request_id", "unit_id")
    )
    for part in parts:
        r = part.request
        days = (today - r.deadline).days
        url = reverse("cogov:enterprise_detail", args=[r.pk])
        if part.answered_on is None:
            label = _("企业诉求%(n)s（%(role)s）逾期%(d)s天未答复") % {
                "n": r.receipt_no,
                "role": part.get_role_display(),
                "d": days,
            }
        elif part.role == UnitRole.LEAD and r.state == RequestState.ANSWERED:
            label = _("企业诉求%(n)s逾期%(d)s天未办结") % {"n": r.receipt_no, "d": days}
        else:
            continue
        rows.append({"unit_id": part.unit_id, "label": label, "url": url, "days_over": days})
    return rows
