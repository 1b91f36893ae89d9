"""Responsibility clauses."""

import pytest

from gongzhi.plans.parsing.units import find_clauses, role_of_header


def roles(text):
    found = find_clauses(text)
    by = {"lead": [], "responsible": [], "cooperating": []}
    for unit in found.units:
        by[unit.role].append(unit.name)
        assert text[unit.span[0] : unit.span[1]].replace(" ", "") == unit.name
    return by["lead"], by["responsible"], by["cooperating"], found.open_ended


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "推进。（牵头部门：区发展改革局、区妇儿工委办公室）",
            (["区发展改革局", "区妇儿工委办公室"], [], [], False),
        ),
        (
            "共享。（牵头单位：区财政局、区税务局，责任单位：区法院，区发展改革局、区科技局）",
            (["区财政局", "区税务局"], ["区法院", "区发展改革局", "区科技局"], [], False),
        ),
        (
            "共管。（责任单位：区财政局、区委政法委等有关部门单位，各镇（街道）、经济开发区按职责分工负责）",
            ([], ["区财政局", "区委政法委", "各镇（街道）", "经济开发区"], [], True),
        ),
        ("（牵头部门：区总工会、区财政局等各行业主管部门）", (["区总工会", "区财政局"], [], [], True)),
        ("（责任单位：县应急管理局、县教育局等）", ([], ["县应急管理局", "县教育局"], [], True)),
        ("（责任单位：县财政局；牵头单位：县教育局）", (["县教育局"], ["县财政局"], [], False)),
        ("(牵头单位:镇环卫所,配合单位:镇财政所、镇妇联)", (["镇环卫所"], [], ["镇财政所", "镇妇联"], False)),
        (
            "（责任部门：县消防救援大队，协办单位：县住房城乡建设局，各乡镇人民政府按职责分工负责）",
            ([], ["县消防救援大队"], ["县住房城乡建设局", "各乡镇人民政府"], True),
        ),
        (
            "完成改造。\n牵头单位：区民政局\n责任单位：区财政局、各村（社区）",
            (["区民政局"], ["区财政局", "各村（社区）"], [], False),
        ),
        (
            "（区民政局牵头，区财政局、区卫生健康局配合）",
            (["区民政局"], [], ["区财政局", "区卫生健康局"], False),
        ),
        ("（区人力资源社会保障局、区民政局负责）", ([], ["区人力资源社会保障局", "区民政局"], [], False)),
        ("（参与单位：区 财政局）", ([], [], ["区财政局"], False)),
        ("（牵头单位：区财政局，各有关部门）", (["区财政局"], [], [], True)),
        (
            "压缩时间。\n【牵头单位】市审批局；【责任单位】各区人民政府",
            (["市审批局"], ["各区人民政府"], [], False),
        ),
    ],
)
def test_clause_forms(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进公共资源配置优先满足儿童需要。",
        "（含托育机构）",
        "由区政府负责同志牵头，统筹推进。",
        "（2021—2025年）",
    ],
)
def test_no_clause(text):
    assert not find_clauses(text).found


def test_table_headers():
    assert role_of_header("牵头单位") == "lead"
    assert role_of_header("责 任 单 位") == "responsible"
    assert role_of_header("配合部门") == "cooperating"
    assert role_of_header("完成时限") is None
