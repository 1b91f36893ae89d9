"""Demo: the child-friendly city plan monitored since 2023, the tax co-governance plan since 2024
(synthetic, labelled 演示).

Baselines, values and reports are invented so that every warning level, every page and every
document shows something real: some indicators reach their targets, some lag, a per-unit
indicator has towns missing, one milestone is overdue; reports are mostly on time, some late.
The tax plan has no quantified targets: its units report monthly (月度调度), and its dashboard
shows tasks on track, one that its lead units report as 滞后, and one whose latest month is not
reported yet (报送逾期).
"""

import datetime
import random
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from gongzhi.core.periods import period_ends, period_of
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.choices import ReportState, RoundState, TaskStatus, ValueSource
from gongzhi.supervision.freshness import plan_data_changed
from gongzhi.supervision.models import (
    IndicatorValue,
    ReportingRound,
    SupervisionOrder,
    TaskReport,
)
from gongzhi.supervision.monitoring import thresholds_for
from gongzhi.supervision.services import indicators_sync, monitoring_settings

PLAN = "周政办字〔2023〕8号"
BASELINE_DAY = datetime.date(2022, 12, 31)
PLAN_START, PLAN_DEADLINE = datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)
# indicator name (start) -> (baseline, share of the way to the target reached by the end of 2025)
STORY = {
    "每千人口3岁以下婴幼儿托位数": (2.1, 0.7),  # lags: red
    "区普惠性幼儿园覆盖率": (82, 1.2),
    "公办幼儿园在园幼儿占比": (55, 1.05),
    "省级一类以上幼儿园": (48, 0.9),  # a little behind: yellow/red
    "义务教育阶段本科及以上学历专任老师比例": (90, 1.1),
    "每千名儿童拥有儿科执业（助理）医生": (0.6, 1.1),
    "床位": (1.6, 1.0),
    "儿童总体近视率": (52, 1.2),
    "12岁儿童龋患率": (36, 1.1),
    "学生在校期间校园体育活动时间": (0.8, 1.2),
    "学生体质健康测试优良率": (48, 0.95),
    "学生体质健康测试合格率": (90, 1.1),
    "完成新建改扩建中小学": (0, 1.0),
    "建设儿童友好街区": (0, 1.2),
    "建设儿童友好出行道路": (0, 0.67),  # 2 of 3
    "建设儿童友好主题公园（口袋公园）": (0, 1.0),
    "新建、改建多功能运动场地": (0, 1.0),
    "建设儿童友好新型公共阅读空间": (0, 1.0),
    "组织家庭教育指导活动": (1, 1.0),
}


def _quarters(start: datetime.date, today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    out = []
    for end in period_ends(start, today, "quarterly"):
        if end + datetime.timedelta(days=15) >= today:
            break
        quarter = period_of(end, "quarterly")
        out.append((quarter.label, quarter.start, quarter.end))
    return out


def _value(*, indicator, round_, unit, value, state, reported) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        unit=unit,
        round=round_,
        period_end=round_.period_end,
        value=Decimal(value),
        state=state,
        source=ValueSource.DEMO,
        reported_at=reported,
    )


def _at(day: datetime.date, time: datetime.time = datetime.time(9, 30)) -> datetime.datetime:
    """That day at that time, but never later than now (the demo's reference moment)."""
    return min(timezone.make_aware(datetime.datetime.combine(day, time)), timezone.now())


def load(*, today: datetime.date) -> list[str]:
    return _load_child_plan(today=today) + _load_tax_plan(today=today)


def _load_child_plan(*, today: datetime.date) -> list[str]:
    plan = PolicyDocument.objects.filter(doc_number=PLAN).first()
    if plan is None or plan.rounds.exists():
        return [] if plan is None else [f"监测：{plan.rounds.count()}个报送轮次（演示数据，已存在）"]
    indicators_sync(actor=None, plan=plan)
    settings_row = monitoring_settings(plan)
    settings_row.start = datetime.date(2023, 1, 1)
    settings_row.save()
    rng = random.Random(8)
    indicators = list(plan.indicators.filter(active=True).prefetch_related("per_units"))
    for indicator in indicators:
        story = next((v for k, v in STORY.items() if indicator.name.startswith(k)), None)
        if story and indicator.kind != "milestone":
            indicator.baseline_value, indicator.baseline_date = Decimal(str(story[0])), BASELINE_DAY
        indicator.definition = indicator.definition or "演示数据：口径按行业主管部门年度统计报表"
        indicator.data_source = indicator.data_source or "演示数据"
        indicator.confirmed = True
        indicator.save()
    rounds = []
    for label, first, last in _quarters(PLAN_START, today):
        rounds.append(
            ReportingRound.objects.create(
                plan=plan,
                period_label=label,
                period_start=first,
                period_end=last,
                due_date=last + datetime.timedelta(days=15),
                state=RoundState.CLOSED,
            )
        )
    if rounds:
        rounds[-1].state = RoundState.OPEN
        rounds[-1].save()
    for round_ in rounds:  # a round opens when its period ends, before anything is reported in it
        opened = _at(round_.period_end, datetime.time(8, 30))
        ReportingRound.objects.filter(pk=round_.pk).update(created_at=opened, updated_at=opened)
    responsibilities = list(
        plan.nodes.tasks().current().values_list("pk", "responsibilities__unit_id", "responsibilities__role")
    )
    total = len(rounds)
    reports = []
    for n, round_ in enumerate(rounds, start=1):
        for task_id, unit_id, role in responsibilities:
            if unit_id is None:
                continue
            late = rng.random() < 0.12
            missing = n == total and rng.random() < 0.25
            submitted = min(
                today,
                round_.due_date
                + datetime.timedelta(days=rng.randrange(3, 20) if late else -rng.randrange(0, 8)),
            )
            # progress follows the plan's own calendar (start to the 2025 deadline), not the number
            # of rounds so far: the story of a past day is the same whatever day the demo is loaded
            elapsed = (round_.period_end - PLAN_START).days / (PLAN_DEADLINE - PLAN_START).days
            progress = min(100, round(100 * elapsed) + rng.randrange(-10, 5))
            status = (
                TaskStatus.DONE
                if progress >= 100
                else (TaskStatus.DELAYED if task_id % 11 == 0 and n > 6 else TaskStatus.IN_PROGRESS)
            )
            reports.append(
                TaskReport(
                    round=round_,
                    task_id=task_id,
                    unit_id=unit_id,
                    role=role or "",
                    status=status,
                    percent=max(progress, 0),
                    done_text=f"（演示数据）{round_.period_label}按计划推进各项工作。",
                    problems="（演示数据）资金和场地保障仍需加强。" if status == TaskStatus.DELAYED else "",
                    next_steps="（演示数据）继续推进。",
                    version=1,
                    state=ReportState.DRAFT
                    if missing
                    else (ReportState.ACCEPTED if n < total else ReportState.SUBMITTED),
                    submitted_at=None if missing else _at(submitted),
                    reviewed_at=None if missing else _at(submitted),
                )
            )
    TaskReport.objects.bulk_create(reports, ignore_conflicts=True)
    # written when submitted; a draft never submitted was started when its round opened
    demo_reports = TaskReport.objects.filter(round__in=rounds)
    demo_reports.filter(submitted_at__isnull=False).update(
        created_at=F("submitted_at"), updated_at=F("submitted_at")
    )
    for round_ in rounds:
        opened = _at(round_.period_end, datetime.time(8, 30))
        demo_reports.filter(round=round_, submitted_at__isnull=True).update(
            created_at=opened, updated_at=opened
        )
    values = []
    deadline_day = PLAN_DEADLINE
    for indicator in indicators:
        story = next((v for k, v in STORY.items() if indicator.name.startswith(k)), None)
        for n, round_ in enumerate(rounds, start=1):
            if indicator.frequency == "yearly" and round_.period_end.month != 12:
                continue
            share = min(1.0, (round_.period_end - BASELINE_DAY).days / (deadline_day - BASELINE_DAY).days)
            reported = _at(min(today, round_.due_date - datetime.timedelta(days=2)))
            state = ReportState.SUBMITTED if n == total else ReportState.ACCEPTED
            common = {"indicator": indicator, "round_": round_, "state": state, "reported": reported}
            if indicator.kind == "milestone":
                done = (
                    round_.period_end.year >= (indicator.deadline.year if indicator.deadline else 2025)
                    and "脑瘫" not in indicator.name
                )  # one milestone stays undone: overdue
                values.append(_value(**common, unit=indicator.reporting_unit, value=1 if done else 0))
                continue
            if indicator.kind == "per_unit":
                for position, unit in enumerate(indicator.per_units.all()):
                    value = 1 if position < 6 or (round_.period_end.year < 2024 and position < 3) else 0
                    values.append(_value(**common, unit=unit, value=value))
                continue
            if story is None:
                continue
            baseline, reach = story
            target = float(indicator.target_value)
            if indicator.comparator == "decrease_by":
                target = baseline - float(indicator.target_value) * 3
            elif indicator.comparator == "increase_by":
                target = baseline + float(indicator.target_value) * 3
            value = (
                baseline
                + (target - baseline) * reach * share
                + rng.uniform(-0.01, 0.01) * abs(target - baseline)
            )
            if indicator.kind in ("cumulative", "range"):
                value = float(int(value))
            values.append(_value(**common, unit=indicator.reporting_unit, value=str(round(value, 2))))
    IndicatorValue.objects.bulk_create(values)
    IndicatorValue.objects.filter(round__in=rounds).update(
        created_at=F("reported_at"), updated_at=F("reported_at")
    )
    plan_data_changed(plan.pk)  # bulk writes send no signal: the stored status is stale
    if rounds and not SupervisionOrder.objects.exists():
        from gongzhi.accounts.models import User
        from gongzhi.org.models import Unit

        office = User.objects.filter(username="fuer").first() or User.objects.filter(role="admin").first()
        if office is not None:
            # issued once the last round's reports were in (a few days after its due day), answered
            # ten days later: the deadline follows the issue date, nothing after the reference day
            issued = min(today, rounds[-1].due_date + datetime.timedelta(days=3))
            answered = _at(min(today, issued + datetime.timedelta(days=10)), datetime.time(16, 0))
            task5 = plan.nodes.tasks().filter(number="（5）").first()
            order = SupervisionOrder.objects.create(
                number=f"督办〔{issued.year}〕1号",
                plan=plan,
                task=task5,
                unit=Unit.objects.get(name="区卫生健康局"),
                issue="（演示数据）托位数落后于计划进度。",
                requirement="（演示数据）请制定托育服务扩容计划并报送阶段成效。",
                deadline=issued + datetime.timedelta(days=20),
                state="answered",
                issued_by=office,
                answer="（演示数据）已新增两处普惠托育点，正在推进第三处。",
                answered_at=max(answered, _at(issued)),
            )
            SupervisionOrder.objects.filter(pk=order.pk).update(
                created_at=_at(issued), updated_at=order.answered_at
            )
    return [
        f"监测：{len(indicators)}项指标，{len(rounds)}个报送轮次，{len(reports)}份进展报告，"
        f"{len(values)}个指标数值（演示数据）"
    ]


TAX_PLAN = "周政办字〔2023〕10号"
TAX_START = datetime.date(2024, 1, 1)  # monitored from the first month of 2024 (synthetic)
# task number -> what its units report lately: on track, lagging (its lead unit 区税务局 says 滞后
# in the latest month), or missing (nothing for the month before, a draft for the latest month)
TAX_LATEST = {"（三）": "lagging", "（四）": "missing"}


def _months(start: datetime.date, today: datetime.date, due_days: int) -> list:
    """The months from ``start`` whose reports were due before ``today``."""
    return [
        period_of(end, "monthly")
        for end in period_ends(start, today, "monthly")
        if end + datetime.timedelta(days=due_days) < today
    ]


def _load_tax_plan(*, today: datetime.date) -> list[str]:
    """The tax co-governance plan set up by its office (区财政局) with monthly progress reports
    from 2024 on: no target to measure, so the levels come from the reports themselves."""
    plan = PolicyDocument.objects.filter(doc_number=TAX_PLAN).first()
    if plan is None:
        return []
    if plan.rounds.exists():
        return [f"监测（税费协同共治）：{plan.rounds.count()}个报送轮次（演示数据，已存在）"]
    settings_row = monitoring_settings(plan)
    settings_row.start = TAX_START
    settings_row.save()
    if plan.set_up_at is None:  # its office and start are the demo's
        plan.set_up_at = timezone.now()
        plan.save(update_fields=["set_up_at", "updated_at"])
    due_days = thresholds_for(plan).report_due_days
    rounds = [
        ReportingRound.objects.create(
            plan=plan,
            period_label=month.label,
            period_start=month.start,
            period_end=month.end,
            due_date=month.end + datetime.timedelta(days=due_days),
            state=RoundState.CLOSED,
        )
        for month in _months(TAX_START, today, due_days)
    ]
    if not rounds:
        return ["监测（税费协同共治）：尚无到期的报送轮次（演示数据）"]
    rounds[-1].state = RoundState.OPEN
    rounds[-1].save()
    for round_ in rounds:  # a round opens when its month ends
        opened = _at(round_.period_end, datetime.time(8, 30))
        ReportingRound.objects.filter(pk=round_.pk).update(created_at=opened, updated_at=opened)
    tasks = {task.pk: task.number for task in plan.nodes.tasks().current()}
    responsibilities = list(
        plan.nodes.tasks()
        .current()
        .filter(responsibilities__unit__isnull=False)
        .values_list(
            "pk", "responsibilities__unit_id", "responsibilities__unit__name", "responsibilities__role"
        )
    )
    rng = random.Random(10)
    reports = []
    for n, round_ in enumerate(rounds, start=1):
        latest = n == len(rounds)
        for task_id, unit_id, unit_name, role in responsibilities:
            story = TAX_LATEST.get(tasks[task_id], "on_track") if n >= len(rounds) - 1 else "on_track"
            if story == "missing":  # nothing for the month before, a draft for the latest month
                if latest:
                    reports.append(
                        TaskReport(
                            round=round_,
                            task_id=task_id,
                            unit_id=unit_id,
                            role=role or "",
                            status=TaskStatus.IN_PROGRESS,
                            done_text="（演示数据）本月工作情况正在汇总。",
                            state=ReportState.DRAFT,
                        )
                    )
                continue
            if story == "lagging" and not latest:
                story = "on_track"
            lagging = story == "lagging" and unit_name == "区税务局"
            late = rng.random() < 0.1
            submitted = min(
                today,
                round_.due_date
                + datetime.timedelta(days=rng.randrange(2, 12) if late else -rng.randrange(0, 10)),
            )
            # the share of the year's work plan done by the end of the month
            percent = max(0, min(100, round(100 * round_.period_end.month / 12) + rng.randrange(-8, 3)))
            reports.append(
                TaskReport(
                    round=round_,
                    task_id=task_id,
                    unit_id=unit_id,
                    role=role or "",
                    status=TaskStatus.DELAYED if lagging else TaskStatus.IN_PROGRESS,
                    percent=percent,
                    done_text=f"（演示数据）{round_.period_label}按年度工作要点推进，完成年度任务{percent}%。",
                    problems="（演示数据）部分成员单位涉税数据报送不及时，疑点核实超期。" if lagging else "",
                    next_steps="（演示数据）继续推进。",
                    version=1,
                    state=ReportState.SUBMITTED if latest else ReportState.ACCEPTED,
                    submitted_at=_at(submitted),
                    reviewed_at=None if latest else _at(submitted),
                )
            )
    TaskReport.objects.bulk_create(reports, ignore_conflicts=True)
    demo_reports = TaskReport.objects.filter(round__in=rounds)
    demo_reports.filter(submitted_at__isnull=False).update(
        created_at=F("submitted_at"), updated_at=F("submitted_at")
    )
    opened = _at(rounds[-1].period_end, datetime.time(8, 30))
    demo_reports.filter(submitted_at__isnull=True).update(created_at=opened, updated_at=opened)
    plan_data_changed(plan.pk)  # bulk writes send no signal: the stored status is stale
    return [f"监测（税费协同共治）：{len(rounds)}个月度报送轮次，{len(reports)}份进展报告（演示数据）"]
