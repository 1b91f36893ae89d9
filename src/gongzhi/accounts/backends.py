"""Password login, throttled per client address and per account name (services.login_wait)."""

from django.contrib.auth.backends import ModelBackend

from gongzhi.accounts import services
from gongzhi.accounts.models import User
from gongzhi.core.middleware import client_ip_of


class ThrottledModelBackend(ModelBackend):
    """Refuses, without checking the password, an address that has failed too often lately; the
    refusal looks the same whether the account exists or not (request.gongzhi_login_wait)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        ip = client_ip_of(request) if request is not None else ""
        if wait := services.login_wait(username=username, ip=ip):
            if request is not None:
                request.gongzhi_login_wait = wait
            return None
        user = User.objects.filter(username__iexact=username.strip()).select_related("unit").first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        services.login_failed(username=username, ip=ip, user=user)
        if request is not None:
            request.gongzhi_login_wait = services.login_wait(username=username, ip=ip)
        return None


# The name settings.AUTHENTICATION_BACKENDS (and so every open session) knows the backend by.
LockoutModelBackend = ThrottledModelBackend
