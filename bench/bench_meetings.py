"""Joint meetings on the demo data (run by hand): how long the meeting pieces take.

    .venv/bin/python bench/bench_meetings.py [--runs 5] [--data-dir DIR]

Without --data-dir, a fresh data dir is made and the demo loaded into it. Prints the median seconds
of: the follow-up of the first meeting's decisions (plan_status + latest reports + open orders),
the 会议纪要 .docx of each meeting, and the meeting page, the decision follow-up page and the meeting
list as the co-governance office renders them (query counts: tests/meetings). Nothing is asserted.
"""

import argparse
import statistics
import time

from _demo import demo_django
from _report import emit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()
    demo_django(args.data_dir)
    from django.conf import settings
    from django.test import Client

    from gongzhi.accounts.models import User
    from gongzhi.core.files import remove_temporary
    from gongzhi.meetings import exports, selectors
    from gongzhi.meetings.models import Meeting

    settings.ALLOWED_HOSTS = ["*"]
    first, second = Meeting.objects.order_by("date", "pk")[:2]
    office = User.objects.get(username="gongzhi")

    def median(fn) -> float:
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    print(f"follow-up of {first} ({first.decisions.count()} decisions) at {second}:")
    print(f"  follow_ups: {median(lambda: selectors.follow_ups(user=office, meeting=second)):.3f} s")
    for meeting in (first, second):

        def docx(meeting=meeting):
            remove_temporary(exports.minutes_docx(meeting=meeting, user=office))

        seconds = median(docx)
        print(f"  minutes .docx of {meeting.number}: {seconds:.3f} s")
        emit(f"meetings: minutes .docx of {meeting.number}", seconds, "s")
    client = Client()
    client.force_login(office)
    for name, url in (
        ("meeting page (next meeting)", f"/meetings/{second.pk}/"),
        ("meeting page (approved)", f"/meetings/{first.pk}/"),
        ("decision follow-up page", "/meetings/decisions/?show=all"),
        ("meeting list", "/meetings/"),
    ):
        status = client.get(url).status_code  # warning levels stored on first use, as on any page
        seconds = median(lambda url=url: client.get(url))
        print(f"  {name}: {seconds:.3f} s (status {status})")
        emit(f"meetings: {name}", seconds * 1000, "ms")


if __name__ == "__main__":
    main()
