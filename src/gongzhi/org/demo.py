"""Demo: the units of both reference documents and the tax co-governance leading group."""

import csv
import datetime
from pathlib import Path

from gongzhi.org.choices import GroupKind
from gongzhi.org.models import Group, Unit
from gongzhi.org.services import group_create, group_load_members, units_load

DATA = Path(__file__).parent / "data"
TAX_GROUP = "周村区税费协同共治领导小组"


def load(*, today: datetime.date) -> list[str]:
    path = DATA / "zhoucun_units.csv"
    counts = units_load(actor=None, data=path.read_bytes(), filename=path.name)
    if not Group.objects.filter(name=TAX_GROUP).exists():
        group = group_create(
            actor=None,
            name=TAX_GROUP,
            kind=GroupKind.LEADING_GROUP,
            office_unit=Unit.objects.get(name="区财政局"),
            source="周政办字〔2023〕10号",
            duties="负责全区税费共治工作的组织协调、沟通决策，定期召开成员单位联席会议；制定并动态调整"
            "税费数据共享需求清单、税费协助事项清单；制定、实施税费协同共治工作考核办法。",
        )
        with (DATA / "zhoucun_tax_leading_group.csv").open(encoding="utf-8") as handle:
            members = [
                {"role": r["角色"], "name": r["姓名"], "title": r["职务"]} for r in csv.DictReader(handle)
            ]
        group_load_members(
            actor=None,
            group=group,
            members=members,
            since=None,
            office_director="吴振峰",
            synthetic_contacts=True,
        )
    if not Group.objects.filter(name="区儿童友好城市建设工作领导小组").exists():
        group_create(
            actor=None,
            name="区儿童友好城市建设工作领导小组",
            kind=GroupKind.LEADING_GROUP,
            source="周政办字〔2023〕8号",
            duties="负责组织、协调、指导、督促儿童友好城市建设工作。",
        )
    return [
        f"单位名录：{Unit.objects.count()}个单位（本次新增{counts['created']}个）",
        f"{TAX_GROUP}：{Group.objects.get(name=TAX_GROUP).memberships.current().count()}名成员",
    ]
