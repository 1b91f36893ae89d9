"""Demo of grid verification (all labelled 演示): two grids in every town and street, a synthetic
grid worker per town (role 网格员, the demo password) and synthetic tax managers (税收管理员), and
verification tasks in every state — some from the demo's leads (the reviewed one shows in its
lead's history), some from the registry (非正常户), some by hand. Idempotent; dated from `today`."""

import datetime
import struct
import zlib

from django.db.models import F

from gongzhi.accounts.demo import DEMO_PASSWORD
from gongzhi.accounts.models import User
from gongzhi.accounts.services import user_create
from gongzhi.cogov import services_grid as services
from gongzhi.cogov.choices_grid import (
    CHECK_ITEMS,
    FindingResult,
    VerificationKind,
    VerificationSource,
    VerificationState,
)
from gongzhi.cogov.models_grid import Grid, VerificationTask
from gongzhi.core.roles import Role
from gongzhi.org.choices import UnitKind
from gongzhi.org.models import Unit
from gongzhi.taxrisk.models import Lead

MARK = "（演示数据）"
HOME_TOWN = "大街街道"  # its grid worker is `wangge`, its tax manager the demo tax officer `shuiwu`


def _png() -> bytes:
    """A 1x1 grey PNG: the demo's site photo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _user(username: str, full_name: str, unit: Unit, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            unit=unit,
            role=role,
            must_change_password=False,
            synthetic=True,
        )
    return user


def _grids(towns: list[Unit]) -> dict[str, list[Grid]]:
    tax_unit = Unit.objects.get(name="区税务局")
    managers = [
        User.objects.filter(username="shuiwu").first()
        or _user("shuiguan0", "税收管理员（演示）", tax_unit, Role.TAX_OFFICER),
        _user("shuiguan1", "税收管理员一（演示）", tax_unit, Role.TAX_OFFICER),
        _user("shuiguan2", "税收管理员二（演示）", tax_unit, Role.TAX_OFFICER),
    ]
    result: dict[str, list[Grid]] = {}
    for position, town in enumerate(towns):
        username = "wangge" if town.name == HOME_TOWN else f"wangge{position + 1:02d}"
        worker = _user(username, f"{town.name}网格员（演示）", town, Role.GRID_WORKER)
        manager = managers[0] if town.name in (HOME_TOWN, "丝绸路街道") else managers[1 + position % 2]
        grids = []
        for number, name in enumerate(("第一网格", "第二网格")):
            grid = Grid.objects.filter(town=town, name=name).first()
            if grid is None:
                grid = services.grid_save(
                    actor=None,
                    town=town,
                    name=name,
                    area=f"{town.name}{'东' if number == 0 else '西'}片区（演示）",
                    tax_manager=manager,
                    workers=[worker],
                )
            grids.append(grid)
        result[town.name] = grids
    return result


def _findings(kind: str, *, false_item: bool = False) -> list[dict]:
    items = CHECK_ITEMS[kind]
    return [
        {"item": item, "result": FindingResult.FALSE, "note": f"{MARK}现场未见经营迹象"}
        if false_item and i == len(items) - 1
        else {"item": item, "result": FindingResult.TRUE, "note": ""}
        for i, item in enumerate(items)
    ]


def _walk(task: VerificationTask, state: str, *, photo: bytes) -> None:
    """Take a new task along the workflow to `state` (as the system)."""
    if state == VerificationState.PENDING:
        return
    worker = task.grid.workers.first()
    services.task_dispatch(actor=None, task=task, assignee=worker)
    if state == VerificationState.DISPATCHED:
        return
    services.task_submit(
        actor=None,
        task=task,
        findings=_findings(task.kind, false_item=state == VerificationState.RETURNED),
        summary=f"{MARK}网格员到场核查，拍照留存。",
        location="北纬36.8031，东经117.8705（演示）",
        photos=[("现场照片.png", photo)],
    )
    if state == VerificationState.SUBMITTED:
        return
    services.task_review(
        actor=None,
        task=task,
        accept=state == VerificationState.REVIEWED,
        note=f"{MARK}情况属实，同意"
        if state == VerificationState.REVIEWED
        else f"{MARK}照片不清晰，请补拍门头",
    )


def load(*, today: datetime.date) -> list[str]:
    towns = list(
        Unit.objects.active()
        .filter(kind__in=(UnitKind.TOWN, UnitKind.SUBDISTRICT))
        .order_by("sort_order", "name")
    )
    if not towns or not Unit.objects.filter(name="区税务局").exists():
        return ["网格核查：缺少镇街或区税务局，未载入演示数据"]
    grids = _grids(towns)
    if VerificationTask.objects.filter(instructions__startswith=MARK).exists():
        return [
            f"网格核查：{Grid.objects.count()}个网格，{VerificationTask.objects.count()}个核查任务（演示数据，已存在）"
        ]
    photo = _png()
    due = today + datetime.timedelta(days=15)
    states = [
        VerificationState.PENDING,
        VerificationState.DISPATCHED,
        VerificationState.SUBMITTED,
        VerificationState.REVIEWED,
        VerificationState.RETURNED,
    ]
    # from the demo's leads: the taxpayers' towns decide the grid; the home town's first
    town_names = set(grids)
    leads = [
        lead
        for lead in Lead.objects.exclude(uscc="")
        .filter(town__in=town_names)
        .order_by(F("town").desc(nulls_last=True), "pk")
        if lead.town in town_names
    ]
    leads.sort(key=lambda lead: (lead.town != HOME_TOWN, lead.pk))
    seen: set[str] = set()
    picked = []
    for lead in leads:
        if lead.uscc not in seen:
            seen.add(lead.uscc)
            picked.append(lead)
        if len(picked) == len(states):
            break
    created = 0
    for lead, state in zip(picked, states, strict=False):
        task = services.task_create(
            actor=None,
            kind=VerificationKind.ACTIVITY,
            uscc=lead.uscc,
            due_date=due,
            grid=grids[lead.town][0],
            lead=lead,
            instructions=f"{MARK}核实纳税人是否在登记地址实际经营、经营规模与申报是否相符。",
            source_note=f"疑点{lead.rule.code} {lead.period}",
            registry={"name": lead.taxpayer_name or lead.uscc, "town": lead.town},
            today=today,
        )
        _walk(task, state, photo=photo)
        created += 1
    # from the registry (非正常户) and by hand: synthetic taxpayers, every town
    kinds = [
        VerificationKind.ADDRESS,
        VerificationKind.SIGNAGE,
        VerificationKind.STATUS,
        VerificationKind.POLICY,
    ]
    number = 0
    for position, town in enumerate(towns):
        for index, grid in enumerate(grids[town.name]):
            number += 1
            state = states[(position + index) % len(states)] if town.name != HOME_TOWN else states[index]
            source = VerificationSource.REGISTRY if index == 0 else VerificationSource.MANUAL
            task = services.task_create(
                actor=None,
                kind=kinds[number % len(kinds)],
                uscc=f"91370306MA3GW{number:04d}X",
                taxpayer_name=f"网格演示户{number:02d}（演示数据）",
                address=f"{town.name}演示路{number}号（演示）",
                due_date=due,
                grid=grid,
                source=source,
                source_note="非正常户" if source == VerificationSource.REGISTRY else "",
                instructions=f"{MARK}请到场核实并拍照。",
                registry={},
                today=today,
            )
            _walk(task, state, photo=photo)
            created += 1
    # one task the grid let pass its due date (dispatched three weeks ago, due three days ago)
    late = VerificationTask.objects.filter(
        instructions__startswith=MARK, state=VerificationState.DISPATCHED
    ).first()
    if late is not None:
        started = late.created_at - datetime.timedelta(days=21)
        VerificationTask.objects.filter(pk=late.pk).update(
            created_at=started,
            dispatched_at=started,
            due_date=today - datetime.timedelta(days=3),
        )
    counts = {s: VerificationTask.objects.filter(state=s).count() for s in VerificationState.values}
    return [
        f"网格核查：{Grid.objects.count()}个网格，{created}个核查任务（"
        + "，".join(f"{VerificationState(s).label}{n}" for s, n in counts.items())
        + "，演示数据）",
        f"  wangge   网格员     {HOME_TOWN}（税收管理员：shuiwu；其他镇街的网格员账号以 wangge 开头，密码同上）",
    ]
