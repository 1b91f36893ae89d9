"""The client address of the current request, for the audit trail.

Set by `gongzhi.core.middleware.RequestContextMiddleware`, read by `gongzhi.core.audit`; kept
apart from both so that the audit trail (domain) does not import the middleware (interface).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("gongzhi_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


@contextmanager
def client_ip_bound(ip: str | None) -> Iterator[None]:
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)
