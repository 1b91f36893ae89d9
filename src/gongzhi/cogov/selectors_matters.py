"""Reads of the important-matter reports: who sees which (the office and the leader all; a unit
what it filed and what was assigned to it), reading a matter (audited), its attachments, the
leader's figures, the to-dos and the overdue acknowledgements.

The meetings a matter was put on are found through a hook the meetings app registers
(`register_agenda_lookup`): meetings sits above cogov, so cogov never imports it."""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongzhi.cogov.models_matters import ImportantMatter, ImportantMatterAttachment, MatterState
from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.permissions import access_or_404, require_capability
from gongzhi.core.roles import Role

_agenda_lookups: list[Callable | str] = []


def register_agenda_lookup(lookup: Callable | str) -> None:
    """`lookup(*, user, url) -> list[dict(label, url, date)]`: the meetings whose agenda links `url`.
    A dotted path is imported at the first call (an app's ready() stays cheap: every command's
    start pays for what ready() imports)."""
    if lookup not in _agenda_lookups:
        _agenda_lookups.append(lookup)


def matter_url(matter: ImportantMatter) -> str:
    return reverse("cogov:matters_detail", args=[matter.pk])


def matter_meetings(*, user, matter: ImportantMatter) -> list[dict]:
    rows: list[dict] = []
    for lookup in _agenda_lookups:
        if isinstance(lookup, str):
            lookup = import_string(lookup)
        rows.extend(lookup(user=user, url=matter_url(matter)))
    return rows


# the list's `state` filters beyond the states themselves (the leader's figures link to each)
EXTRA_STATES = {"open": _lazy("未办结"), "ack_overdue": _lazy("逾期未签收")}


def matter_list(
    *,
    user,
    state: str = "",
    scope: str = "",
    closed_year: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[ImportantMatter]:
    """`state`: a state, "open" (not closed) or "ack_overdue" (waiting for the office's
    acknowledgement past its due day on `today`); `closed_year`: closed in that year."""
    require_capability(user, "cogov.matters_view")
    matters = ImportantMatter.objects.visible_to(user).select_related("unit", "assigned_unit")
    if state == "open":
        matters = matters.exclude(state=MatterState.CLOSED)
    elif state == "ack_overdue":
        matters = matters.filter(state=MatterState.FILED, due_date__lt=today or clock.today())
    elif state in MatterState.values:
        matters = matters.filter(state=state)
    if closed_year:
        matters = matters.filter(state=MatterState.CLOSED, closed_on__year=closed_year)
    if scope == "filed" and user.unit_id:
        matters = matters.filter(unit_id=user.unit_id)
    elif scope == "assigned" and user.unit_id:
        matters = matters.filter(assigned_unit_id=user.unit_id)
    return matters


def matter_get(*, user, pk, audit: bool = True) -> ImportantMatter:
    matter = access_or_404(matter_list(user=user), pk)
    if audit:
        audit_record(actor=user, action=AuditAction.MATTER_VIEWED, target=matter)
    return matter


def open_matters(*, user) -> QuerySet[ImportantMatter]:
    """Matters not closed yet, for the meeting agenda."""
    return matter_list(user=user, state="open").order_by("-filed_on", "-pk")


def attachment_get(*, user, pk) -> ImportantMatterAttachment:
    attachment = access_or_404(
        ImportantMatterAttachment.objects.filter(matter__in=matter_list(user=user)).select_related("matter"),
        pk,
    )
    audit_record(
        actor=user,
        action=AuditAction.MATTER_ATTACHMENT_VIEWED,
        target=attachment.matter,
        detail={"attachment": attachment.pk, "filename": attachment.filename},
    )
    return attachment


def office_unit_ids() -> list[int]:
    """The units that receive the reports: those of the active 共治办 (co-governance office) accounts."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(role=Role.COGOV_OFFICE, is_active=True, unit__isnull=False)
            .values_list("unit_id", flat=True)
        )
    )


def _list_url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("cogov:matters_list") + (f"?{query}" if query else "")


def leader_summary(*, user, today) -> list[dict]:
    """Open matters, those waiting for acknowledgement past due, those closed this year."""
    if not user.has_capability("cogov.matters_view_all"):
        return []
    open_count = matter_list(user=user, state="open").count()
    late = matter_list(user=user, state="ack_overdue", today=today).count()
    closed = matter_list(user=user, closed_year=today.year).count()
    return [
        {
            "label": _("重要事项未办结"),
            "value": open_count,
            "url": _list_url(state="open"),
            "tone": "warning" if open_count else "",
        },
        {
            "label": _("重要事项逾期未签收"),
            "value": late,
            "url": _list_url(state="ack_overdue"),
            "tone": "danger" if late else "",
        },
        {
            "label": _("重要事项本年办结"),
            "value": closed,
            "url": _list_url(state="closed", closed_year=today.year),
            "tone": "",
        },
    ]


def due_for(*, user, today) -> list[dict]:
    """The office: matters to acknowledge (due by urgency); a unit: matters assigned to it, open."""
    items = []
    if user.has_capability("cogov.matters_handle"):
        for m in (
            ImportantMatter.objects.filter(state=MatterState.FILED)
            .select_related("unit")
            .order_by("due_date")
        ):
            items.append(
                {
                    "kind": "matter_acknowledge",
                    "label": _("签收重要事项：%(title)s") % {"title": m.title},
                    "detail": _("%(unit)s报告，%(urgency)s")
                    % {"unit": m.unit, "urgency": m.get_urgency_display()},
                    "url": matter_url(m),
                    "due": m.due_date,
                    "days_left": (m.due_date - today).days,
                }
            )
    if user.unit_id is not None:
        for m in ImportantMatter.objects.filter(
            Q(state=MatterState.ASSIGNED), assigned_unit_id=user.unit_id
        ).order_by("deadline"):
            items.append(
                {
                    "kind": "matter_assigned",
                    "label": _("办理交办的重要事项：%(title)s") % {"title": m.title},
                    "detail": m.assign_note[:100],
                    "url": matter_url(m),
                    "due": m.deadline,
                    "days_left": (m.deadline - today).days if m.deadline else None,
                }
            )
    return items


def overdue(*, today: datetime.date) -> list[dict]:
    """Matters not acknowledged past their due day, warned to the co-governance office (the units
    of the active 共治办 accounts), and assigned matters past their deadline (the assigned unit)."""
    rows = []
    offices = office_unit_ids()
    for m in ImportantMatter.objects.filter(state=MatterState.FILED, due_date__lt=today).order_by("due_date"):
        for unit_id in offices:
            rows.append(
                {
                    "unit_id": unit_id,
                    "label": _("重要事项逾期未签收：%(title)s（%(unit)s报告）")
                    % {"title": m.title, "unit": m.unit},
                    "url": matter_url(m),
                    "days_over": (today - m.due_date).days,
                }
            )
    for m in ImportantMatter.objects.filter(
        state=MatterState.ASSIGNED, deadline__isnull=False, deadline__lt=today
    ).order_by("deadline"):
        rows.append(
            {
                "unit_id": m.assigned_unit_id,
                "label": _("交办的重要事项逾期未办结：%(title)s") % {"title": m.title},
                "url": matter_url(m),
                "days_over": (today - m.deadline).days,
            }
        )
    return rows
