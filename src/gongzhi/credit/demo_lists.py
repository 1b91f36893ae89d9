"""Demo: the published A and D lists of the latest evaluation year, two credit repairs and a
correction of the D list waiting for its check (合成数据).

Runs after `gongzhi.credit.demo.load` (the ratings). What it does, as the demo users would:

- 税务核查员 (shuiwu) drafts the A list and the D list of the latest year, 共治办 (gongzhi) checks
  and publishes them (maker-checker, two offices), dated some weeks back;
- the D taxpayer that the ratings demo repaired by a resubmission (the year before) gets its repair
  case: recorded, approved, effective, its 解除缴税专用账户休眠状态 done;
- a D taxpayer of the latest year is repaired recently: it leaves the current D list from its
  effective date, its follow-up action is open (on the tax bureau's to-do list), and the D list's
  第2版 (reason: 信用修复) is drafted and waits for 共治办's check.

Idempotent: nothing is made twice.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.core.periods import date_words
from gongzhi.credit import lists, repair
from gongzhi.credit.models_lists import (
    ActionState,
    CreditList,
    ListRevision,
    RepairAction,
    RepairCase,
    RepairCondition,
)
from gongzhi.org.models import Unit

DAY = datetime.timedelta(days=1)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0))), timezone.now())


def _condition(rating) -> tuple[str, int]:
    """A repair condition that fits the D rating's reason, and the clean months it needs."""
    reason = rating.d_reason or ""
    if "未按" in reason:
        return RepairCondition.PAID_60_DAYS, 0
    if "非正常户" in reason:
        return RepairCondition.ABNORMAL_LIFTED, 0
    if rating.score is not None:
        return RepairCondition.LATE_REMEDIED, 0
    return RepairCondition.OTHER_12_MONTHS, 13


FACTS = {
    RepairCondition.PAID_60_DAYS: "处理结论期满后60日内已足额缴纳税款、滞纳金和罚款，未构成犯罪（合成数据）",
    RepairCondition.ABNORMAL_LIFTED: "已履行纳税申报等法律义务，非正常户状态已依法解除（合成数据）",
    RepairCondition.LATE_REMEDIED: "逾期未办的纳税申报和资料备案已补办（合成数据）",
    RepairCondition.OTHER_12_MONTHS: "已纠正失信行为、履行相应法律义务，申请前连续12个月无新增失信记录（合成数据）",
}


def _publish(*, year: int, level: str, maker, checker, day: datetime.date) -> ListRevision:
    revision = lists.list_draft(actor=maker, eval_year=year, level=level, today=day)
    lists.list_approve(actor=checker, revision=revision, note="已核对评价结果（演示）")
    lists.list_publish(actor=checker, revision=revision)
    ListRevision.objects.filter(pk=revision.pk).update(
        drafted_at=_at(day, 9), checked_at=_at(day, 15), published_at=_at(day, 16)
    )
    return revision


def _repair(*, rating, maker, checker, applied: datetime.date, effective: datetime.date, done: bool, unit):
    condition, months = _condition(rating)
    clean_since = applied - datetime.timedelta(days=31 * months) if months else None
    case = repair.repair_record(
        actor=maker,
        uscc=rating.uscc,
        eval_year=rating.eval_year,
        condition=condition,
        facts=FACTS[condition],
        applied_on=applied,
        clean_since=clean_since,
    )
    repair.repair_approve(
        actor=checker,
        case=case,
        effective_date=effective,
        owner_unit=unit,
        deadline=effective + 10 * DAY,
        note="符合修复条件（演示）",
    )
    RepairCase.objects.filter(pk=case.pk).update(
        created_at=_at(applied, 10), updated_at=_at(effective, 11), decided_at=_at(effective, 11)
    )
    RepairAction.objects.filter(case=case).update(
        created_at=_at(effective, 11), updated_at=_at(effective, 11)
    )
    if done:
        action = RepairAction.objects.get(case=case)
        repair.repair_action_done(
            actor=maker,
            action=action,
            note="已通知开户银行解除缴税专用账户休眠状态（演示）",
            done_on=effective + 3 * DAY,
        )
        RepairAction.objects.filter(pk=action.pk).update(updated_at=_at(effective + 3 * DAY, 15))
    return case


def load_lists(*, today: datetime.date) -> list[str]:
    from gongzhi.credit.demo import eval_years
    from gongzhi.credit.selectors import current_ratings, rating_dataset_ready, rating_history

    officer = User.objects.filter(username="shuiwu").first()
    office = User.objects.filter(username="gongzhi").first()
    if not rating_dataset_ready() or officer is None or office is None:
        return ["纳税信用名单：没有评价结果或演示账号，未载入"]
    years = eval_years(today)
    latest, earlier = years[-1], years[-2]
    tax_bureau = Unit.objects.get(name="区税务局")
    lines = []

    published_day = max(
        min(datetime.date(latest + 1, 5, 15), today - 30 * DAY), datetime.date(latest + 1, 1, 21)
    )
    published_day = min(published_day, today)
    if not CreditList.objects.filter(eval_year=latest).exists():
        a = _publish(year=latest, level="A", maker=officer, checker=office, day=published_day)
        d = _publish(year=latest, level="D", maker=officer, checker=office, day=published_day)
        lines.append(
            f"纳税信用名单：{latest}年度A级{a.row_count}户、D级{d.row_count}户，"
            f"{date_words(published_day)}发布（税务核查员拟稿，共治办复核）"
        )

    # the repair behind the ratings demo's resubmission of the year before (D -> B)
    if not RepairCase.objects.filter(eval_year=earlier).exists():
        for rating in current_ratings(earlier, user=None, purpose="演示数据：纳税信用修复"):
            history = [h for h in rating_history(rating.uscc, user=None) if h.eval_year == earlier]
            old = next((h for h in history if h.level == "D" and not h.current), None)
            if old is None or rating.level == "D":
                continue
            effective = datetime.date(latest, 9, 1)
            _repair(
                rating=old,
                maker=officer,
                checker=office,
                applied=effective - 12 * DAY,
                effective=effective,
                done=True,
                unit=tax_bureau,
            )
            lines.append(
                f"纳税信用修复：{old.name}（{earlier}年度D级），{date_words(effective)}生效，后续事项已办结"
            )
            break

    # a recent repair of the latest year: off the current D list, follow-up open, 第2版 to check
    if not RepairCase.objects.filter(eval_year=latest).exists() and today - 12 * DAY > published_day:
        d_ratings = [
            r for r in current_ratings(latest, user=None, purpose="演示数据：纳税信用修复") if r.level == "D"
        ]
        d_ratings.sort(key=lambda r: ("未按" not in (r.d_reason or ""), r.uscc))
        if d_ratings:
            rating = d_ratings[0]
            effective = today - 5 * DAY
            case = _repair(
                rating=rating,
                maker=officer,
                checker=office,
                applied=today - 12 * DAY,
                effective=effective,
                done=False,
                unit=tax_bureau,
            )
            revision = lists.list_draft(
                actor=officer,
                eval_year=latest,
                level="D",
                reason=f"信用修复：{rating.name}自{date_words(effective)}起不再列入D级名单",
                today=today,
            )
            open_actions = RepairAction.objects.filter(case=case, state=ActionState.OPEN).count()
            lines.append(
                f"纳税信用修复：{rating.name}（{latest}年度D级），{date_words(effective)}生效，"
                f"后续事项{open_actions}项办理中；D级名单第{revision.number}版待共治办复核"
            )
    return lines
