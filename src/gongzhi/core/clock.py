"""The one clock: every reading of the current date or time goes through here.

Services take `today`/`now` as keyword arguments where a caller may want another day (tests,
the demo, `--as-of`); when none is given they ask this module. Tests move the clock with
time-machine, which both functions honour.
"""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    """The current moment, timezone-aware."""
    return timezone.now()


def today() -> datetime.date:
    """Today's date in the project's time zone (Asia/Shanghai)."""
    return timezone.localdate(timezone.now())
