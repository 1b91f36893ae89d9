"""Shared fixtures: the demo data set loaded once per test database, users per role.

`--clock YYYY-MM-DD` (or GONGZHI_TEST_CLOCK) runs the whole suite as if that day were today
(10:00 in Asia/Shanghai, the clock ticking on): the suite must pass on any day of the year.
"""

import contextlib
import datetime
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from hypothesis import settings as settings_profiles

from gongzhi.accounts.demo import DEMO_PASSWORD
from gongzhi.accounts.models import User
from gongzhi.core import clock
from gongzhi.demo.loaders import demo_load

# tests/factories.py imports as `factories` (pytest runs with --import-mode=importlib).
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Hypothesis checks properties, not speed: its default 200 ms deadline per example failed a date
# test on a loaded machine (760 ms once, 126 ms on the retry). Speed is measured in bench/.
settings_profiles.register_profile("gongzhi", deadline=None)
settings_profiles.load_profile("gongzhi")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # audit checkpoints never go to the real data dir
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_COPY = ""


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("GONGZHI_TEST_CLOCK") or None,
        help="run the suite as if today were YYYY-MM-DD (Asia/Shanghai)",
    )


def pytest_configure(config):
    # Each test process (each xdist worker) has its own data directory: stored files are named by
    # database ids, which every worker's test database hands out from 1, so a shared directory
    # lets one worker overwrite the Parquet file another is reading. Commands started by a test
    # as subprocesses inherit it.
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    config._gongzhi_data_dir = Path(tempfile.mkdtemp(prefix=f"gongzhi-tests-{worker}-"))
    if worker == "main":
        # what the test processes of one run make once and share (the migrated database), in a
        # folder the controlling process makes before it starts them and removes after
        config._gongzhi_shared = Path(tempfile.mkdtemp(prefix="gongzhi-tests-shared-"))
        os.environ["GONGZHI_TESTS_SHARED"] = str(config._gongzhi_shared)
    if os.environ.get("GONGZHI_TESTS_SHARED"):
        _migrate_once(_shared())
    settings.DATA_DIR = config._gongzhi_data_dir
    os.environ["GONGZHI_DATA_DIR"] = str(config._gongzhi_data_dir)

    # The tests' JVMs (the local Spark session, the standalone cluster's master, worker, executors
    # and driver) live for a minute or two on small data: the C1 compiler alone and the serial
    # collector give the same results for about 40 % less CPU (measured on the engines' agreement
    # run: 70–87 against 45–52 CPU s) on a machine the other test workers keep busy.
    jvm = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    if jvm not in os.environ.get("JAVA_TOOL_OPTIONS", ""):
        os.environ["JAVA_TOOL_OPTIONS"] = f"{os.environ.get('JAVA_TOOL_OPTIONS', '')} {jvm}".strip()

    day = config.getoption("--clock")
    if day:
        moment = datetime.datetime.combine(
            datetime.date.fromisoformat(day), datetime.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")
        )
        config._gongzhi_travel = time_machine.travel(moment, tick=True)
        config._gongzhi_travel.start()


_LONG_MARKS = ("slow", "own_sqlite", "own_postgres")


def _long_rank(item) -> int:
    """0: a Spark run (a minute or two each); 1: another test that starts processes of its own;
    2: the rest. Tests that flush the database keep their place (pytest-django puts them last)."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if (
        "transactional_db" in fixtures
        or "live_server" in fixtures
        or (marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    ):
        return 2
    if "spark" in fixtures or "spark" in item.path.name:
        return 0
    return 1 if any(item.get_closest_marker(m) for m in _LONG_MARKS) else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # The longest tests first: pytest-xdist hands the first items out one per worker, so they start
    # at once instead of running alone at the end while the other workers wait (the same order on
    # every worker, as xdist requires).
    items.sort(key=_long_rank)


def pytest_report_header(config):
    return f"gongzhi clock: {clock.today()} (Asia/Shanghai)"


_DEMO: dict[str, datetime.date] = {}
_MIGRATED: dict[str, Path] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo data (units, leading group, one user per role) into the test database,
    dated from one reference day: the clock's today when the session starts."""
    checkpoints = tmp_path_factory.mktemp("audit") / "audit-checkpoints.jsonl"
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHERS, AUDIT_CHECKPOINT_FILE=checkpoints, AUDIT_CHECKPOINT_COPY=""
        ),
    ):
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            # the freshly migrated, still empty test database (the copy the test processes share,
            # see `_migrate_once`) is the console-script tests' template (`migrated_sqlite`)
            _MIGRATED["sqlite"] = _shared() / "migrated.sqlite3"
        _DEMO["today"] = clock.today()
        _load_demo_once(_DEMO["today"], checkpoints)


@pytest.fixture
def demo_day(django_db_setup) -> datetime.date:
    """The reference day the session's demo data were built from."""
    return _DEMO["today"]


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


@pytest.fixture
def data_dir(settings, tmp_path) -> Path:
    """A fresh data directory for the test: submissions and Parquet files land here."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def demo(django_db_setup, db) -> datetime.date:
    """Marks a test that reads the demo data set (an end-to-end test); gives the demo's reference day."""
    return _DEMO["today"]


def pytest_unconfigure(config):
    if getattr(config, "_gongzhi_shared", None) is not None:
        _drop_postgresql_template(config._gongzhi_shared)
    for name in ("_gongzhi_data_dir", "_gongzhi_shared"):
        folder = getattr(config, name, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _shared() -> Path:
    """The folder the test processes of this run share (made by the controlling process)."""
    return Path(os.environ["GONGZHI_TESTS_SHARED"])


@contextlib.contextmanager
def _locked(shared: Path, name: str):
    """One test process at a time makes (or takes) the shared file ``name``."""
    import fcntl

    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield shared / name


def _migrate_once(shared: Path) -> None:
    """Every test process migrates an in-memory SQLite test database of its own (72 migrations,
    10 s or more of CPU each): the first one to get there migrates and saves a copy, the others
    restore that copy instead (the same tables, rows and django_migrations; the post-migrate
    rows, content types and permissions, came with it). PostgreSQL: `_migrate_postgresql_once`."""
    from django.core import management

    migrate = management.call_command
    if getattr(migrate, "_gongzhi_shared", False):
        return

    def call_command(name, *args, **options):
        from django.db import connections

        if name != "migrate" or args:
            return migrate(name, *args, **options)
        target = connections[options.get("database") or "default"]
        if target.vendor == "postgresql":
            return _migrate_postgresql_once(shared, target, lambda: migrate(name, *args, **options))
        if target.vendor != "sqlite" or not target.is_in_memory_db():
            return migrate(name, *args, **options)
        with _locked(shared, "migrated.sqlite3") as template:
            target.ensure_connection()
            if template.exists():
                with contextlib.closing(sqlite3.connect(template)) as source:
                    source.backup(target.connection)
                return None
            done = migrate(name, *args, **options)
            part = template.with_suffix(".part")
            with contextlib.closing(sqlite3.connect(part)) as copy:
                target.connection.backup(copy)
            part.rename(template)
            return done

    call_command._gongzhi_shared = True
    management.call_command = call_command


def _migrate_postgresql_once(shared: Path, target, migrate):
    """The same on PostgreSQL: the first test process migrates its test database and copies it as a
    template (CREATE DATABASE … TEMPLATE, no connection open to it); the others replace their new,
    empty test database by a copy of that template."""
    name = target.settings_dict["NAME"]
    quote = target.ops.quote_name
    with _locked(shared, "postgresql-template") as marker:
        if marker.exists():
            template = marker.read_text()
            target.close()
            with target._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE {quote(name)}")
                cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
            return None
        done = migrate()
        template = f"gongzhi_tests_{shared.name.rsplit('-', 1)[-1].lower()}"
        target.close()
        with target._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        marker.write_text(template)
        return done


def _load_demo_once(today: datetime.date, checkpoints: Path) -> None:
    """Every test process loads the same demo data set (20 s or more of CPU each, in both CI
    passes): the first one to get there loads it and saves its database, the files it wrote to the
    data directory and the audit checkpoint files; the others restore that copy instead, with the
    stored file paths moved to their own data directory (as a restore from a backup moves them).
    The copy is taken only by processes with the same audit key (the chain is keyed)."""
    from django.conf import settings

    if not os.environ.get("GONGZHI_TESTS_SHARED"):
        demo_load(today=today)
        return
    key = hashlib.sha256(settings.AUDIT_KEY.encode()).hexdigest()
    with _locked(_shared(), f"demo-{connection.vendor}-{today.isoformat()}") as saved:
        if saved.exists() and (saved / "audit-key.sha256").read_text() == key:
            _restore_demo(saved, checkpoints)
            return
        demo_load(today=today)
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            return
        part = saved.with_suffix(".part")
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir()
        if connection.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(part / "demo.sqlite3")) as copy:
                connection.connection.backup(copy)
        else:
            template = f"gongzhi_demo_{_shared().name.rsplit('-', 1)[-1].lower()}"
            quote = connection.ops.quote_name
            name = connection.settings_dict["NAME"]
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
            (_shared() / "postgresql-demo-template").write_text(template)
            (part / "postgresql-template").write_text(template)
        shutil.copytree(settings.DATA_DIR, part / "data", symlinks=True)
        audit = part / "audit"
        audit.mkdir()
        for path in checkpoints.parent.iterdir():
            shutil.copy2(path, audit / path.name)
        (part / "data-dir").write_text(str(settings.DATA_DIR))
        (part / "audit-key.sha256").write_text(key)
        shutil.rmtree(saved, ignore_errors=True)
        part.rename(saved)


def _restore_demo(saved: Path, checkpoints: Path) -> None:
    from django.conf import settings

    from gongzhi.core.backup import rewrite_paths

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(saved / "demo.sqlite3")) as source:
            source.backup(connection.connection)
        placeholder = "?"
    else:
        template = (saved / "postgresql-template").read_text()
        quote = connection.ops.quote_name
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        placeholder = "%s"
    shutil.copytree(saved / "data", settings.DATA_DIR, symlinks=True, dirs_exist_ok=True)
    for path in (saved / "audit").iterdir():
        shutil.copy2(path, checkpoints.parent / path.name)
    moved_from = (saved / "data-dir").read_text()
    with connection.cursor() as cursor:
        rewrite_paths(cursor, placeholder, connection.ops.quote_name, moved_from, str(settings.DATA_DIR))


def _drop_postgresql_template(shared: Path) -> None:
    for name in ("postgresql-template", "postgresql-demo-template"):
        _drop_postgresql_database(shared / name)


def _drop_postgresql_database(marker: Path) -> None:
    if not marker.exists():
        return
    import psycopg
    from django.db import connection as default

    # (pytest-django blocks the database in this process: a connection of its own, to the server)
    s = default.settings_dict
    with psycopg.connect(
        dbname="postgres",
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        autocommit=True,
    ) as server:
        server.execute(f"DROP DATABASE IF EXISTS {default.ops.quote_name(marker.read_text())}")


@pytest.fixture(scope="session")
def migrated_sqlite(django_db_setup, tmp_path_factory) -> Path:
    """An empty SQLite database migrated once per test process (`gongzhi migrate` takes 12 s or
    more): the console-script tests copy it into their own data directory instead of migrating.
    On SQLite it is the session's test database as migrated, before the demo was loaded; on
    PostgreSQL `gongzhi migrate` makes it."""
    if "sqlite" in _MIGRATED:
        return _MIGRATED["sqlite"]
    with _locked(_shared(), "migrated-by-command.sqlite3") as made:
        if not made.exists():  # (the first test process to need it; the others take its file)
            data = tmp_path_factory.mktemp("migrated") / "data"
            env = {
                **os.environ,
                "GONGZHI_DATA_DIR": str(data),
                "DATABASE_URL": "",
                "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
            }
            subprocess.run(
                [sys.executable, "-m", "gongzhi.cli", "migrate", "--noinput", "-v0"],
                env=env,
                check=True,
                capture_output=True,
                timeout=600,
            )
            shutil.move(data / "gongzhi.sqlite3", made)
    return made


@pytest.fixture
def install_migrated(migrated_sqlite):
    """``install(data_dir, name="gongzhi.sqlite3")``: a migrated empty database in that directory."""

    def install(data_dir: Path, name: str = "gongzhi.sqlite3") -> Path:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = data_dir / name
        shutil.copyfile(migrated_sqlite, target)
        return target

    return install
