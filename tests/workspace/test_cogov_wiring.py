"""The co-governance parts (issue 16) wired into the workspace: each part's `leader_summary` on the
leader's one-pager and home, `due_for` in the to-do list, `overdue` in the daily reminders. First
with a fake part (the import machinery patched: the parts not written are skipped, a part that
fails is left out and logged), then with the real parts on the demo data."""

import datetime
import importlib
import logging
import types

import pytest
from factories import UnitFactory, UserFactory

from gongzhi.core import clock
from gongzhi.core.models import Notification
from gongzhi.core.roles import Role
from gongzhi.workspace import cogov_parts
from gongzhi.workspace.reminders import cogov_remind, remind
from gongzhi.workspace.selectors import due_items

pytestmark = pytest.mark.django_db
REAL_IMPORT = importlib.import_module


def _install(monkeypatch, modules: dict[str, object]):
    """Only the given parts exist: gongzhi.cogov.selectors_<part> for the others is missing."""

    def fake(name, package=None):
        if name.startswith("gongzhi.cogov.selectors_"):
            part = name.removeprefix("gongzhi.cogov.selectors_")
            if part in modules:
                module = modules[part]
                if isinstance(module, Exception):
                    raise module
                return module
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return REAL_IMPORT(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)


def _fake_grid(unit, *, fail: bool = False):
    module = types.ModuleType("gongzhi.cogov.selectors_grid")
    today = clock.today()

    def leader_summary(*, user, today):
        if fail:
            raise RuntimeError("broken part")
        return [
            {"label": "待核查任务", "value": 7, "url": "/cogov/grid/tasks/?state=open", "tone": "warning"},
            {"label": "逾期核查任务", "value": 2, "url": "/cogov/grid/tasks/?overdue=1", "tone": "danger"},
        ]

    def due_for(*, user, today):
        if fail:
            raise RuntimeError("broken part")
        if user.unit_id != unit.pk:
            return []
        return [
            {
                "kind": "grid_task",
                "label": "核查任务：演示纳税人经营地址",
                "detail": "网格：一网格",
                "url": "/cogov/grid/tasks/1/",
                "due": today - datetime.timedelta(days=2),
                "days_left": -2,
            },
            # days_left left out: computed from the due day
            {
                "label": "核查任务：政策送达",
                "url": "/cogov/grid/tasks/2/",
                "due": today + datetime.timedelta(days=3),
            },
        ]

    def overdue(*, today):
        if fail:
            raise RuntimeError("broken part")
        return [
            {
                "unit_id": unit.pk,
                "label": "核查任务“演示地址核查”",
                "url": "/cogov/grid/tasks/1/",
                "days_over": 2,
            }
        ]

    module.leader_summary, module.due_for, module.overdue = leader_summary, due_for, overdue
    module.today = today
    return module


def test_a_fake_parts_figures_are_on_the_one_pager_and_the_leaders_home(monkeypatch, users, client_for):
    _install(monkeypatch, {"grid": _fake_grid(UnitFactory())})
    assert [part for part, _m in cogov_parts.part_selectors()] == ["grid"]
    client = client_for(users["leader"])
    for url in ("/taxfee/", "/"):
        response = client.get(url)
        body = response.content.decode()
        assert 'data-part="grid"' in body and "网格联动核查" in body, url
        assert 'href="/cogov/grid/tasks/?state=open"' in body and ">7<" in body, url
        assert 'class="fw-semibold text-danger" data-testid="taxfee-part-figure">2<' in body, url
        for part in ("assistance", "yearly", "matters", "enterprise"):
            assert f'data-part="{part}"' not in body, url


def test_no_part_written_leaves_the_pages_and_lists_working(monkeypatch, users, client_for):
    _install(monkeypatch, {})
    assert client_for(users["leader"]).get("/taxfee/").context["o"].cogov == []
    assert 'data-testid="taxfee-part"' not in client_for(users["leader"]).get("/").content.decode()
    assert not [i for i in due_items(user=users["liaison"]) if i.kind.startswith("grid")]
    assert remind()["cogov"] == 0


def test_a_fake_parts_to_dos_are_on_its_units_list(monkeypatch, client_for):
    unit = UnitFactory()
    _install(monkeypatch, {"grid": _fake_grid(unit)})
    today = clock.today()
    liaison = UserFactory(role=Role.LIAISON, unit=unit)
    items = [i for i in due_items(user=liaison, today=today) if i.url.startswith("/cogov/")]
    assert [(i.kind, i.days_left, i.overdue) for i in items] == [
        ("grid_task", -2, True),
        ("cogov_grid", 3, False),
    ]
    # on the unit's home, the most urgent first, counted in the to-do heading
    response = client_for(liaison).get("/")
    body = response.content.decode()
    assert 'data-kind="grid_task"' in body and "已逾期2天" in body
    assert any(
        t["label"].startswith("待办事项") and "已逾期" in t["label"] for t in response.context["todos"]
    )
    # a user of another unit does not get them; a user without a unit gets only the parts' own
    assert not [
        i for i in due_items(user=UserFactory(role=Role.LIAISON), today=today) if i.url.startswith("/cogov/")
    ]
    assert due_items(user=UserFactory(role=Role.LEADER, unit=None), today=today) == []


def test_the_co_governance_office_and_grid_worker_homes_list_what_is_due(monkeypatch, client_for):
    unit = UnitFactory()
    _install(monkeypatch, {"grid": _fake_grid(unit)})
    for role in (Role.COGOV_OFFICE, Role.GRID_WORKER):
        body = client_for(UserFactory(role=role, unit=unit)).get("/").content.decode()
        assert 'id="due"' in body and "/cogov/grid/tasks/1/" in body, role


def test_a_fake_parts_overdue_items_are_reminded_once_a_week(monkeypatch):
    unit = UnitFactory()
    _install(monkeypatch, {"grid": _fake_grid(unit)})
    today = clock.today()
    assert cogov_remind(today=today) == 1
    assert cogov_remind(today=today) == 0  # idempotent
    note = Notification.objects.get(unit=unit)
    assert (
        note.text == "核查任务“演示地址核查”（已逾期2天），请尽快办理" and note.url == "/cogov/grid/tasks/1/"
    )
    assert cogov_remind(today=today + datetime.timedelta(days=7)) == 1  # again the next week
    assert remind(today=today + datetime.timedelta(days=7))["cogov"] == 0


def test_a_failing_part_is_left_out_and_logged_the_others_stay(monkeypatch, users, client_for, caplog):
    unit = UnitFactory()
    _install(monkeypatch, {"grid": _fake_grid(unit, fail=True)})
    with caplog.at_level(logging.ERROR, logger="gongzhi.workspace.cogov_parts"):
        response = client_for(users["leader"]).get("/taxfee/")
        assert response.status_code == 200
        assert 'data-testid="taxfee-part-failed"' in response.content.decode()
        assert response.context["o"].found >= 0
        liaison = UserFactory(role=Role.LIAISON, unit=unit)
        assert not [i for i in due_items(user=liaison) if i.url.startswith("/cogov/")]
        assert cogov_remind(today=clock.today()) == 0
    assert sum("cogov part grid" in r.getMessage() for r in caplog.records) == 3


def test_an_import_error_inside_a_part_is_not_taken_for_a_missing_part(monkeypatch):
    # a part that exists but imports something missing is a fault, not a part still to write
    _install(monkeypatch, {"grid": ModuleNotFoundError("No module named 'nowhere'", name="nowhere")})
    with pytest.raises(ModuleNotFoundError):
        cogov_parts.part_selectors()


# --- the real parts, on the demo data --------------------------------------------------------


def _real_parts() -> list[str]:
    return [part for part, _m in cogov_parts.part_selectors()]


def test_the_real_parts_figures_on_the_one_pager_each_open_their_list(demo, users, client_for, caplog):
    parts = _real_parts()
    if not parts:
        pytest.skip("no cogov part written yet")
    with caplog.at_level(logging.ERROR, logger="gongzhi.workspace.cogov_parts"):
        for role in ("leader", "cogov_office"):
            client = client_for(users[role])
            o = client.get("/taxfee/").context["o"]
            assert [p.part for p in o.cogov] == [
                p
                for p in parts
                if callable(
                    getattr(importlib.import_module(f"gongzhi.cogov.selectors_{p}"), "leader_summary", None)
                )
            ]
            for part in o.cogov:
                assert not part.failed, (role, part.part)
                assert part.figures, (role, part.part)
                for figure in part.figures:
                    assert {"label", "value", "url"} <= set(figure), (role, part.part, figure)
                    assert client.get(figure["url"]).status_code == 200, (role, part.part, figure)
    assert not caplog.records, [r.getMessage() for r in caplog.records]


def test_the_real_parts_to_dos_and_reminders_run_for_every_role(demo, users, caplog):
    if not _real_parts():
        pytest.skip("no cogov part written yet")
    today = clock.today()
    with caplog.at_level(logging.ERROR, logger="gongzhi.workspace.cogov_parts"):
        for role, user in users.items():
            items = due_items(user=user, today=today)
            for item in items:
                assert item.label and item.url, (role, item)
        expected = set()
        for part, overdue in cogov_parts.part_functions("overdue"):
            for row in overdue(today=today):
                assert {"unit_id", "label", "url", "days_over"} <= set(row), (part, row)
                expected.add((part, row["unit_id"], row["url"]))
        sent = cogov_remind(today=today)
        assert sent == len(expected)
        assert cogov_remind(today=today) == 0
    assert not caplog.records, [r.getMessage() for r in caplog.records]
