from django.shortcuts import redirect
from django.urls import reverse


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
