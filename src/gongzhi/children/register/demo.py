"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order.

The default impact checklist; villages and communities under every demo town and subdistrict,
a few schools and kindergartens; each village and community's report of （18）村（社区）配备1名
儿童主任; child-friendly spaces in every status; the （28） park target counted from the register;
two impact assessments (one signed off, one under review). Idempotent: the units load updates
nothing the second time, and the rest is made only when no demo space exists. Every date is on
or before `today`.
"""

import datetime
from decimal import Decimal

from gongzhi.children.register import services
from gongzhi.children.register.choices import Answer, Conclusion, SpaceKind, SpaceStatus
from gongzhi.children.register.models import ImpactAssessment, Space
from gongzhi.org.choices import BASE_UNIT_KINDS
from gongzhi.org.models import Unit
from gongzhi.org.services import units_load
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.choices import IndicatorKind
from gongzhi.supervision.models import Indicator
from gongzhi.supervision.services import indicator_update, value_save

PLAN = "周政办字〔2023〕8号"
MARK = "（虚构）"

# town -> its villages (镇) or communities (街道), then schools and kindergartens
BASE_UNITS = {
    "王村镇": ("村", ["王村镇东村", "王村镇西村", "王村镇南村"]),
    "南郊镇": ("村", ["南郊镇前村", "南郊镇后村"]),
    "北郊镇": ("村", ["北郊镇河村", "北郊镇岭村"]),
    "大街街道": ("社区", ["丝绸社区", "大街街道新华社区"]),
    "丝绸路街道": ("社区", ["丝绸路街道银子市社区", "丝绸路街道朝阳社区"]),
    "永安街街道": ("社区", ["永安街街道永安社区"]),
    "青年路街道": ("社区", ["青年路街道青年社区"]),
    "城北路街道": ("社区", ["城北路街道北苑社区"]),
}
SCHOOLS = [
    ("大街街道第一小学", "学校", "大街街道"),
    ("王村镇中心小学", "学校", "王村镇"),
    ("丝绸路街道实验幼儿园", "幼儿园", "丝绸路街道"),
    ("南郊镇中心幼儿园", "幼儿园", "南郊镇"),
]
# name, kind, place, responsible unit, status, days before today
SPACES = [
    ("丝绸社区儿童友好街区", SpaceKind.BLOCK, "丝绸社区", "大街街道", SpaceStatus.CERTIFIED, 200),
    ("银子市儿童友好街区", SpaceKind.BLOCK, "丝绸路街道银子市社区", "丝绸路街道", SpaceStatus.BUILDING, 60),
    ("大街街道第一小学", SpaceKind.SCHOOL, "大街街道第一小学", "区教育和体育局", SpaceStatus.BUILT, 150),
    ("区人民医院儿科", SpaceKind.HOSPITAL, "青年路街道", "区卫生健康局", SpaceStatus.PLANNED, 40),
    ("新华路上学路", SpaceKind.ROAD, "大街街道新华社区", "区住房城乡建设局", SpaceStatus.BUILT, 120),
    ("王村镇中心小学上学路", SpaceKind.ROAD, "王村镇", "区住房城乡建设局", SpaceStatus.BUILDING, 30),
    ("朝阳口袋公园", SpaceKind.PARK, "丝绸路街道朝阳社区", "区综合行政执法局", SpaceStatus.CERTIFIED, 300),
    ("河畔儿童主题公园", SpaceKind.PARK, "北郊镇河村", "区综合行政执法局", SpaceStatus.BUILDING, 90),
    ("北苑口袋公园", SpaceKind.PARK, "城北路街道北苑社区", "区综合行政执法局", SpaceStatus.PLANNED, 20),
    ("永安社区儿童阅读角", SpaceKind.READING, "永安街街道永安社区", "区文化和旅游局", SpaceStatus.BUILT, 100),
    ("南郊镇多功能运动场", SpaceKind.SPORTS, "南郊镇前村", "区教育和体育局", SpaceStatus.BUILT, 250),
]


def _units_csv() -> bytes:
    lines = ["名称,类别,上级单位"]
    for town, (kind, names) in BASE_UNITS.items():
        lines += [f"{name}{MARK},{kind},{town}" for name in names]
    for name, kind, parent in SCHOOLS:
        lines.append(f"{name}{MARK},{kind},{parent}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _unit(name: str) -> Unit:
    return Unit.objects.filter(name=name).first() or Unit.objects.get(name=f"{name}{MARK}")


def _village_reports(plan: PolicyDocument, today: datetime.date) -> str:
    """（18）村（社区）配备1名儿童主任: every village and community is judged; most report."""
    indicator = (
        Indicator.objects.filter(plan=plan, active=True, task__number="（18）", kind=IndicatorKind.PER_UNIT)
        .filter(target__per__contains="村")
        .first()
    )
    if indicator is None:
        return ""
    units = list(Unit.objects.active().filter(kind__in=BASE_UNIT_KINDS, name__endswith=MARK).order_by("name"))
    if set(indicator.per_units.all()) != set(units):
        indicator_update(actor=None, indicator=indicator, per_units=units)
    quarter_end = _last_quarter_end(today)
    for position, unit in enumerate(units):
        if position % 5 == 4 or indicator.values.filter(unit=unit).exists():
            continue  # every fifth has not reported yet
        value_save(
            actor=None,
            indicator=indicator,
            unit=unit,
            period_end=quarter_end,
            value=Decimal(0 if position % 4 == 3 else 1),
            note=f"儿童主任配备情况{MARK}",
            submit=True,
        )
    return indicator.name


def _last_quarter_end(today: datetime.date) -> datetime.date:
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return quarter_start - datetime.timedelta(days=1)


def _assessments(plan: PolicyDocument, today: datetime.date) -> None:
    if ImpactAssessment.objects.exists():
        return
    road_task = plan.nodes.tasks().current().filter(number="（27）").first()
    if road_task is not None:
        unit = Unit.objects.get(name="区住房城乡建设局")
        signed = services.assessment_create(actor=None, owner_unit=unit, task=road_task)
        answers = {a.question_id: (Answer.YES, "") for a in signed.answers.all()}
        partly = [a.question_id for a in signed.answers.all() if "听取儿童意见" in a.question.text]
        for question_id in partly:
            answers[question_id] = (Answer.PARTLY, f"已在2所小学开展上学路问卷，尚未召开儿童座谈会{MARK}")
        services.assessment_answer(
            actor=None,
            assessment=signed,
            answers=answers,
            summary=f"上学路改造方案总体符合儿童友好要求，学生过街设施需加强{MARK}",
        )
        services.assessment_submit(actor=None, assessment=signed)
        services.assessment_sign_off(
            actor=None,
            assessment=signed,
            conclusion=Conclusion.WITH_CHANGES,
            required_changes=f"在校门口增设儿童过街安全岛；方案定稿前召开一次儿童座谈会{MARK}",
            comment=f"经审核，同意按须修改事项完善后实施{MARK}",
        )
    owner = Unit.objects.get(name="区综合行政执法局")
    project = services.project_create(
        actor=None,
        name=f"北苑口袋公园改造项目{MARK}",
        owner_unit=owner,
        description=f"将城北路街道闲置地块改造为口袋公园，含儿童游戏区和休憩区{MARK}",
    )
    pending = services.assessment_create(actor=None, owner_unit=owner, project=project)
    answers = {a.question_id: (Answer.YES, "") for a in pending.answers.all()}
    safety = [a.question_id for a in pending.answers.all() if a.question.group == "safety"]
    if safety:
        answers[safety[0]] = (Answer.PARTLY, f"临街一侧的隔离设施待设计{MARK}")
    services.assessment_answer(
        actor=None, assessment=pending, answers=answers, summary=f"项目以儿童游戏空间为主{MARK}"
    )
    services.assessment_submit(actor=None, assessment=pending)


def load(*, today: datetime.date) -> list[str]:
    services.checklist_default(actor=None)
    counts = units_load(actor=None, data=_units_csv(), filename="村社区学校（虚构）.csv")
    plan = PolicyDocument.objects.filter(doc_number=PLAN).order_by("-revision").first()
    lines = [
        f"村、社区、学校、幼儿园：{Unit.objects.filter(name__endswith=MARK, kind__in=[*BASE_UNIT_KINDS, 'school', 'kindergarten']).count()}个（本次新增{counts['created']}个）"
    ]
    if plan is None:
        return lines
    village_indicator = _village_reports(plan, today)
    if not Space.objects.filter(name__endswith=MARK).exists():
        for name, kind, place, responsible, status, days in SPACES:
            services.space_save(
                actor=None,
                name=f"{name}{MARK}",
                kind=kind,
                location_unit=_unit(place),
                responsible_unit=_unit(responsible),
                status=status,
                status_date=today - datetime.timedelta(days=days),
            )
        park = (
            Indicator.objects.filter(plan=plan, active=True, task__number="（28）")
            .filter(kind__in=services.COUNTABLE_KINDS)
            .first()
        )
        if park is not None:
            services.counting_target_link(
                actor=None,
                indicator=park,
                kind=SpaceKind.PARK,
                statuses=[SpaceStatus.BUILT, SpaceStatus.CERTIFIED],
            )
    _assessments(plan, today)
    lines.append(
        f"儿童友好空间：{Space.objects.count()}处；儿童影响评价：{ImpactAssessment.objects.count()}项"
        + (f"；逐村（社区）指标：{village_indicator}" if village_indicator else "")
    )
    return lines
