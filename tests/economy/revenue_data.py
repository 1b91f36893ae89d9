"""Synthetic payments (虚构) of 2019, submitted through the real exchange path, for the revenue
cube's tests: a first 2019-03 submission that a later one of the same period supersedes.
(2019 lies before every month the session's demo data cover.)"""

import random
from decimal import Decimal

from factories import submit_rows

from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.validation import synthetic
from gongzhi.org.models import Unit


def _submit(dataset, unit, period, rows):
    submission = submit_rows(dataset, unit, period, rows)
    assert submission.state == SubmissionState.ACCEPTED, (submission.file_errors, submission.errors)
    return submission


def submit_world(seed: int = 14) -> dict:
    """Two registered taxpayers (C13 in 南郊镇, K70 in 北郊镇) and one not in the registry; their
    payments; a superseded first March file. Returns the usccs and the expected sums."""
    rng = random.Random(seed)
    a, b, c = (synthetic.uscc(rng) for _ in range(3))
    bureau = Unit.objects.get(name="区税务局")
    _submit(
        Dataset.objects.get(code="taxpayer"),
        bureau,
        "2019-01",
        [
            {"uscc": a, "name": "演示甲食品有限公司（虚构）", "industry_code": "C13", "town": "南郊镇",
             "status": "正常", "kind": "一般纳税人"},
            {"uscc": b, "name": "演示乙置业有限公司（虚构）", "industry_code": "K70", "town": "北郊镇",
             "status": "正常", "kind": "一般纳税人"},
        ],
    )  # fmt: skip
    paid = Dataset.objects.get(code="tax_paid")

    def row(uscc, tax_type, day, amount):
        return {"uscc": uscc, "tax_type": tax_type, "period": day[:7], "amount": amount, "paid_date": day}

    _submit(paid, bureau, "2019-01", [row(a, "增值税", "2019-01-31", "0.01")])
    _submit(paid, bureau, "2019-02", [
        row(a, "增值税", "2019-02-15", "1000.10"),
        row(b, "契税", "2019-02-20", "2000.05"),
    ])  # fmt: skip
    first = _submit(paid, bureau, "2019-03", [
        row(a, "增值税", "2019-03-15", "999999.99"),  # replaced below: must not count
        row(b, "增值税", "2019-03-15", "5.00"),
    ])  # fmt: skip
    _submit(paid, bureau, "2019-03", [
        row(a, "增值税", "2019-03-15", "300.33"),
        row(b, "增值税", "2019-03-16", "0.34"),
        row(c, "印花税", "2019-03-31", "12.30"),
    ])  # fmt: skip
    first.refresh_from_db()
    assert first.state == SubmissionState.SUPERSEDED
    assert Submission.objects.filter(superseded_by__isnull=False, pk=first.pk).exists()
    return {
        "a": a,
        "b": b,
        "c": c,
        "by_month": {"2019-01": Decimal("0.01"), "2019-02": Decimal("3000.15"), "2019-03": Decimal("312.97")},
        "total": Decimal("3313.13"),
    }
