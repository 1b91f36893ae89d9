"""Demo of enterprise requests (企业诉求, all labelled 演示): one request in every state — new (from
the public form and from a grid worker), routed, partly answered, overdue, answered and waiting to
be closed, closed and waiting for the call-back, closed and rated (satisfied; unsatisfied with a
reason; late and basically satisfied). The enterprises are taken from the demo's taxpayer
registry (synthetic, read through the warehouse); synthetic codes stand in when it is empty.
Contacts are invented placeholders ("联系人甲（演示）"), phones synthetic. Idempotent; dated
from `today`, nothing after it (deadlines may lie ahead)."""

import datetime
import random

from django.db import transaction

from gongzhi.cogov import services_enterprise as services
from gongzhi.cogov.choices_enterprise import RequestChannel
from gongzhi.cogov.models_enterprise import EnterpriseRequest
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.validation import synthetic
from gongzhi.exchange.warehouse import open_warehouse
from gongzhi.org.models import Unit

MARK = "（演示）"
CONTACTS = "甲乙丙丁戊己庚辛壬癸"

# (days ago received, kind, channel, entered by unit, content, route, answers, close, rating)
# route: (days ago, lead, [co], days to answer); answers: [(unit, days ago, text)];
# close: (days ago, reply); rating: (satisfaction, comment, source)
SCENARIOS = [
    (1, "policy", "public", None, "想了解小微企业“六税两费”减免政策能否适用于本企业", None, [], None, None),
    (
        0,
        "land_labour",
        "grid",
        "南郊镇",
        "扩大生产需要招用30名熟练工，希望帮助对接用工信息",
        None,
        [],
        None,
        None,
    ),
    (
        3,
        "tax",
        "department",
        "区行政审批服务局",
        "跨区迁移涉税事项办理流程不清楚，希望一次办好",
        (2, "区税务局", [], 7),
        [],
        None,
        None,
    ),
    (
        5,
        "approval",
        "grid",
        "王村镇",
        "新建厂房的不动产登记和契税缴纳需要多部门办理，希望一站式办结",
        (4, "区自然资源局", ["区税务局", "区住房城乡建设局"], 10),
        [("区税务局", 2, "已核实契税申报情况，可在政务服务中心税务窗口一次办理")],
        None,
        None,
    ),
    (
        14,
        "finance",
        "department",
        "区财政局",
        "流动资金紧张，希望了解“银税互动”信用贷款申请条件",
        (12, "区卫生健康局", ["区税务局"], 5),
        [("区税务局", 9, "企业纳税信用为B级，符合银税互动贷款条件，已推送合作银行")],
        None,
        None,
    ),
    (
        8,
        "complaint",
        "public",
        None,
        "反映发票领用时限过长，影响正常经营",
        (7, "区税务局", ["区行政审批服务局"], 7),
        [
            ("区行政审批服务局", 5, "已协调政务服务中心增开税务综合窗口"),
            ("区税务局", 4, "已为企业调整发票领用数量，可线上领用"),
        ],
        None,
        None,
    ),
    (
        20,
        "policy",
        "department",
        "区发展改革局",
        "研发费用加计扣除政策享受条件及留存备查资料咨询",
        (19, "区税务局", ["区科技局"], 7),
        [
            ("区税务局", 16, "已上门辅导研发费用归集口径和备查资料"),
            ("区科技局", 15, "已协助企业完成科技型中小企业评价入库"),
        ],
        (14, "已辅导企业按规定归集研发费用并享受加计扣除，科技型中小企业评价已入库。"),
        None,
    ),
    (
        30,
        "tax",
        "grid",
        "大街街道",
        "社保费缴费基数申报有疑问，希望上门辅导",
        (29, "区税务局", ["区人力资源社会保障局"], 7),
        [
            ("区人力资源社会保障局", 27, "已说明缴费基数核定口径"),
            ("区税务局", 26, "已上门辅导完成申报"),
        ],
        (25, "已上门辅导企业完成社保费缴费基数申报，后续可通过电子税务局自行办理。"),
        ("satisfied", "上门服务及时", "callback"),
    ),
    (
        40,
        "land_labour",
        "department",
        "区自然资源局",
        "项目用地手续办理进度慢，希望加快",
        (38, "区自然资源局", ["区行政审批服务局"], 7),
        [
            ("区行政审批服务局", 35, "已开通并联审批"),
            ("区自然资源局", 31, "已完成用地预审，正在组卷报批"),
        ],
        (30, "用地预审已完成，已组卷报批，预计一个月内取得批复，期间有进展将电话告知。"),
        ("unsatisfied", "办理时间超过承诺期限", "public"),
    ),
    (
        50,
        "approval",
        "public",
        None,
        "食品经营许可证变更后税务登记信息需同步变更",
        (49, "区行政审批服务局", ["区税务局", "区市场监管局"], 7),
        [
            ("区市场监管局", 46, "许可证变更信息已推送"),
            ("区税务局", 45, "税务登记信息已同步变更"),
            ("区行政审批服务局", 40, "已完成许可证变更并告知企业"),
        ],
        (39, "许可证变更和税务登记信息同步已全部办结，无需企业再跑腿。"),
        ("basic", "", "callback"),
    ),
]


def _enterprises(count: int) -> list[tuple[str, str]]:
    """(credit code, name) of the demo registry's first taxpayers; synthetic ones if it is empty."""
    rows: list[tuple[str, str]] = []
    if Dataset.objects.filter(code="taxpayer", current_version__isnull=False).exists():
        with open_warehouse(user=None, datasets=["taxpayer"], purpose="演示数据：企业诉求") as wh:
            rows = [
                (uscc, name)
                for uscc, name in wh.rows(
                    "SELECT uscc, name FROM taxpayer WHERE uscc IS NOT NULL AND status = '正常' "
                    "ORDER BY uscc LIMIT ?",
                    [count],
                )
            ]
    rng = random.Random(20231016)
    while len(rows) < count:
        rows.append((synthetic.uscc(rng), f"演示企业{len(rows) + 1}（合成数据）"))
    return rows


def _unit(name: str | None):
    return Unit.objects.filter(name=name).first() if name else None


def load(*, today: datetime.date) -> list[str]:
    if EnterpriseRequest.objects.filter(content__endswith=MARK).exists():
        return ["企业诉求：演示数据已存在"]
    needed = {name for s in SCENARIOS if s[5] for name in [s[5][1], *s[5][2]]}
    missing = sorted(n for n in needed if _unit(n) is None)
    if missing:
        return [f"企业诉求：缺少单位{'、'.join(missing)}，未载入演示数据"]
    rng = random.Random(16)
    enterprises = _enterprises(len(SCENARIOS))
    made = []
    with transaction.atomic():
        for n, (ago, kind, channel, entered, content, route, answers, close, rating) in enumerate(SCENARIOS):
            uscc, name = enterprises[n]
            day = lambda d: today - datetime.timedelta(days=d)  # noqa: E731
            common = {
                "uscc": uscc,
                "enterprise_name": name[:100],
                "contact_name": f"联系人{CONTACTS[n % len(CONTACTS)]}{MARK}",
                "contact_phone": synthetic.mobile(rng),
                "kind": kind,
                "content": content + MARK,
                "today": day(ago),
            }
            if channel == RequestChannel.PUBLIC:
                r = services.request_submit_public(**common)
            else:
                r = services.request_create(actor=None, unit=_unit(entered), channel=channel, **common)
            if route:
                routed_ago, lead, co, days = route
                services.request_route(
                    actor=None,
                    request=r,
                    lead_unit=_unit(lead),
                    co_units=[_unit(u) for u in co],
                    deadline=day(routed_ago) + datetime.timedelta(days=days),
                    today=day(routed_ago),
                )
            for unit, answered_ago, text in answers:
                services.request_answer(
                    actor=None, request=r, unit=_unit(unit), answer=text + MARK, today=day(answered_ago)
                )
            if close:
                services.request_close(actor=None, request=r, reply=close[1] + MARK, today=day(close[0]))
            if rating:
                satisfaction, comment, source = rating
                r.refresh_from_db()
                if source == "public":
                    services.request_rate_public(
                        receipt_no=r.receipt_no,
                        uscc=r.uscc,
                        satisfaction=satisfaction,
                        comment=comment,
                        today=day(close[0] - 1),
                    )
                else:
                    services.request_rate(
                        actor=None,
                        request=r,
                        satisfaction=satisfaction,
                        comment=comment,
                        today=day(close[0] - 2),
                    )
            made.append(r)
    return [f"企业诉求：{len(made)}件（待分办、办理中、部分答复、逾期、待办结、已办结待回访、已评价，演示）"]
