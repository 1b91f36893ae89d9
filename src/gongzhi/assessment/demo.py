"""Demo: the default schemes; the child-friendly plan's last half-year scored from the demo's own
reports, warnings and orders, reviewed with one accepted appeal, approved (maker-checker) and
drafted as a notice; the co-governance scheme's current half-year in review with an open appeal."""

import datetime

from gongzhi.assessment import services
from gongzhi.assessment.models import ScoreRun
from gongzhi.assessment.notices import points_words
from gongzhi.assessment.schemes import parse_assessment_period
from gongzhi.core.periods import date_words

SYNTHETIC = "（演示数据）"


def _half(day: datetime.date):
    return parse_assessment_period(f"{day.year}H{1 if day.month <= 6 else 2}")


def _previous_half(day: datetime.date):
    return parse_assessment_period(f"{day.year - 1}H2" if day.month <= 6 else f"{day.year}H1")


def load(*, today: datetime.date) -> list[str]:
    from gongzhi.accounts.models import User

    schemes = {s.code: s for s in services.ensure_default_schemes()}
    if ScoreRun.objects.exists():
        return [f"考核：{ScoreRun.objects.count()}次评分（演示数据，已存在）"]
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["admin", "fuer", "gongzhi", "weijian", "shuiwu"])
    }
    if len(users) < 5:
        return ["考核：缺少演示账号，未载入"]
    lines = []
    child, cogov = schemes["child_friendly"], schemes["cogov"]
    period = _previous_half(today)
    if period.text in {p.text for p in services.scheme_periods(child, today=today)}:
        run = services.score_compute(actor=users["fuer"], scheme=child, period=period)
        services.run_publish(actor=users["fuer"], run=run, appeal_deadline=today)
        own = run.scores.filter(unit=users["weijian"].unit).first()
        item = (
            own and own.items.filter(evidence__isnull=False).exclude(kind__in=["deductions", "veto"]).first()
        )
        if item is not None:
            appeal = services.appeal_file(
                actor=users["weijian"],
                item=item,
                reason=f"{SYNTHETIC}该季度进展已通过书面材料按时报送，请予核实",
            )
            services.appeal_decide(
                actor=users["fuer"],
                appeal=appeal,
                accept=True,
                note=f"{SYNTHETIC}经核实书面材料按时报送，采纳",
                new_points=min(item.max_points, item.points + 1),
            )
        services.run_submit(actor=users["fuer"], run=run)
        run = services.run_approve(actor=users["admin"], run=run)
        notice = services.notice_draft(actor=users["fuer"], run=run)
        scores = [s.score for s in run.scores.all()]
        lines.append(
            f"考核：{child.name}{period.label}{len(scores)}家单位，得分{points_words(min(scores))}–{points_words(max(scores))}，"
            f"1项申诉已采纳，已审定，通报草稿“{notice.title}”（演示数据）"
        )
    current = _half(today)
    if current.text in {p.text for p in services.scheme_periods(cogov, today=today)}:
        run = services.score_compute(actor=users["gongzhi"], scheme=cogov, period=current)
        # units have a week from the demo day to check their items and appeal
        services.run_publish(
            actor=users["gongzhi"], run=run, appeal_deadline=today + datetime.timedelta(days=7)
        )
        own = run.scores.filter(unit=users["shuiwu"].unit).first()
        item = (
            own and own.items.filter(evidence__isnull=False).exclude(kind__in=["deductions", "veto"]).first()
        )
        if item is not None:
            services.appeal_file(
                actor=users["shuiwu"], item=item, reason=f"{SYNTHETIC}部分数据已按期通过接口推送，请核实"
            )
        scores = [s.score for s in run.scores.all()]
        lines.append(
            f"考核：{cogov.name}{current.label}（截至{date_words(run.as_of)}）{len(scores)}家单位，"
            f"得分{points_words(min(scores))}–{points_words(max(scores))}，征求意见中，1项申诉待处理（演示数据）"
        )
    return lines
