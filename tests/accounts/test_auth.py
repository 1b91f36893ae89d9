"""Login, password rules and API tokens, on users the tests build (no demo rows)."""

import pytest
from django.conf import settings
from factories import PASSWORD, UnitFactory, UserFactory

from gongzhi.accounts import services
from gongzhi.accounts.models import ApiToken, User
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> User:
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def liaison() -> User:
    return UserFactory(role=Role.LIAISON)


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_and_logout_are_audited(client, liaison):
    response = _login(client, liaison.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert list(
        AuditEntry.objects.filter(username=liaison.username).values_list("action", flat=True)[:2]
    ) == [
        "logout",
        "login",
    ]


def test_wrong_password_is_refused_in_chinese(client, liaison):
    response = _login(client, liaison.username, "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_admin_reset_clears_login_throttling_then_user_must_change_password(client, admin, liaison):
    # given an account that failed logins from many addresses slow down (127.0.0.1 among them)
    subject = liaison
    _login(client, subject.username, "wrong-password")
    for i in range(settings.LOCKOUT_THRESHOLD + 2):
        services.login_failed(username=subject.username, ip=f"192.0.2.{i}", user=subject)
    assert services.login_restricted_until(user=subject) is not None
    assert services.login_wait(username=subject.username, ip="127.0.0.1") > 0
    # when an administrator resets the password, the account's counts go
    services.user_reset_password(actor=admin, user=subject, new_password="Temp-Pass-2025")
    subject.refresh_from_db()
    assert services.login_restricted_until(user=subject) is None and subject.must_change_password
    assert _login(client, subject.username, "Temp-Pass-2025").status_code == 302
    assert client.get("/org/units/")["Location"] == "/accounts/password/"
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "Temp-Pass-2025",
            "new_password": "New-Pass-2025x",
            "new_password2": "New-Pass-2025x",
        },
    )
    assert response.status_code == 302
    assert client.get("/org/units/").status_code == 200


def test_weak_passwords_are_refused(admin, liaison):
    with pytest.raises(ApplicationError):
        services.user_reset_password(actor=admin, user=liaison, new_password="12345678")


def test_sessions_expire_when_idle_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    # the idle expiry is pushed back at most once a minute, not on every page: test_session_idle.py
    assert settings.SESSION_SAVE_EVERY_REQUEST or settings.SESSION_REFRESH_SECONDS <= 300


def test_only_admins_manage_users():
    with pytest.raises(ApplicationError, match="没有权限"):
        services.user_create(
            actor=UserFactory(role=Role.COGOV_OFFICE),
            username="x",
            password="Good-Pass-2025",
            unit=UnitFactory(),
            role="liaison",
        )
    assert not User.objects.filter(username="x").exists()


def test_every_user_belongs_to_a_unit(admin):
    with pytest.raises(ApplicationError, match="必须属于一个单位"):
        services.user_create(
            actor=admin, username="nounit", password="Good-Pass-2025", unit=None, role="liaison"
        )


def test_api_token_shown_once_stored_hashed_and_revocable(admin, client):
    unit = UnitFactory()
    token, secret = services.token_create(actor=admin, unit=unit, name="卫健系统（测试）")
    assert secret.startswith("gz_") and secret not in token.token_hash
    assert ApiToken.objects.filter(token_hash=ApiToken.hash_secret(secret)).exists()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json() == {
        "kind": "token",
        "username": f"token:{token.prefix}",
        "unit": unit.name,
        "role": "api_token",
    }
    services.token_revoke(actor=admin, token=token)
    denied = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert denied.status_code == 401 and denied.json()["code"] == "unauthenticated"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer gz_forged"}).status_code == 401


def test_token_page_shows_the_secret_once(admin, client_for):
    client = client_for(admin)
    response = client.post("/accounts/tokens/", {"unit": UnitFactory().pk, "name": "系统对接（测试）"})
    secret = response.context["secret"]
    assert secret and secret in response.content.decode()
    assert secret not in client.get("/accounts/tokens/").content.decode()
