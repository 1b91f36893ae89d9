"""Playwright driving Debian's Chromium against the live server. A screenshot is saved on failure."""

import os
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test.testcases import LiveServerThread

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class _InFlight:
    """Requests the live server is still handling. With SQLite in memory the server thread shares
    the test's database connection, so the test may touch the database (load the demo, flush it
    at teardown) only when no request is in flight: a page closed by the test can leave one
    running, and two threads opening transactions on one connection fail ("cannot start a
    transaction within a transaction"). The live server handles each request in a thread of its
    own; the test client's requests run in the main thread and are not counted."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.lock = threading.Lock()

    def started(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.threads.add(threading.get_ident())

    def finished(self, **kwargs) -> None:
        with self.lock:
            self.threads.discard(threading.get_ident())

    def _busy(self) -> set[int]:
        alive = {t.ident for t in threading.enumerate()}
        with self.lock:
            self.threads &= alive  # a thread that ended without a finished signal is not busy
            return set(self.threads)

    def wait_idle(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self._busy() and time.monotonic() < deadline:
            time.sleep(0.02)
        if busy := self._busy():
            pytest.fail(f"the live server still handles {len(busy)} request(s) after {timeout:.0f} s")


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server, handling one request at a time. With SQLite in memory every request
    thread shares one database connection, so SQLite's IMMEDIATE transactions no longer keep two
    requests' writes apart: a page's htmx panel and the next page, both writing an audit entry,
    read the same last sequence number and the second insert fails (a real server gives each
    thread its own connection). Each connection keeps its own thread (keep-alive works as
    before); only the application call, up to the response's close, is serialised."""

    def set_app(self, application):
        lock = threading.Lock()

        def serial(environ, start_response):
            lock.acquire()
            try:
                response = application(environ, start_response)
            except BaseException:
                lock.release()
                raise
            return _ReleasedOnClose(response, lock)

        super().set_app(serial)


class _ReleasedOnClose:
    """A WSGI response that releases the server's lock once the server has sent and closed it
    (wsgiref closes a response in a finally clause, also when the client went away)."""

    def __init__(self, response, lock: threading.Lock) -> None:
        self.response = response
        self.lock = lock
        self.released = False

    def __iter__(self):
        return iter(self.response)

    def close(self) -> None:
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            if not self.released:
                self.released = True
                self.lock.release()


LiveServerThread.server_class = _OneRequestAtATime


IN_FLIGHT = _InFlight()
request_started.connect(IN_FLIGHT.started, dispatch_uid="browser-tests-in-flight-start")
request_finished.connect(IN_FLIGHT.finished, dispatch_uid="browser-tests-in-flight-finish")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("GONGZHI_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps)")
        pytest.skip(f"{CHROMIUM} not installed: run make test as root to install it")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_world(transactional_db, settings):
    """The live server's database is flushed between browser tests: load the demo again. The
    test's database work waits for the server to finish what the last page asked (see _InFlight),
    before the demo is loaded and before the database is flushed after the test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    IN_FLIGHT.wait_idle()
    _demo_restore(settings) or _demo_load(settings)
    yield
    IN_FLIGHT.wait_idle()


# The demo takes 15 s to load; a browser test needs it fresh. On SQLite in memory (the browser
# tests' database) the first load is copied, pages and sequences alike, with SQLite's backup API,
# and each later test copies it back in a few milliseconds, with the media files the demo wrote.
# The data dir (Parquet files) is the worker's own and keeps what the first load wrote.
_SNAPSHOT: dict[str, object] = {}


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _demo_load(settings) -> None:
    call_command("demo", stdout=open(os.devnull, "w"))
    if _in_memory_sqlite():
        connection.ensure_connection()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _SNAPSHOT["db"] = snapshot
        media = Path(tempfile.mkdtemp(prefix="gongzhi-demo-media-"))
        if Path(settings.MEDIA_ROOT).exists():
            shutil.copytree(settings.MEDIA_ROOT, media, dirs_exist_ok=True)
        _SNAPSHOT["media"] = media


def _demo_restore(settings) -> bool:
    if "db" not in _SNAPSHOT or not _in_memory_sqlite():
        return False
    connection.ensure_connection()
    _SNAPSHOT["db"].backup(connection.connection)
    shutil.copytree(_SNAPSHOT["media"], settings.MEDIA_ROOT, dirs_exist_ok=True)
    return True


@pytest.fixture
def page(browser, live_server, demo_world, request):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base_url + "/")


@pytest.fixture
def login(page, demo_password):
    def do(username: str, password: str = demo_password) -> None:
        sign_in(page, page.base_url, username, password)

    return do


@pytest.fixture
def signed_in(browser, live_server, demo_world, demo_password, request):
    """A function: a page in a new browser context of the given size (a phone below 768 px),
    signed in as `username`. `page.errors` collects uncaught script errors, `page.shot(name)` saves
    a full-page screenshot in test-artifacts/, `page.fits_the_screen()`: nothing wider than it. The contexts close when the test ends (with a
    screenshot of each open page when it failed)."""
    contexts = []

    def open_page(username: str, *, width: int = 1280, height: int = 900, timeout: int = 30_000):
        phone = width < 768
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="zh-CN"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout)
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.base_url = live_server.url
        page.width = width

        def shot(name: str) -> None:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}_{width}.png"), full_page=True)

        page.shot = shot
        page.fits_the_screen = lambda: page.evaluate("document.documentElement.scrollWidth") <= width
        sign_in(page, live_server.url, username, demo_password)
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for page in context.pages:
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True)
        context.close()


@pytest.fixture
def worker(settings):
    """A real queue with the test as its worker: a job waits instead of running inside the
    request, and `worker(job_id)` runs it once the live server handles no request (see _InFlight;
    the page should hold its own requests meanwhile, e.g. with `page.route`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    from gongzhi.core.jobs import job_execute

    def run(job_id: int):
        IN_FLIGHT.wait_idle()
        return job_execute(job_id)

    return run
