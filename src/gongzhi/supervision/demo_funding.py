"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order.

Funding on most tasks of the child-friendly plan (those with indicators, and a few more), by
year from 2023 to the reference year, the amounts invented and labelled 虚构 in the note; the
plan published for citizens; one 四不两直 visit with a finding, its rectification and a photo;
good-practice cases, two of them published. Repeatable: nothing is created twice.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.evidence import evidence_store
from gongzhi.supervision.models import Evidence
from gongzhi.supervision.models_funding import FundingMode, FundingSource, PlanPublication, TaskFunding

PLAN = "周政办字〔2023〕8号"
NOTE = "虚构（演示数据）"
FIRST_YEAR = 2023
# a 1x1 PNG: the demo's photo of an unannounced visit
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
CASES = [
    ("“希望小屋”儿童关爱项目：困境儿童有了自己的小天地", True),
    ("口袋公园里的儿童议事角：孩子们的建议变成了秋千和沙坑", True),
    ("校园周边“护学岗”：上下学高峰交通秩序改善", False),
]


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))), timezone.now())


def load(*, today: datetime.date) -> list[str]:
    plan = PolicyDocument.objects.filter(doc_number=PLAN).first()
    if plan is None:
        return []
    lines = [_funding(plan, today), _publish(plan)]
    lines += _inspection(plan, today)
    lines += _cases(plan, today)
    return lines


def _funding(plan: PolicyDocument, today: datetime.date) -> str:
    recorder = User.objects.filter(username="gongzhi").first()
    tasks = list(plan.nodes.tasks().current().order_by("order"))
    with_indicators = {i for i in plan.indicators.filter(active=True).values_list("task_id", flat=True)}
    chosen = [t for t in tasks if t.pk in with_indicators] + [
        t for t in tasks if t.pk not in with_indicators
    ][:4]
    rng = random.Random(17)
    sources = list(FundingSource)
    modes = list(FundingMode)
    count = 0
    for n, task in enumerate(chosen):
        source = sources[0] if n % 3 else sources[n % 2 + 1]
        mode = modes[n % len(modes)]
        project = f"{task.display_title[:16]}项目" if n % 4 == 0 else ""
        base = Decimal(rng.randrange(80, 900) * 10_000)
        for year in range(FIRST_YEAR, today.year + 1):
            if year == today.year:
                share = Decimal(max(1, today.timetuple().tm_yday)) / Decimal(366)
            else:
                share = Decimal("0.92") + Decimal(rng.randrange(0, 8)) / 100
            planned = base
            allocated = (planned * Decimal("0.9")).quantize(Decimal("0.01"))
            spent = (allocated * min(Decimal(1), share)).quantize(Decimal("0.01"))
            _row, created = TaskFunding.objects.get_or_create(
                task=task,
                project=project,
                year=year,
                source=source,
                mode=mode,
                defaults={
                    "plan": plan,
                    "planned": planned,
                    "allocated": allocated,
                    "spent": spent,
                    "note": NOTE,
                    "recorded_by": recorder,
                },
            )
            count += created
    return f"任务资金：{len(chosen)}项任务，新增{count}行（{NOTE}）"


def _publish(plan: PolicyDocument) -> str:
    office = User.objects.filter(username="fuer").first()
    PlanPublication.objects.update_or_create(
        plan=plan,
        defaults={
            "public": True,
            "intro": "周村区建设儿童友好城市的进展，数据经区妇儿工委办公室审核后公开（演示数据，虚构）。",
            "changed_by": office,
        },
    )
    return f"公众页面：已公开“{plan.title}”"


def _inspection(plan: PolicyDocument, today: datetime.date) -> list[str]:
    inspector = User.objects.filter(username="pinggu").first() or User.objects.filter(username="fuer").first()
    unit = (
        plan.nodes.tasks()
        .current()
        .filter(responsibilities__role="lead")
        .values_list("responsibilities__unit", flat=True)[:1]
    )
    if inspector is None or not unit:
        return []
    day = today - datetime.timedelta(days=40)
    # inspections sit above supervision: created through the plan's reverse relations
    visit, created = plan.inspections.get_or_create(
        kind="unannounced",
        place="某社区儿童之家（虚构）",
        defaults={
            "date": day,
            "unit_id": unit[0],
            "inspector": inspector,
            "summary": "“四不两直”暗访：儿童之家按时开放，活动记录齐全；安全出口标识缺失（演示数据，虚构）。",
        },
    )
    if not created:
        return ["督查检查：1次“四不两直”暗访（演示数据，已存在）"]
    finding = visit.findings.create(text="儿童之家安全出口标识缺失", order=1)
    rectification = finding.rectifications.create(
        unit_id=unit[0],
        requirement="30日内补设安全出口标识并报送照片",
        deadline=day + datetime.timedelta(days=30),
        state="submitted",
        result="已补设安全出口标识（演示数据，虚构）",
    )
    if not Evidence.objects.filter(inspection=visit).exists():
        evidence_store(actor=None, unit=visit.unit, filename="暗访现场.png", data=PNG, inspection=visit)
        evidence_store(
            actor=None, unit=visit.unit, filename="整改照片.png", data=PNG, rectification=rectification
        )
    return ["督查检查：1次“四不两直”暗访，1项整改（演示数据，虚构）"]


def _cases(plan: PolicyDocument, today: datetime.date) -> list[str]:
    units = list(
        plan.nodes.tasks()
        .current()
        .filter(responsibilities__role="lead")
        .values_list("responsibilities__unit", flat=True)[:3]
    )
    if not units:
        return []
    published = 0
    for n, (title, public) in enumerate(CASES):
        day = today - datetime.timedelta(days=60 - 10 * n)
        case, _created = plan.cases.get_or_create(
            title=title,
            defaults={
                "unit_id": units[n % len(units)],
                "body": f"{title}。做法：整合部门资源，听取儿童意见，定期回访。成效：参与儿童明显增加。（演示数据，虚构）",
                "state": "published" if public else "submitted",
                "published_at": _at(day) if public else None,
            },
        )
        published += case.state == "published"
    return [f"优秀工作案例：{len(CASES)}个，已公开{published}个（演示数据，虚构）"]
