"""Demo: three years of taxpayer credit ratings (合成数据) for the demo taxpayers, submitted by the
tax bureau through the real submission service, one repaired resubmission, and checks by two
departments with their decisions.

Ratings are drawn for the taxpayers of the demo registry (the `taxpayer` dataset, read through
the warehouse); levels, scores and D reasons are invented, labelled synthetic in the file names.
Idempotent: a year already submitted is not submitted again.
"""

from __future__ import annotations

import csv
import datetime
import random

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.core.files import remove_temporary, temporary_directory
from gongzhi.credit import services
from gongzhi.credit.choices import Decision
from gongzhi.credit.models import CreditCheck, JointMeasure
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.services import submission_create
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.org.models import Unit

TAXPAYERS = 400  # at most this many demo taxpayers are rated
HEADER = ["uscc", "name", "eval_year", "level", "score", "d_reason"]
D_REASONS = [
    "未按税务机关处理结论缴纳或足额缴纳税款、滞纳金和罚款（直接判级，合成数据）",
    "非正常户（直接判级，合成数据）",
    "虚开增值税普通发票（直接判级，合成数据）",
]


REPORTED_ON = (
    1,
    20,
)  # month, day of the year after the evaluation year (the catalog's due day is 31 January)


def eval_years(today: datetime.date) -> list[int]:
    """The three latest evaluation years whose results the demo's tax bureau has reported by
    `today`: each year's results are reported on 20 January of the next year, before the demand
    list's due day (so the quality view finds no late or missing rating file in the demo)."""
    latest = today.year - 1 if today >= datetime.date(today.year, *REPORTED_ON) else today.year - 2
    return [latest - 2, latest - 1, latest]


def _level(rng: random.Random) -> tuple[str, str, str]:
    level = rng.choices(["A", "B", "M", "C", "D"], [18, 52, 12, 12, 6])[0]
    if level == "A":
        return level, f"{rng.uniform(90, 99.5):.2f}", ""
    if level == "B":
        return level, f"{rng.uniform(70, 89.9):.2f}", ""
    if level == "M":
        return level, rng.choice(["", f"{rng.uniform(70, 95):.2f}"]), ""
    if level == "C":
        return level, f"{rng.uniform(40, 69.9):.2f}", ""
    if rng.random() < 0.6:
        return level, "", rng.choice(D_REASONS)
    return level, f"{rng.uniform(20, 39.9):.2f}", "年度评价指标得分不满40分（合成数据）"


def _submit(rows: list[dict], year: int, name: str, when: datetime.datetime) -> Submission:
    work = temporary_directory("credit-demo")
    path = work / "ratings.csv"
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
        submission = submission_create(
            actor=None,
            dataset=Dataset.objects.get(code="credit_rating"),
            unit=Unit.objects.get(name="区税务局"),
            period=str(year),
            source_path=path,
            filename=name,
            background=False,
            via="演示数据",
        )
    finally:
        remove_temporary(work)
    when = min(when, timezone.now())
    Submission.objects.filter(pk=submission.pk).update(created_at=when, updated_at=when, finished_at=when)
    return submission


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def load(*, today: datetime.date) -> list[str]:
    if not Dataset.objects.filter(code="credit_rating", current_version__isnull=False).exists():
        return ["纳税信用：需求清单中没有纳税信用评价结果数据项，未载入演示数据"]
    services.measures_seed()
    # the catalogue was seeded when the database was made; in a demo dated earlier it was there
    # before the first check (a demo never records anything after its reference day)
    JointMeasure.objects.filter(created_at__gt=timezone.now()).update(
        created_at=timezone.now() - datetime.timedelta(days=365)
    )
    with open_warehouse(user=None, datasets=["taxpayer"], purpose="演示数据：纳税信用评价") as wh:
        taxpayers = wh.rows(
            "SELECT uscc, name FROM taxpayer WHERE uscc IS NOT NULL AND status = '正常' ORDER BY uscc LIMIT ?",
            [TAXPAYERS],
        )
    if not taxpayers:
        return ["纳税信用：演示纳税人登记为空，未载入评价结果"]
    years = eval_years(today)
    dataset = Dataset.objects.get(code="credit_rating")
    made = 0
    repaired_uscc = None
    for year in years:
        if Submission.objects.filter(dataset=dataset, period=str(year)).exists():
            continue
        rows = []
        for uscc, name in taxpayers:
            rng = random.Random(f"{uscc}-{year}")
            level, score, reason = _level(rng)
            rows.append(
                {
                    "uscc": uscc,
                    "name": name,
                    "eval_year": year,
                    "level": level,
                    "score": score,
                    "d_reason": reason,
                }
            )
        if year == years[-1]:
            rows[5].update(level="A", score="86.50", d_reason="")  # contradicts its score: a quality finding
        day = min(datetime.date(year + 1, *REPORTED_ON), today)
        _submit(rows, year, f"{year}年度纳税信用评价结果（合成数据）.csv", _at(day))
        made += 1
        if year == years[-2]:
            direct = next((r for r in rows if r["level"] == "D" and not r["score"]), None)
            if direct is not None:
                repaired_uscc = direct["uscc"]
                repaired = {**direct, "level": "B", "score": "71.00", "d_reason": ""}
                # repaired (2021年第31号) and re-rated some months later: one row, the same period
                day = min(datetime.date(year + 1, 9, 15), today)
                _submit([repaired], year, f"{year}年度纳税信用修复后评价（合成数据）.csv", _at(day, 15))
    checks = _demo_checks(today)
    lines = [
        f"纳税信用：{len(taxpayers)}户 × {len(years)}个评价年度（{years[0]}—{years[-1]}，合成数据），本次报送{made}个年度"
    ]
    if repaired_uscc:
        lines.append(f"纳税信用修复：{repaired_uscc} 由D级修复为B级（演示）")
    lines.append(f"联合奖惩核查：{checks}次（演示）")
    return lines


def _demo_checks(today: datetime.date) -> int:
    if CreditCheck.objects.exists():
        return CreditCheck.objects.count()
    from gongzhi.credit.selectors import levels_of

    finance = User.objects.filter(username="gongzhi").first()
    education = User.objects.filter(username="jiaoti").first()
    if finance is None or education is None:
        return 0
    levels = levels_of()
    by_level: dict[str, list[str]] = {}
    for uscc, (_year, level) in sorted(levels.items()):
        by_level.setdefault(level, []).append(uscc)
    plan = [
        # actor, level, scenario, decision, reason, days ago
        (finance, "D", "procurement", Decision.APPLIED, "", 40),
        (finance, "D", "subsidy", Decision.APPLIED, "", 33),
        (finance, "A", "subsidy", Decision.APPLIED, "", 26),
        (finance, "B", "procurement", None, "", 20),
        (finance, "D", "procurement", Decision.NOT_APPLIED, "该供应商已在核查前退出本次采购（演示）", 12),
        (education, "A", "honours", Decision.APPLIED, "", 30),
        (education, "D", "honours", Decision.APPLIED, "", 18),
        (education, "C", "honours", None, "", 9),
        (education, "A", "honours", None, "", 2),
    ]
    made = 0
    used: set[str] = set()
    for actor, level, scenario, decision, reason, days in plan:
        candidates = [u for u in by_level.get(level, []) if u not in used]
        if not candidates:
            continue
        uscc = candidates[0]
        used.add(uscc)
        check = services.check_run(actor=actor, uscc=uscc, scenario=scenario, today=today)
        at = _at(today - datetime.timedelta(days=days), 9 + made % 7)
        CreditCheck.objects.filter(pk=check.pk).update(checked_at=at)
        if decision is not None and (decision != Decision.APPLIED or check.measures.exists()):
            services.check_decide(actor=actor, check=check, decision=decision, reason=reason)
            CreditCheck.objects.filter(pk=check.pk).update(decided_at=at + datetime.timedelta(hours=2))
        made += 1
    return made
