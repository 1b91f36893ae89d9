"""Login throttling: repeated failures slow down an address and an account name, but nobody can
keep an account's owner out, and nothing tells an existing account from an unknown name."""

import datetime

import pytest
import time_machine
from django.conf import settings
from factories import PASSWORD, UserFactory

from gongzhi.accounts import services
from gongzhi.core import clock
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "198.51.100.66", "203.0.113.5"


def _login(client, username, password, ip):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _error_text(response) -> str:
    return str(response.context["form"].non_field_errors())


def test_failures_from_elsewhere_do_not_keep_the_owner_out(client):
    # given an administrator whose name an attacker hammers with wrong passwords
    admin = UserFactory(role=Role.ADMIN)
    for _ in range(settings.LOCKOUT_THRESHOLD + 3):
        _login(client, admin.username, "wrong-password", ATTACKER)
    # when the owner logs in from their own address with the right password
    response = _login(client, admin.username, PASSWORD, OWNER)
    # then they are in
    assert response.status_code == 302


def test_an_address_that_failed_too_often_waits_even_with_the_right_password(client):
    user, other = UserFactory(), UserFactory()
    start = clock.now()
    with time_machine.travel(start, tick=False):  # the clock stands still: the block cannot expire
        for _ in range(settings.LOCKOUT_THRESHOLD + 2):
            _login(client, user.username, "wrong-password", ATTACKER)
        response = _login(client, user.username, PASSWORD, ATTACKER)
        assert response.status_code == 200 and "尝试过于频繁，请1分钟后再试" in _error_text(response)
        # the block is per address: another account from that address is refused too
        assert _login(client, other.username, PASSWORD, ATTACKER).status_code == 200
    later = start + datetime.timedelta(seconds=settings.LOCKOUT_MINUTES * 60 + 1)
    with time_machine.travel(later, tick=False):
        assert _login(client, user.username, PASSWORD, ATTACKER).status_code == 302


def test_the_delay_grows_and_is_capped():
    user = UserFactory()
    now = clock.now()
    waits = []
    for _ in range(settings.LOCKOUT_THRESHOLD + 14):
        services.login_failed(username=user.username, ip=ATTACKER, user=user, now=now)
        waits.append(services.login_wait(username=user.username, ip=ATTACKER, now=now))
    assert waits[: settings.LOCKOUT_THRESHOLD - 1] == [0] * (settings.LOCKOUT_THRESHOLD - 1)
    assert waits[settings.LOCKOUT_THRESHOLD - 1 : settings.LOCKOUT_THRESHOLD + 2] == [1, 2, 4]
    assert waits[-1] == settings.LOCKOUT_MINUTES * 60


def test_an_attacked_account_slows_addresses_that_failed_on_it():
    # given an account blocked by failures from many addresses, one of which failed once
    user = UserFactory()
    now = clock.now()
    for i in range(settings.LOCKOUT_THRESHOLD + 2):
        services.login_failed(username=user.username, ip=f"192.0.2.{i}", user=user, now=now)
    # then that address waits with the account, while a fresh address may still try
    assert services.login_wait(username=user.username, ip="192.0.2.0", now=now) > 0
    assert services.login_wait(username=user.username, ip=OWNER, now=now) == 0


def test_unknown_and_existing_names_get_the_same_answers(client):
    user = UserFactory()
    with time_machine.travel(clock.now(), tick=False):
        for attempt in range(settings.LOCKOUT_THRESHOLD + 2):
            known = _login(client, user.username, "wrong-password", "192.0.2.10")
            unknown = _login(client, "no-such-user", "wrong-password", "192.0.2.11")
            assert _error_text(known) == _error_text(unknown), attempt
        assert "尝试过于频繁" in _error_text(known)
        assert _error_text(_login(client, user.username, PASSWORD, "192.0.2.10")) == _error_text(
            _login(client, "no-such-user", PASSWORD, "192.0.2.11")
        )


def test_failed_and_throttled_logins_are_audited_with_the_real_address(client):
    user = UserFactory()
    for _ in range(settings.LOCKOUT_THRESHOLD):
        _login(client, user.username, "wrong-password", ATTACKER)
    entries = AuditEntry.objects.filter(username=user.username).order_by("seq")
    assert [e.action for e in entries] == ["login_failed"] * (settings.LOCKOUT_THRESHOLD - 1) + [
        "login_throttled"
    ]
    assert {e.client_ip for e in entries} == {ATTACKER}


def test_a_forged_forwarded_header_changes_nothing(client):
    user = UserFactory()
    with time_machine.travel(clock.now(), tick=False):
        for i in range(settings.LOCKOUT_THRESHOLD):
            client.post(
                "/accounts/login/",
                {"username": user.username, "password": "wrong-password"},
                REMOTE_ADDR=ATTACKER,
                HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
                HTTP_X_REAL_IP=f"10.0.1.{i}",
            )
        assert services.login_wait(username="anyone", ip=ATTACKER) > 0
