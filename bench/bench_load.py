"""Load on a running gongzhi (loopback only): N users, each requesting a mix of pages in turn
(by default the plan dashboards, a task page and the lead list) with a pause between pages, for
a bounded time. One login per role, shared by its users (the password hash is slow by design);
the users' first pages are spread over one pause, as people arrive, not all in one instant.
Prints p50/p95/p99 latency, requests/s, errors, and per page.

How to run (a demo data dir, a server without the job worker, then the load):

    GONGZHI_DATA_DIR=/tmp/demo .venv/bin/gongzhi migrate && GONGZHI_DATA_DIR=/tmp/demo .venv/bin/gongzhi demo
    GONGZHI_DATA_DIR=/tmp/demo .venv/bin/gongzhi serve --port 8012 --workers 3 --no-worker &
    .venv/bin/python bench/bench_load.py --users 1 --pause 0 --seconds 20        # single user: medians
    .venv/bin/python bench/bench_load.py --users 8 --pause 0 --seconds 20        # closed loop: throughput
    .venv/bin/python bench/bench_load.py --users 50 --pause 1 --seconds 30       # target: p95 <= 300 ms
    .venv/bin/python bench/bench_load.py --users 200 --pause 5 --seconds 60      # p95 <= 300, p99 <= 800 ms
    .venv/bin/python bench/bench_load.py --mix dashboard,monitor,task,leads,home --users 50 --pause 1

--mix picks the pages: dashboard (each plan's), monitor (a task's warning page), task (a task's
page in the plan), leads (the tax-risk lead list), home, plans (the plan list), summary (the
leader's summary of each plan). Each user keeps the pages its role may open. The first request
of a plan's dashboard after a change recomputes the plan's levels (then they are read back).

Run by hand; figures go in the issue notes, never into a test.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PASSWORD = "gongzhi-demo-2025"  # the demo's synthetic accounts
ROLES = ["fuer", "gongzhi", "shuiwu", "lingdao"]


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def login(base: str, username: str) -> urllib.request.OpenerDirector:
    opener = _opener()
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data.encode(), headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=30).read()
    return opener


KINDS = ("dashboard", "monitor", "task", "leads", "home", "plans", "summary")


def discover(base: str, mix: list[str]) -> list[str]:
    """The pages to request, of the kinds in ``mix``, for each plan of the plan list."""
    opener = login(base, "fuer")
    plans = opener.open(f"{base}/plans/", timeout=30).read().decode()
    pages = []
    for plan in dict.fromkeys(re.findall(r'href="/plans/(\d+)/"', plans)):
        detail = opener.open(f"{base}/plans/{plan}/", timeout=30).read().decode()
        if "dashboard" in mix:
            pages.append(f"/supervision/plans/{plan}/")
        if "summary" in mix:
            pages.append(f"/supervision/plans/{plan}/summary/")
        task = re.search(r'href="/plans/tasks/(\d+)/"', detail)
        if task and "task" in mix:
            pages.append(f"/plans/tasks/{task.group(1)}/")
        if task and "monitor" in mix:
            pages.append(f"/supervision/tasks/{task.group(1)}/")
    pages += [
        page
        for kind, page in (("leads", "/taxrisk/leads/"), ("home", "/"), ("plans", "/plans/"))
        if kind in mix
    ]
    return pages


def role_session(base: str, username: str, pages: list[str]) -> tuple[list, list[str]]:
    """Log in once per role (password hashing is deliberately slow: a login per simulated user
    would measure the logins) and keep the pages this role may open."""
    opener = login(base, username)
    jar = next(h.cookiejar for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    mine = []
    for page in pages:
        try:
            opener.open(base + page, timeout=60).read()
            mine.append(page)
        except urllib.error.HTTPError:
            pass
    return list(jar), mine or pages


def user_loop(base, session, pause, until, samples, errors, lock, offset=0.0, role="") -> None:
    cookies, pages = session
    jar = http.cookiejar.CookieJar()
    for cookie in cookies:
        jar.set_cookie(cookie)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    time.sleep(offset)  # users arrive spread over one pause, not all in the same instant
    n = 0
    while time.monotonic() < until:
        page = pages[n % len(pages)]
        n += 1
        start = time.perf_counter()
        try:
            with opener.open(base + page, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except Exception as exc:
            with lock:
                errors.append(f"{page}: {type(exc).__name__}")
            status = None
        elapsed = time.perf_counter() - start
        with lock:
            if status == 200:
                samples.append((page, elapsed, role))
            elif status is not None:
                errors.append(f"{page}: HTTP {status}")
        if pause:
            time.sleep(pause)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8012")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds each user waits between pages")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--mix", default="dashboard,task,leads", help=f"comma-separated: {', '.join(KINDS)}")
    args = parser.parse_args()
    mix = [kind.strip() for kind in args.mix.split(",") if kind.strip()]
    if unknown := [kind for kind in mix if kind not in KINDS]:
        print(f"unknown page kind: {', '.join(unknown)}", file=sys.stderr)
        return 2
    host = urllib.parse.urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("loopback only", file=sys.stderr)
        return 2
    pages = discover(args.url, mix)
    anchor = []
    for _ in range(20):  # the anchor: the product's smallest page, one request at a time, before the load
        started = time.monotonic()
        urllib.request.urlopen(f"{args.url}/healthz", timeout=30).read()
        anchor.append(time.monotonic() - started)
    samples: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    sessions = {role: role_session(args.url, role, pages) for role in ROLES[: args.users]}
    until = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=user_loop,
            args=(args.url, sessions[ROLES[i % len(ROLES)]], args.pause, until, samples, errors, lock),
            kwargs={"offset": args.pause * i / args.users, "role": ROLES[i % len(ROLES)]},
            daemon=True,
        )
        for i in range(args.users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    wall = time.monotonic() - started
    times = [t for _, t, _role in samples]
    print(f"users {args.users}, pause {args.pause}s, {args.seconds:.0f}s; pages {pages}")
    print(
        f"requests {len(times)} ({len(times) / wall:.1f}/s), errors {len(errors)}; "
        f"p50 {percentile(times, 50) * 1000:.0f} ms, p95 {percentile(times, 95) * 1000:.0f} ms, "
        f"p99 {percentile(times, 99) * 1000:.0f} ms"
    )
    for page in pages:
        mine = [t for p, t, _role in samples if p == page]
        print(
            f"  {page}: n={len(mine)} median {statistics.median(mine) * 1000 if mine else float('nan'):.0f} ms, "
            f"p95 {percentile(mine, 95) * 1000:.0f} ms"
        )
        if page == "/":  # the home page differs per role
            for role in ROLES:
                if theirs := [t for p, t, r in samples if p == page and r == role]:
                    print(
                        f"    {role}: n={len(theirs)} median {statistics.median(theirs) * 1000:.0f} ms, "
                        f"p95 {percentile(theirs, 95) * 1000:.0f} ms"
                    )
    for error in sorted(set(errors))[:10]:
        print("  error:", error, f"×{errors.count(error)}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import emit

    label = f"load: {args.users} users, pause {args.pause:g} s, {args.seconds:.0f} s ({len(errors)} errors)"
    healthz = statistics.median(anchor) * 1000
    if args.pause > 0:
        p95 = percentile(times, 95) * 1000
        ok = p95 <= 300 and not errors
        emit(
            label + " p95",
            p95,
            "ms",
            anchor="/healthz alone",
            anchor_value=healthz,
            target="p95 ≤ 300 ms",
            met=ok,
        )
        p99 = percentile(times, 99) * 1000
        emit(
            label + " p99",
            p99,
            "ms",
            anchor="/healthz alone",
            anchor_value=healthz,
            target="p99 ≤ 800 ms",
            met=p99 <= 800 and not errors,
        )
    else:
        emit(
            label + " throughput",
            len(times) / wall,
            "requests/s",
            anchor="1000 / (/healthz alone, ms)",
            anchor_value=1000 / healthz if healthz else None,
            target="closed loop, no errors",
            met=not errors,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
