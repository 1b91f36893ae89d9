"""Guessing a unit's kind from its name (区财政局 -> 政府部门, 王村镇 -> 镇), for units created on import."""

from gongzhi.org.choices import UnitKind
from gongzhi.org.matching import normalize_name


def guess_unit_kind(name: str) -> str:
    key = normalize_name(name)
    rules = [
        (("镇", "镇人民政府", "镇政府"), UnitKind.TOWN),
        (("街道", "街道办事处"), UnitKind.SUBDISTRICT),
        (("开发区", "管委会", "高新区", "园区"), UnitKind.DEV_ZONE),
        (("法院", "检察院"), UnitKind.JUDICIAL),
        (
            ("妇联", "总工会", "文联", "科协", "残联", "团区委", "团县委", "团市委", "工商联"),
            UnitKind.MASS_ORG,
        ),
        (("幼儿园",), UnitKind.KINDERGARTEN),
        (("小学", "中学", "学校", "完全学校", "九年一贯制学校"), UnitKind.SCHOOL),
        (("社区", "居委会", "社区居委会"), UnitKind.COMMUNITY),
        (("村", "村委会"), UnitKind.VILLAGE),
    ]
    for suffixes, kind in rules:
        if key.endswith(suffixes):
            return kind
    if key.startswith(("区委", "县委", "市委")) and key.endswith(("部", "委", "办")):
        return UnitKind.PARTY
    if key.endswith(("局", "办公室", "委员会", "分局")):
        return UnitKind.GOVERNMENT
    return UnitKind.OTHER
