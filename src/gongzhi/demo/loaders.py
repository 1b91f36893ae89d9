"""The demo data set, loaded by `gongzhi demo`: each app contributes a loader, in order.

Every loader is idempotent (running the demo twice changes nothing) and labels what it
invents as synthetic (演示数据). Every loader dates what it makes from one reference day,
`today` (the clock's by default), and never after it: nothing in the demo is in the future.
"""

import datetime

from django.utils.module_loading import import_string

from gongzhi.core import clock

DEMO_LOADERS = [
    "gongzhi.org.demo.load",
    "gongzhi.accounts.demo.load",
    "gongzhi.plans.demo.load",
    "gongzhi.exchange.demo.load",
    "gongzhi.supervision.demo.load",
    "gongzhi.demo.taxrisk.load",
]


def demo_load(*, today: datetime.date | None = None, stdout=None) -> list[str]:
    today = today or clock.today()
    lines: list[str] = []
    for path in DEMO_LOADERS:
        lines.extend(import_string(path)(today=today) or [])
    if stdout is not None:
        for line in lines:
            stdout.write(line)
    return lines
