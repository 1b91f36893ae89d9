"""Request middleware: client address for the audit trail, login required, language."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequiredMiddleware
from django.utils import translation

from gongzhi.core.request_context import client_ip_bound


def client_ip_of(request) -> str:
    # Behind a reverse proxy, set the proxy to pass X-Real-IP; REMOTE_ADDR otherwise.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")


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
