"""Demo of the assistance list (演示): ten items departments check before they handle a matter,
one of them changed (two versions), one old item retired, a change waiting for approval, and
look-ups run on the demo's synthetic taxpayers with outcomes in every state (passed, failed,
pending, pending past its three days). Dated from `today`, never after it; idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.choices_assistance import Condition, Outcome
from gongzhi.cogov.models_assistance import AssistanceListItem, AssistanceListLookup, AssistanceListVersion
from gongzhi.core.exceptions import ApplicationError
from gongzhi.org.models import Unit

PAID = Condition.TAX_PAID
ARREARS = {"kind": Condition.NO_ARREARS}
ABNORMAL = {"kind": Condition.NOT_ABNORMAL}


def _credit(*levels: str) -> dict:
    return {"kind": Condition.CREDIT_LEVEL, "levels": list(levels)}


# code, matter, units, conditions, legal basis, description
ITEMS = [
    (
        "real_estate_registration",
        "不动产登记",
        ["区自然资源局"],
        [{"kind": PAID, "tax_types": ["契税"]}],
        "《中华人民共和国契税法》第十二条：纳税人办理土地、房屋权属登记，不动产登记机构应当查验契税完税、减免税凭证或者有关信息",
        "办理转移登记前查验契税入库信息（演示）",
    ),
    (
        "government_procurement",
        "政府采购",
        ["区财政局"],
        [_credit("A", "B", "M", "C"), ABNORMAL],  # version 1; version 2 adds 无欠税 (below)
        "《中华人民共和国政府采购法》第二十二条：供应商应当具有依法缴纳税收和社会保障资金的良好记录",
        "供应商资格审查时查验（演示）",
    ),
    (
        "honours",
        "评先树优",
        ["区委宣传部", "区发展改革局", "区人力资源社会保障局", "区卫生健康局", "区教育和体育局", "区总工会"],
        [ARREARS, _credit("A", "B")],
        "纳税信用A级纳税人联合激励、重大税收违法失信主体联合惩戒的有关规定；周政办字〔2023〕10号",
        "评选表彰、推荐先进前查验申报单位（演示）",
    ),
    (
        "construction_acceptance",
        "建设工程竣工验收",
        ["区住房城乡建设局"],
        [{"kind": PAID, "tax_types": ["增值税", "印花税"]}, ARREARS],
        "《中华人民共和国税收征收管理法》第五条：各有关部门和单位应当支持、协助税务机关依法执行职务",
        "竣工验收备案前查验施工企业建筑服务纳税情况（演示）",
    ),
    (
        "equity_change",
        "股权变更登记",
        ["区市场监管局", "区行政审批服务局"],
        [{"kind": PAID, "tax_types": ["个人所得税"]}],
        "《股权转让所得个人所得税管理办法（试行）》：办理股权变更登记前，登记机关查验与该股权交易相关的个人所得税完税凭证",
        "（演示）",
    ),
    (
        "vehicle_registration",
        "车辆登记",
        ["周村交警大队"],
        [ARREARS],
        "《中华人民共和国车辆购置税法》第十三条及车辆登记管理的有关规定；周政办字〔2023〕10号",
        "单位车辆注册登记时查验欠税情况（车辆购置税完税信息另行联网核验）（演示）",
    ),
    (
        "bidding",
        "招投标",
        ["区行政审批服务局", "区住房城乡建设局", "区交通运输局", "区水利局"],
        [ARREARS, _credit("A", "B", "M", "C"), ABNORMAL],
        "《中华人民共和国招标投标法实施条例》及招标投标领域信用管理的有关规定；周政办字〔2023〕10号",
        "投标人资格审查时查验（演示）",
    ),
    (
        "mining_rights",
        "采矿权出让",
        ["区自然资源局"],
        [ARREARS, ABNORMAL],
        "《中华人民共和国资源税法》、矿业权出让收益征收管理的有关规定",
        "竞买人资格审查时查验（演示）",
    ),
    (
        "land_use_rights",
        "土地使用权出让",
        ["区自然资源局"],
        [ARREARS, ABNORMAL],
        "《中华人民共和国城镇国有土地使用权出让和转让暂行条例》及土地出让管理的有关规定；周政办字〔2023〕10号",
        "竞买人资格审查时查验（演示）",
    ),
    (
        "deregistration",
        "企业注销",
        ["区市场监管局", "区行政审批服务局"],
        [ARREARS, ABNORMAL],
        "《中华人民共和国市场主体登记管理条例》第三十二条、《中华人民共和国税收征收管理法实施细则》第十五条",
        "注销登记前查验清税情况（演示）",
    ),
]
RETIRED = (
    "construction_permit",
    "建筑工程施工许可",
    ["区住房城乡建设局", "区行政审批服务局"],
    [ARREARS, _credit("A", "B", "M", "C")],
    "周政办字〔2023〕10号",
    "（演示）",
)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0))), timezone.now())


def _date(version: AssistanceListVersion, drafted: datetime.date, approved: datetime.date | None) -> None:
    AssistanceListVersion.objects.filter(pk=version.pk).update(
        drafted_at=_at(drafted, 9), approved_at=_at(approved, 15) if approved else None
    )


def _item(entry, *, order: int, since: datetime.date) -> AssistanceListItem:
    code, matter, units, conditions, basis, description = entry
    data = {
        "matter": matter,
        "conditions": conditions,
        "legal_basis": basis,
        "description": description,
        "units": list(Unit.objects.filter(name__in=units)),
    }
    version = services.item_draft(actor=None, data=data, code=code, order=order)
    services.version_approve(actor=None, version=version, effective_from=since)
    _date(version, since - datetime.timedelta(days=7), since - datetime.timedelta(days=2))
    return version.item


def load(*, today: datetime.date) -> list[str]:
    if AssistanceListItem.objects.exists():
        return [f"税费协助事项清单：{AssistanceListItem.objects.count()}项（已有）"]
    since = today - datetime.timedelta(days=400)
    items = {entry[0]: _item(entry, order=n, since=since) for n, entry in enumerate(ITEMS, start=1)}
    # a change: 政府采购 once checked only the credit level and 非正常户; 无欠税 came in with the
    # arrears list (version 2, in effect since 90 days ago)
    procurement = items["government_procurement"]
    first = procurement.versions.get()
    changed_on = today - datetime.timedelta(days=90)
    second = services.item_draft(
        actor=None,
        item=procurement,
        data={
            "matter": "政府采购",
            "conditions": [ARREARS, _credit("A", "B", "M", "C"), ABNORMAL],
            "legal_basis": first.legal_basis,
            "description": first.description,
            "units": list(first.units.all()),
        },
        reason="区税务局按月共享欠税清册后，将“无欠税”纳入供应商资格查验（演示）",
    )
    services.version_approve(actor=None, version=second, effective_from=changed_on)
    _date(second, changed_on - datetime.timedelta(days=10), changed_on - datetime.timedelta(days=3))
    # a change waiting for approval: 评先树优 also to exclude 非正常户
    honours = items["honours"]
    current = honours.versions.get()
    draft = services.item_draft(
        actor=None,
        item=honours,
        data={
            "matter": current.matter,
            "conditions": [*current.conditions, ABNORMAL],
            "legal_basis": current.legal_basis,
            "description": current.description,
            "units": list(current.units.all()),
        },
        reason="拟将“不得为非正常户”纳入评先树优查验（征求意见中，演示）",
    )
    _date(draft, today - datetime.timedelta(days=2), None)
    # an item retired: 施工许可 checks moved to 竣工验收
    old = _item(RETIRED, order=len(ITEMS) + 1, since=since)
    services.item_retire(
        actor=None,
        item=old,
        day=today - datetime.timedelta(days=60),
        reason="施工许可环节的查验并入“建设工程竣工验收”（演示）",
    )
    lines = [
        f"税费协助事项清单：{len(ITEMS)}项现行、1项已停用（演示）",
        f"涉税查验：{_lookups(today=today)}次（演示）",
    ]
    return lines


def _taxpayers() -> dict[str, list[str]]:
    """Demo credit codes by what a look-up will find: good (A/B, normal, no arrears), owing
    (in the arrears list), level D."""
    from gongzhi.exchange.warehouse import open_warehouse

    found: dict[str, list[str]] = {"good": [], "owing": [], "d": []}
    try:
        with open_warehouse(user=None, datasets=["taxpayer", "arrears"], purpose="演示数据：涉税查验") as wh:
            if not wh.files("taxpayer"):
                return found
            owing = {r[0] for r in wh.rows("SELECT DISTINCT uscc FROM arrears")}
            for uscc, status, level in wh.rows(
                "SELECT uscc, status, credit_level FROM taxpayer ORDER BY uscc"
            ):
                if uscc in owing:
                    found["owing"].append(uscc)
                elif level == "D":
                    found["d"].append(uscc)
                elif status == "正常" and level in ("A", "B"):
                    found["good"].append(uscc)
    except ApplicationError:
        return found
    return found


# (item, unit, who, kind of taxpayer, days ago, outcome, handling)
LOOKUPS = [
    ("government_procurement", "区财政局", "财政局采购办（演示）", "good", 40, Outcome.PASSED, ""),
    (
        "government_procurement",
        "区财政局",
        "财政局采购办（演示）",
        "owing",
        33,
        Outcome.FAILED,
        "申请人存在欠税，已告知其缴清后再参加采购活动（演示）",
    ),
    ("honours", "区卫生健康局", "卫健局联络员（演示）", "good", 25, Outcome.PASSED, "已推荐参评（演示）"),
    (
        "honours",
        "区教育和体育局",
        "教体局联络员（演示）",
        "d",
        20,
        Outcome.FAILED,
        "纳税信用D级，不予推荐（演示）",
    ),
    ("bidding", "区行政审批服务局", "审批局经办人（演示）", "good", 12, Outcome.PASSED, ""),
    ("deregistration", "区市场监管局", "市场监管局经办人（演示）", "owing", 9, Outcome.PENDING, ""),
    ("land_use_rights", "区自然资源局", "自然资源局经办人（演示）", "good", 6, Outcome.PENDING, ""),
    ("honours", "区卫生健康局", "卫健局联络员（演示）", "owing", 1, Outcome.PENDING, ""),
]


def _lookups(*, today: datetime.date) -> int:
    if AssistanceListLookup.objects.exists():
        return AssistanceListLookup.objects.count()
    taxpayers = _taxpayers()
    made = 0
    for n, (item, unit_name, who, kind, days, outcome, handling) in enumerate(LOOKUPS):
        pool = taxpayers.get(kind) or []
        if not pool:
            continue
        day = today - datetime.timedelta(days=days)
        try:
            record = services.lookup_run(
                actor=None,
                item_code=item,
                code=pool[n % len(pool)],
                purpose="办理前查验（演示）",
                today=today,
                unit=Unit.objects.get(name=unit_name),
                by=who,
            )
        except ApplicationError:  # shared data not there (a demo day before the data)
            continue
        at = _at(day, 9 + n % 6)
        AssistanceListLookup.objects.filter(pk=record.pk).update(
            looked_up_at=at, data_date=min(record.data_date, at) if record.data_date else None
        )
        if outcome != Outcome.PENDING:
            services.lookup_outcome(actor=None, lookup=record, outcome=outcome, handling=handling, by=who)
            AssistanceListLookup.objects.filter(pk=record.pk).update(
                outcome_at=min(at + datetime.timedelta(hours=2), timezone.now())
            )
        made += 1
    return made
