"""Shared fixtures: the demo data set loaded once per test database, users per role."""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from gongzhi.accounts.models import User
from gongzhi.core.demo import DEMO_PASSWORD

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data (units, leading group, one user per role) into the test database."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("demo", stdout=open("/dev/null", "w"))


ROLE_USERS = {
    "admin": "admin",
    "plan_office": "fuer",
    "cogov_office": "gongzhi",
    "liaison": "weijian",
    "tax_officer": "shuiwu",
    "leader": "lingdao",
    "evaluator": "pinggu",
}


@pytest.fixture
def users(db) -> dict[str, User]:
    return {role: User.objects.get(username=username) for role, username in ROLE_USERS.items()}


def _client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def client_for():
    """A function: a test client logged in as the given user (None: anonymous)."""
    return _client_for


@pytest.fixture
def admin_client_(users) -> Client:
    return _client_for(users["admin"])


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD
