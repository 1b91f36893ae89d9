"""Is the demo honest about time? Every dated field of every model, against the reference day.

`date_problems(today)` lists, in plain words, every row that
- records something that happened (created, updated, submitted, issued, answered, reported,
  decided, a period that ended …) after the reference day; planned dates (deadlines, due days,
  validity ends, lockouts, expiries) may lie ahead;
- has its dates in the wrong order: an order due before it was issued or answered before it,
  a report or value entered before its round opened, a report reviewed before it was submitted,
  a submission made before its period ended, a row updated before it was created.
Used by tests/demo/test_demo_dates.py over the demo loaded on several reference days.
"""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

# Dates that are planned, not recorded: they may be after the reference day.
PLANNED = {"deadline", "due_date", "valid_until", "until", "blocked_until", "expires_at", "appeal_deadline"}
# Rows of the worker itself (not demo content).
SKIP_MODELS = {"core.WorkerHeartbeat"}


def date_problems(today: datetime.date) -> list[str]:
    end = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    problems: list[str] = []

    def count(model, label: str, **lookup) -> None:
        n = model._default_manager.filter(**lookup).count()
        if n:
            problems.append(f"{model._meta.label}: {n} {label}")

    for model in apps.get_models():
        if not model.__module__.startswith("gongzhi") or model._meta.label in SKIP_MODELS:
            continue
        names = set()
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or field.name in PLANNED:
                continue
            names.add(field.name)
            if isinstance(field, models.DateTimeField):
                count(model, f"{field.name} after {today}", **{f"{field.name}__gte": end})
            else:
                count(model, f"{field.name} after {today}", **{f"{field.name}__gt": today})
        if {"created_at", "updated_at"} <= names:
            count(model, "updated before created", updated_at__lt=F("created_at"))

    tz = timezone.get_current_timezone()
    order = apps.get_model("supervision", "SupervisionOrder")
    issued = order.objects.annotate(issued=TruncDate("created_at", tzinfo=tz))
    if n := issued.filter(deadline__lt=F("issued")).count():
        problems.append(f"{order._meta.label}: {n} due before issued")
    count(order, "answered before issued", answered_at__lt=F("created_at"))
    count(order, "closed before issued", closed_at__lt=F("created_at"))
    report = apps.get_model("supervision", "TaskReport")
    count(report, "submitted before its round opened", submitted_at__lt=F("round__created_at"))
    count(report, "created before its round opened", created_at__lt=F("round__created_at"))
    count(report, "reviewed before submitted", reviewed_at__lt=F("submitted_at"))
    value = apps.get_model("supervision", "IndicatorValue")
    count(value, "reported before its round opened", reported_at__lt=F("round__created_at"))
    submission = apps.get_model("exchange", "Submission")
    made = submission.objects.annotate(made=TruncDate("created_at", tzinfo=tz))
    if n := made.filter(period_end__gte=F("made")).count():
        problems.append(f"{submission._meta.label}: {n} submitted before its period ended")
    grant = apps.get_model("exchange", "AccessGrant")
    count(grant, "decided before requested", decided_at__lt=F("created_at"))
    lead = apps.get_model("taxrisk", "Lead")
    dated = lead.objects.annotate(found=TruncDate("created_at", tzinfo=tz))
    if n := dated.filter(deadline__lt=F("found")).count():
        problems.append(f"{lead._meta.label}: {n} due before found")
    return problems
