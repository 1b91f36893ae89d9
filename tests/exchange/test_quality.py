"""Data quality: a submission covers every period of its period range; each covered period is
judged by its own due day against the time the submission was made; the per-unit problems
(late, missing, rejected rows, findings) name their records.

Real database, real validation and real Parquet files through the submit service (`submit_rows`);
every date is fixed and `today` is passed in, so the tests hold on any day.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import DatasetFactory, UnitFactory, small_rows, submit_rows

from gongzhi.exchange import selectors
from gongzhi.exchange.models import Submission

pytestmark = pytest.mark.django_db

D = datetime.date


def _sent_on(submission: Submission, day: datetime.date) -> Submission:
    """Date the submission as if it had been sent on ``day`` at 10:00 (Asia/Shanghai)."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    Submission.objects.filter(pk=submission.pk).update(created_at=at, finished_at=at)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def provider():
    return UnitFactory()


@pytest.fixture
def monthly(provider):
    return DatasetFactory(providers=[provider], frequency="monthly", due_day=15)


def _cells(provider, start, end, today):
    cells = selectors.quality_cells(start=start, end=end, today=today, units=[provider], registry=False)
    return {c.period: c for c in cells}


def test_a_range_submission_covers_each_month_judged_by_its_own_due_day(data_dir, provider, monthly):
    # sent on 2025-04-10: January and February were due on 2/15 and 3/15 (late), March on 4/15
    # (on time), April on 5/15 (on time, sent before the month even ended)
    s = _sent_on(submit_rows(monthly, provider, "2025-01..2025-04", small_rows("2025-01")), D(2025, 4, 10))
    assert (s.state, s.period_label) == ("accepted", "2025年1月至2025年4月")
    cells = _cells(provider, D(2025, 1, 1), D(2025, 6, 30), today=D(2025, 7, 20))
    assert list(cells) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert [cells[p].submission for p in ("2025-01", "2025-02", "2025-03", "2025-04")] == [s] * 4
    assert (cells["2025-01"].on_time, cells["2025-01"].late_days) == (False, 54)  # 2/15 -> 4/10
    assert (cells["2025-02"].on_time, cells["2025-02"].late_days) == (False, 26)  # 3/15 -> 4/10
    assert (cells["2025-03"].on_time, cells["2025-04"].on_time) == (True, True)
    assert cells["2025-03"].accuracy == 1.0
    # May (due 6/15) was never sent and is overdue on 7/20; June (due 7/15) too
    assert cells["2025-05"].submission is None and cells["2025-05"].problems == ["未报送"]
    assert cells["2025-06"].late_days == 5


def test_a_later_month_submission_keeps_the_first_for_timeliness_and_is_current(data_dir, provider, monthly):
    history = _sent_on(submit_rows(monthly, provider, "2025-01..2025-03", small_rows()), D(2025, 4, 1))
    fix = _sent_on(submit_rows(monthly, provider, "2025-02", small_rows("2025-02")), D(2025, 5, 1))
    cells = _cells(provider, D(2025, 1, 1), D(2025, 3, 31), today=D(2025, 6, 1))
    assert cells["2025-02"].first == history and cells["2025-02"].submission == fix
    assert cells["2025-02"].late_days == (D(2025, 4, 1) - D(2025, 3, 15)).days
    assert cells["2025-03"].on_time is True and cells["2025-03"].submission == history


def test_a_past_day_ignores_what_was_sent_after_it(data_dir, provider, monthly):
    """Reproducible for a past day: on 2025-03-20 January (due 2/15) was overdue and unsent, even
    though a range covering it came on 2025-04-10."""
    s = _sent_on(submit_rows(monthly, provider, "2025-01..2025-02", small_rows()), D(2025, 4, 10))
    then = _cells(provider, D(2025, 1, 1), D(2025, 1, 31), today=D(2025, 3, 20))
    assert then["2025-01"].submission is None and then["2025-01"].problems == ["未报送"]
    now = _cells(provider, D(2025, 1, 1), D(2025, 1, 31), today=D(2025, 4, 10))
    assert now["2025-01"].submission == s and now["2025-01"].late_days == 54


def test_quarterly_and_yearly_datasets_are_covered_by_a_range(data_dir, provider):
    quarterly = DatasetFactory(providers=[provider], frequency="quarterly", due_day=20)
    yearly = DatasetFactory(providers=[provider], frequency="yearly", due_day=31)
    # a half year's quarters sent on 2025-07-10: Q1 due 4/20 late, Q2 due 7/20 on time
    q = _sent_on(submit_rows(quarterly, provider, "2025-Q1..2025-Q2", small_rows()), D(2025, 7, 10))
    # two years sent on 2025-01-20: 2023 (due 2024-01-31) late, 2024 (due 2025-01-31) on time
    y = _sent_on(submit_rows(yearly, provider, "2023..2024", small_rows()), D(2025, 1, 20))
    cells = selectors.quality_cells(
        start=D(2023, 1, 1), end=D(2025, 6, 30), today=D(2025, 8, 1), units=[provider], registry=False
    )
    by = {(c.dataset.pk, c.period): c for c in cells}
    assert by[(quarterly.pk, "2025-Q1")].submission == q and by[(quarterly.pk, "2025-Q1")].late_days == 81
    assert by[(quarterly.pk, "2025-Q2")].on_time is True
    assert by[(yearly.pk, "2023")].submission == y and by[(yearly.pk, "2023")].on_time is False
    assert by[(yearly.pk, "2024")].on_time is True


def test_quality_problems_per_unit_name_their_records(data_dir, provider, monthly):
    other = UnitFactory()
    late_ds = DatasetFactory(providers=[provider, other], frequency="monthly", due_day=10)
    rows = [*small_rows("2025-03", 4), {"uscc": "91370306MA3C000000", "period": "2025-03", "amount": "1"}]
    partial = _sent_on(submit_rows(monthly, provider, "2025-03", rows), D(2025, 4, 2))
    history = _sent_on(submit_rows(late_ds, provider, "2025-01..2025-03", small_rows()), D(2025, 4, 25))
    on_time = _sent_on(submit_rows(late_ds, other, "2025-01..2025-03", small_rows()), D(2025, 1, 5))
    result = selectors.quality_problems(
        start=D(2025, 1, 1), end=D(2025, 3, 31), today=D(2025, 5, 1), units=[provider, other.pk]
    )
    by = {q.unit: q for q in result}
    assert set(by) == {provider, other}
    mine = by[provider]
    assert (mine.expected, mine.on_time) == (6, 1)  # 2 datasets x 3 months; only March of `monthly`
    assert [(m.dataset_id, m.period) for m in mine.missing] == [
        (monthly.pk, "2025-01"),
        (monthly.pk, "2025-02"),
    ]
    assert mine.missing[0].text == f"{monthly.name}2025年1月数据逾期未报送（应于2025年2月15日前报送）"
    assert [(i.submission_id, i.dataset_id, i.period, i.late_days) for i in mine.late] == [
        (history.pk, late_ds.pk, "2025-01", 74),
        (history.pk, late_ds.pk, "2025-02", 46),
        (history.pk, late_ds.pk, "2025-03", 15),
    ]
    assert f"第{history.pk}号报送" in mine.late[0].text and "逾期74天报送" in mine.late[0].text
    assert [(r.submission_id, r.rows, r.rejected) for r in mine.rejected] == [(partial.pk, 5, 1)]
    assert (
        mine.rejected[0].text
        == f"{monthly.name}2025年3月报送5行，其中1行有误未被接收（第{partial.pk}号报送）"
    )
    assert (mine.rows, mine.rejected_rows) == (5 + 3, 1)  # each submission counted once
    # the synthetic credit codes are not in the (demo's) taxpayer registry: a finding on each
    assert [(f.submission_id, f.kind, f.value) for f in mine.findings] == [
        (partial.pk, "registry_match", 0.0),
        (history.pk, "registry_match", 0.0),
    ]
    assert mine.summary == (
        f"{provider.name}：{monthly.name}2025年1月、2月逾期未报送；{late_ds.name}2025年1月至3月逾期报送（最长逾期74天）；"
        f"{monthly.name}2025年3月数据5行中1行有误；{monthly.name}2025年3月数据统一社会信用代码登记匹配率0%；"
        f"{late_ds.name}2025年1月至2025年3月数据统一社会信用代码登记匹配率0%。"
    )
    theirs = by[other]
    assert (theirs.expected, theirs.on_time, theirs.late, theirs.missing) == (3, 3, [], [])
    assert [f.submission_id for f in theirs.findings] == [on_time.pk]


def test_quality_problems_queries_do_not_grow_with_units(data_dir, django_assert_max_num_queries):
    def count(n: int) -> int:
        units = [UnitFactory() for _ in range(n)]
        dataset = DatasetFactory(providers=units)
        for unit in units:
            submit_rows(dataset, unit, "2025-01..2025-02", small_rows())
        with CaptureQueriesContext(connection) as ctx:
            selectors.quality_problems(
                start=D(2025, 1, 1), end=D(2025, 3, 31), today=D(2025, 5, 1), units=units
            )
        return len(ctx.captured_queries)

    assert count(2) == count(6)


def test_compact_periods():
    assert selectors.compact_periods(["2025-04", "2025-03"]) == "2025年3月、4月"
    assert selectors.compact_periods(["2025-01", "2025-02", "2025-03", "2025-05", "2026-01"]) == (
        "2025年1月至3月、5月，2026年1月"
    )
    assert selectors.compact_periods(["2025-Q1", "2025-Q2"]) == "2025年第1、2季度"
    assert selectors.compact_periods(["2024", "2025"]) == "2024年、2025年"


def test_the_demo_quality_page_counts_range_submissions_for_every_month(demo, users, client_for):
    """The demo's tax data is sent as one range (2023年1月至…): every month it covers counts, so the
    page shows a plausible on-time rate, not the 2 % of range submissions matching no month."""
    page = client_for(users["cogov_office"]).get("/exchange/quality/")
    assert page.status_code == 200
    assert page.context["expected"] > 20
    assert page.context["on_time_rate"] > 0.5
    # a problem is a unit-dataset-period, a few per unit, not one per month of the history
    assert page.context["late_count"] + page.context["missing_count"] < page.context["expected"] / 2
