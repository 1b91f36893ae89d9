"""Keeps the client address of the current request for the audit trail."""

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("gongzhi_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


def client_ip_of(request) -> str:
    # Behind a reverse proxy, set the proxy to pass X-Real-IP; REMOTE_ADDR otherwise.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_ip.set(client_ip_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


class LoginRequiredMiddleware:
    """Django's LoginRequiredMiddleware, except for /api/: the API answers 401 in JSON itself."""

    def __new__(cls, get_response):
        from django.contrib.auth.middleware import LoginRequiredMiddleware as Base

        class _Middleware(Base):
            def process_view(self, request, view_func, view_args, view_kwargs):
                if request.path_info.startswith("/api/"):
                    return None
                return super().process_view(request, view_func, view_args, view_kwargs)

        return _Middleware(get_response)


class LanguageMiddleware:
    """Simplified Chinese unless the user chose another language (cookie set by the switcher).

    The browser's Accept-Language is not consulted: the product is for Chinese civil
    servants, whatever language their browser reports.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
