from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from gongzhi.core import clock


class PasswordChangeRequiredMiddleware:
    """A user whose password an admin reset must change it before doing anything else."""

    allowed = ("accounts:password_change", "accounts:logout", "core:set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(("/static/", "/api/"))
            and request.path not in {reverse(name) for name in self.allowed}
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)


class SessionIdleRefreshMiddleware:
    """Sessions end after SESSION_COOKIE_AGE idle seconds: the expiry stored with the session is
    pushed back when it is saved. Saving it on every page (SESSION_SAVE_EVERY_REQUEST) costs a
    database write per request; here it is saved when the last push is SESSION_REFRESH_SECONDS
    old or more, so a session ends between SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and
    SESSION_COOKIE_AGE after its last request, at most one write a minute per active user."""

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or not session.session_key:
            return response  # no session, or one saved anyway (login, logout, a change)
        last = session.get(self.KEY, 0)
        if session.is_empty():
            return response  # the cookie named a session that is gone: create none
        now = clock.now().timestamp()
        if now - last >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = int(now)
        return response
