import pytest
from django.conf import settings

from gongzhi.accounts import services
from gongzhi.accounts.models import ApiToken, User
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_and_logout_are_audited(client, demo_password):
    response = _login(client, "weijian", demo_password)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert list(AuditEntry.objects.filter(username="weijian").values_list("action", flat=True)[:2]) == [
        "logout",
        "login",
    ]


def test_wrong_password_is_refused_in_chinese(client):
    response = _login(client, "weijian", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_account_locks_after_repeated_failures(client, demo_password):
    for _ in range(settings.LOCKOUT_THRESHOLD):
        _login(client, "jiaoti", "wrong-password")
    user = User.objects.get(username="jiaoti")
    assert user.is_locked
    # even the right password is refused while locked, with the reason
    response = _login(client, "jiaoti", demo_password)
    assert response.status_code == 200 and "账号已被锁定" in response.content.decode()
    assert AuditEntry.objects.filter(action="account_locked", username="jiaoti").exists()


def test_admin_unlocks_and_resets_then_user_must_change_password(client, users, demo_password):
    subject = User.objects.get(username="jiaoti")
    for _ in range(settings.LOCKOUT_THRESHOLD):
        _login(client, "jiaoti", "wrong-password")
    services.user_reset_password(actor=users["admin"], user=subject, new_password="Temp-Pass-2025")
    subject.refresh_from_db()
    assert not subject.is_locked and subject.must_change_password
    assert _login(client, "jiaoti", "Temp-Pass-2025").status_code == 302
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


def test_weak_passwords_are_refused(users):
    with pytest.raises(ApplicationError):
        services.user_reset_password(actor=users["admin"], user=users["liaison"], new_password="12345678")


def test_sessions_expire_when_idle_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_only_admins_manage_users(users):
    with pytest.raises(ApplicationError, match="没有权限"):
        services.user_create(
            actor=users["cogov_office"],
            username="x",
            password="Good-Pass-2025",
            unit=users["liaison"].unit,
            role="liaison",
        )


def test_every_user_belongs_to_a_unit(users):
    with pytest.raises(ApplicationError, match="必须属于一个单位"):
        services.user_create(
            actor=users["admin"], username="nounit", password="Good-Pass-2025", unit=None, role="liaison"
        )


def test_api_token_shown_once_stored_hashed_and_revocable(users, client):
    token, secret = services.token_create(
        actor=users["admin"], unit=users["liaison"].unit, name="卫健系统（演示）"
    )
    assert secret.startswith("gz_") and secret not in token.token_hash
    assert ApiToken.objects.filter(token_hash=ApiToken.hash_secret(secret)).exists()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json() == {
        "kind": "token",
        "username": f"token:{token.prefix}",
        "unit": "区卫生健康局",
        "role": "api_token",
    }
    services.token_revoke(actor=users["admin"], token=token)
    denied = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert denied.status_code == 401 and denied.json()["code"] == "unauthenticated"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer gz_forged"}).status_code == 401


def test_token_page_shows_the_secret_once(users, client_for):
    client = client_for(users["admin"])
    response = client.post(
        "/accounts/tokens/", {"unit": users["liaison"].unit_id, "name": "系统对接（演示）"}
    )
    secret = response.context["secret"]
    assert secret and secret in response.content.decode()
    assert secret not in client.get("/accounts/tokens/").content.decode()
