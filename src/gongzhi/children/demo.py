"""Demo data (synthetic, labelled 虚构) for `gongzhi demo`: see demo/loaders.py for the order.

Three levels of councils (区, 街道, 学校 and 社区) with invented members (小明（虚构）…), their
sessions, suggestions in every state (new, routed, routed and overdue, answered, published) and
the children's public page of the child-friendly plan (周政办字〔2023〕8号). Idempotent: nothing is
made when the district council exists. Every date is on or before `today` (deadlines may follow).
"""

import datetime

from gongzhi.children import services
from gongzhi.children.choices import Adoption, AgeBand, CouncilLevel
from gongzhi.children.models import ChildrenPage, Council, Suggestion
from gongzhi.org.models import Unit
from gongzhi.plans.models import PlanNode, PolicyDocument

PLAN = "周政办字〔2023〕8号"
DISTRICT = "周村区儿童议事会（虚构）"

COUNCILS = [
    # name, level, parent, facilitator unit, place, founded days ago
    (DISTRICT, CouncilLevel.DISTRICT, None, "区妇联", "", 420),
    ("大街街道儿童议事会（虚构）", CouncilLevel.TOWN, DISTRICT, "大街街道", "", 400),
    ("王村镇儿童议事会（虚构）", CouncilLevel.TOWN, DISTRICT, "王村镇", "", 390),
    (
        "大街街道第一小学儿童议事会（虚构）",
        CouncilLevel.COMMUNITY,
        "大街街道儿童议事会（虚构）",
        "区教育和体育局",
        "大街街道第一小学（虚构）",
        380,
    ),
    (
        "丝绸社区儿童议事会（虚构）",
        CouncilLevel.COMMUNITY,
        "大街街道儿童议事会（虚构）",
        "大街街道",
        "丝绸社区（虚构）",
        370,
    ),
]

NAMES = ["小明", "小红", "小刚", "小丽", "小军", "小芳", "小华", "小雨", "小林", "小月", "小天", "小星"]
BANDS = [AgeBand.AGE_9_11, AgeBand.AGE_12_14, AgeBand.AGE_6_8, AgeBand.AGE_15_17]

SESSIONS = {
    # council: (days ago, topic, minutes, attendance, suggestions)
    DISTRICT: [
        (
            200,
            "我心中的儿童友好城市",
            "（虚构）各镇街议事会代表交流了上学路上、公园和图书馆的所见所想，形成3条建议。",
            15,
            ["希望上学路上多一些斑马线和提醒开车的人慢一点的牌子", "希望公园里有适合小朋友玩的沙坑和攀爬架"],
        ),
    ],
    "大街街道第一小学儿童议事会（虚构）": [
        (
            120,
            "我们的操场和课间",
            "（虚构）同学们讨论了课间活动和操场使用，提出2条建议。",
            12,
            ["希望周末也能开放学校的操场", "希望教室里有一个放绘本的小书架"],
        ),
        (45, "保护眼睛", "（虚构）讨论了少看手机、多去户外玩。", 11, ["希望每天有一节课在户外上"]),
    ],
    "丝绸社区儿童议事会（虚构）": [
        (
            60,
            "社区里的儿童之家",
            "（虚构）孩子们参观了儿童之家，提出了开放时间的建议。",
            8,
            ["希望儿童之家放学后和周末都开门"],
        ),
    ],
}

PUBLIC = [
    # text, age band, days ago
    ("我家附近的小公园没有厕所，希望能建一个", AgeBand.AGE_9_11, 2),
]

# (suggestion text) -> (unit, task number, routed days ago, deadline days, answered days ago or None,
#                       adoption, answer, published)
ROUTING = {
    "希望上学路上多一些斑马线和提醒开车的人慢一点的牌子": (
        "周村交警大队",
        "（27）",
        190,
        30,
        175,
        Adoption.ADOPTED,
        "谢谢你的建议！我们已经在大街街道第一小学门口的路上画了新的斑马线，还立了“前方学校 请慢行”的牌子。",
        True,
    ),
    "希望公园里有适合小朋友玩的沙坑和攀爬架": (
        "区综合行政执法局",
        "（28）",
        190,
        30,
        168,
        Adoption.PARTLY,
        "我们在新建的口袋公园里装了攀爬架。沙坑要经常清洁，我们还在想办法，明年再告诉你们。",
        True,
    ),
    "希望周末也能开放学校的操场": (
        "区教育和体育局",
        "（29）",
        110,
        30,
        100,
        Adoption.NOT_ADOPTED,
        "学校操场周末暂时不能开放，因为周末没有老师照看，怕大家受伤。你们可以去新建的运动场地玩，那里周末开放。",
        True,
    ),
    "希望教室里有一个放绘本的小书架": (
        "区教育和体育局",
        "（25）",
        110,
        30,
        95,
        Adoption.ADOPTED,
        "好主意！每个一、二年级的教室都会放一个小书架，书由大家一起挑选。",
        False,
    ),
    "希望儿童之家放学后和周末都开门": ("区民政局", "（21）", 50, 30, None, "", "", False),  # overdue
    "希望每天有一节课在户外上": ("区卫生健康局", "（11）", 5, 30, None, "", "", False),  # open, due later
}


def load(*, today: datetime.date) -> list[str]:
    if Council.objects.filter(name=DISTRICT).exists():
        return []
    plan = PolicyDocument.objects.filter(doc_number=PLAN).first()
    days = datetime.timedelta
    councils: dict[str, Council] = {}
    for name, level, parent, unit, place, ago in COUNCILS:
        councils[name] = services.council_create(
            actor=None,
            name=name,
            level=level,
            parent=councils.get(parent),
            facilitator_unit=Unit.objects.get(name=unit),
            place=place,
            founded_on=today - days(ago),
        )
    n = 0
    for council in councils.values():
        for i in range(3 if council.level != CouncilLevel.COMMUNITY else 4):
            joined = council.founded_on + days(10 + i)
            member = services.member_add(
                actor=None,
                council=council,
                name=f"{NAMES[n % len(NAMES)]}（虚构）",
                age_band=BANDS[n % len(BANDS)],
                school=council.place or "大街街道第一小学（虚构）",
                guardian_consent=True,
                consent_date=joined - days(5),
                joined_on=joined,
            )
            if i == 0 and council.level == CouncilLevel.DISTRICT:  # one member has left
                services.member_leave(actor=None, member=member, left_on=today - days(30))
            n += 1
    for name, sessions in SESSIONS.items():
        for ago, topic, minutes, attendance, texts in sessions:
            services.session_record(
                actor=None,
                council=councils[name],
                date=today - days(ago),
                topic=topic,
                minutes=minutes,
                attendance=attendance,
                suggestions=texts,
            )
    for text, band, ago in PUBLIC:
        s = services.suggestion_submit_public(actor=None, text=text, age_band=band)
        Suggestion.objects.filter(pk=s.pk).update(received_on=today - days(ago))
    tasks = {t.number: t for t in plan.nodes.tasks().current()} if plan else {}
    for text, (unit, task, routed_ago, limit, answered_ago, adoption, answer, publish) in ROUTING.items():
        s = Suggestion.objects.get(text=text)
        routed = today - days(routed_ago)
        services.suggestion_route(
            actor=None,
            suggestion=s,
            unit=Unit.objects.get(name=unit),
            deadline=routed + days(limit),
            task=tasks.get(task) if isinstance(tasks.get(task), PlanNode) else None,
            today=routed,
        )
        if answered_ago is not None:
            services.suggestion_answer(
                actor=None, suggestion=s, adoption=adoption, answer=answer, today=today - days(answered_ago)
            )
            if publish:
                services.suggestion_publish(actor=None, suggestion=s, today=today - days(answered_ago - 3))
    if plan is not None:
        ChildrenPage.objects.get_or_create(
            plan=plan,
            defaults={
                "heading": "儿童友好城市：我们一起把周村变得更好（虚构演示）",
                "intro": (
                    "大人们定了一个计划，要让周村更适合小朋友生活：更多的公园和运动场，更安全的上学路，"
                    "更好的学校和医院。\n下面是计划里的目标，和现在做到了多少。你们的建议，我们也会认真回答。"
                ),
                "published": True,
            },
        )
    counts = {
        "councils": Council.objects.count(),
        "suggestions": Suggestion.objects.count(),
    }
    return [
        f"儿童议事会：{counts['councils']}个（三级，虚构），儿童建议{counts['suggestions']}条（各种办理状态）"
    ]
