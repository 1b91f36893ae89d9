"""Load on a running gongzhi (loopback only): N users, each logged in once, each requesting the
plan dashboard, a task page and the lead list in turn with a pause between pages, for a
bounded time. Prints p50/p95/p99 latency, requests/s and errors.

    GONGZHI_DATA_DIR=/tmp/demo .venv/bin/gongzhi serve --port 8012 &      # a server with the demo
    .venv/bin/python bench/bench_load.py --url http://127.0.0.1:8012 --users 50 --pause 1 --seconds 30
    .venv/bin/python bench/bench_load.py --users 200 --pause 5 --seconds 60
    .venv/bin/python bench/bench_load.py --users 20 --pause 0 --seconds 20      # closed loop: throughput

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


def discover(base: str) -> list[str]:
    """The pages to request: each plan's dashboard and one of its task pages, the lead list
    (each user keeps those its role may open)."""
    opener = login(base, "fuer")
    plans = opener.open(f"{base}/plans/", timeout=30).read().decode()
    pages = []
    for plan in dict.fromkeys(re.findall(r'href="/plans/(\d+)/"', plans)):
        detail = opener.open(f"{base}/plans/{plan}/", timeout=30).read().decode()
        pages.append(f"/supervision/plans/{plan}/")
        if task := re.search(r'href="(/plans/tasks/\d+/)"', detail):
            pages.append(task.group(1))
    pages.append("/taxrisk/leads/")
    return pages


def user_loop(base, username, pages, pause, until, samples, errors, lock) -> None:
    try:
        opener = login(base, username)
    except Exception as exc:
        with lock:
            errors.append(f"login {username}: {exc}")
        return
    mine = []
    for page in pages:  # the pages this role may open
        try:
            opener.open(base + page, timeout=60).read()
            mine.append(page)
        except urllib.error.HTTPError:
            pass
    pages = mine or pages
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
                samples.append((page, elapsed))
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
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("loopback only", file=sys.stderr)
        return 2
    pages = discover(args.url)
    samples: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    until = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=user_loop,
            args=(args.url, ROLES[i % len(ROLES)], pages, args.pause, until, samples, errors, lock),
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
    times = [t for _, t in samples]
    print(f"users {args.users}, pause {args.pause}s, {args.seconds:.0f}s; pages {pages}")
    print(
        f"requests {len(times)} ({len(times) / wall:.1f}/s), errors {len(errors)}; "
        f"p50 {percentile(times, 50) * 1000:.0f} ms, p95 {percentile(times, 95) * 1000:.0f} ms, "
        f"p99 {percentile(times, 99) * 1000:.0f} ms"
    )
    for page in pages:
        mine = [t for p, t in samples if p == page]
        print(
            f"  {page}: n={len(mine)} median {statistics.median(mine) * 1000 if mine else float('nan'):.0f} ms, "
            f"p95 {percentile(mine, 95) * 1000:.0f} ms"
        )
    for error in sorted(set(errors))[:10]:
        print("  error:", error, f"×{errors.count(error)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
