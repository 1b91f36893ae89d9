"""Every figure of the cogov parts' `leader_summary` (the leader's one-pager /taxfee/) leads to a
list of exactly that many rows: on the demo data, for the leader and the co-governance office,
each figure's url is opened and the rows of its list's table counted (following the list's pages);
a rate is checked as a link that opens. Before the fix "年度任务已完成" opened every task of the
year, "重要事项逾期未签收" every filed matter, "本年办结" and "今年办结企业诉求" the closed ones of
every year, "本年已复核核查任务" the reviewed ones of every year and "协助事项（现行）" the drafts too."""

import html
import importlib
import re

import pytest
from django.utils import timezone

from gongzhi.core import clock
from gongzhi.workspace import cogov_parts

pytestmark = pytest.mark.django_db

PARTS = ("assistance", "grid", "yearly", "matters", "enterprise")

# the list each part's figures open: its url prefix and the data-testid of its table's rows
ROWS = {
    "/cogov/yearly/mine/": "yearly-row",
    "/cogov/matters/": "matter-row",
    "/cogov/enterprise/": "enterprise-row",
    "/cogov/grid/tasks/": "grid-task-row",
    "/cogov/assistance/ledger/": "lookup-row",
    "/cogov/assistance/": "item-row",
}
NEXT = re.compile(r'href="(\?[^"]*page=\d+)">下一页</a>')


def _is_rate(figure: dict) -> bool:
    return "率" in str(figure["label"])


def _row_testid(url: str) -> str:
    path = url.split("?", 1)[0]
    testid = ROWS.get(path)
    assert testid, f"no list known for {url}"
    return testid


def _count_rows(client, url: str) -> tuple[int, list[str]]:
    """The rows of the list at `url`, over all its pages; and the active filters it shows."""
    testid = _row_testid(url)
    path = url.split("?", 1)[0]
    total, filters, seen = 0, [], set()
    while url not in seen:
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        total += body.count(f'data-testid="{testid}"')
        filters += re.findall(r'data-testid="active-filter">(.*?)</p>', body, flags=re.S)
        following = NEXT.search(body)
        if not following:
            break
        url = path + html.unescape(following.group(1))
    return total, filters


def _figures(user) -> list[tuple[str, dict]]:
    today = clock.today()
    figures = []
    for part in PARTS:
        module = importlib.import_module(f"gongzhi.cogov.selectors_{part}")
        figures += [(part, f) for f in module.leader_summary(user=user, today=today)]
    return figures


@pytest.mark.parametrize("role", ["leader", "cogov_office"])
def test_every_figure_opens_a_list_of_exactly_its_rows(demo, users, client_for, role):
    user = users[role]
    client = client_for(user)
    figures = _figures(user)
    # every part gives this role its figures, and the demo leaves none of the parts empty
    assert {part for part, _f in figures} == set(PARTS), role
    assert sum(f["value"] for _p, f in figures if not _is_rate(f)) > 0
    for part, figure in figures:
        where = (role, part, str(figure["label"]), figure["url"])
        if _is_rate(figure):
            assert client.get(figure["url"]).status_code == 200, where
            continue
        rows, filters = _count_rows(client, figure["url"])
        assert rows == figure["value"], (*where, rows)
        if any(f"{k}=" in figure["url"] for k in ("state", "status", "outcome", "from", "closed_year")):
            # a filtered list says which filter the reader sees
            assert filters, where


def test_the_one_pager_shows_the_same_figures(demo, users, client_for):
    """The figures checked above are the ones the leader's one-pager links."""
    client = client_for(users["leader"])
    o = client.get("/taxfee/").context["o"]
    shown = {(p.part, str(f["label"]), f["value"], f["url"]) for p in o.cogov for f in p.figures}
    expected = {(part, str(f["label"]), f["value"], f["url"]) for part, f in _figures(users["leader"])}
    assert shown == expected
    assert [p.part for p in o.cogov] == [p for p, _m in cogov_parts.part_selectors()]


def test_the_new_filters_keep_to_their_rows(demo, users, client_for):
    """The filters the figures use, checked against what each row says (not only the counts)."""
    client = client_for(users["cogov_office"])
    today = clock.today()
    year = today.year

    body = client.get(f"/cogov/yearly/mine/?year={year}&state=done").content.decode()
    done_rows = re.findall(r'<tr data-testid="yearly-row".*?</tr>', body, flags=re.S)
    assert all("逾期" not in row for row in done_rows)

    body = client.get("/cogov/matters/?state=ack_overdue").content.decode()
    rows = re.findall(r'<tr data-testid="matter-row".*?</tr>', body, flags=re.S)
    assert all("逾期未签收" in row for row in rows)

    response = client.get(f"/cogov/enterprise/?status=closed&closed_year={year}")
    assert all(r.state == "closed" and r.closed_on.year == year for r in response.context["requests"])
    response = client.get(f"/cogov/enterprise/?status=rated&closed_year={year}")
    assert all(r.satisfaction for r in response.context["requests"])

    response = client.get(f"/cogov/matters/?state=closed&closed_year={year - 1}")
    assert all(m.closed_on.year == year - 1 for m in response.context["matters"])

    response = client.get(f"/cogov/grid/tasks/?state=reviewed&reviewed_year={year}")
    assert all(
        t.state == "reviewed" and timezone.localdate(t.reviewed_at).year == year
        for t in response.context["page"]
    )
