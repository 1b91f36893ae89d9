"""Request middleware: client address for the audit trail, login required, language."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequiredMiddleware
from django.utils import translation

from gongzhi.core.request_context import client_ip_bound


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.GONGZHI_TRUSTED_PROXIES)))


def client_ip_of(request) -> str:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy (GONGZHI_TRUSTED_PROXIES).

    Behind a trusted proxy, X-Forwarded-For is read from the right: the first address that is not
    itself a trusted proxy is the client (addresses further left were written by the client and
    may be forged). X-Real-IP is never read.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(remote):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _is_trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # garbage where the proxy should have written an address
    return forwarded[0] if forwarded else remote


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with client_ip_bound(client_ip_of(request)):
            return self.get_response(request)


class LoginRequiredMiddleware(_LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, except for /api/: the API answers 401 in JSON itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class LanguageMiddleware:
    """Simplified Chinese unless the user chose another language (cookie set by the switcher).

    The browser's Accept-Language is not consulted: the product is for Chinese civil
    servants, whatever language their browser reports.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # only for this request: nothing after it runs in English
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# No inline script anywhere: page behaviour lives in static files (gongzhi/app.js, charts.js) and
# data for scripts in json_script elements. Styles may be inline (Bootstrap utilities, ECharts).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy and the headers Django does not set itself, on every page
    (the API's own documentation page, under /api/, keeps its defaults)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
