"""The demo data set, loaded by `gongzhi demo`: each app contributes a loader, in order.

Every loader is idempotent (running the demo twice changes nothing) and labels what it
invents as synthetic (演示数据). Every loader dates what it makes from one reference day,
`today` (the clock's by default), and never after it: nothing in the demo is in the future.

Rows stamped by the database layer (created_at, audit entries, job records, lead events …) take
the time from `django.utils.timezone.now`. When the reference day is not the clock's day, the
loaders run under `reference_clock`, which makes that function answer with a moment of the
reference day (17:00, ticking on), so those stamps are honest too; the loaders themselves date
what happened before (a report of last quarter, an order of last month) explicitly.
`tests/demo/test_demo_dates.py` checks every dated field of every model on a few days.
"""

import contextlib
import datetime
from collections.abc import Iterator
from unittest import mock

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from gongzhi.core import clock

REFERENCE_TIME = datetime.time(17, 0)


@contextlib.contextmanager
def reference_clock(today: datetime.date) -> Iterator[None]:
    """While loading the demo as of another day: `timezone.now()` is that day at 17:00 plus the
    time spent since (a load takes minutes, so it stays within the day)."""
    if today == clock.today():
        yield
        return
    real_now = timezone.now
    started = real_now()
    start = timezone.make_aware(datetime.datetime.combine(today, REFERENCE_TIME))

    def now() -> datetime.datetime:
        return start + (real_now() - started)

    # fields declared with default=timezone.now hold the function itself: point them here too
    # (Field caches its default getter in `_get_default`)
    fields = [f for model in apps.get_models() for f in model._meta.concrete_fields if f.default is real_now]
    try:
        for f in fields:
            f.default = now
            f.__dict__.pop("_get_default", None)
        with mock.patch.object(timezone, "now", now):
            yield
    finally:
        for f in fields:
            f.default = real_now
            f.__dict__.pop("_get_default", None)


DEMO_LOADERS = [
    "gongzhi.org.demo.load",
    "gongzhi.accounts.demo.load",
    "gongzhi.plans.demo.load",
    "gongzhi.exchange.demo.load",
    "gongzhi.supervision.demo.load",
    "gongzhi.demo.taxrisk.load",
    "gongzhi.credit.demo.load",
    "gongzhi.credit.demo_lists.load_lists",
    "gongzhi.credit.demo_push.load_push",
    "gongzhi.assessment.demo.load",
    "gongzhi.meetings.demo.load",
    "gongzhi.cogov.demo.load",
    "gongzhi.economy.demo.load",
    "gongzhi.economy.demo_whatif.load",
    "gongzhi.supervision.demo_funding.load",
    "gongzhi.children.demo.load",
    "gongzhi.children.register.demo.load",
]


def demo_load(*, today: datetime.date | None = None, stdout=None) -> list[str]:
    today = today or clock.today()
    lines: list[str] = []
    with reference_clock(today):
        for path in DEMO_LOADERS:
            lines.extend(import_string(path)(today=today) or [])
    if stdout is not None:
        for line in lines:
            stdout.write(line)
    return lines
