"""The demo data set, loaded by `gongzhi demo`: each app contributes a loader, in order.

Every loader is idempotent (running the demo twice changes nothing) and labels what it
invents as synthetic (演示数据).
"""

from django.utils.module_loading import import_string

DEMO_LOADERS = [
    "gongzhi.org.demo.load",
    "gongzhi.accounts.demo.load",
    "gongzhi.plans.demo.load",
    "gongzhi.exchange.demo.load",
    "gongzhi.supervision.demo.load",
    "gongzhi.taxrisk.demo.load",
]

DEMO_PASSWORD = "gongzhi-demo-2025"


def demo_load(*, stdout=None) -> list[str]:
    lines: list[str] = []
    for path in DEMO_LOADERS:
        lines.extend(import_string(path)() or [])
    if stdout is not None:
        for line in lines:
            stdout.write(line)
    return lines
