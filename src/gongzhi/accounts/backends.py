"""Password login with lock-out after repeated failures."""

from django.contrib.auth.backends import ModelBackend

from gongzhi.accounts import services
from gongzhi.accounts.models import User


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = User.objects.filter(username__iexact=username.strip()).select_related("unit").first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.is_locked:
            if request is not None:
                request.gongzhi_locked_until = user.locked_until
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        services.login_failed(user=user)
        user.refresh_from_db(fields=["locked_until"])
        if request is not None and user.is_locked:
            request.gongzhi_locked_until = user.locked_until
        return None
