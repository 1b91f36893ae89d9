"""Sessions end after two idle hours (SESSION_COOKIE_AGE) without a database write on every page:
the stored expiry is pushed back at most once every SESSION_REFRESH_SECONDS
(accounts.middleware.SessionIdleRefreshMiddleware)."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from factories import UserFactory

from gongzhi.core import clock

pytestmark = pytest.mark.django_db


def _expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_pages_read_within_a_minute_write_nothing_and_later_ones_push_the_expiry_back(client_for):
    start = clock.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = client_for(UserFactory())
        assert client.get("/").status_code == 200
        first = _expiry(client)
        assert first >= start + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 1)
        # a page 30 seconds later: the session is not saved again
        traveller.shift(30)
        assert client.get("/").status_code == 200
        assert _expiry(client) == first
        # a page once the refresh interval has passed: the expiry is two hours from now
        traveller.shift(settings.SESSION_REFRESH_SECONDS)
        assert client.get("/").status_code == 200
        assert _expiry(client) >= clock.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 1)


def test_a_user_active_every_hour_stays_logged_in_and_one_idle_two_hours_is_logged_out(client_for):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_REFRESH_SECONDS <= 300  # the idle limit is kept within minutes
    with time_machine.travel(clock.now(), tick=False) as traveller:
        client = client_for(UserFactory())
        for _hour in range(4):  # a page an hour for four hours: still logged in
            response = client.get("/")
            assert response.status_code == 200
            traveller.shift(3600)
        assert client.get("/").status_code == 200
        # idle for the session's age: the next page asks for the login
        traveller.shift(settings.SESSION_COOKIE_AGE)
        response = client.get("/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_cookie_naming_a_gone_session_creates_no_session(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    before = Session.objects.count()
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert Session.objects.count() == before
