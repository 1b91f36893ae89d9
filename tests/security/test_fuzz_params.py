"""Hypothesis over every query parameter of the list pages, the newer apps' included (issue 10,
item 5): random strings, huge and negative numbers, NaN and infinities, dates out of range, unicode
and NUL bytes, several parameters at once. The page answers 200, 302 or the Chinese 400 page:
never a server error.

The pages and the parameters they read are `PAGES` of tests/test_hostile_params.py (its
`test_views_read_the_query_string_only_through_core_params` keeps that list complete).
"""

import importlib.util
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.accounts.models import User

_spec = importlib.util.spec_from_file_location(
    "hostile_params", Path(__file__).resolve().parents[1] / "test_hostile_params.py"
)
hostile_params = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile_params)
PAGES = hostile_params.PAGES

pytestmark = pytest.mark.django_db

VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["NaN", "-Infinity", "1e309", "0x10", "٣", "１２", "None", "null", "[]", "{}", "%00"]),
    st.dates().map(str),
    st.tuples(st.integers(-99999, 99999), st.integers(-5, 20), st.integers(-5, 40)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
)


world = hostile_params.world  # the same rows (plan, inspection, push campaign, credit list)


@pytest.fixture
def clients(world):
    made = {}
    for _path, username, _names in PAGES:
        if username not in made:
            client = Client(raise_request_exception=False)
            if username:
                client.force_login(User.objects.get(username=username))
            made[username] = client
    return made


@settings(
    max_examples=400,  # about ten examples for each of the ~40 pages
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_query_string_is_a_server_error(data, world, clients):
    path, username, names = data.draw(st.sampled_from(PAGES))
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    params = {name: data.draw(VALUES) for name in chosen}
    response = clients[username].get(path.format(**world), params)
    assert response.status_code in (200, 302, 400), (path, params, response.status_code)
