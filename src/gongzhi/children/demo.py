"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order."""

import datetime


def load(*, today: datetime.date) -> list[str]:
    return []
